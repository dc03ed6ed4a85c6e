package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.CodeHints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Pieces}: texts cut by markup or code, written in escapes, ROT47, spelled digits, numbered assignments. */
class PiecesTest {

    /** The texts of the {@link Candidates.Kind#PIECES} candidates found in {@code s}, as "step:text". */
    private static List<String> pieces(String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (Candidates.Candidate c : Candidates.findCodes(t, 0, t.length)) {
            if (c.kind() == Candidates.Kind.PIECES) {
                TextCodecs.Decoded d = TextCodecs.decode(t, c);
                if (d != null) {
                    out.add(d.step() + ":" + new String(d.bytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    @Test
    void inlineElementsJoinTheirTextAndBlocksBreakLines() {
        assertThat(pieces("<div class=\"n\"><span>SLA</span><span>CK_</span><span>BOT</span></div>"))
                .containsExactly("markup:\nSLACK_BOT\n");
        assertThat(pieces("<svg><text x=\"1\"><tspan>aws_</tspan><tspan>acce</tspan> <tspan>ss&amp;k</tspan></text>"
                + "</svg>")).containsExactly("markup:\n\naws_acce ss&k\n\n"); // the blank between is text
    }

    @Test
    void officeXmlRunsJoinTheirTextAndParagraphsBreakLines() {
        // word/document.xml as `unzip -p report.docx word/document.xml` prints it: Word cut the word at a format change.
        assertThat(pieces("<w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>CONFID</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
                + "<w:t>ENTIAL</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t xml:space=\"preserve\"> - do not"
                + " dis</w:t></w:r><w:r><w:t>tribute</w:t></w:r></w:p><w:p><w:r><w:t>next</w:t></w:r></w:p></w:body>"))
                .containsExactly("markup:\n\nCONFIDENTIAL - do not distribute\n\nnext\n\n");
        assertThat(pieces("<a:p><a:r><a:rPr lang=\"en-US\"/><a:t>ghp_</a:t></a:r><a:r><a:t>Abc</a:t></a:r></a:p>"))
                .as("a PPTX slide's DrawingML").containsExactly("markup:\nghp_Abc\n");
        assertThat(pieces("<text:p>x<text:span>SLA</text:span><text:span>CK_</text:span><text:line-break/>y</text:p>"))
                .as("ODF").containsExactly("markup:\nxSLACK_\ny\n");
    }

    @Test
    void officeXmlParagraphsOfOneRunAreNoCandidate() {
        assertThat(pieces("<w:p><w:r><w:t>one</w:t></w:r></w:p><w:p><w:r><w:t>two</w:t></w:r></w:p>")).isEmpty();
        assertThat(pieces("<my-card><x-a>one</x-a> <x-b>two</x-b></my-card>")).isEmpty();
    }

    /** An Anthropic stream as a log holds it: one event a line. */
    private static String anthropicStream(String... pieces) {
        StringBuilder sb = new StringBuilder("event: message_start\ndata: {\"type\":\"message_start\"}\n\n");
        for (String p : pieces) {
            sb.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":")
                    .append("{\"type\":\"text_delta\",\"text\":\"").append(p).append("\"}}\n\n");
        }
        return sb.append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":")
                .append("\"end_turn\"}}\n").toString();
    }

    @Test
    void streamedDeltasJoinInOrder() {
        assertThat(pieces(anthropicStream("Your token is gh", "p_Ab12", "Cd34\\nok"))).containsExactly(
                "deltas:Your token is ghp_Ab12Cd34\nok");
        String toolCall = "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                + "\"input_json_delta\",\"partial_json\":\"{\\\"pass\"}}\n"
                + "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                + "\"input_json_delta\",\"partial_json\":\"word\\\": \\\"Qx7\"}}\n"
                + "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                + "\"input_json_delta\",\"partial_json\":\"vR2\\\"}\"}}\n";
        assertThat(pieces(toolCall)).containsExactly("deltas:{\"password\": \"Qx7vR2\"}");
        String chat = "data: {\"choices\":[{\"delta\":{\"content\":\"sk_li\"}}]}\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"ve_4e\"}}]}\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"C39\\u0048q\"}}]}\ndata: [DONE]\n";
        assertThat(pieces(chat)).containsExactly("deltas:sk_live_4eC39Hq");
        String responses = "{\"type\":\"response.output_text.delta\",\"content_index\":0,\"delta\":\"AK\"}\n"
                + "{\"type\":\"response.output_text.delta\",\"content_index\":0,\"delta\":\"IA\"}\n"
                + "{\"type\":\"response.output_text.delta\",\"content_index\":0,\"delta\":\"Z7\"}\n";
        assertThat(pieces(responses)).containsExactly("deltas:AKIAZ7");
    }

    @Test
    void twoDeltasOrDeltasWithoutTextAreNoStream() {
        assertThat(pieces(anthropicStream("Hello", " world"))).isEmpty();
        assertThat(pieces("data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}\n"
                .repeat(3))).isEmpty();
    }

    @Test
    void aTokenCutAtALineEndJoinsTheNextLine() {
        assertThat(pieces("2026-12-06 23:10:04 WARN auth: using credential ghp_lsJ7JMfFMiaJLYNY\npxCJ8YsT9sC21E0qOrK1 for"
                + " upstream call")).containsExactly("token-wrap:ghp_lsJ7JMfFMiaJLYNYpxCJ8YsT9sC21E0qOrK1");
        assertThat(pieces("[worker-07] 2026-12-06T23:10:04Z retrying upstream with key sk_live_4eC39HqLyjWD\r\n"
                + "arjtT1zdp7dc end")).containsExactly("token-wrap:sk_live_4eC39HqLyjWDarjtT1zdp7dc");
    }

    /** A JWT that tmux or {@code fold} wrapped at 80 columns over three lines is joined whole. */
    @Test
    void aJwtWrappedOverSeveralLinesIsJoinedWhole() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyXzYwMDA1MDAzIiwiZW1haWwiOiJjaGVuQGFjbWUtY29y"
                + "cC5pbyIsInJvbGUiOiJzZXJ2aWNlIiwiaWF0IjoxNzY3MDcyODY5fQ.D8NvMD1eu9GshU_yYoRfYDOUEDOLI58IfVQ8wBOHjHo";
        String line = "    service_jwt = \"" + jwt + "\"\n    retries = 3\n";
        StringBuilder wrapped = new StringBuilder();
        for (int i = 0; i < line.length(); i += 80) {
            String part = line.substring(i, Math.min(line.length(), i + 80));
            wrapped.append(part.endsWith("\n") || i + 80 >= line.length() ? part : part + "\n");
        }
        assertThat(pieces(wrapped.toString())).containsExactly("token-wrap:" + jwt);
        // a JWT on a line of its own, a projection's short values, a lone payload segment: nothing to join
        assertThat(pieces("access_token\n" + jwt + "\nexpires_in\n3600")).isEmpty();
        assertThat(pieces("x".repeat(60) + " eyJzdWIiOiJ1c2VyXzYwMDA1\nMDAzIiwiZW1haWwiOiJjaGVuQGFjbWUtY29y rest"))
                .as("no dots: not a JWT").isEmpty();
    }

    @Test
    void aWholeTokenOrAnAssignmentOnTheNextLineIsNotJoined() {
        assertThat(pieces("GITHUB_TOKEN=ghp_lsJ7JMfFMiaJLYNYpxCJ8YsT9sC21E0qOrK1\nNEXT_VARIABLE=1")).isEmpty();
        assertThat(pieces("see the ghp_ prefix\nThese tokens expire")).isEmpty();
        assertThat(pieces("ghp_abc\nok")).as("three characters after the break").isEmpty();
        assertThat(pieces("xghp_lsJ7JMfF\npxCJ8YsT9s")).as("not at a token's start").isEmpty();
        assertThat(pieces("the value is ghp_lsJ7JMfFMiaJLYNY\npxCJ8YsT9sC21E0qOrK1 and more"))
                .as("a line narrower than a terminal: two values of a projection, the joined views' to read").isEmpty();
    }

    @Test
    void inlineElementsApartOrBlockElementsAreNoCandidate() {
        assertThat(pieces("<p><span>one</span> and <span>two</span></p>")).isEmpty();
        assertThat(pieces("<div>one</div><div>two</div><td>3</td><td>4</td>")).isEmpty();
    }

    @Test
    void markdownRowsOfEqualCellsJoin() {
        assertThat(pieces("| ANTH | ROPI | C_AP | I_KE | Y=sk |\n| DOB: |  [RE | DACT | ED] |"))
                .containsExactly("cells:ANTHROPIC_API_KEY=sk\nDOB: [REDACTED]\n");
    }

    @Test
    void numericTablesAndTablesOfUnequalCellsDoNotJoin() {
        assertThat(pieces("| 2021 | 2022 | 2023 | 2024 |\n| 4111 | 1111 | 1111 | 1111 |")).isEmpty();
        assertThat(pieces("| Name | Value | Notes | Owner |")).isEmpty();
        assertThat(pieces("| a | b | c |")).isEmpty();
    }

    @Test
    void literalListsJoinedByCodeAreRead() {
        assertThat(pieces("VALUES (CONCAT('Empl', 'oyee', CHAR(10), 'SSN:', ' 512', '-72-', '3048'));"))
                .containsExactly("list-join:Employee\nSSN: 512-72-3048");
        assertThat(pieces("const v = [\"SLACK\", \"_BOT_\", \"TOKEN\", \"=xoxb\"].join('');"))
                .containsExactly("list-join:SLACK_BOT_TOKEN=xoxb");
        assertThat(pieces("v = ''.join(['ghp_', 'abcd', 'efgh', 'ijkl'])")).containsExactly("list-join:ghp_abcdefghijkl");
    }

    @Test
    void listsWithAnythingButLiteralsOrOtherJoinsAreNotRead() {
        assertThat(pieces("SELECT CONCAT(first_name, ' ', last_name) FROM people")).isEmpty();
        assertThat(pieces("parts = ['alpha', 'beta', 'gamma', 'delta'].join(', ')")).isEmpty();
        assertThat(pieces("CONCAT('ab', 'cd')")).isEmpty(); // fewer than 16 bytes
    }

    @Test
    void characterEscapesAreRead() {
        assertThat(pieces("note: \\'53\\'53\\'4e\\'3a")).containsExactly("escapes:note: SSN:");
        // a whole RTF document is the RTF view's
        assertThat(pieces("{\\rtf1\\ansi \\'53\\'53\\'4e\\'3a}")).isEmpty();
        assertThat(pieces("\\char\"53{}\\char83 \\char\"4E{}")).containsExactly("escapes:SSN");
        assertThat(pieces("v = \"\\U00000067\\U00000068\\U00000070\\U0000005F\""))
                .containsExactly("escapes:v = \"ghp_\"");
    }

    @Test
    void fewerThanThreeEscapesOrMalformedOnesAreNoCandidate() {
        assertThat(pieces("Caf\\'e9 cr\\'e8me")).isEmpty();
        assertThat(pieces("\\U0000zz41\\U00000041\\Uxyz")).isEmpty();
    }

    @Test
    void rot47LinesWithAListedWordAreRotatedBack() {
        String line = CodeHints.rot47("SSN: 512-72-3048");
        assertThat(pieces("note\n" + line + "\nbye")).containsExactly("rot47:SSN: 512-72-3048");
        assertThat(CodeHints.ROT47_WORDS).doesNotContain(CodeHints.rot47("ghp_")); // 89A0: everyday hex
        assertThat(pieces(CodeHints.rot47("nothing listed in here at all"))).isEmpty();
    }

    @Test
    void spelledDigitsAmongSpacedOutCharactersAreRead() {
        assertThat(pieces("S S N :   siete cuatro nueve - tres uno - dos tres nueve cuatro"))
                .containsExactly("spelled:SSN: 749-31-2394");
        assertThat(pieces("c a r d :   four one one one   one one one one"))
                .containsExactly("spelled:card: 4111 1111");
    }

    @Test
    void numbersInProseAreNotSpelledOut() {
        assertThat(pieces("We counted one two three four five six seven eight apples in the big orchard today"))
                .isEmpty();
        assertThat(pieces("p nueve cinco   uno cero cero m s   tres siete")).isEmpty();
    }

    @Test
    void numberedAssignmentsOfEqualPiecesJoin() {
        assertThat(pieces("export PART_1=\"GOOGLE\"\nexport PART_2=\"_MAPS_\"\nexport PART_3=\"API\\nKE\"\n"
                + "export PART_4=\"Y\"\n")).containsExactly("numbered:GOOGLE_MAPS_API\nKEY");
    }

    @Test
    void numberedAssignmentsOutOfOrderOrOfUnequalWidthDoNotJoin() {
        assertThat(pieces("HOST_1=\"db1.a\"\nHOST_2=\"db2-long.a\"\nHOST_3=\"db3.a\"")).isEmpty();
        assertThat(pieces("P1=\"abcdef\"\nP3=\"ghijkl\"\nP4=\"mnopqr\"")).isEmpty();
        assertThat(pieces("P1=\"abcdef\"\nP2=\"ghijkl\"")).isEmpty(); // two parts
    }

    /** One ripgrep event, compact as {@code rg --json} writes it. */
    private static String rgEvent(String type, int line, String text) {
        return "{\"type\":\"" + type + "\",\"data\":{\"path\":{\"text\":\"conf/app.ini\"},\"lines\":{\"text\":\""
                + text + "\\n\"},\"line_number\":" + line + ",\"absolute_offset\":" + line * 40
                + ",\"submatches\":[]}}\n";
    }

    @Test
    void ripgrepJsonLinesReadAsTheFileTheyPrint() {
        String stream = "{\"type\":\"begin\",\"data\":{\"path\":{\"text\":\"conf/app.ini\"}}}\n"
                + rgEvent("match", 3, "[auth]") + rgEvent("context", 4, "token = ab\\\"cd")
                + rgEvent("context", 5, "user = ops")
                + "{\"type\":\"end\",\"data\":{\"path\":{\"text\":\"conf/app.ini\"},\"stats\":{}}}\n";
        assertThat(pieces(stream)).containsExactly("rg-json:[auth]\ntoken = ab\"cd\nuser = ops\n");
        // keys sorted (Python's json.dumps(sort_keys=True)), blanks after the colons, and a line rg prints as bytes
        String sorted = "{\"data\": {\"line_number\": 1, \"lines\": {\"bytes\": \"c2VjcmV0OiB4\\n\"}}, \"type\": \"match\"}\n"
                .replace("\\n\"}", "\"}")
                + "{\"data\": {\"line_number\": 2, \"lines\": {\"text\": \"more\\n\"}}, \"type\": \"context\"}\n";
        assertThat(pieces(sorted)).containsExactly("rg-json:secret: x\nmore\n");
        String pretty = "{\n  \"type\": \"match\",\n  \"data\": {\n    \"lines\": {\n      \"text\": \"a\\n\"\n    }\n  }\n}\n"
                + "{\n  \"type\": \"context\",\n  \"data\": {\n    \"lines\": {\n      \"text\": \"b\\n\"\n    }\n  }\n}\n";
        assertThat(pieces(pretty)).as("rg --json | jq .").containsExactly("rg-json:a\nb\n");
    }

    @Test
    void oneRipgrepLineOrLinesThatAreNoObjectAreNoStream() {
        assertThat(pieces(rgEvent("match", 3, "[auth]"))).isEmpty();
        assertThat(pieces("{\"type\":\"context\",\"lines\":\"a\"}\n{\"type\":\"context\",\"lines\":[\"b\"]}\n"))
                .isEmpty();
    }

    @Test
    void codeViewersReadAsTheCodeTheyShow() {
        String pygments = "<div class=\"highlight\"><pre><span></span><span class=\"n\">key</span> <span class=\"o\">=</span>"
                + " <span class=\"s\">&quot;AB</span>\n<span class=\"s\">CD&quot;</span>\n</pre></div>";
        assertThat(pieces(pygments)).containsExactly("markup:\nkey = \"AB\nCD\"\n\n");
        String shiki = "<span class=\"line\"><span style=\"color:#A\">line one</span></span>\n"
                + "<span class=\"line\"><span style=\"color:#B\">line two</span></span>\n"
                + "<span class=\"line\"><span style=\"color:#C\">line three</span></span>\n";
        assertThat(pieces(shiki)).as("one span a line, no <pre>").containsExactly("markup:line one\nline two\nline three");
        String numbered = "<pre><span class=\"linenos\"> 1</span>first\n<span class=\"linenos\"> 2</span>second</pre>";
        assertThat(pieces(numbered)).as("a gutter is no text of the file").containsExactly("markup:\nfirst\nsecond\n");
        String blob = "<table><tr><td id=\"L1\" class=\"blob-num\" data-line-number=\"1\">1</td><td class=\"blob-code\">"
                + "alpha</td></tr><tr><td class=\"blob-num\">2</td><td class=\"blob-code\">beta</td></tr></table>";
        assertThat(pieces(blob)).singleElement().asString().satisfies(
                text -> assertThat(text.replaceAll("\n+", "\n")).isEqualTo("markup:\nalpha\nbeta\n"));
    }

    @Test
    void twoElementLinesOrProseParagraphsAreNoCodeBlock() {
        assertThat(pieces("<span class=\"a\">one</span>\n<span class=\"b\">two</span>\n")).isEmpty();
        assertThat(pieces("<p>one</p>\n<p>two</p>\n<p>three</p>\n")).isEmpty();
    }
}
