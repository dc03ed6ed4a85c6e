package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.redactAll;
import static dev.sieve.dlp.view.Fixtures.secret;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Five decoding gaps closed together: UTF-7 (declared, and shifted runs inline), Markdown/LaTeX backslash escapes in
 * a token, {@code application/grpc-web-text}, and a base64 run on the line after an all-alphabet word.
 */
class Tail11DecodeTest {

    /** {@code s} wholly shifted, as an encoder that shifts a whole token writes it: {@code +<modified base64>-}. */
    static String shiftAll(String s) {
        return "+" + Base64.getEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_16BE)) + "-";
    }

    private static List<Candidates.Kind> kinds(String text) {
        byte[] t = utf8(text);
        return Candidates.find(t, 0, t.length).stream().map(Candidates.Candidate::kind).toList();
    }

    private static String utf7(String encoded) {
        byte[] t = encoded.getBytes(StandardCharsets.US_ASCII);
        TextCodecs.EscapeSink sink = new TextCodecs.EscapeSink(t.length);
        assertThat(Utf7.decode(t, 0, t.length, sink)).as(encoded).isTrue();
        return new String(sink.bytes(), StandardCharsets.UTF_8);
    }

    // ---- UTF-7 ----

    @Test
    void utf7DecodesRfc2152ExamplesAndEncodesBack() {
        assertThat(utf7("Hi Mom -+Jjo--!")).isEqualTo("Hi Mom -\u263a-!");
        assertThat(utf7("+ZeVnLIqe-")).isEqualTo("\u65e5\u672c\u8a9e");
        assertThat(utf7("A+ImIDkQ.")).isEqualTo("A\u2262\u0391.");
        assertThat(utf7("1 +- 1")).isEqualTo("1 + 1");
        assertThat(utf7("sk+AF8-live+AF8-x")).isEqualTo("sk_live_x");
        for (String s : List.of("Hi Mom -\u263a-!", "a+b=c_d", "\u65e5\u672c\u8a9e and sk_live_Q", "plain words")) {
            assertThat(utf7(new String(Utf7.encode(s), StandardCharsets.US_ASCII))).isEqualTo(s);
        }
        // bits left over after the last code unit must be zero; bytes over 0x7f are no UTF-7
        byte[] bad = "+AGF-".getBytes(StandardCharsets.US_ASCII);
        assertThat(Utf7.decode(bad, 0, bad.length, new TextCodecs.EscapeSink(8))).isFalse();
        byte[] high = {'a', (byte) 0xc3, (byte) 0xa9};
        assertThat(Utf7.decode(high, 0, high.length, new TextCodecs.EscapeSink(8))).isFalse();
    }

    @Test
    void aBodyDeclaredUtf7IsReadAsTextAndARedactionIsWrittenBackInUtf7() {
        String text = "deploy note: the key is " + shiftAll(secret(201)) + " keep it safe\n";
        for (String charset : List.of("utf-7", "UTF-7", "x-utf-7", "unicode-1-1-utf-7")) {
            Fixtures.Decoded d = decode(meta("text/plain; charset=" + charset, null), utf8(text)).ok();
            assertThat(d.views()).as(charset).containsKeys("body", "body|utf7");
            assertThat(d.views().get("body|utf7")).isEqualTo("deploy note: the key is " + secret(201)
                    + " keep it safe\n");
        }
        RequestMeta meta = meta("text/html; charset=utf-7", null);
        RewriteOutcome.Rewritten r = redactAll(meta, utf8(text));
        String out = new String(r.body(), StandardCharsets.US_ASCII);
        assertThat(out).startsWith("deploy note: the key is +").endsWith(" keep it safe\n");
        assertThat(utf7(out)).isEqualTo("deploy note: the key is " + Fixtures.REDACTED + " keep it safe\n");
    }

    @Test
    void aValueInDirectCharactersOfAUtf7BodyIsRedactedInBothViewsAlike() {
        RequestMeta meta = meta("text/plain; charset=utf-7", null);
        String direct = "caf+AOk- note: " + secret(206) + " end\n"; // the secret is in both views
        RewriteOutcome.Rewritten r = redactAll(meta, utf8(direct));
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("caf+AOk- note: [REDACTED] end\n");
        // one value direct, one shifted: the views' rewrites differ, and the request is blocked
        String both = "a " + secret(207) + " and " + shiftAll(secret(208)) + "\n";
        RewriteOutcome out = Redactor.rewrite(meta, ByteBuffer.wrap(utf8(both)), Fixtures.findSecrets(meta, utf8(both)),
                ViewLimits.defaults());
        assertThat(out).isInstanceOf(RewriteOutcome.CannotRewrite.class);
    }

    @Test
    void aUtf7BodyWithoutAShiftedRunOrNotUtf7IsOnlyItsBytes() {
        assertThat(decode(meta("text/plain; charset=utf-7", null), utf8("plain words, no shifted run at all here"))
                .ok().views()).containsOnlyKeys("body");
        byte[] latin = {'c', 'a', 'f', (byte) 0xe9, ' ', 'o', 'k'};
        assertThat(decode(meta("text/plain; charset=utf-7", null), latin).ok().views()).containsOnlyKeys("body");
        assertThat(RawBodyFrontier.decodesAsRawView(meta("text/plain; charset=utf-7", null), utf8("plain")))
                .isFalse();
    }

    @Test
    void shiftedRunsInsideOrdinaryTextAreAUtf7Layer() {
        String whole = "{\"content\": \"the deploy key is " + shiftAll(secret(202)) + " thanks\"}";
        Map<String, String> views = decode(meta("application/json", null), utf8(whole)).ok().views();
        assertThat(views.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).endsWith("|utf7");
            assertThat(e.getValue()).contains(secret(202));
        });
        // only the punctuation shifted, as RFC 2152 encoders write it: "SECRET+AC0-000203"
        String partial = "token SECRET+AC0-000203 in a sentence";
        assertThat(kinds(partial)).containsExactly(Candidates.Kind.UTF7);
        assertThat(decode(meta("text/plain", null), utf8(partial)).ok().views().get("body|utf7"))
                .isEqualTo("token " + secret(203));
        // written back: the changed run shifted again, the rest of the text kept
        RewriteOutcome.Rewritten r = redactAll(meta("text/plain", null), utf8("key: " + shiftAll(secret(204))
                + " end"));
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).startsWith("key: +").endsWith("- end");
    }

    @Test
    void plusSignsInOrdinaryTextAreNoUtf7() {
        Random random = new Random(11);
        StringBuilder b64 = new StringBuilder();
        while (b64.indexOf("+") < 0 || b64.length() < 40) {
            byte[] bytes = new byte[48];
            random.nextBytes(bytes);
            b64.setLength(0);
            b64.append(Base64.getEncoder().encodeToString(bytes));
        }
        for (String text : List.of("C++ and C++17 templates are fine", "call +1 (555) 010-0199 or +44-20-7946-0958",
                "a+b=c and x+y-z and i++ and A+B+C+D+E+F+G+H", "GET /search?q=hello+world+again+and+again+more HTTP/1.1",
                "sum: total+subtotal+shipping-discount", "checksum " + b64, "2026-12-06T10:00:00+01:00 and +AAAAAAAA",
                "email me at first.last+newsletter@example.test for more", "Rating: A+ / B+ / C+-grade work",
                "+AGEAYgBjAGQ- short", "version=1.2.3+build.20261206-ci+meta")) {
            assertThat(kinds(text)).as(text).doesNotContain(Candidates.Kind.UTF7);
        }
        // shape test alone: leftover bits, too few characters, units that are no text
        for (String run : List.of("+AGF-", "+AG-", "+abc", "+worldwide", "+Zm9vYmFyYmF6", "+1555-")) {
            byte[] t = utf8(run);
            assertThat(Utf7.runAt(t, 0, t.length)).as(run).isFalse();
        }
        byte[] ok = utf8(shiftAll("sk_live"));
        assertThat(Utf7.runAt(ok, 0, ok.length)).isTrue();
    }

    // ---- Markdown / LaTeX backslash escapes ----

    @Test
    void markdownEscapesInATokenAreDecodedAndWrittenBack() {
        String text = "paste: key\\_SECRET\\-000301 from the wiki\n";
        assertThat(kinds(text)).contains(Candidates.Kind.MD_ESCAPE);
        Map<String, String> views = decode(meta("text/markdown", null), utf8(text)).ok().views();
        assertThat(views).containsEntry("body|md-escape", "key_" + secret(301));
        RewriteOutcome.Rewritten r = redactAll(meta("text/markdown", null), utf8(text));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("paste: key\\_\\[REDACTED\\] from the wiki\n");
        // every escaped character, and an escape before a character that is no token character
        for (String esc : List.of("AKIA\\*\\*7QZ4XK2PLM3NBV9R", "tok\\.abc\\#12345678901\\`x", "x\\[0\\]abcdefghijklmn9",
                "hf\\_QxLmWbRtZkPvNsYhGdFcJaEuTiOpLkMnBv")) { // the last without a digit: letters of both cases
            assertThat(kinds("see " + esc + " here")).as(esc).contains(Candidates.Kind.MD_ESCAPE);
        }
    }

    @Test
    void markdownProseWithEscapedWordsIsNoCandidate() {
        for (String text : List.of("Use snake\\_case for names and my\\_long\\_variable\\_name for fields.",
                "\\# Not a heading, 1\\. not a list, \\*not bold\\*, \\[not a link\\]",
                "C:\\Users\\dev\\_build and \\_\\_init\\_\\_ in prose", "a\\_b", "LaTeX: x\\_1 + y\\_2 = z\\_3",
                "2026\\-12\\-06\\-1234567890\\-0042", "the\\_quick\\_brown\\_fox\\_jumps\\_over")) {
            assertThat(kinds(text)).as(text).doesNotContain(Candidates.Kind.MD_ESCAPE);
        }
    }

    // ---- grpc-web-text ----

    private static byte[] frame(String text) {
        byte[] b = utf8(text);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(0x0a);
        message.write(b.length);
        message.writeBytes(b);
        byte[] m = message.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(new byte[] {0, 0, 0, (byte) m.length});
        out.writeBytes(m);
        return out.toByteArray();
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void grpcWebTextIsBase64OfFramesInChunks() {
        String body = b64(frame("hello there")) + b64(frame("prompt " + secret(401) + " now"));
        for (String type : List.of("application/grpc-web-text", "application/grpc-web-text+proto")) {
            Map<String, String> views = decode(meta(type, null), utf8(body)).ok().views();
            assertThat(views).as(type).containsOnlyKeys("body|base64|grpc[0]", "body|base64|grpc[1]");
            assertThat(views.get("body|base64|grpc[1]")).contains(secret(401));
        }
        // one chunk holding both frames, and a line break at the end
        byte[] both = concat(frame("first"), frame("second " + secret(402)));
        Map<String, String> one = decode(meta("application/grpc-web-text", null), utf8(b64(both) + "\r\n")).ok().views();
        assertThat(one.get("body|base64|grpc[1]")).contains(secret(402));
        assertThat(RawBodyFrontier.decodesAsRawView(meta("application/grpc-web-text", null), utf8(body))).isFalse();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void grpcWebTextMaskIsReencodedPerChunkAndOtherLengthsBlock() {
        String body = b64(frame("keep this")) + b64(frame("send " + secret(403) + " now"));
        RequestMeta meta = meta("application/grpc-web-text", null);
        Map<String, List<Span>> spans = Fixtures.findSecrets(meta, utf8(body));
        Map<String, List<Span>> mask = new LinkedHashMap<>();
        spans.forEach((view, list) -> mask.put(view, list.stream()
                .map(sp -> new Span(sp.start(), sp.end(), "*".repeat((int) (sp.end() - sp.start())))).toList()));
        RewriteOutcome masked = Redactor.rewrite(meta, ByteBuffer.wrap(utf8(body)), mask, ViewLimits.defaults());
        assertThat(masked).isInstanceOf(RewriteOutcome.Rewritten.class);
        assertThat(new String(((RewriteOutcome.Rewritten) masked).body(), StandardCharsets.US_ASCII))
                .isEqualTo(b64(frame("keep this")) + b64(frame("send ************* now")));
        RewriteOutcome other = Redactor.rewrite(meta, ByteBuffer.wrap(utf8(body)), spans, ViewLimits.defaults());
        assertThat(other).isInstanceOf(RewriteOutcome.CannotRewrite.class);
        assertThat(((RewriteOutcome.CannotRewrite) other).viewPath()).isEqualTo("body|base64|grpc[1]");
    }

    @Test
    void grpcWebTextThatIsNotBase64FramesIsScannedAsItIs() {
        for (String body : List.of("not base64 at all " + secret(404), b64(utf8("no frame header " + secret(405))),
                "AAAA=AAA")) {
            Map<String, String> views = decode(meta("application/grpc-web-text", null), utf8(body)).ok().views();
            assertThat(views).as(body).containsKey("body").doesNotContainKey("body|base64|grpc[0]");
        }
    }

    // ---- a base64 run on the line after a word ----

    @Test
    void aBase64RunAfterAnAllAlphabetWordOnTheLineBeforeIsDecoded() {
        String run = b64(utf8(secret(501))); // 20 characters: no wider than the labels, so read as their next line
        for (String label : List.of("Content-Transfer-Encoding/base64", "payload:base64", "application/octet-stream",
                "XAttachmentEncodingBase64Utf8abc", "base64", "ContentTransferEncodingBase64Abc/XyZ")) {
            String text = "header\n" + label + "\n" + run + "\nthanks\n";
            Map<String, String> views = decode(meta("text/plain", null), utf8(text)).ok().views();
            assertThat(views.values()).as(label).anyMatch(v -> v.contains(secret(501)));
        }
    }

    @Test
    void wrappedBase64AndPemBlocksStillDecode() {
        String long64 = b64(utf8(("the deploy key is " + secret(502) + " ").repeat(8)));
        StringBuilder wrapped = new StringBuilder();
        for (int i = 0; i < long64.length(); i += 76) {
            wrapped.append(long64, i, Math.min(long64.length(), i + 76)).append("\r\n");
        }
        String mime = "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n" + wrapped
                + "--b--\r\n";
        assertThat(decode(meta("multipart/mixed; boundary=b", null), utf8(mime)).ok().views().values())
                .anyMatch(v -> v.contains(secret(502)));
        StringBuilder pem = new StringBuilder("-----BEGIN SECRET NOTE-----\n");
        for (int i = 0; i < long64.length(); i += 64) {
            pem.append(long64, i, Math.min(long64.length(), i + 64)).append('\n');
        }
        pem.append("-----END SECRET NOTE-----\n");
        Map<String, String> views = decode(meta("text/plain", null), utf8(pem.toString())).ok().views();
        assertThat(views).containsKey("body|base64");
        assertThat(views.get("body|base64")).contains(secret(502));
        // the wrapped run in free text after an all-alphabet word: decoded whole
        Map<String, String> free = decode(meta("text/plain", null), utf8("Content-Transfer-Encoding/base64\n"
                + pem.substring(pem.indexOf("\n") + 1, pem.indexOf("-----END")))).ok().views();
        assertThat(free.values()).anyMatch(v -> v.contains(secret(502)) && v.length() > 200);
    }
}
