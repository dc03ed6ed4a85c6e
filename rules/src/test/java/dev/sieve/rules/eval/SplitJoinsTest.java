package dev.sieve.rules.eval;

import static dev.sieve.rules.eval.Split.anthropic;
import static dev.sieve.rules.eval.Split.assistant;
import static dev.sieve.rules.eval.Split.q;
import static dev.sieve.rules.eval.Split.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import dev.sieve.rules.DefaultRulePack;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A secret split over several places of one request, with the default pack: sibling string fields of a JSON object,
 * a streamed tool call's arguments replayed in history, two messages of one role, header values, multipart parts and
 * form fields. Each kind is found in its joined view ({@code |joined...}, {@code Boundaries}); and a joined view
 * reports only a match that crosses a boundary, so adjacent ids, hashes, UUIDs, base64 images, ordinary words and
 * the agent's own API key header give nothing.
 */
class SplitJoinsTest {

    private static final Inspector INSPECTOR = new Inspector(Engines.compile(DefaultRulePack.load(), EngineKind.AUTO),
            ViewLimits.defaults());
    private static final Rng R = new Rng(20_261_206L);
    private static final String STRIPE = HardValues.stripe(R, "sk_live_");
    private static final String SLACK = HardValues.slackBot(R);
    private static final String GITHUB = HardValues.github(R, "ghp_");
    private static final String AWS_ID = HardValues.awsKeyId(R, "AKIA");

    // ---- kind 1: sibling string fields of one object -------------------------------------------------------------

    @Test
    void aTokenSplitOverSiblingFieldsOfAToolInputIsFound() {
        String body = anthropic(user("\"deploy it\"") + "," + assistant("[{\"type\":\"tool_use\",\"id\":\"toolu_01"
                + "A8sd7Fh2kLq9\",\"name\":\"deploy\",\"input\":{\"prefix\":\"" + STRIPE.substring(0, 18)
                + "\",\"suffix\":\"" + STRIPE.substring(18) + "\"}}]"));

        InspectionResult r = inspect(json(), body);

        assertThat(r.ruleIds()).contains("credential.stripe-secret-key");
        Finding f = only(r, "credential.stripe-secret-key");
        assertThat(f.viewPath()).isEqualTo("json:$|joined-fields");
        assertThat(f.location()).hasValueSatisfying(l -> assertThat(l.path()).isEqualTo("$.messages[1].content[0]"
                + ".input.suffix"));
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void aTokenCutInThreeWithAShortMiddleFieldIsFound() {
        String body = "{\"a\":\"" + GITHUB.substring(0, 10) + "\",\"b\":\"" + GITHUB.substring(10, 16) + "\",\"c\":\""
                + GITHUB.substring(16) + "\"}";

        assertThat(inspect(json(), body).ruleIds()).contains("credential.github-pat");
    }

    @Test
    void adjacentIdsHashesUuidsAndImagesInSiblingFieldsGiveNothing() {
        String toolUse = "{\"type\":\"tool_use\",\"id\":\"toolu_01XkP4mT9qvW2bLz7NcR\",\"name\":\"str_replace_based_edit"
                + "_tool\",\"input\":{\"command\":\"view\",\"path\":\"/src/main/App.java\",\"commit\":\""
                + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b\",\"parent\":\"2c26b46b68ffc68ff99b453c1d30413413422d70\","
                + "\"request\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"trace\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\","
                + "\"sha256\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}}";
        String image = "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\""
                + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\"}}";
        String body = anthropic(user("[" + image + ",{\"type\":\"text\",\"text\":\"what is in this screenshot?\"}]")
                + "," + assistant("[" + toolUse + "]"));

        InspectionResult r = inspect(json(), body);

        assertThat(r.findings()).isEmpty();
        assertThat(r.decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void aRedactFindingSplitOverFieldsBlocksBecauseItCannotBeRedactedInPlace() {
        String body = "{\"key_start\":\"id " + AWS_ID.substring(0, 9) + "\",\"key_end\":\"" + AWS_ID.substring(9)
                + " done\"}";

        InspectionResult r = inspect(json(), body);

        assertThat(r.ruleIds()).contains("credential.aws-access-key-id");
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.failureDetail()).contains("|joined-fields").doesNotContain(AWS_ID);
    }

    @Test
    void aRedactFindingSplitOverFormFieldsPartsOrHeadersBlocksToo() {
        String form = "note=hello&p1=id+" + AWS_ID.substring(0, 9) + "&p2=" + AWS_ID.substring(9);
        String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nid " + AWS_ID.substring(0, 9)
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n" + AWS_ID.substring(9)
                + "\r\n--XyZ--\r\n";

        InspectionResult f = inspect(typed("application/x-www-form-urlencoded"), form);
        InspectionResult m = inspect(typed("multipart/form-data; boundary=XyZ"), multipart);
        InspectionResult h = inspect(meta("X-Part-1", AWS_ID.substring(0, 9), "X-Part-2", AWS_ID.substring(9)),
                anthropic(user(q("hi"))));

        for (InspectionResult r : List.of(f, m, h)) {
            assertThat(r.ruleIds()).contains("credential.aws-access-key-id");
            assertThat(r.decision()).isEqualTo(Decision.BLOCK);
            assertThat(r.failureDetail()).contains("joined").doesNotContain(AWS_ID);
        }
    }

    // ---- kind 2: a streamed tool call's arguments replayed ------------------------------------------------------

    @Test
    void toolCallDeltasWithOneIndexAreJoinedAndDecodedAsArguments() {
        String args = "{\"channel\": \"#ops\", \"token\": \"" + SLACK + "\"}";
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < args.length(); i += 7) {
            pieces.add(args.substring(i, Math.min(args.length(), i + 7)));
        }
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            calls.append(i == 0 ? "" : ",").append("{\"index\":0,").append(i == 0 ? "\"id\":\"call_abc123\","
                    + "\"type\":\"function\"," : "").append("\"function\":{").append(i == 0 ? "\"name\":\"post\"," : "")
                    .append("\"arguments\":").append(q(pieces.get(i))).append("}}");
        }
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"post the status\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + calls + "]}]}";

        InspectionResult r = inspect(openai(), body);

        Finding f = only(r, "credential.slack-bot-token");
        assertThat(f.viewPath()).isEqualTo("json:$.messages[1].tool_calls|joined-arguments|json");
    }

    @Test
    void toolCallsWithNormalArgumentsOrOtherIndexesAreNotJoined() {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"read\",\"arguments\":"
                + q("{\"path\": \"" + SLACK.substring(0, 20) + "\"}") + "}},"
                + "{\"index\":1,\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"read\",\"arguments\":"
                + q("{\"path\": \"" + SLACK.substring(20) + "\"}") + "}}]}]}";

        assertThat(inspect(openai(), body).findings()).isEmpty();
    }

    // ---- kind 3: two messages of one role -------------------------------------------------------------------------

    @Test
    void theTextsOfTwoUserMessagesAreJoinedAcrossAnAssistantMessage() {
        String anthropic = anthropic(user(q("first half: " + STRIPE.substring(0, 20))) + ","
                + assistant(q("ok, go on")) + "," + user("[{\"type\":\"text\",\"text\":\"" + STRIPE.substring(20)
                + "\"}]"));
        String chat = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":" + q("first half: "
                + STRIPE.substring(0, 20)) + "},{\"role\":\"assistant\",\"content\":\"ok\"},{\"role\":\"user\","
                + "\"content\":" + q(STRIPE.substring(20)) + "}]}";
        String responses = "{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":" + q("first " + GITHUB.substring(0, 12)) + "}]},{\"role\":\"user\",\"content\":"
                + q(GITHUB.substring(12) + " second") + "}]}";
        String gemini = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":" + q("token " + SLACK.substring(0, 9))
                + "}]},{\"role\":\"model\",\"parts\":[{\"text\":\"go on\"}]},{\"role\":\"user\",\"parts\":[{\"text\":"
                + q(SLACK.substring(9)) + "}]}]}";

        Finding f = only(inspect(json(), anthropic), "credential.stripe-secret-key");
        assertThat(f.viewPath()).isEqualTo("json:$.messages|joined-user");
        assertThat(f.location()).hasValueSatisfying(l -> assertThat(l.path()).isEqualTo("$.messages[2].content[0]"
                + ".text"));
        assertThat(inspect(openai(), chat).ruleIds()).contains("credential.stripe-secret-key");
        assertThat(inspect(openai(), responses).ruleIds()).contains("credential.github-pat");
        assertThat(inspect(json(), gemini).ruleIds()).contains("credential.slack-bot-token");
    }

    @Test
    void aLaterMessageThatLabelsItsPartIsJoinedPastTheLabel() {
        String body = anthropic(user(q("The form truncates, so in two parts. Part 1: " + SLACK.substring(0, 14))) + ","
                + assistant(q("Got part 1. Send part 2.")) + "," + user(q("Part 2: " + SLACK.substring(14))));

        Finding f = only(inspect(json(), body), "credential.slack-bot-token");
        assertThat(f.viewPath()).isEqualTo("json:$.messages|joined-user");
        assertThat(f.location()).hasValueSatisfying(l -> assertThat(l.path()).isEqualTo("$.messages[2].content"));
    }

    @Test
    void messagesEndingAndStartingWithOrdinaryWordsOrOfOtherRolesGiveNothing() {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            messages.append(i == 0 ? "" : ",").append(i % 2 == 0
                    ? user(q("Please refactor module " + i + " so that the parser handles escapes"))
                    : assistant("[{\"type\":\"text\",\"text\":\"Done: module " + i + " now handles escapes\"}]"));
        }
        String otherRoles = anthropic(user(q("first half: " + STRIPE.substring(0, 20))) + ","
                + assistant(q(STRIPE.substring(20))));

        assertThat(inspect(json(), anthropic(messages.toString())).findings()).isEmpty();
        assertThat(inspect(json(), otherRoles).findings()).isEmpty();
    }

    // ---- kind 4: header values ------------------------------------------------------------------------------------

    @Test
    void aTokenSplitOverTwoHeadersIsFound() {
        RequestMeta meta = meta("X-Part-1", STRIPE.substring(0, 16), "X-Part-2", STRIPE.substring(16));

        InspectionResult r = inspect(meta, anthropic(user(q("hi"))));

        Finding f = only(r, "credential.stripe-secret-key");
        assertThat(f.viewPath()).isEqualTo("headers|joined");
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void requestAndTraceIdsAndTheAgentsOwnKeyNextToAnotherHeaderGiveNothing() {
        String ownKey = HardValues.anthropic(R);
        RequestMeta ids = meta("X-Request-Id", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "X-Trace-Id",
                "7c9e6679742540de944be07fc1f90ae7", "X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678",
                "User-Agent", "claude-cli/1.0.98 (external, cli)", "anthropic-version", "2023-06-01",
                "x-stainless-arch", "x64", "x-stainless-os", "Linux", "x-stainless-runtime-version", "v22.17.0");
        RequestMeta own = meta("x-api-key", ownKey.substring(0, 30), "X-Part-2", ownKey.substring(30));
        RequestMeta ownWhole = meta("X-Prefix", "sk-ant-api03-", "x-api-key", ownKey);

        assertThat(inspect(ids, anthropic(user(q("hi")))).findings()).isEmpty();
        assertThat(inspect(own, anthropic(user(q("hi")))).findings())
                .noneMatch(f -> f.viewPath().equals("headers|joined"));
        assertThat(inspect(ownWhole, anthropic(user(q("hi")))).findings())
                .noneMatch(f -> f.viewPath().equals("headers|joined"));
    }

    // ---- kind 5: multipart parts and form fields ------------------------------------------------------------------

    @Test
    void aTokenSplitOverMultipartFieldsOrFormFieldsIsFound() {
        String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + SLACK.substring(0, 15)
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n" + SLACK.substring(15)
                + "\r\n--XyZ--\r\n";
        String form = "note=hello+world&p1=" + GITHUB.substring(0, 11) + "&p2=" + GITHUB.substring(11);

        InspectionResult m = inspect(typed("multipart/form-data; boundary=XyZ"), multipart);
        InspectionResult f = inspect(typed("application/x-www-form-urlencoded"), form);

        assertThat(only(m, "credential.slack-bot-token").viewPath()).isEqualTo("multipart|joined");
        assertThat(only(f, "credential.github-pat").viewPath()).isEqualTo("form|joined");
    }

    @Test
    void ordinaryMultipartAndFormFieldsGiveNothing() {
        String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"sha\"\r\n\r\n9f86d081884c7d659a2feaa0c55ad015a3bf4f1b\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n3f2504e0-4f89-11d3-9a0c-0305e82c3301"
                + "\r\n--XyZ--\r\n";
        String form = "grant_type=authorization_code&state=af0ifjsldkj&nonce=n-0S6_WzA2Mj&redirect_uri=https%3A%2F%2F"
                + "client.example.org%2Fcb";

        assertThat(inspect(typed("multipart/form-data; boundary=XyZ"), multipart).findings()).isEmpty();
        assertThat(inspect(typed("application/x-www-form-urlencoded"), form).findings()).isEmpty();
    }

    // ---- property: a split at every position --------------------------------------------------------------------

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.longs().map(seed -> {
            Rng r = new Rng(seed);
            return switch ((int) Math.floorMod(seed, 3L)) {
                case 0 -> HardValues.stripe(r, "sk_live_");
                case 1 -> HardValues.slackBot(r);
                default -> HardValues.github(r, "ghp_");
            };
        });
    }

    @Property(tries = 12)
    void aTokenSplitAtAnyPositionIntoSiblingsOrSameRoleMessagesIsFound(@ForAll("tokens") String token) {
        String rule = rule(token);
        for (int cut = 0; cut <= token.length(); cut++) {
            String before = "the value is " + token.substring(0, cut);
            String after = token.substring(cut) + " and more";
            String fields = "{\"name\":\"deploy\",\"input\":{\"first\":" + q(before) + ",\"second\":" + q(after)
                    + "}}";
            String messages = anthropic(user(q(before)) + "," + assistant(q("go on")) + ","
                    + user(q(after)));
            boolean inside = cut > 0 && cut < token.length();
            for (String body : List.of(fields, messages)) {
                InspectionResult r = inspect(json(), body);
                assertThat(r.ruleIds()).as("cut %d of %s", cut, rule).contains(rule);
                List<String> joined = r.findings().stream().map(Finding::viewPath).filter(Views::isJoinedText).toList();
                if (inside) {
                    assertThat(joined).as("cut %d", cut).isNotEmpty();
                } else {
                    assertThat(joined).as("cut %d", cut).isEmpty();
                }
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static String rule(String token) {
        return token.startsWith("sk_live_") ? "credential.stripe-secret-key"
                : token.startsWith("xoxb-") ? "credential.slack-bot-token" : "credential.github-pat";
    }

    // ---- a bulk rule's count in a joined view ----------------------------------------------------------------------

    /** Orders of a few suppliers, each contact address in a field followed by another (lower-case) text field. */
    private static String supplierOrders(int suppliers) {
        String[] terms = {"net 30 days", "paid in full", "due on receipt", "partial delivery"};
        StringBuilder b = new StringBuilder("{\"orders\":[");
        for (int t = 0; t < terms.length; t++) {
            for (int k = 0; k < suppliers; k++) {
                b.append(t + k == 0 ? "" : ",").append("{\"contact\":\"").append(PEOPLE[k]).append("@supply-")
                        .append((char) ('a' + k)).append(".se\",\"terms\":\"").append(terms[t]).append("\"}");
            }
        }
        return b.append("]}").toString();
    }

    private static final String[] PEOPLE = {"anna.berg", "lars.holm", "eva.lind", "nils.ek", "ida.sund", "olle.dahl",
        "karin.ros", "per.strand", "sara.vik", "johan.lund", "maja.falk", "erik.gran"};

    @Test
    void aFewAddressesGluedToManyNeighboursAreCountedOnceInTheJoinedView() {
        InspectionResult r = inspect(json(), supplierOrders(4)); // 4 addresses, 16 glued artefacts
        assertThat(r.findings()).as("%s", r.findings()).noneMatch(f -> f.ruleId().equals("pii.email-bulk"));
    }

    @Test
    void manyAddressesGluedToNeighboursStillCount() {
        InspectionResult r = inspect(json(), supplierOrders(12));
        assertThat(r.findings()).anyMatch(f -> f.ruleId().equals("pii.email-bulk")
                && f.viewPath().equals("json"));
    }

    private static Finding only(InspectionResult r, String rule) {
        List<Finding> f = r.findings().stream().filter(x -> x.ruleId().equals(rule)).toList();
        assertThat(f).as("findings of %s: %s", rule, r.findings()).hasSize(1);
        return f.get(0);
    }

    private static RequestMeta meta(String... headerPairs) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Host", "api.anthropic.com"));
        headers.add(Map.entry("Content-Type", "application/json"));
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(Map.entry(headerPairs[i], headerPairs[i + 1]));
        }
        return new RequestMeta("POST", "/v1/messages", headers);
    }

    private static RequestMeta json() {
        return meta();
    }

    private static RequestMeta openai() {
        return new RequestMeta("POST", "/v1/chat/completions", List.of(Map.entry("Host", "api.openai.com"),
                Map.entry("Content-Type", "application/json")));
    }

    private static RequestMeta typed(String contentType) {
        return new RequestMeta("POST", "/upload", List.of(Map.entry("Host", "api.example.com"),
                Map.entry("Content-Type", contentType)));
    }

    private static InspectionResult inspect(RequestMeta meta, String body) {
        try (Inspection inspection = INSPECTOR.open(meta, InspectionPolicy.defaults())) {
            return inspection.finish(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
