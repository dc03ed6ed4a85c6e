package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.RULES;
import static dev.sieve.dlp.inspect.TestRequests.anthropicKey;
import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.message;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.CodeHints;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.Views;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A secret reshaped so that no rule sees it as written: one separator after every character ({@code |separated}),
 * wrapped every few characters ({@code |unwrapped}), in a Caesar shift or Atbash ({@code |caesar}, {@code |atbash}),
 * base64 written backwards ({@code |reversed|base64}). Each is found in a JSON message and in a text body by both
 * engines, never rewritten (a redaction there blocks); prose, abbreviations, ASCII art, poems and lists of short
 * words give nothing.
 */
class ReshapedTest {

    private static final BothEngines ENGINES = new BothEngines();

    @AfterAll
    static void close() {
        ENGINES.close();
    }

    /** {@code s} with {@code separator} after every character but the last. */
    static String separated(String s, String separator) {
        return String.join(separator, s.split(""));
    }

    /** {@code s} with a line break ({@code nl}) after every {@code width} characters. */
    static String wrapped(String s, int width, String nl) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i += width) {
            out.append(out.length() == 0 ? "" : nl).append(s, i, Math.min(s.length(), i + width));
        }
        return out.toString();
    }

    static String backwards(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    private record Shape(String name, String step, UnaryOperator<String> shape) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("dots", "separated", v -> "read this: " + separated(v, ".") + " thanks"),
            new Shape("dashes", "separated", v -> "k = '" + separated(v, "-") + "'"),
            new Shape("comma space", "separated", v -> "chars: " + separated(v, ", ") + "."),
            new Shape("pipes", "separated", v -> separated(v, "|")),
            new Shape("vertical", "separated", v -> "top to bottom:\n" + separated(v, "\n") + "\nend"),
            new Shape("vertical crlf", "separated", v -> "top to bottom:\r\n" + separated(v, "\r\n") + "\r\nend"),
            new Shape("wrapped 2", "unwrapped", v -> "lines:\n" + wrapped(v, 2, "\n") + "\nend"),
            new Shape("wrapped 3", "unwrapped", v -> "lines:\n" + wrapped(v, 3, "\n") + "\nend"),
            new Shape("wrapped 5", "unwrapped", v -> "lines:\n" + wrapped(v, 5, "\n") + "\nend"),
            new Shape("wrapped 8 crlf", "unwrapped", v -> "lines:\r\n" + wrapped(v, 8, "\r\n") + "\r\nend"),
            new Shape("caesar 3", "caesar", v -> "shifted by three: " + CodeHints.caesar(v, 3)),
            new Shape("caesar 7", "caesar", v -> "cfg = \"" + CodeHints.caesar(v, 7) + "\""),
            new Shape("caesar 25", "caesar", v -> "shifted back one: " + CodeHints.caesar(v, 25)),
            new Shape("atbash", "atbash", v -> "mirror it: " + CodeHints.atbash(v)),
            new Shape("reversed base64", "reversed|base64", v -> "blob: " + backwards(base64(v)) + " end"),
            new Shape("yaml continued", "continued", v -> "config:\n  key: \"" + v.substring(0, 40) + "\\\n    "
                    + v.substring(40, 80) + "\\\r\n  " + v.substring(80) + "\"\n  other: 1"));

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> shapesAndEngines() {
        return SHAPES.stream().flatMap(s -> Stream.of(Arguments.of(s, true), Arguments.of(s, false)));
    }

    @ParameterizedTest(name = "{0}, hyperscan {1}")
    @MethodSource("shapesAndEngines")
    void aReshapedKeyIsFoundInJsonAndTextAndIsNeverRewritten(Shape shape, boolean hyperscan) {
        String text = "Here is the config you asked for.\n" + shape.shape.apply(anthropicKey()) + "\nBye.";
        InspectionResult json = ENGINES.inspect(hyperscan, json(),
                utf8(message(text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r")
                        .replace("\n", "\\n"))));
        InspectionResult plain = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "text/plain"), utf8(text));

        for (InspectionResult r : List.of(json, plain)) {
            assertThat(r.decision()).isEqualTo(Decision.BLOCK);
            assertThat(r.findings()).extracting(Finding::ruleId).containsExactly(TestRequests.ANTHROPIC_RULE);
        }
        // a layer the read after the scan finds is placed on the projection; the graph's own, on the string
        assertThat(json.findings().get(0).viewPath()).isIn("json|" + shape.step,
                "json:$.messages[0].content|" + shape.step);
        assertThat(json.findings().get(0).location())
                .hasValueSatisfying(l -> assertThat(l.toString()).contains("$.messages[0].content"));
        assertThat(plain.findings().get(0).viewPath()).isEqualTo("body|" + shape.step);
        assertThat(Views.isCodeLayer(plain.findings().get(0).viewPath())).as("never rewritten").isTrue();
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void proseAbbreviationsArtPoemsAndListsGiveNothing(boolean hyperscan) {
        List<String> texts = List.of(
                "Bring snacks, e.g. fruit, nuts, etc. The U.S.A. and the U.K. met at 10 a.m. on Jan. 5, i.e. today.",
                "+-+-+-+-+-+-+-+-+-+-+-+-+-+\n|s|e|c|r|e|t| |g|a|r|d|e|n|\n+-+-+-+-+-+-+-+-+-+-+-+-+-+",
                "*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*\n=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=",
                "so\nmuch\ndepends\nupon\na red\nwheel\nbarrow\nglazed\nwith\nrain\nwater\nbeside\nthe\nwhite\nchickens",
                "role\nuser\ntype\ntext\nname\nread\nmode\nfast\nkind\nfile\npath\n/tmp\nsize\n1024",
                "ids\nab12\ncd34\nef56\ngh78\nij90\nkl12\nmn34\nop56\nqr78\n",
                "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t\nyes,no,no,yes,no,yes,no,no,yes,yes",
                "version 1.2.3.4.5 of the password manager is out; see the token docs",
                "the secret garden, a password policy and an api_key rotation plan, in plain words",
                "vjg rcuuyqtf rqnkea cumu hqt vygnxg ejctcevgtu",
                backwards(base64("nothing secret here, only a shopping list: eggs, milk, bread")),
                "==" + "QmFzZTY0IGlzIG5vdCByZXZlcnNlZCBoZXJl",
                "docker run --env \"MODE=fast\" \\\n  --rm image:latest \\\n  --name \"a b\"",
                "note: \"a long line that goes on \\\n  and on\"");
        for (String text : texts) {
            InspectionResult json = ENGINES.inspect(hyperscan, json(),
                    utf8(message(text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))));
            InspectionResult plain = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "text/plain"),
                    utf8(text));
            assertThat(json.findings()).as(text).isEmpty();
            assertThat(plain.findings()).as(text).isEmpty();
            assertThat(json.decision()).as(text).isEqualTo(Decision.ALLOW);
            assertThat(plain.decision()).as(text).isEqualTo(Decision.ALLOW);
        }
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void anArrayOfShortIdsAndEnumsGivesNothing(boolean hyperscan) {
        String ids = Stream.of("a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8", "i9", "j0")
                .map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
        String body = "{\"model\":\"m\",\"tools\":[{\"name\":\"search\",\"input_schema\":{\"type\":\"object\","
                + "\"properties\":{\"mode\":{\"type\":\"string\",\"enum\":[\"fast\",\"slow\",\"deep\",\"wide\"]}},"
                + "\"required\":[\"mode\",\"path\",\"kind\",\"size\"]}}],\"ids\":[" + ids + "],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        InspectionResult r = ENGINES.inspect(hyperscan, json(), utf8(body));
        assertThat(r.findings()).isEmpty();
        assertThat(r.decision()).isEqualTo(Decision.ALLOW);
    }
}
