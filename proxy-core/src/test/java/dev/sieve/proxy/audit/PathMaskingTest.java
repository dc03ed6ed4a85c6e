package dev.sieve.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Severity;
import dev.sieve.dlp.view.PathView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathMaskingTest {

    /** Real model API routes: they stay exactly as they are. */
    @ParameterizedTest
    @ValueSource(strings = {
        "/v1/messages",
        "/v1/messages/count_tokens",
        "/v1/chat/completions",
        "/v1/embeddings",
        "/v1/responses",
        "/v1/models",
        "/v1beta/models/gemini-1.5-pro:generateContent",
        "/v1beta/models/gemini-2.0-flash:streamGenerateContent",
        "/v1beta/models/text-embedding-004:batchEmbedContents",
        "/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-pro:streamGenerateContent",
        "/v1/projects/my-project/locations/europe-west4/publishers/anthropic/models/claude-3-5-sonnet-v2@20241022:rawPredict",
        "/openai/deployments/my-deploy/chat/completions",
        "/model/anthropic.claude-3-5-sonnet-20241022-v2:0/invoke",
        "/model/anthropic.claude-3-haiku-20240307-v1:0/invoke-with-response-stream",
        "/model/meta.llama3-70b-instruct-v1:0/converse",
        "/v1/models/mistral-large-latest",
        "/openai/v1/chat/completions",
        "/api/v1/chat/completions",
        "/",
    })
    void realRoutesStayReadable(String route) {
        assertThat(PathMasking.mask(route, List.of())).isEqualTo(route);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/v1/files/export%20GITHUB_TOKEN%3Dghp_aZ3kQ9xW2mP7vL4nR8tY1bC6dF0gH5jK2sE9 | /v1/files/{len=60}",
        "/v1/users/536-22-8174/profile                  | /v1/users/{len=11}/profile",
        "/v1/cards/4929123456781234                     | /v1/cards/{len=16}",
        "/v1/keys/AKIAGMXGEDN73U55XTPL                  | /v1/keys/{len=20}",
        "/v1/people/jane.roe@corp-mail.net              | /v1/people/{len=22}",
        "/v1/people/jane@20241022                       | /v1/people/{len=13}",
        "/v1/files/file-BK7bzQj3FfZFXr7DbL6xJwfo/content | /v1/files/{len=29}/content",
        "/v1/x/123e4567-e89b-12d3-a456-426614174000     | /v1/x/{len=36}",
        "/v1/x/dXNlcjpwYXNzd29yZA                       | /v1/x/{len=18}",
        "/v1/x/+15550101234                             | /v1/x/{len=12}",
        "/v1/x/deadbeefcafebabedeadbeefcafebabe          | /v1/x/{len=32}",
        "/v1/files/a%2Fb?q=secret#frag                  | /v1/files/{len=3}?q=***#***",
        "//double//slash/                               | //double//slash/",
    })
    void dataLikeSegmentsAreMaskedWithTheirDecodedLength(String target, String masked) {
        assertThat(PathMasking.mask(target, List.of())).isEqualTo(masked);
        assertThat(PathMasking.mask(masked, List.of())).as("stable").isEqualTo(masked);
    }

    @Test
    void aSegmentWithAFindingIsMaskedWhateverItLooksLike() {
        String target = "/v1/notes/hunter2/and/more";
        PathView path = PathView.of(target);
        PathView.Segment third = path.segments().get(2);
        Finding finding = new Finding("test.password", Category.CREDENTIAL, Severity.HIGH, Action.BLOCK,
                PathView.VIEW, third.start() + 1, third.end() - 1, "h***2", 1);
        Finding elsewhere = new Finding("test.password", Category.CREDENTIAL, Severity.HIGH, Action.BLOCK,
                "json", third.start(), third.end(), "h***2", 1);

        assertThat(PathMasking.mask(target, List.of())).as("route-shaped").isEqualTo(target);
        assertThat(PathMasking.mask(target, List.of(finding))).isEqualTo("/v1/notes/{len=7}/and/more");
        assertThat(PathMasking.mask(target, List.of(elsewhere))).as("a finding of another view").isEqualTo(target);
    }

    @Test
    void aFindingInTheJoinedSegmentsMasksTheSegmentsOfItsRun() {
        // A value split over route-shaped segments, found only once they are joined: each piece is masked.
        String target = "/v1/files/ghp/abcd/efgh/ijkl";
        PathView path = PathView.of(target);
        byte[] joined = path.joined();
        String text = new String(joined, StandardCharsets.UTF_8);
        int start = text.indexOf("ghpabcdefghijkl");
        assertThat(start).isNotNegative();
        Finding split = new Finding("test.token", Category.CREDENTIAL, Severity.HIGH, Action.BLOCK,
                PathView.JOINED_VIEW, start, start + 15, "g***", 1);

        assertThat(PathMasking.mask(target, List.of(split))).isEqualTo("/v1/files/{len=3}/{len=4}/{len=4}/{len=4}");
        Finding decoded = new Finding("test.token", Category.CREDENTIAL, Severity.HIGH, Action.BLOCK,
                PathView.JOINED_VIEW + "|base64", 0, 10, "g***", 1);
        assertThat(PathMasking.mask(target, List.of(decoded))).as("decoded from joined segments: all")
                .isEqualTo("/{len=2}/{len=5}/{len=3}/{len=4}/{len=4}/{len=4}");
        Finding other = new Finding("test.token", Category.CREDENTIAL, Severity.HIGH, Action.BLOCK, "pathology", 0,
                10, "g***", 1);
        assertThat(PathMasking.mask(target, List.of(other))).as("not a path view").isEqualTo(target);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", textBlock = """
            json:$.messages[0].content[1].source.data|base64|pdf => json:$.messages[0].content[1].source.data|base64|pdf
            multipart:file/notes.txt.gz|gzip|tar:config/app.properties => multipart:file/notes.txt.gz|gzip|tar:config/app.properties
            cookie:session|percent|base64 => cookie:session|percent|base64
            header:x-api-key~2|normalized => header:x-api-key~2|normalized
            multipart:file/ghp_R8fK2mQx9LpZ4vNcT7wYb3HsJ6dA1eUo5iGq.txt => multipart:file/{len=40}.txt
            body|zip:export/4111111111111111.csv => body|zip:export/{len=16}.csv
            cookie:AKIAQX7V3M2K9TZ4PLWN => cookie:{len=20}
            """)
    void namesThatLookLikeDataAreMaskedInAFindingsViewPath(String viewPath, String masked) {
        assertThat(PathMasking.maskViewPath(viewPath)).isEqualTo(masked);
        assertThat(new AuditFinding("r", "credential", "block", 1, viewPath, "g***").viewPath()).isEqualTo(masked);
    }

    @Test
    void recordsMaskDataLikeSegmentsWhateverTheCallerPassed() {
        AuditRecord r = new AuditRecord(AuditTestSupport.T0, "req_1", "a", null, "GET", "h", 443,
                "/v1/users/536-22-8174?token=abc", "allowed", null, null, 0, 0, null, "enforce", 0);

        assertThat(r.path()).isEqualTo("/v1/users/{len=11}?token=***");
    }

    @Test
    void theLengthIsOfTheDecodedSegment() {
        String value = "caf\u00e9 n\u00b0 1";
        String encoded = java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");

        assertThat(PathMasking.mask("/x/" + encoded, List.of()))
                .isEqualTo("/x/{len=" + value.getBytes(StandardCharsets.UTF_8).length + "}");
    }

    /**
     * looksLikeData decides most segments with character loops; the regular expressions it replaced are the
     * reference. Two hundred thousand segments drawn (fixed seed) from route characters, separators, digits, '@',
     * '%', a non-ASCII letter and a space, with lengths around the limits (4, 24, 64 characters), must be judged
     * alike, and so must the hand-picked shapes around each rule.
     */
    @Test
    void theCharacterLoopsJudgeSegmentsAsTheRegularExpressionsDid() {
        String alphabet = "abcxyzABCXYZ0123456789._~:-@% \u00e9";
        java.util.Random random = new java.util.Random(13);
        List<String> segments = new java.util.ArrayList<>(List.of("", "v1", "messages", "generateContent",
                "v1beta", "gemini-1.5-pro:generateContent", "claude-3-5-sonnet-v2@20241022:rawPredict", "a@20241022",
                "jane@20241022", "536-22-8174", "20241022", "70b", "API", "V2", "abcdefghijklmnopqrstuvwx",
                "abcdefghijklmnopqrstuvwxy", "AKIAGMXGEDN73U55XTPL", "x".repeat(64), "x".repeat(65), "caf\u00e9s",
                "{len=12}", "a%2Fb", "count_tokens", "invoke-with-response-stream", "us-central1", "eXaMple"));
        for (int n = 0; n < 200_000; n++) {
            int length = random.nextInt(4) == 0 ? 60 + random.nextInt(8) : random.nextInt(30);
            StringBuilder b = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                // mostly lower-case letters, as routes are, so that long route-shaped words occur too
                b.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            segments.add(b.toString());
        }
        for (String segment : segments) {
            assertThat(PathMasking.looksLikeData(segment)).as(segment).isEqualTo(RegexReference.looksLikeData(segment));
        }
    }

    /** looksLikeData as it was written with regular expressions only (before 2026-12-05). */
    private static final class RegexReference {
        private static final java.util.regex.Pattern ROUTE_CHARS =
                java.util.regex.Pattern.compile("[A-Za-z0-9._~:-]+");
        private static final java.util.regex.Pattern MODEL_AT_VERSION = java.util.regex.Pattern.compile(
                "([A-Za-z0-9._~:-]*[A-Za-z][A-Za-z0-9._~-]*)@([0-9]{8}(?::[A-Za-z]+)?)");
        private static final java.util.regex.Pattern WORD_SEPARATORS = java.util.regex.Pattern.compile("[._~:-]");
        private static final java.util.regex.Pattern ROUTE_WORD = java.util.regex.Pattern.compile(
                "[a-z]{1,24}|[A-Z]?[a-z]+(?:[A-Z][a-z]+)+|[a-z]+[0-9]+[a-z]*|[0-9]{1,8}[a-z]{0,2}"
                + "|[A-Z]{1,5}[0-9]{0,2}");

        static boolean looksLikeData(String segment) {
            java.util.regex.Matcher versioned = MODEL_AT_VERSION.matcher(segment);
            String raw = versioned.matches() ? versioned.group(1) + "-" + versioned.group(2) : segment;
            if (raw.length() > PathMasking.MAX_ROUTE_CHARS || !ROUTE_CHARS.matcher(raw).matches()) {
                return true;
            }
            int digits = 0;
            int letters = 0;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                } else if (Character.isLetter(c)) {
                    letters++;
                }
            }
            if (digits >= 4 && digits > letters) {
                return true;
            }
            for (String word : WORD_SEPARATORS.split(raw)) {
                if (word.length() > 4 && !ROUTE_WORD.matcher(word).matches()) {
                    return true;
                }
            }
            return false;
        }
    }
}
