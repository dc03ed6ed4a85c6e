package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.view.ViewLimits.Limit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every decode limit: a request just over a tight value fails and names that limit (so the proxy can name the
 * configuration key), and the same request decodes once the limit is raised.
 */
class ViewLimitsTest {

    private static final String BOUNDARY = "b0undary";

    /** A request that needs more than {@link #tight(Limit)} of {@code limit} and less than {@link #raised}. */
    private record Case(RequestMeta meta, byte[] body) {}

    @ParameterizedTest
    @EnumSource(value = Limit.class, names = {"MAX_PDF_TIME", "MAX_DECODE_DEPTH"}, mode = EnumSource.Mode.EXCLUDE)
    void aRequestOverALimitFailsNamingItAndPassesWhenItIsRaised(Limit limit) throws IOException {
        Case c = caseFor(limit);

        DecodeOutcome.Failed failed = decode(c.meta(), c.body(), tight(limit)).failed();
        assertThat(failed.limit()).as(failed.detail()).contains(limit);
        assertThat(failed.detail()).contains(limit.key());
        decode(c.meta(), c.body(), raised(limit)).ok();
    }

    @Test
    void pdfTimeLimitIsNamed() throws IOException {
        byte[] pdf = Fixtures.pdf("one", "two");
        DecodeOutcome tight = Views.decode(meta("application/pdf", null), ByteBuffer.wrap(pdf),
                tight(Limit.MAX_PDF_TIME), (p, c) -> { }, Fixtures.steppingClock());
        assertThat(((DecodeOutcome.Failed) tight).limit()).contains(Limit.MAX_PDF_TIME);
        DecodeOutcome raised = Views.decode(meta("application/pdf", null), ByteBuffer.wrap(pdf),
                raised(Limit.MAX_PDF_TIME), (p, c) -> { }, Fixtures.steppingClock());
        assertThat(raised).isInstanceOf(DecodeOutcome.Ok.class);
    }

    @Test
    void failuresNoLimitCausedNameNone() {
        DecodeOutcome.Failed failed = decode(meta("application/json", null), utf8("{\"a\":")).failed();

        assertThat(failed.reason()).isEqualTo(FailReason.JSON_INVALID);
        assertThat(failed.limit()).isEmpty();
    }

    @Test
    void longNumbersAreNotAFixedLimit() {
        char[] digits = new char[5000];
        Arrays.fill(digits, '7');
        byte[] json = utf8("{\"n\":" + new String(digits) + "}");

        assertThat(decode(meta("application/json", null), json).ok().views().get("json")).contains(new String(digits));
        assertThat(decode(meta("application/json", null), json, tight(Limit.MAX_JSON_STRING_BYTES)).failed().limit())
                .contains(Limit.MAX_JSON_STRING_BYTES);
    }

    @Test
    void everyLimitHasAConfigurationKey() {
        Set<String> keys = new java.util.HashSet<>();
        for (Limit l : Limit.values()) {
            assertThat(keys.add(l.key())).isTrue();
            assertThat(Arrays.stream(ViewLimits.class.getRecordComponents()).map(c -> c.getName()))
                    .as("a record component per limit").contains(l.key());
        }
        assertThat(EnumSet.allOf(Limit.class)).hasSize(ViewLimits.class.getRecordComponents().length);
    }

    private static Case caseFor(Limit limit) throws IOException {
        return switch (limit) {
            case MAX_DECODED_BYTES -> new Case(meta("application/json", null),
                    utf8("{\"text\":\"" + "a".repeat(4000) + "\"}"));
            case MAX_DECOMPRESSION_RATIO -> new Case(meta("text/plain", "gzip"), Fixtures.gzip(new byte[3 << 20]));
            case MAX_JSON_DEPTH -> new Case(meta("application/json", null), utf8("[".repeat(20) + "]".repeat(20)));
            case MAX_JSON_STRING_BYTES -> new Case(meta("application/json", null),
                    utf8("{\"text\":\"" + "a".repeat(300) + "\"}"));
            case MAX_VIEWS, MAX_BASE64_DEPTH -> new Case(meta("application/json", null), utf8("{\"file_data\":\""
                    + Base64.getEncoder().encodeToString(utf8("an attached note")) + "\"}"));
            case MAX_PDF_PAGES, MAX_PDF_BYTES, MAX_PDF_TIME -> new Case(meta("application/pdf", null),
                    Fixtures.pdf("one", "two", "three"));
            case MAX_DECODE_DEPTH, MAX_DECODE_LAYERS, MAX_DECODE_TIME -> new Case(meta("application/json", null),
                    utf8("{\"a\":\"" + b64("first encoded note") + "\",\"b\":\"" + b64("second encoded note")
                            + "\",\"c\":\"" + b64("third encoded note") + "\"}"));
            case MAX_MULTIPART_PARTS -> {
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < 5; i++) {
                    body.append("--").append(BOUNDARY).append("\r\n\r\nv").append(i).append("\r\n");
                }
                body.append("--").append(BOUNDARY).append("--");
                yield new Case(meta("multipart/form-data; boundary=" + BOUNDARY, null), utf8(body.toString()));
            }
            case MAX_ARCHIVE_ENTRIES -> {
                java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
                for (int i = 0; i < 5; i++) {
                    entries.put("f" + i + ".txt", utf8("entry " + i));
                }
                yield new Case(meta("application/octet-stream", null), Fixtures.zip(entries, true));
            }
        };
    }

    /** Defaults with {@code limit} set just below what {@link #caseFor} needs. */
    private static ViewLimits tight(Limit limit) {
        return with(limit, switch (limit) {
            case MAX_DECODED_BYTES -> 1000L;
            case MAX_DECOMPRESSION_RATIO -> 1L;
            case MAX_JSON_DEPTH -> 10L;
            case MAX_JSON_STRING_BYTES -> 100L;
            case MAX_VIEWS -> 1L;
            case MAX_BASE64_DEPTH -> 0L;
            case MAX_PDF_PAGES -> 2L;
            case MAX_PDF_BYTES -> 100L;
            case MAX_PDF_TIME -> 2L;
            case MAX_MULTIPART_PARTS -> 4L;
            case MAX_ARCHIVE_ENTRIES -> 4L;
            case MAX_DECODE_DEPTH -> 0L;
            case MAX_DECODE_LAYERS -> 2L;
            case MAX_DECODE_TIME -> 0L;
        });
    }

    /** Defaults with {@code limit} raised well past what {@link #caseFor} needs. */
    private static ViewLimits raised(Limit limit) {
        return with(limit, switch (limit) {
            case MAX_DECODED_BYTES -> 1L << 20;
            case MAX_DECOMPRESSION_RATIO -> 10_000L;
            case MAX_JSON_DEPTH -> 100L;
            case MAX_JSON_STRING_BYTES -> 1L << 20;
            case MAX_VIEWS -> 10L;
            case MAX_BASE64_DEPTH -> 1L;
            case MAX_PDF_PAGES -> 10L;
            case MAX_PDF_BYTES -> 1L << 20;
            case MAX_PDF_TIME -> 3600L;
            case MAX_MULTIPART_PARTS -> 10L;
            case MAX_ARCHIVE_ENTRIES -> 10L;
            case MAX_DECODE_DEPTH -> 4L;
            case MAX_DECODE_LAYERS -> 10L;
            case MAX_DECODE_TIME -> 3600L;
        });
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(utf8(s));
    }

    /** Seconds for the time limits (0: one nanosecond), the number itself otherwise. */
    private static ViewLimits with(Limit limit, long v) {
        ViewLimits d = ViewLimits.defaults();
        return new ViewLimits(
                limit == Limit.MAX_DECODED_BYTES ? v : d.maxDecodedBytes(),
                limit == Limit.MAX_DECOMPRESSION_RATIO ? v : d.maxDecompressionRatio(),
                limit == Limit.MAX_JSON_DEPTH ? (int) v : d.maxJsonDepth(),
                limit == Limit.MAX_JSON_STRING_BYTES ? v : d.maxJsonStringBytes(),
                limit == Limit.MAX_VIEWS ? (int) v : d.maxViews(),
                limit == Limit.MAX_BASE64_DEPTH ? (int) v : d.maxBase64Depth(),
                limit == Limit.MAX_PDF_PAGES ? (int) v : d.maxPdfPages(),
                limit == Limit.MAX_PDF_BYTES ? v : d.maxPdfBytes(),
                limit == Limit.MAX_PDF_TIME ? Duration.ofSeconds(v) : d.maxPdfTime(),
                limit == Limit.MAX_MULTIPART_PARTS ? (int) v : d.maxMultipartParts(),
                limit == Limit.MAX_ARCHIVE_ENTRIES ? (int) v : d.maxArchiveEntries(),
                limit == Limit.MAX_DECODE_DEPTH ? (int) v : d.maxDecodeDepth(),
                limit == Limit.MAX_DECODE_LAYERS ? (int) v : d.maxDecodeLayers(),
                limit == Limit.MAX_DECODE_TIME ? (v == 0 ? Duration.ofNanos(1) : Duration.ofSeconds(v))
                        : d.maxDecodeTime());
    }
}
