package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorsTest {

    private static boolean check(String name, String value) {
        return Validators.create(name, Map.of()).test(value, ValidationContext.empty("r"));
    }

    /** Appends the Luhn check digit to {@code body}. */
    static String withLuhn(String body) {
        for (char c = '0'; c <= '9'; c++) {
            String candidate = body + c;
            int[] d = Digits.of(candidate);
            if (Digits.luhn(d)) {
                return candidate;
            }
        }
        throw new AssertionError();
    }

    /** Builds a valid IBAN from country and BBAN by computing the mod-97 check digits. */
    static String iban(String country, String bban) {
        int check = 98 - Iban.mod97(country + "00" + bban);
        return country + String.format("%02d", check) + bban;
    }

    @Test
    void luhn() {
        String card = withLuhn("453952601815908");
        String bad = card.substring(0, 15) + (char) ('0' + (card.charAt(15) - '0' + 1) % 10);
        assertThat(check("luhn", card)).isTrue();
        assertThat(check("luhn", card.substring(0, 4) + " " + card.substring(4, 8) + "-" + card.substring(8))).isTrue();
        assertThat(check("luhn", card.substring(0, 4) + "." + card.substring(4, 8) + "." + card.substring(8, 12) + "."
                + card.substring(12))).as("dot separators, as some invoices print cards").isTrue();
        assertThat(check("luhn", bad)).isFalse();
        assertThat(check("luhn", "0000000000000000")).as("all one digit").isFalse();
        assertThat(check("luhn", withLuhn("1234567890"))).as("too short").isFalse();
        assertThat(check("luhn", card.replace('5', 'x'))).isFalse();
    }

    @Test
    void luhnRejectsAStretchOfALongerRowOfGroups() {
        String card = withLuhn("453952601815908");
        String grouped = card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8, 12) + " "
                + card.substring(12);
        Validator luhn = Validators.create("luhn", Map.of());
        assertThat(luhn.test(grouped, ValidationContext.around("r", "card ", " exp 08/29"))).isTrue();
        assertThat(luhn.test(grouped, ValidationContext.around("r", "", ""))).as("alone in its view").isTrue();
        assertThat(luhn.test(grouped, ValidationContext.around("r", "000000a0: e400 ", " 0980 1a00")))
                .as("a row of xxd output").isFalse();
        assertThat(luhn.test(grouped, ValidationContext.around("r", "", " df00  ..@."))).as("a hex group after").isFalse();
        assertThat(luhn.test(grouped, ValidationContext.around("r", "9007 ", ""))).as("a group before").isFalse();
        assertThat(luhn.test(grouped, ValidationContext.around("r", "", " 0980"))).as("at the view's end").isFalse();
        assertThat(luhn.test(grouped, ValidationContext.around("r", "", "-0980"))).as("another separator").isTrue();
        assertThat(luhn.test(grouped, ValidationContext.around("r", "", " 09801"))).as("five digits").isTrue();
        assertThat(luhn.test(grouped, ValidationContext.around("r", "", " 123 cvv"))).as("three digits").isTrue();
        assertThat(luhn.test(grouped, ValidationContext.around("r", "ref1234 ", ""))).as("a longer word before").isTrue();
        assertThat(luhn.test(card, ValidationContext.around("r", "0980 ", " 0980"))).as("compact").isTrue();
        String dashed = grouped.replace(' ', '-');
        assertThat(luhn.test(dashed, ValidationContext.around("r", "", "-beef"))).as("same separator").isFalse();
        String doubled = grouped.replace(" ", "  ");
        assertThat(luhn.test(doubled, ValidationContext.around("r", "", "  0980"))).as("double space").isFalse();
        assertThat(luhn.test(doubled, ValidationContext.around("r", "", " 0980"))).as("not its separator").isTrue();
    }

    @Test
    void trackData() {
        String pan = withLuhn("452601815908301");
        assertThat(check("track-data", "B" + pan + "^MOSS/ANA^2711101000000000000000123000000")).isTrue();
        assertThat(check("track-data", pan + "=27111010000012300000")).isTrue();
        assertThat(check("track-data", pan + "==101")).as("no expiry, as the standard allows").isTrue();
        assertThat(check("track-data", "B" + pan + "^^2711101000")).as("a name of fewer than 2").isFalse();
        assertThat(check("track-data", "B" + pan + "^" + "A".repeat(27) + "^2711101000")).as("over 26").isFalse();
        assertThat(check("track-data", pan + "=27131010000012300000")).as("month 13").isFalse();
        assertThat(check("track-data", pan + "=27001010000012300000")).as("month 00").isFalse();
        String bad = pan.substring(0, 15) + (char) ('0' + (pan.charAt(15) - '0' + 1) % 10);
        assertThat(check("track-data", bad + "=27111010000012300000")).as("Luhn").isFalse();
        assertThat(check("track-data", "0000000000000000=27111010000012300000")).as("all one digit").isFalse();
        assertThat(check("track-data", "B" + pan + "=2711101")).as("track 1 needs its ^").isFalse();
        assertThat(check("track-data", pan.substring(0, 12) + "=2711101")).as("PAN of 12").isFalse();
        assertThat(check("track-data", pan + "=27")).as("cut short").isFalse();
        assertThat(check("track-data", "")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            536-22-8174, true
            536228174,   true
            536 22 8174, true
            536-22 8174, false
            000-22-8174, false
            666-22-8174, false
            900-22-8174, false
            999-22-8174, false
            536-00-8174, false
            536-22-0000, false
            078-05-1120, false
            123-45-6789, false
            219-09-9999, false
            111-11-1111, false
            536-22-817,  false
            """)
    void ssn(String value, boolean valid) {
        assertThat(check("ssn", value)).isEqualTo(valid);
    }

    @Test
    void iban() {
        String gb = iban("GB", "WEST12345698765432");
        String de = iban("DE", "370400440532013077");
        assertThat(check("iban", gb)).isTrue();
        assertThat(check("iban", de)).isTrue();
        assertThat(check("iban", gb.replaceAll("(.{4})", "$1 ").trim())).isTrue();
        assertThat(check("iban", gb.substring(0, 21) + (gb.charAt(21) == '1' ? '2' : '1'))).as("checksum").isFalse();
        assertThat(check("iban", gb + "0")).as("length for GB").isFalse();
        assertThat(check("iban", iban("XX", "WEST12345698765432"))).as("unknown country").isFalse();
        // the same account typed in lower case (the pack's rule takes lower case only after an iban label)
        assertThat(check("iban", gb.toLowerCase())).isTrue();
        assertThat(check("iban", gb.toLowerCase().substring(0, 21) + (gb.charAt(21) == '1' ? '2' : '1'))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            011000015, true
            021000021, true
            121000358, true
            011000016, false
            000000000, false
            131000015, false
            01100001,  false
            """)
    void aba(String value, boolean valid) {
        assertThat(check("aba", value)).isEqualTo(valid);
    }

    @Test
    void sin() {
        String valid = withLuhn("13069254");
        String bad = valid.substring(0, 8) + (char) ('0' + (valid.charAt(8) - '0' + 1) % 10);
        assertThat(check("sin", valid)).isTrue();
        assertThat(check("sin", valid.substring(0, 3) + " " + valid.substring(3, 6) + " " + valid.substring(6))).isTrue();
        assertThat(check("sin", bad)).isFalse();
        assertThat(check("sin", withLuhn("04645428"))).as("first digit 0").isFalse();
        assertThat(check("sin", withLuhn("84645428"))).as("first digit 8").isFalse();
        assertThat(check("sin", valid + "1")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            AB123456C,   true
            AB 12 34 56 C, true
            AB123456,    true
            DA123456C,   false
            AO123456C,   false
            GB123456C,   false
            NK123456C,   false
            AB123456E,   false
            ab123456c,   false
            AB12345C,    false
            """)
    void nino(String value, boolean valid) {
        assertThat(check("nino", value)).isEqualTo(valid);
    }

    @Test
    void entropy() {
        Validator strict = Validators.create("entropy", Map.of("min", 3.5));
        ValidationContext ctx = ValidationContext.empty("r");
        assertThat(Entropy.shannon("aaaa")).isZero();
        assertThat(Entropy.shannon("abcd")).isEqualTo(2.0);
        assertThat(strict.test("9QeWJKY40uvSwMFLZDe1f8rESQedUStPKR0CsTy4", ctx)).isTrue();
        assertThat(strict.test("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", ctx)).isFalse();
        assertThat(strict.test("abababababababababab", ctx)).isFalse();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jwt() {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"sub\":\"synthetic\"}");
        String sig = b64("signature-bytes-123");
        assertThat(check("jwt", header + "." + payload + "." + sig)).isTrue();
        assertThat(check("jwt", b64("{\"typ\":\"JWT\"}") + "." + payload + "." + sig)).as("no alg").isFalse();
        assertThat(check("jwt", header + "." + payload + ".")).as("empty signature").isFalse();
        assertThat(check("jwt", b64("{\"alg\":\"none\"}") + "." + payload + ".")).as("alg none").isTrue();
        assertThat(check("jwt", header + "." + b64("[1,2]") + "." + sig)).as("payload not an object").isFalse();
        assertThat(check("jwt", header + "." + payload)).as("two segments").isFalse();
        assertThat(check("jwt", header + "." + payload + "." + sig + ".x")).as("four segments").isFalse();
        assertThat(check("jwt", "eyJ!!!." + payload + "." + sig)).isFalse();
    }

    @Test
    void pem() {
        byte[] der = new byte[96];
        for (int i = 0; i < der.length; i++) {
            der[i] = (byte) (i * 37 + 11);
        }
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String block = "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----";
        assertThat(check("pem", block)).isTrue();
        assertThat(check("pem", block.replace("\n", "\\n"))).as("JSON-escaped newlines").isTrue();
        assertThat(check("pem", block.replace("END RSA", "END EC"))).as("label mismatch").isFalse();
        assertThat(check("pem", "-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----")).isFalse();
        assertThat(check("pem", "-----BEGIN PRIVATE KEY-----\n" + body.substring(0, 40) + "\n-----END PRIVATE KEY-----"))
                .as("too short").isFalse();
        assertThat(check("pem", "-----BEGIN RSA PRIVATE KEY-----\n" + body)).as("no END").isFalse();
        assertThat(check("pem", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n" + body
                + "\n-----END RSA PRIVATE KEY-----")).as("RFC 1421 headers skipped").isTrue();
        marksAreReadPastOnlyWhenTheBeginLineHasThem(block);
        quotedPrintableBlocksAreRead();
    }

    /** Lines of base64 of random-looking bytes, {@code width} characters a line. */
    private static String[] keyLines(int bytes, int width) {
        byte[] der = new byte[bytes];
        for (int i = 0; i < der.length; i++) {
            der[i] = (byte) (i * 73 + 29 + i / 7);
        }
        return Base64.getMimeEncoder(width, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der).split("\n");
    }

    @Test
    void pemTruncated() {
        Validator cut = Validators.create("pem-truncated", Map.of());
        String[] lines = keyLines(480, 64);
        String begin = "-----BEGIN RSA PRIVATE KEY-----\n";
        String three = begin + String.join("\n", java.util.Arrays.copyOf(lines, 3)) + "\n";
        String rest = String.join("\n", java.util.Arrays.copyOfRange(lines, 3, lines.length));
        assertThat(cut.test(three, ValidationContext.around("r", "$ head -n 4 id_rsa\n", ""))).as("head -n 4").isTrue();
        assertThat(cut.test(three, ValidationContext.around("r", "", rest + "\n$ "))).as("cut after more lines").isTrue();
        assertThat(cut.test(three, ValidationContext.around("r", "", "[output truncated at 1 KiB]\n"))).isTrue();
        assertThat(cut.test(three, ValidationContext.around("r", "", rest + "\n-----END RSA PRIVATE KEY-----\n")))
                .as("a whole block is pem's").isFalse();
        assertThat(cut.test(three, ValidationContext.around("r", "", rest + "\n-----END PUBLIC KEY-----\n")))
                .as("any END line closes the block").isFalse();
        assertThat(cut.test(three, ValidationContext.around("r", "", "...\n-----END RSA PRIVATE KEY-----")))
                .as("an elided key in documentation").isFalse();
        assertThat(cut.test(begin + ("QUFB".repeat(16) + "\n").repeat(3), ValidationContext.empty("r")))
                .as("a placeholder run").isFalse();
        assertThat(cut.test(begin + lines[0] + "\n" + lines[1].substring(0, 50) + "\n" + lines[2] + "\n",
                ValidationContext.empty("r"))).as("lines of different widths").isFalse();
        assertThat(cut.test(begin + lines[0] + "\n" + lines[1] + "\n", ValidationContext.empty("r"))).as("two lines")
                .isFalse();
        // marked as tools print it: less -N (whose mark's separator may be the END line's first dash), grep -A
        StringBuilder numbered = new StringBuilder(String.format("%7d ", 7)).append(begin);
        for (int i = 0; i < 3; i++) {
            numbered.append(String.format("%7d ", 8 + i)).append(lines[i]).append('\n');
        }
        String numberedText = numbered.substring(8);
        StringBuilder after = new StringBuilder();
        for (int i = 3; i < lines.length; i++) {
            after.append(String.format("%7d ", 8 + i)).append(lines[i]).append('\n');
        }
        assertThat(cut.test(numberedText, ValidationContext.around("r", "      7 ", after + String.format("%7d ", 99)
                + "-----END RSA PRIVATE KEY-----\n"))).as("less -N, whole").isFalse();
        assertThat(cut.test(numberedText, ValidationContext.around("r", "      7 ", after.toString()))).as("less -N, cut")
                .isTrue();
        StringBuilder grep = new StringBuilder(begin);
        for (int i = 0; i < 3; i++) {
            grep.append("certs/a.key-").append(2 + i).append('-').append(lines[i])
                    .append('\n');
        }
        assertThat(cut.test(grep, ValidationContext.around("r", "Stdout: certs/a.key:1:", "--\n"))).as("grep -A3 in a"
                + " tool's wrapper").isTrue();
    }

    @Test
    void pemReadsTheMarkAfterAToolsLabelOnTheBeginLine() {
        String[] lines = keyLines(300, 64);
        StringBuilder block = new StringBuilder("-----BEGIN EC PRIVATE KEY-----\n");
        for (int i = 0; i < lines.length; i++) {
            block.append("./k8s/sftp.yaml-").append(10 + i).append("-    ").append(lines[i]).append('\n');
        }
        block.append("./k8s/sftp.yaml:").append(10 + lines.length).append(":    -----END EC PRIVATE KEY-----");
        Validator pem = Validators.create("pem", Map.of());
        assertThat(pem.test(block, ValidationContext.around("r", "Directory: (root)\nStdout: ./k8s/sftp.yaml:9:    ", "")))
                .isTrue();
        assertThat(pem.test(block, ValidationContext.around("r", "Stdout: see ./k8s/sftp.yaml:9:    ", ""))).isTrue();
        assertThat(pem.test(block, ValidationContext.around("r", "Stdout: ./k8s/sftp.yaml:9: and more ", "")))
                .as("the mark must reach the block").isFalse();
    }

    /** A block in a quoted-printable mail part: lines broken mid-line with a soft break, its padding escaped. */
    private static void quotedPrintableBlocksAreRead() {
        byte[] der = new byte[97];
        for (int i = 0; i < der.length; i++) {
            der[i] = (byte) (i * 41 + 7);
        }
        String body = Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        assertThat(body).endsWith("==");
        String qp = body.substring(0, 23) + "=\r\n" + body.substring(23, 90) + "=\r\n" + body.substring(90).replace("=", "=3D");
        assertThat(check("pem", "-----BEGIN EC PRIVATE KEY-----\r\n" + qp + "\r\n-----END EC PRIVATE KEY-----")).isTrue();
        assertThat(check("pem", "-----BEGIN EC PRIVATE KEY-----\r\n" + qp.replace("=3D", "=3X") + "\r\n-----END EC PRIVATE KEY-----"))
                .as("not quoted-printable").isFalse();
    }

    /** A block read by a tool that numbers lines, in a diff, quoted or commented: the BEGIN line's mark on every line. */
    private static void marksAreReadPastOnlyWhenTheBeginLineHasThem(String block) {
        Validator pem = Validators.create("pem", Map.of());
        String[] lines = block.split("\n");
        java.util.function.BiFunction<java.util.function.IntFunction<String>, String, Boolean> marked = (mark, before) -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                b.append(i == 0 ? "" : "\n" + mark.apply(i)).append(lines[i]);
            }
            String text = b.toString();
            return pem.test(text, ValidationContext.around("r", before + mark.apply(0), ""));
        };
        // the arrow as a character and as the Latin-1 view of its UTF-8 bytes (what the engine hands validators)
        for (String arrow : new String[] {"\u2192", "\u00e2\u0086\u0092", "\t", ":", " | "}) {
            assertThat(marked.apply(i -> String.format("%6d", i + 1) + arrow, "Read file\n")).as("numbered %s", arrow)
                    .isTrue();
        }
        for (String mark : new String[] {"+", "-", "> ", "> > ", "# ", "// ", " * ", "; "}) {
            assertThat(marked.apply(i -> mark, "")).as("mark '%s'", mark).isTrue();
        }
        assertThat(marked.apply(i -> "+", "--- /dev/null\n+++ b/id_rsa\n")).as("a diff's added file").isTrue();
        assertThat(marked.apply(i -> "deploy/keys/id_rsa:" + (i + 1) + ":", "$ grep -rn . deploy\n")).as("grep -rn")
                .isTrue();
        assertThat(marked.apply(i -> "deploy/keys/id_rsa" + (i == 0 ? ":" : "-") + (i + 1) + (i == 0 ? ":" : "-"), ""))
                .as("grep -A: a match line, then context lines").isTrue();
        assertThat(marked.apply(i -> "HEAD:keys/id_rsa-" + (i + 7) + "-", "")).as("git grep with a revision").isTrue();
        assertThat(marked.apply(i -> String.format("%7d ", i + 1), "")).as("less -N").isTrue();
        assertThat(marked.apply(i -> String.format("%4d   \u2502 ", i + 1), "")).as("bat's gutter").isTrue();
        assertThat(marked.apply(i -> "\u001b[35mkeys/id_rsa\u001b[m\u001b[36m:\u001b[m\u001b[32m" + (i + 1)
                + "\u001b[m\u001b[36m:\u001b[m", "")).as("grep --color").isTrue();
        assertThat(marked.apply(i -> String.format("Oct 14 09:36:%02d web-02 billing-worker[45319]:   ", i), ""))
                .as("syslog").isTrue();
        assertThat(marked.apply(i -> String.format("2026-12-07T10:00:%02d.123Z api-7f9c app[12]: ", i), ""))
                .as("RFC 3339 syslog").isTrue();
        assertThat(marked.apply(i -> i == 0 ? "+const KEY = `" : "+", "")).as("a mark before code").isTrue();
        // not every line marked, no mark on the BEGIN line, or the line start out of reach: read as it is
        assertThat(marked.apply(i -> i == 2 ? "" : String.format("%6d\u2192", i + 1), "")).isFalse();
        assertThat(marked.apply(i -> i == 0 ? "" : String.format("%6d\u2192", i + 1), "")).isFalse();
        assertThat(marked.apply(i -> i == 0 ? "x".repeat(200) : String.format("%6d\u2192", i + 1), "")).isFalse();
    }

    @Test
    void keypairNearness() {
        KeyPair pair = (KeyPair) Validators.create("keypair", Map.of("with", "other", "window", 10));
        assertThat(pair.with()).isEqualTo("other");
        assertThat(pair.near(100, 120, 130, 140)).isTrue();
        assertThat(pair.near(100, 120, 131, 140)).isFalse();
        assertThat(pair.near(100, 120, 70, 90)).isTrue();
        assertThat(pair.near(100, 120, 70, 89)).isFalse();
        assertThat(((KeyPair) Validators.create("keypair", Map.of("with", "o"))).window()).isEqualTo(KeyPair.DEFAULT_WINDOW);
    }

    @Test
    void badParametersAreRejectedAtCreation() {
        assertThatThrownBy(() -> Validators.create("entropy", Map.of()))
                .hasMessage("entropy.min: missing (expected: a number)");
        assertThatThrownBy(() -> Validators.create("entropy", Map.of("min", "high")))
                .hasMessage("entropy.min: 'high' (expected: a number)");
        assertThatThrownBy(() -> Validators.create("entropy", Map.of("min", 3, "max", 4)))
                .hasMessage("entropy.max: unknown parameter (expected: one of min)");
        assertThatThrownBy(() -> Validators.create("luhn", Map.of("x", 1)))
                .hasMessage("luhn: parameters [x] (expected: none)");
        assertThatThrownBy(() -> Validators.create("keypair", Map.of("with", "a", "window", 1.5)))
                .hasMessage("keypair.window: '1.5' (expected: an integer)");
        assertThatThrownBy(() -> Validators.create("keypair", Map.of("with", "a", "window", -1)))
                .hasMessage("window: -1 (expected: 0..65536)");
        assertThatThrownBy(() -> Validators.create("crc", Map.of())).hasMessageStartingWith("validator: 'crc' (expected: one of aba,");
    }
}
