package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.secret;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 2047 encoded words ({@code =?UTF-8?Q?...?=}, {@code =?UTF-8?B?...?=}) as a decoding-graph step. */
class EncodedWordsTest {

    static String b(String charset, String text) {
        return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(Charset.forName(charset)))
                + "?=";
    }

    /** Q encoding as mailers write it: blanks as {@code _}, {@code = ? _} and non-ASCII bytes as {@code =XX}. */
    static String q(String charset, String text) {
        StringBuilder out = new StringBuilder("=?" + charset + "?Q?");
        for (byte x : text.getBytes(Charset.forName(charset))) {
            int c = x & 0xff;
            if (c == ' ') {
                out.append('_');
            } else if (c < 0x21 || c > 0x7e || c == '=' || c == '?' || c == '_') {
                out.append(String.format("=%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append("?=").toString();
    }

    /** The joined reading of the one run of encoded words in {@code text}. */
    private static String decoded(String text) {
        byte[] t = utf8(text);
        List<Candidates.Candidate> found = Candidates.find(t, 0, t.length).stream()
                .filter(c -> c.kind() == Candidates.Kind.MIME_WORDS && c.arg() == 0).toList();
        assertThat(found).as(text).hasSize(1);
        TextCodecs.Decoded d = TextCodecs.decode(t, found.get(0));
        return d == null ? null : new String(d.bytes(), StandardCharsets.UTF_8);
    }

    /** The texts the encoded-word candidates of {@code text} decode to: joined first, then each word on its line. */
    private static List<String> readings(String text) {
        byte[] t = utf8(text);
        return Candidates.find(t, 0, t.length).stream().filter(c -> c.kind() == Candidates.Kind.MIME_WORDS)
                .map(c -> new String(TextCodecs.decode(t, c).bytes(), StandardCharsets.UTF_8)).toList();
    }

    /**
     * Several words are read joined (a value a mailer cut between two words) and each on a line of its own (one line
     * of a record in each word: joined, a card number would run into the next line's label).
     */
    @Test
    void severalWordsAreReadJoinedAndApart() {
        String card = "Card number: 5155 3396 1190 8801";
        String text = "Subject: " + b("utf-8", "Cardholder: Hiro Tanabe") + " " + b("utf-8", card) + " "
                + b("utf-8", "Exp: 05/27") + "\n";
        assertThat(readings(text)).containsExactly("Cardholder: Hiro Tanabe" + card + "Exp: 05/27",
                "Cardholder: Hiro Tanabe\n" + card + "\nExp: 05/27");
        assertThat(readings("Subject: " + q("UTF-8", "one word only"))).containsExactly("one word only");
    }

    private static List<Candidates.Kind> kinds(String text) {
        byte[] t = utf8(text);
        return Candidates.find(t, 0, t.length).stream().map(Candidates.Candidate::kind).toList();
    }

    @Test
    void bAndQWordsDecodeInTheirCharsetAndAdjacentWordsAreJoined() {
        assertThat(decoded("Subject: " + q("UTF-8", "SSN 339-89-8769 for Dana") + "\n")).isEqualTo("SSN 339-89-8769 for Dana");
        assertThat(decoded("Subject: " + b("UTF-8", "Gehaltsliste Müller") + "\n")).isEqualTo("Gehaltsliste Müller");
        assertThat(decoded(q("ISO-8859-1", "Ren\u00e9e's payslip"))).isEqualTo("Ren\u00e9e's payslip");
        assertThat(decoded(q("utf-8", "a=b?c_d"))).isEqualTo("a=b?c_d");
        // a value split over words, folded over lines as a mailer folds a long header: joined, the white space dropped
        String folded = "Subject: " + q("UTF-8", "token ghp_") + "\r\n " + b("UTF-8", "AbCdEf012345")
                + "\n\t" + q("UTF-8", "GhIjKl6789mnopqrstUVWX") + " (rotate)\n";
        assertThat(decoded(folded)).isEqualTo("token ghp_AbCdEf012345GhIjKl6789mnopqrstUVWX");
        // lower-case encoding letters, and an RFC 2231 language after the charset
        assertThat(decoded("=?utf-8*en?q?hello_world?=")).isEqualTo("hello world");
        assertThat(decoded("=?UTF-8?b?" + Base64.getEncoder().encodeToString(utf8("x y")) + "?=")).isEqualTo("x y");
    }

    @Test
    void whatIsNoEncodedWordIsNoCandidate() {
        for (String text : List.of("=?UTF-8?Q?no end", "=?UTF-8?X?abc?=", "=??Q?abc?=", "=?UTF-8?Q?two words?=",
                "a == ?b", "x=?y", "=?no-such-charset-x?Q?abc?=", "if (a =? b) {}")) {
            assertThat(kinds(text)).as(text).doesNotContain(Candidates.Kind.MIME_WORDS);
        }
        // words with text between them are two candidates, not one
        byte[] t = utf8(q("UTF-8", "first") + " and " + q("UTF-8", "second"));
        assertThat(Candidates.find(t, 0, t.length)).filteredOn(c -> c.kind() == Candidates.Kind.MIME_WORDS
                && c.arg() == 0).hasSize(2);
    }

    @Test
    void theSkipperStopsAtAWordInLongProse() {
        String prose = "The quarterly review went well and the team agreed on next steps for the migration. ".repeat(4);
        String text = prose + q("UTF-8", "SSN 339-89-8769") + " " + prose;
        byte[] t = utf8(text);
        assertThat(Candidates.find(t, 0, t.length)).isEqualTo(Candidates.findByteByByte(t, 0, t.length));
        assertThat(kinds(text)).contains(Candidates.Kind.MIME_WORDS);
    }

    @Test
    void aMailHeaderInAJsonValueIsAViewAndARedactionThereBlocks() {
        String mail = "From: =?UTF-8?Q?Dana_Whitlock?= <d@example.org>\\nSubject: " + q("UTF-8", "key " + secret(47))
                + "\\n\\nsee subject";
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + mail + "\"}]}";
        Fixtures.Decoded d = decode(meta("application/json", null), utf8(body)).ok();
        String view = d.views().keySet().stream().filter(k -> k.contains("|mime-word") && d.views().get(k)
                .contains(secret(47))).findFirst().orElseThrow();
        assertThat(d.views().get(view)).isEqualTo("key " + secret(47));
        assertThat(Fixtures.findSecrets(meta("application/json", null), utf8(body))).containsKey(view);
        // never rewritten: the redactor cannot re-encode into the word, so the request is refused, not half-redacted
        assertThat(Redactor.rewrite(meta("application/json", null), java.nio.ByteBuffer.wrap(utf8(body)),
                Fixtures.findSecrets(meta("application/json", null), utf8(body)), ViewLimits.defaults()))
                .isInstanceOf(RewriteOutcome.CannotRewrite.class);
    }
}
