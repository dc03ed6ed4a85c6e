package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SampleTokensTest {

    private static final String SIG = b64("a-docs-page-own-signature-bytes");

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String jwt(String header, String claims) {
        return b64(header) + "." + b64(claims) + "." + SIG;
    }

    @Test
    void sampleClaimsUnderAnyHeaderSpacingOrderAndSignature() {
        String spaced = jwt("{\"alg\": \"HS256\", \"typ\": \"JWT\"}",
                "{\"sub\": \"1234567890\", \"name\": \"John Doe\", \"iat\": 1516239022}");
        String admin = jwt("{\"alg\":\"RS256\"}",
                "{\"iat\":1516239022,\"admin\":true,\"name\":\"John Doe\",\"sub\":\"1234567890\"}");
        String rfc = jwt("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}",
                "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
        assertThat(SampleTokens.within(spaced)).isTrue();
        assertThat(SampleTokens.within("const EXAMPLE = '" + admin + "';")).as("inside an assignment").isTrue();
        assertThat(SampleTokens.within("Authorization: Bearer " + rfc)).as("inside a header").isTrue();
        assertThat(SampleTokens.within("eyJ not a token, then " + spaced)).as("after a stray eyJ").isTrue();
    }

    @Test
    void claimsOfOnesOwnAreNotSamples() {
        String oneMore = jwt("{\"alg\":\"HS256\"}",
                "{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022,\"tenant\":\"t-77\"}");
        String otherName = jwt("{\"alg\":\"HS256\"}",
                "{\"sub\":\"1234567890\",\"name\":\"Jane Roe\",\"iat\":1516239022}");
        String otherType = jwt("{\"alg\":\"HS256\"}",
                "{\"sub\":1234567890,\"name\":\"John Doe\",\"iat\":1516239022}");
        String expired = jwt("{\"alg\":\"HS256\"}", "{\"sub\":\"svc-build\",\"iat\":1500000000,\"exp\":1500003600}");
        for (String token : new String[] {oneMore, otherName, otherType, expired}) {
            assertThat(SampleTokens.within(token)).as("claims of one's own; an old exp proves nothing").isFalse();
        }
        assertThat(SampleTokens.within("eyJhbGciOiJIUzI1NiJ9")).as("a header alone").isFalse();
        assertThat(SampleTokens.within("eyJhbGciOiJIUzI1NiJ9.eyJ!!!.x")).as("no base64 payload").isFalse();
        assertThat(SampleTokens.within("plain text")).isFalse();
    }

    @Test
    void supabaseAnonKeysAndTheLocalStacksKeysArePublicAServiceRoleKeyIsNot() {
        String anon = jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"iss\":\"supabase\",\"ref\":\"qzkvbrdmlxpwtnhj\",\"role\":\"anon\",\"iat\":1781000000,\"exp\":2096576000}");
        String local = jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"iss\":\"supabase-demo\",\"role\":\"service_role\",\"exp\":1983812996}");
        String serviceRole = jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"iss\":\"supabase\",\"ref\":\"qzkvbrdmlxpwtnhj\",\"role\":\"service_role\",\"iat\":1781000000}");
        String otherIssuer = jwt("{\"alg\":\"HS256\"}", "{\"iss\":\"auth.shop.invalid\",\"role\":\"anon\"}");
        assertThat(SampleTokens.within("createClient(url, \"" + anon + "\")")).as("a project's anon key").isTrue();
        assertThat(SampleTokens.within("service_role key: " + local)).as("supabase start's local keys").isTrue();
        assertThat(SampleTokens.within("SUPABASE_SERVICE_ROLE_KEY=" + serviceRole)).as("a project's secret").isFalse();
        assertThat(SampleTokens.within(otherIssuer)).as("anon of another issuer").isFalse();
    }
}
