package dev.sieve.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTargetTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        // uri | authority | userinfo | pathAndQuery | fragment
        "/v1/messages, NULL, NULL, /v1/messages, NULL",
        "/v1/messages?beta=true, NULL, NULL, /v1/messages?beta=true, NULL",
        "/v1/messages#k=v, NULL, NULL, /v1/messages, k=v",
        "/v1/messages?q=a%23b, NULL, NULL, /v1/messages?q=a%23b, NULL",
        "/users/@me, NULL, NULL, /users/@me, NULL",
        "*, NULL, NULL, *, NULL",
        "'', NULL, NULL, /, NULL",
        "https://api.example.com/v1?x=1, api.example.com, NULL, /v1?x=1, NULL",
        "https://api.example.com, api.example.com, NULL, /, NULL",
        "https://api.example.com?q=1, api.example.com, NULL, /?q=1, NULL",
        "https://AKIAX:s%2Fk@api.example.com:443/v1, api.example.com:443, AKIAX:s%2Fk, /v1, NULL",
        "http://user:ghp_x@plain.example.com/, plain.example.com, user:ghp_x, /, NULL",
        "https://@api.example.com/, api.example.com, '', /, NULL",
        "https://a@b@api.example.com/, api.example.com, a@b, /, NULL",
        "https://api.example.com#k=v, api.example.com, NULL, /, k=v",
        "https://api.example.com/v1/users/@me#, api.example.com, NULL, /v1/users/@me, ''",
        "https://api.example.com/v1?u=https://x@y/, api.example.com, NULL, /v1?u=https://x@y/, NULL",
    })
    void splitsATargetIntoWhatIsRoutedScannedAndForwarded(String uri, String authority, String userinfo,
            String pathAndQuery, String fragment) {
        RequestTarget t = RequestTarget.parse(uri);

        assertThat(t.authority()).isEqualTo(authority);
        assertThat(t.userinfo()).isEqualTo(userinfo);
        assertThat(t.pathAndQuery()).isEqualTo(pathAndQuery);
        assertThat(t.fragment()).isEqualTo(fragment);
        assertThat(t.hasHiddenPart()).isEqualTo(userinfo != null || fragment != null);
        assertThat(t.originFormWithFragment()).isEqualTo(fragment == null ? pathAndQuery : pathAndQuery + "#" + fragment);
    }
}
