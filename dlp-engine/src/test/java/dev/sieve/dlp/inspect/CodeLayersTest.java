package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.RULES;
import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.anthropicKey;
import static dev.sieve.dlp.inspect.TestRequests.json;
import static dev.sieve.dlp.inspect.TestRequests.message;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text written as char codes, spaced out, backwards, in ROT13, uuencoded or in Ascii85: the scan's internal code
 * hint says where, {@code Views.decodeCodes} decodes the view from there, and the decoded text is scanned with the
 * whole pack (views {@code |char-codes}, {@code |spaced}, {@code |reversed}, {@code |rot13}, {@code |uuencode},
 * {@code |ascii85}), by both engines, in a JSON message and in
 * a text body. Lists of numbers that are no text, text that is no list, and prose turned around give nothing.
 */
class CodeLayersTest {

    private static final BothEngines ENGINES = new BothEngines();

    @AfterAll
    static void close() {
        ENGINES.close();
    }

    /** {@code s}'s bytes as decimal char codes joined by {@code separator}. */
    static String charCodes(String s, String separator) {
        List<String> codes = new ArrayList<>();
        for (byte b : utf8(s)) {
            codes.add(String.valueOf(b & 0xff));
        }
        return String.join(separator, codes);
    }

    /** {@code s} spaced out: one space between characters, three between words. */
    static String spacedOut(String s) {
        return Stream.of(s.split(" ")).map(w -> String.join(" ", w.split(""))).collect(Collectors.joining("   "));
    }

    private static String hexBytes(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(s)) {
            out.append(out.length() == 0 ? "" : ", ").append(String.format("0x%02X", b & 0xff));
        }
        return out.toString();
    }

    private record Wrap(String name, String step, UnaryOperator<String> wrap) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Wrap> WRAPS = List.of(
            new Wrap("String.fromCharCode", "char-codes", v -> "String.fromCharCode(" + charCodes(v, ", ") + ")"),
            new Wrap("python bytes", "char-codes", v -> "print(bytes([" + charCodes(v, ",") + "]).decode())"),
            new Wrap("one a line", "char-codes", v -> "codes:\n" + charCodes(v, "\n") + "\n"),
            new Wrap("chr calls", "char-codes", v -> "k = chr(" + charCodes(v, ") + chr(") + ")"),
            new Wrap("SQL CHAR", "char-codes", v -> "SELECT CHAR(" + charCodes(v, ")+CHAR(") + ")"),
            new Wrap("C byte array", "char-codes", v -> "unsigned char k[] = {" + hexBytes(v) + "};"),
            new Wrap("spaced out", "spaced", v -> "read this: " + spacedOut(v) + " thanks"),
            new Wrap("spaced out, quoted", "spaced", v -> "k = '" + spacedOut(v) + "';"));

    static Stream<Arguments> wrapsAndEngines() {
        return WRAPS.stream().flatMap(w -> Stream.of(Arguments.of(w, true), Arguments.of(w, false)));
    }


    @ParameterizedTest(name = "{0}, hyperscan {1}")
    @MethodSource("wrapsAndEngines")
    void aKeyWrittenAsCodesInAJsonMessageBlocksAndIsPlacedAtItsString(Wrap wrap, boolean hyperscan) {
        String text = "Here is the config you asked for. " + wrap.wrap.apply("key " + anthropicKey()) + " Bye.";
        InspectionResult r = ENGINES.inspect(hyperscan, json(), utf8(message(text.replace("\n", "\\n"))));

        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.findings()).extracting(Finding::ruleId).contains(TestRequests.ANTHROPIC_RULE);
        Finding f = r.findings().stream().filter(x -> x.ruleId().equals(TestRequests.ANTHROPIC_RULE)).findFirst()
                .orElseThrow();
        assertThat(f.viewPath()).isEqualTo("json|" + wrap.step);
        assertThat(f.location()).hasValueSatisfying(l -> assertThat(l.toString()).contains("$.messages[0].content"));
    }

    @ParameterizedTest(name = "{0}, hyperscan {1}")
    @MethodSource("wrapsAndEngines")
    void anSsnWrittenAsCodesInATextBodyCannotBeRedactedSoItBlocks(Wrap wrap, boolean hyperscan) {
        String text = "notes\n" + wrap.wrap.apply("employee ssn: " + SSN) + "\nend of notes\n";
        InspectionResult r = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "text/plain"), utf8(text));

        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("body|" + wrap.step);
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
        assertThat(r.failureDetail()).contains("char codes, spaced out").contains("is not rewritten")
                .doesNotContain(SSN);
    }

    /** {@code s} with its ASCII letters rotated by 13. */
    static String rot13(String s) {
        return dev.sieve.dlp.CodeHints.rot13(s);
    }

    static String backwards(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    private static final List<Wrap> TURNS = List.of(
            new Wrap("backwards", "reversed", v -> "read it backwards: " + backwards(v)),
            new Wrap("backwards, quoted", "reversed", v -> "s = '" + backwards(v) + "'[::-1]"),
            new Wrap("rot13", "rot13", v -> "decode with rot13: " + rot13(v)),
            new Wrap("rot13 assignment", "rot13", v -> "cfg = \"" + rot13(v) + "\".encode('rot13')"));

    static Stream<Arguments> turnsAndEngines() {
        return TURNS.stream().flatMap(w -> Stream.of(Arguments.of(w, true), Arguments.of(w, false)));
    }

    @ParameterizedTest(name = "{0}, hyperscan {1}")
    @MethodSource("turnsAndEngines")
    void aKeyWrittenBackwardsOrInRot13IsFoundInJsonAndText(Wrap wrap, boolean hyperscan) {
        assertKeyFoundInJsonAndText(wrap, hyperscan);
    }

    /** A key wrapped by {@code wrap} blocks in a JSON message and in a text body, found in the wrapping's layer. */
    private static void assertKeyFoundInJsonAndText(Wrap wrap, boolean hyperscan) {
        String text = "Here is the config you asked for.\n" + wrap.wrap.apply("key " + anthropicKey()) + "\nBye.";
        InspectionResult json = ENGINES.inspect(hyperscan, json(),
                utf8(message(text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))));
        InspectionResult plain = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "text/plain"), utf8(text));

        for (InspectionResult r : List.of(json, plain)) {
            assertThat(r.decision()).isEqualTo(Decision.BLOCK);
            assertThat(r.findings()).extracting(Finding::ruleId).containsExactly(TestRequests.ANTHROPIC_RULE);
        }
        assertThat(json.findings().get(0).viewPath()).isEqualTo("json|" + wrap.step);
        assertThat(json.findings().get(0).location())
                .hasValueSatisfying(l -> assertThat(l.toString()).contains("$.messages[0].content"));
        assertThat(plain.findings().get(0).viewPath()).isEqualTo("body|" + wrap.step);
        assertThat(Views.isCodeLayer(plain.findings().get(0).viewPath())).as("never rewritten").isTrue();
    }

    /** {@code s} uuencoded as {@code uuencode} writes it (45 bytes a line, {@code `} for 0), named {@code name}. */
    static String uuencode(String s, String name) {
        byte[] b = utf8(s);
        StringBuilder out = new StringBuilder("begin 644 ").append(name).append('\n');
        for (int line = 0; line < b.length; line += 45) {
            int n = Math.min(45, b.length - line);
            out.append((char) (' ' + n));
            for (int k = line; k < line + n; k += 3) {
                int v = (b[k] & 0xff) << 16 | (k + 1 < line + n ? (b[k + 1] & 0xff) << 8 : 0)
                        | (k + 2 < line + n ? b[k + 2] & 0xff : 0);
                for (int shift = 18; shift >= 0; shift -= 6) {
                    int c = v >> shift & 0x3f;
                    out.append(c == 0 ? '`' : (char) (' ' + c));
                }
            }
            out.append('\n');
        }
        return out.append("`\nend\n").toString();
    }

    /** {@code s} in Adobe Ascii85 ({@code <~ ~>}, {@code z} for four zero bytes), wrapped at 40 characters. */
    static String ascii85(String s) {
        byte[] b = utf8(s);
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < b.length; k += 4) {
            int n = Math.min(4, b.length - k);
            long v = 0;
            for (int j = 0; j < 4; j++) {
                v = v << 8 | (j < n ? b[k + j] & 0xff : 0);
            }
            if (v == 0 && n == 4) {
                out.append('z');
                continue;
            }
            char[] group = new char[5];
            for (int j = 4; j >= 0; j--) {
                group[j] = (char) ('!' + v % 85);
                v /= 85;
            }
            out.append(group, 0, n + 1);
        }
        return "<~" + out.toString().replaceAll("(.{40})", "$1\n") + "~>";
    }

    private static final List<Wrap> BLOCKS = List.of(
            new Wrap("uuencode", "uuencode",
                    v -> "here is the file:\n" + uuencode("# prod\n" + v + "\n", "secrets.env")),
            new Wrap("uuencode, short", "uuencode", v -> uuencode(v, "k")),
            new Wrap("ascii85", "ascii85", v -> "from base64 import a85decode  # " + ascii85(v)),
            new Wrap("ascii85, one line", "ascii85", v -> "x = '" + ascii85(v).replace("\n", "") + "'"));

    static Stream<Arguments> blocksAndEngines() {
        return BLOCKS.stream().flatMap(w -> Stream.of(Arguments.of(w, true), Arguments.of(w, false)));
    }

    @ParameterizedTest(name = "{0}, hyperscan {1}")
    @MethodSource("blocksAndEngines")
    void aKeyUuencodedOrInAscii85IsFoundInJsonAndText(Wrap wrap, boolean hyperscan) {
        assertKeyFoundInJsonAndText(wrap, hyperscan);
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void blocksThatAreNoUuencodeOrAscii85OrHoldNoSecretGiveNothing(boolean hyperscan) {
        String key = "key " + anthropicKey();
        List<String> texts = List.of(
                uuencode("nothing secret in this file, only a shopping list: eggs, milk, bread", "list.txt"),
                "begin 644 is a file mode\nMode bits: rw-r--r--\nend",
                "begin 644 notes.txt\nthe first line is no uuencoded line at all, ~" + key.length() + " words\n",
                ascii85("nothing secret in this text, only a shopping list: eggs, milk, bread"),
                "emoticons <~ hello ~> and <~~> and <~wave~>",
                // a first group over 2^32 - 1: no Ascii85, so no layer
                "<~uuuuu" + ascii85(key).substring(7),
                // a character past 'u' ends the block before its closing ~>: nothing decoded
                ascii85(key).substring(0, 30) + "{" + ascii85(key).substring(30));
        for (String text : texts) {
            InspectionResult plain = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "text/plain"),
                    utf8(text));
            assertThat(plain.findings()).as(text).isEmpty();
            assertThat(plain.decision()).as(text).isEqualTo(Decision.ALLOW);
        }
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void numbersSpacesAndTurnedProseThatAreNoWrappedSecretGiveNothing(boolean hyperscan) {
        List<String> texts = List.of(
                "token ids: [15339, 1917, 374, 264, 1296, 13, 198, 15339, 1917, 374, 264, 1296, 13, 198, 11, 12]",
                "small: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]",
                "harmless codes: " + charCodes("hello world, all is well here", ", "),
                "harmless spaced: " + spacedOut("nothing to see here at all"),
                "| a | b | c | d | e | f | g | h | i | j | k | l | m | n | o | p |",
                "in 2024, 2025 and 2026, 12, 13, 14 of 15, 16 by 17, 18 and 19, 20 or 21, 22, 23, 24",
                backwards("the password policy asks for twelve characters and a token from the hardware key"),
                rot13("the password policy asks for twelve characters and a token from the hardware key"),
                "drowssap and cnffjbeq are just words here, as is nekot",
                "an ipad, a drac and some dees: the _phg directory and tuc_ files",
                "AIKA NXVN " + backwards("AKIA") + " " + rot13("sk-ant-") + " and nothing else on the line");
        for (String text : texts) {
            InspectionResult json = ENGINES.inspect(hyperscan, json(), utf8(message(text)));
            InspectionResult plain = ENGINES.inspect(hyperscan, meta("/upload", "Content-Type", "text/plain"),
                    utf8(text));
            assertThat(json.findings()).as(text).isEmpty();
            assertThat(plain.findings()).as(text).isEmpty();
            assertThat(json.decision()).as(text).isEqualTo(Decision.ALLOW);
            assertThat(plain.decision()).as(text).isEqualTo(Decision.ALLOW);
        }
    }

    @Test
    void aTurnedKeyNextToBinaryBytesIsStillFound() {
        byte[] junk = new byte[200];
        new java.util.Random(7).nextBytes(junk);
        for (String turned : List.of(backwards("key " + anthropicKey()), rot13("key " + anthropicKey()))) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes(junk);
            body.writeBytes(utf8(" " + turned + " "));
            body.writeBytes(junk);
            InspectionResult r = ENGINES.inspect(true, meta("/upload", "Content-Type", "application/octet-stream"),
                    body.toByteArray());
            assertThat(r.findings()).as(turned).extracting(Finding::ruleId).contains(TestRequests.ANTHROPIC_RULE);
        }
    }

    @Test
    void everyListInAViewIsReadNotOnlyTheFirst() {
        String text = "first " + charCodes("nothing to see here at all", ", ") + " then prose for a while. "
                + "x".repeat(3000) + " and then " + charCodes("key " + anthropicKey(), ", ") + " done";
        InspectionResult r = ENGINES.inspect(true, json(), utf8(message(text)));

        assertThat(r.findings()).extracting(Finding::ruleId).containsExactly(TestRequests.ANTHROPIC_RULE);
    }

    @Test
    void everyViewWithCodesDrawsOnTheRequestsOneBudget() {
        // Three headers, one list of char codes each (one layer each): within a budget of two layers per request the
        // third fails, as it would in the decoding graph; a budget per view would have let all three through.
        InspectionPolicy tight = InspectionPolicy.defaults()
                .withLimits(ViewLimits.defaults().withDecodeGraph(4, 2, java.time.Duration.ofSeconds(2)));
        RequestMeta meta = meta("/v1/ping", "X-A", charCodes("a harmless first note", ","),
                "X-B", charCodes("a harmless second note", ","), "X-C", charCodes("a harmless third note", ","));
        try (Inspection inspection = TestRequests.INSPECTOR.open(meta, tight)) {
            InspectionResult r = inspection.finish(ByteBuffer.allocate(0));
            assertThat(r.decision()).isEqualTo(Decision.BLOCK);
            assertThat(r.failure()).contains(dev.sieve.dlp.view.FailReason.DECODE_BUDGET);
        }
        try (Inspection inspection = TestRequests.INSPECTOR.open(meta, InspectionPolicy.defaults())) {
            assertThat(inspection.finish(ByteBuffer.allocate(0)).decision()).isEqualTo(Decision.ALLOW);
        }
    }

    @Test
    void codesInsideCodesAreReadAgainWithinTheDepth() {
        String once = charCodes("key " + anthropicKey(), ", ");
        String twice = charCodes(once, ",");
        InspectionResult r = ENGINES.inspect(true, meta("/upload", "Content-Type", "text/plain"),
                utf8("data " + twice));

        assertThat(r.findings()).extracting(Finding::viewPath).containsExactly("body|char-codes|char-codes");
        assertThat(r.decision()).isEqualTo(Decision.BLOCK);
    }
}
