package dev.sieve.proxy.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.error.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v1/messages", "/a?b=c&d=e%20f", "*", "api.example.com:443",
        "http://plain.example.com:8080/p;x=1?q=(a)+b,c!$'*~_-.", "/a?q={%22x%22}",
        "/search?q={a}|b^c`d[e]\\f", "/p?q=100%", "http://[::1]:80/"})
    void targetsThatClientsSendAreFine(String target) {
        assertThat(RequestHeadCheck.check(target, "HTTP", 1, 1, List.of())).isNull();
    }

    @Test
    void everyByteOutsideTheAllowedSetIsRefusedNamingItsValueAndOffset() {
        // '#' too, once: the fragment after it is scanned and the request then refused (see the next test).
        String allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?@[]!$&'()*+,;=%{}|^`\\#";
        for (int b = 0; b < 256; b++) {
            char c = (char) b;
            RequestHeadCheck.Problem p = RequestHeadCheck.check("/a" + c, "HTTP", 1, 1, List.of());
            if (allowed.indexOf(c) >= 0) {
                assertThat(p).as("byte %02x", b).isNull();
            } else {
                assertThat(p).as("byte %02x", b).isNotNull();
                assertThat(p.refusal()).isEqualTo(Refusal.BAD_REQUEST);
                assertThat(p.detail()).isEqualTo(String.format(
                        "the request target has byte 0x%02X at offset 2; percent-encode it", b));
            }
        }
    }

    @Test
    void oneHashPassesForTheExchangeToScanAndRefuseASecondIsNotAUri() {
        assertThat(RequestHeadCheck.check("/v1/messages#k=v", "HTTP", 1, 1, List.of())).isNull();
        assertThat(RequestHeadCheck.check("https://h/#", "HTTP", 1, 1, List.of())).isNull();
        RequestHeadCheck.Problem second = RequestHeadCheck.check("/v1#a#b", "HTTP", 1, 1, List.of());
        assertThat(second.refusal()).isEqualTo(Refusal.BAD_REQUEST);
        assertThat(second.detail()).isEqualTo("the request target has byte 0x23 at offset 5; percent-encode it");
        // The fragment is still held to the URI's characters.
        assertThat(RequestHeadCheck.check("/v1#a b", "HTTP", 1, 1, List.of())).isNotNull();
    }

    @Test
    void anEmptyTargetIsRefused() {
        assertThat(RequestHeadCheck.check("", "HTTP", 1, 1, List.of()).refusal()).isEqualTo(Refusal.BAD_REQUEST);
    }

    @ParameterizedTest
    @CsvSource({"HTTP, 1, 0, true", "HTTP, 1, 1, true", "HTTP, 2, 0, false", "HTTP, 0, 9, false",
        "HTTP, 1, 2, false", "HTTP, 3, 0, false", "HTTPS, 1, 1, false"})
    void onlyHttp10And11AreSupported(String name, int major, int minor, boolean supported) {
        RequestHeadCheck.Problem p = RequestHeadCheck.check("/", name, major, minor, List.of());
        if (supported) {
            assertThat(p).isNull();
        } else {
            assertThat(p.refusal()).isEqualTo(Refusal.HTTP_VERSION_NOT_SUPPORTED);
        }
    }

    @Test
    void theVersionIsCheckedBeforeTheTarget() {
        assertThat(RequestHeadCheck.check("/a\u0000", "HTTP", 2, 0, List.of()).refusal())
                .isEqualTo(Refusal.HTTP_VERSION_NOT_SUPPORTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "Chunked", " chunked ", "chunked,", ",chunked"})
    void chunkedAloneIsTheOnlyTransferCoding(String value) {
        assertThat(RequestHeadCheck.check("/", "HTTP", 1, 1, List.of(value))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip, chunked", "deflate,chunked", "identity, chunked", "chunked, chunked", "gzip", ""})
    void otherTransferCodingsAreRefused(String value) {
        RequestHeadCheck.Problem p = RequestHeadCheck.check("/", "HTTP", 1, 1, List.of(value));
        assertThat(p.refusal()).isEqualTo(Refusal.BAD_REQUEST);
        assertThat(p.detail()).contains("only chunked");
    }

    @Test
    void transferEncodingFieldsAreOneList() {
        assertThat(RequestHeadCheck.check("/", "HTTP", 1, 1, List.of("gzip", "chunked"))).isNotNull();
    }
}
