package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.SECRET;
import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.redactAll;
import static dev.sieve.dlp.view.Fixtures.secret;
import static dev.sieve.dlp.view.Fixtures.str;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoding graph at view level: each decoder finds its encoding in a JSON string, in free text, in form and
 * query values; look-alikes (hashes, ids, images, code) give no layer and no failure; nesting stops at
 * {@code maxDecodeDepth}; and redaction writes every layer back in its own encoding.
 */
class DecodeGraphTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NOTE = "the deploy key is " + secret(101) + " keep it safe";

    /** An encoding, the step it is named by, and how to produce it. */
    record Enc(String name, String step, UnaryOperator<String> encode) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(utf8(s));
    }

    static String hex(String s, String delimiter, boolean upper) {
        HexFormat f = HexFormat.ofDelimiter(delimiter);
        return (upper ? f.withUpperCase() : f).formatHex(utf8(s));
    }

    static String percentAll(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : utf8(s)) {
            sb.append(String.format("%%%02X", b & 0xff));
        }
        return sb.toString();
    }

    static String escapeAll(String s, String prefix, String format) {
        StringBuilder sb = new StringBuilder();
        for (byte b : utf8(s)) {
            sb.append(prefix).append(String.format(format, b & 0xff));
        }
        return sb.toString();
    }

    /** Python's <code>&#92;N{...}</code> for every character. */
    static String pythonNames(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> sb.append("\\N{").append(Character.getName(cp)).append('}'));
        return sb.toString();
    }

    static Stream<Enc> encodings() {
        return Stream.of(
                new Enc("base64", "base64", DecodeGraphTest::b64),
                new Enc("base64url-unpadded", "base64",
                        s -> Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(s + "??>>"))),
                new Enc("base64-wrapped", "base64", s -> Base64.getMimeEncoder(16, new byte[] {'\r', '\n'})
                        .encodeToString(utf8(s + " " + s))),
                new Enc("hex", "hex", s -> hex(s, "", false)),
                new Enc("hex-upper-colon", "hex", s -> hex(s, ":", true)),
                new Enc("hex-dash", "hex", s -> hex(s, "-", false)),
                new Enc("hex-space", "hex", s -> hex(s, " ", false)),
                new Enc("percent", "percent", DecodeGraphTest::percentAll),
                new Enc("percent-twice", "percent|percent", s -> percentAll(percentAll(s))),
                new Enc("html-decimal", "html", s -> escapeAll(s, "&#", "%d;")),
                new Enc("html-hex", "html", s -> escapeAll(s, "&#x", "%x;")),
                new Enc("html-named", "html|json", s -> "&lbrace;&quot;note&quot;&colon; &quot;"
                        + s.replace("SECRET", "&#83;ECRET") + "&quot;&rbrace;"),
                new Enc("quoted-printable", "qp", s -> escapeAll(s, "=", "%02X")),
                new Enc("json-u", "json-u", s -> escapeAll(s, "\\u", "%04x")),
                new Enc("js-u-braces", "json-u", s -> escapeAll(s, "\\u{", "%x}")),
                new Enc("python-named", "json-u", DecodeGraphTest::pythonNames),
                new Enc("source-x", "escape", s -> escapeAll(s, "\\x", "%02x")),
                new Enc("source-octal", "escape", s -> escapeAll(s, "\\", "%03o")),
                new Enc("powershell-encoded-command", "base64|utf-16le",
                        s -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_16LE))),
                new Enc("base32", "base32", s -> base32(s, true)),
                new Enc("base32-lower-unpadded", "base32", s -> base32(s, false).toLowerCase(java.util.Locale.ROOT)),
                new Enc("base64-of-gzip", "base64|gzip", s -> Base64.getEncoder().encodeToString(gzip(utf8(s)))),
                new Enc("base64-of-zlib", "base64|zlib", s -> Base64.getEncoder().encodeToString(zlib(utf8(s)))),
                new Enc("base64-of-raw-deflate", "base64|deflate",
                        s -> Base64.getEncoder().encodeToString(rawDeflate(utf8(s)))),
                new Enc("base64-in-spaced-groups", "base64", s -> spaced(b64(s))),
                new Enc("base64-of-utf-32-with-bom", "base64|utf-32le",
                        s -> Base64.getEncoder().encodeToString(("\ufeff" + s).getBytes(UTF_32LE))),
                new Enc("hex-of-utf-32be", "hex|utf-32be", s -> HexFormat.of().formatHex(s.getBytes(UTF_32BE))),
                new Enc("base64-of-ebcdic-037", "base64|ibm037",
                        s -> Base64.getEncoder().encodeToString(s.getBytes(IBM037))),
                new Enc("hex-of-ebcdic-500", "hex|ibm500",
                        s -> HexFormat.of().formatHex(("[" + s + "]").getBytes(IBM500))),
                new Enc("base64-of-ebcdic-1047", "base64|ibm1047",
                        s -> Base64.getEncoder().encodeToString(("[" + s + "]").getBytes(IBM1047))));
    }

    private static final java.nio.charset.Charset UTF_32LE = java.nio.charset.Charset.forName("UTF-32LE");
    private static final java.nio.charset.Charset UTF_32BE = java.nio.charset.Charset.forName("UTF-32BE");
    private static final java.nio.charset.Charset IBM037 = java.nio.charset.Charset.forName("IBM037");
    private static final java.nio.charset.Charset IBM500 = java.nio.charset.Charset.forName("IBM500");
    private static final java.nio.charset.Charset IBM1047 = java.nio.charset.Charset.forName("IBM1047");

    /** Base64 of random bytes at or above 0x40 (EBCDIC's printable range, not its text), and of small int32s. */
    static List<String> highAndWideBinary() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        List<String> out = new java.util.ArrayList<>();
        for (int k = 0; k < 300; k++) {
            byte[] b = new byte[16 + random.nextInt(48)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (0x40 + random.nextInt(0xc0));
            }
            out.add(k % 2 == 0 ? Base64.getEncoder().encodeToString(b) : HexFormat.of().formatHex(b));
            java.nio.ByteBuffer ints = java.nio.ByteBuffer.allocate(4 * (4 + random.nextInt(12)))
                    .order(k % 3 == 0 ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
            ints.putInt(0x11).putInt(5); // no LZMA_Alone header (its dictionary size), which would fail closed
            while (ints.hasRemaining()) {
                ints.putInt(random.nextInt(0x20)); // counters, flags, lengths: control characters as UTF-32
            }
            out.add(Base64.getEncoder().encodeToString(ints.array()));
        }
        return out;
    }

    /** Base64 in groups of four one space apart. */
    static String spaced(String base64) {
        return String.join(" ", base64.split("(?<=\\G.{4})"));
    }

    static byte[] rawDeflate(byte[] b) {
        try {
            return Fixtures.deflate(b, true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** RFC 4648 base32, upper case. */
    static String base32(String s, boolean pad) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : utf8(s)) {
            buffer = buffer << 8 | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt(buffer >> (bits - 5) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt(buffer << (5 - bits) & 31));
        }
        while (pad && out.length() % 8 != 0) {
            out.append('=');
        }
        return out.toString();
    }

    static List<String> codes(String s) {
        List<String> out = new java.util.ArrayList<>();
        for (byte b : utf8(s)) {
            out.add(String.valueOf(b & 0xff));
        }
        return out;
    }

    static byte[] gzip(byte[] b) {
        try {
            return Fixtures.gzip(b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] zlib(byte[] b) {
        try {
            return Fixtures.deflate(b, false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String jsonString(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] chat(String content) {
        return utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":" + jsonString(content) + "}]}");
    }

    /** The views whose content holds the synthetic secret. */
    static List<String> viewsWithSecret(Map<String, String> views) {
        return views.entrySet().stream().filter(e -> SECRET.matcher(e.getValue()).find()).map(Map.Entry::getKey)
                .toList();
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void eachDecoderFindsItsEncodingInAJsonStringAndNamesTheChain(Enc enc) {
        String encoded = enc.encode.apply(NOTE);
        assertThat(encoded).doesNotContain(secret(101));

        Map<String, String> views = decode(meta("application/json", null), chat(encoded)).ok().views();

        assertThat(viewsWithSecret(views)).contains("json:$.messages[0].content|" + enc.step);
    }

    @Test
    void pythonNamesAreReadInEitherCaseAndAnUnknownNameIsLeftAsItIs() {
        String lower = pythonNames(NOTE).toLowerCase(java.util.Locale.ROOT).replace("\\n{", "\\N{");
        Map<String, String> views = decode(meta("text/plain", null), utf8(lower)).ok().views();
        assertThat(views.get("body|json-u")).isEqualTo(NOTE);

        String unknown = "\\N{NOT A CHARACTER NAME}\\N{LATIN SMALL LETTER A}\\N{LATIN SMALL LETTER B}";
        assertThat(decode(meta("text/plain", null), utf8(unknown)).ok().views().get("body|json-u"))
                .isEqualTo("\\N{NOT A CHARACTER NAME}ab");
        assertThat(decode(meta("text/plain", null), utf8("a path C:\\Users\\N{x} and \\N{ } \\N{}")).ok().views())
                .doesNotContainKey("body|json-u");
    }

    @Test
    void aTarGzInBase64AfterACommandInAToolResultIsOpened() throws IOException {
        // `tar czf - config | base64` pasted into a tool result: a gzip inside base64 holding a tar, not text.
        byte[] tgz = Fixtures.gzip(Media.tar(Map.of("config/.env", utf8("DEPLOY_NOTE=" + NOTE + "\n")), false));
        String text = "$ tar czf - config | base64\n" + Base64.getMimeEncoder(76, new byte[] {'\n'})
                .encodeToString(tgz) + "\n$ ";

        Map<String, String> views = decode(meta("application/json", null), chat(text)).ok().views();

        assertThat(viewsWithSecret(views)).anyMatch(p -> p.startsWith("json:$.messages[0].content|base64|gzip|tar:"));
    }

    @Test
    void escapeClustersFarApartAreDecodedAsOneTextFromTheFirstToTheLast() {
        // An escaped header line, then more than CLUSTER_GAP bytes with no escape, then escapes again: decoded as
        // pieces, no piece would hold both the header and what follows it.
        String plain = "-----BEGIN NOTE-----\n" + "A".repeat(100) + "\n" + NOTE + "/+/+\n-----END NOTE-----";
        String escaped = plain.replace("-", "&#45;").replace("/", "&sol;").replace("+", "&plus;");

        Map<String, String> views = decode(meta("text/plain", null), utf8(escaped)).ok().views();

        assertThat(views).containsKey("body|html").doesNotContainKey("body|html~2");
        assertThat(views.get("body|html")).startsWith("-----BEGIN NOTE-----\n").contains(secret(101))
                .endsWith("-----END NOTE-----");
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void eachDecoderFindsItsEncodingInATextBody(Enc enc) {
        Map<String, String> views = decode(meta("text/plain", null), utf8(enc.encode.apply(NOTE))).ok().views();

        assertThat(viewsWithSecret(views)).contains("body|" + enc.step);
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void redactionReEncodesEveryLayerSoTheBodyStaysValidAndKeepsItsStyle(Enc enc) throws IOException {
        byte[] body = chat("please look: " + enc.encode.apply(NOTE));

        RewriteOutcome.Rewritten r = redactAll(meta("application/json", null), body);

        String content = MAPPER.readTree(r.body()).at("/messages/0/content").asText();
        if (!enc.step.contains("zip") && !enc.name.equals("html-named")) {
            // Every byte of these is escaped, so re-escaping the changed stretch gives what the sender would have.
            assertThat(content).isEqualTo("please look: " + enc.encode.apply(NOTE.replace(secret(101), "[REDACTED]")));
        }
        assertThat(decode(meta("application/json", null), r.body()).ok().views().values())
                .anyMatch(v -> v.contains("the deploy key") && v.contains("[REDACTED]"));
    }

    /**
     * A label made of base64's alphabet on the line before a blob (a MIME type, a path) is not a wrapped line of it:
     * wrapped lines are all as wide as the first, the last no wider, so the blob is decoded from its own line.
     */
    @Test
    void anAlphabetLabelOnTheLineBeforeABlobIsNotJoinedToIt() {
        String blob = b64(NOTE);
        for (String label : List.of("application/gzip", "mime=application/java-archive", "data/exports/2024/notes")) {
            for (String body : List.of(blob, Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(utf8(NOTE)))) {
                Map<String, String> views = decode(meta("application/json", null), chat(label + "\n" + body)).ok()
                        .views();
                assertThat(views).as(label).containsEntry("json:$.messages[0].content|base64", NOTE);
            }
        }
        // a wrapped blob whose lines are not all as wide as the first is not read as one
        String[] lines = Base64.getMimeEncoder(20, new byte[] {'\n'}).encodeToString(utf8(NOTE)).split("\n");
        String ragged = lines[0] + "\n" + lines[1].substring(0, 16) + "\n" + lines[2];
        assertThat(decode(meta("application/json", null), chat(ragged)).ok().views())
                .doesNotContainEntry("json:$.messages[0].content|base64", NOTE);
    }

    @Test
    void aBase64BlobInsideAPromptSentenceIsDecoded() {
        String text = "Summarise this for me: " + b64(NOTE) + " - thanks!";

        Map<String, String> views = decode(meta("application/json", null), chat(text)).ok().views();

        assertThat(views).containsEntry("json:$.messages[0].content|base64", NOTE);
    }

    @Test
    void spacedGroupsAreFoundWhereTheyStartOrEndTheText() {
        String groups = spaced(b64(NOTE));
        for (String text : List.of(groups, "  " + groups + "\n", "token: " + groups, "token=" + groups + ".",
                "first line\nsecond line\n\"" + groups + "\"", groups + "   # rotated on Monday\nmore lines",
                "\n\t" + groups + "\nmore lines", "Save this note for later.\n```\n" + groups + "\n```",
                "Decode this:\n\n" + groups + "\n\n")) { // a code fence, or blank lines, after the groups
            Map<String, String> views = decode(meta("application/json", null), chat(text)).ok().views();
            assertThat(views).as(text).containsEntry("json:$.messages[0].content|base64", NOTE);
        }
        for (int width : new int[] {5, 7, 8, 12, 16, 76}) { // 5 and 7 leave the padding as a group of its own
            String wide = String.join(" ", b64(NOTE).split("(?<=\\G.{" + width + "})"));
            for (String text : List.of(wide, "token: " + wide, wide + "\n# from the vault")) {
                Map<String, String> views = decode(meta("application/json", null), chat(text)).ok().views();
                assertThat(views).as(text).containsEntry("json:$.messages[0].content|base64", NOTE);
            }
        }
        for (int width = 5; width <= 9; width++) { // the padding cut off as a group of its own ("... ZpbGU =")
            for (int more = 0; more < 12; more++) {
                String note = NOTE + "!".repeat(more);
                String base64 = b64(note);
                if (base64.length() % width == 1 && base64.endsWith("=")) {
                    String text = "blob = " + String.join(" ", base64.split("(?<=\\G.{" + width + "})"));
                    assertThat(decode(meta("application/json", null), chat(text)).ok().views()).as(text)
                            .containsEntry("json:$.messages[0].content|base64", note);
                }
            }
        }
        // A first group glued to a word is none: the groups start at the next one (three bytes later).
        Map<String, String> glued = decode(meta("application/json", null), chat("note:x" + groups)).ok().views();
        assertThat(glued).containsEntry("json:$.messages[0].content|base64", NOTE.substring(3));
    }

    @Test
    void groupsThatAreNotSpacedBase64AreNoCandidate() {
        String groups = spaced(b64(NOTE));
        String[] each = groups.split(" ");
        String three = String.join(" ", java.util.Arrays.copyOf(each, 3));
        String threeAndThree = three + "\n" + String.join(" ", java.util.Arrays.copyOfRange(each, 3, 6));
        for (String text : List.of(three, groups.replace(" ", "  "), groups.replace(" ", "_"), threeAndThree,
                "some words before " + groups + " and after", groups.replace(" ", "x "),
                "first line\n" + groups + "\nlast line", mixedWidths(b64(NOTE)))) {
            byte[] b = utf8(text);
            assertThat(Candidates.find(b, 0, b.length)).as(text).isEmpty();
        }
    }

    /** Base64 cut in groups of 4, 8, 4, 8... characters: no one width. */
    static String mixedWidths(String base64) {
        StringBuilder out = new StringBuilder();
        for (int i = 0, k = 0; i < base64.length(); k++) {
            int w = k % 2 == 0 ? 4 : 8;
            out.append(i == 0 ? "" : " ").append(base64, i, Math.min(base64.length(), i + w));
            i += w;
        }
        return out.toString();
    }

    @Test
    void aRawDeflateStreamNotOfTextOrCutShortIsDropped() {
        byte[] stream = rawDeflate(utf8(NOTE + " " + NOTE));
        String cut = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(stream, stream.length - 6));
        String binary = Base64.getEncoder().encodeToString(rawDeflate(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1,
            2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}));
        for (String text : List.of("zipped: " + cut, "zipped: " + binary)) {
            Map<String, String> views = decode(meta("application/json", null), chat(text)).ok().views();
            assertThat(views.keySet()).as(text).containsExactly("json");
        }
    }

    @Test
    void formAndQueryValuesAreCandidatesNamedByTheirField() {
        String query = "/v1/search?token=" + percentAll(b64(NOTE)).replace("%", "%25") + "&x=1";
        Map<String, String> views = decode(meta(query, "application/x-www-form-urlencoded", null),
                utf8("a=1&note=" + hex(NOTE, "", false))).ok().views();

        assertThat(viewsWithSecret(views)).contains("query:token|percent|base64", "form:note|hex");
    }

    @Test
    void baseSixtyFourWithAnEscapedPaddingInAQueryValueIsDecoded() {
        String b64 = b64(NOTE + "ab");
        assertThat(b64).endsWith("=");
        String query = "/v1/search?q=" + b64.replace("=", "%3D");

        assertThat(viewsWithSecret(decode(meta(query, null, null), new byte[0]).ok().views()))
                .contains("query:q|base64");
    }

    @Test
    void aLayerInsideAMultipartTextPartIsDecoded() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"n.txt\"\r\n\r\n"
                + b64(NOTE) + "\r\n--b--\r\n";
        Map<String, String> views = decode(meta("multipart/form-data; boundary=b", null), utf8(body)).ok().views();

        assertThat(viewsWithSecret(views)).contains("multipart:file/n.txt|base64");
    }

    @Test
    void nestedEncodingsAreDecodedSixDeepAndTheSeventhIsLeftWithoutFailing() {
        String six = b64(b64(b64(b64(b64(b64(NOTE))))));
        Map<String, String> views = decode(meta("application/json", null), chat(six)).ok().views();
        assertThat(viewsWithSecret(views))
                .containsExactly("json:$.messages[0].content|base64|base64|base64|base64|base64|base64");

        String seven = b64(six);
        Fixtures.Decoded deep = decode(meta("application/json", null), chat(seven)).ok();
        assertThat(viewsWithSecret(deep.views())).isEmpty();
        assertThat(deep.views()).containsKey("json:$.messages[0].content|base64|base64|base64|base64|base64|base64");
    }

    @Test
    void depthZeroTurnsTheGraphOff() {
        ViewLimits off = ViewLimits.defaults().withDecodeGraph(0, 1000, Duration.ofSeconds(2));

        Map<String, String> views = Fixtures.decode(meta("application/json", null), chat(b64(NOTE)), off).ok().views();

        assertThat(views.keySet()).containsExactly("json");
    }

    @Test
    void tooManyLayersFailTheRequestNamingTheLimit() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 5; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append(b64(NOTE + i)).append('"');
        }
        json.append('}');
        ViewLimits three = ViewLimits.defaults().withDecodeGraph(4, 3, Duration.ofSeconds(2));

        DecodeOutcome.Failed failed = Fixtures.decode(meta("application/json", null), utf8(json.toString()), three)
                .failed();

        assertThat(failed.reason()).isEqualTo(FailReason.DECODE_BUDGET);
        assertThat(failed.limit()).contains(ViewLimits.Limit.MAX_DECODE_LAYERS);
        assertThat(failed.detail()).contains("maxDecodeLayers").doesNotContain(secret(101));
    }

    @Test
    void decodedBytesCountAgainstMaxDecodedBytes() {
        String big = b64("x".repeat(3000) + NOTE);
        ViewLimits small = ViewLimits.defaults().withMaxDecodedBytes(6000);

        DecodeOutcome.Failed failed = Fixtures.decode(meta("application/json", null), chat(big), small).failed();

        assertThat(failed.limit()).contains(ViewLimits.Limit.MAX_DECODED_BYTES);
    }

    static Stream<Arguments> lookAlikes() throws java.io.IOException {
        // A well-formed PNG without text chunks, as a screenshot is (a damaged one is scanned as raw bytes on purpose).
        byte[] png = Media.png(Map.of());
        return Stream.of(
                Arguments.of("git SHA", "commit 1f819c43ff32e92bfd43cb06239c88067b2c3fa0 fixed it"),
                Arguments.of("UUID", "request 4c4b232b-26c3-4f86-bec1-aaffe440796e failed"),
                Arguments.of("SRI", "\"integrity\": \"sha512-wKohYghhHHj7Bll3KjOEmrzP1pPBoUWSAnTN3ZGANV0g3rdqn0kB3cuOyu"
                        + "A2tTj6V2zSY9VAHXWDk6t4g3HHmw==\""),
                Arguments.of("sha256 hex", "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"),
                Arguments.of("PNG data", "screenshot: " + Base64.getEncoder().encodeToString(png)),
                Arguments.of("minified JS", "function(e){return e.getElementsByClassName(t).querySelectorAll"
                        + "(\"div\")};var ReactDOMServerRenderer=window.__REACT_DEVTOOLS_GLOBAL_HOOK__;"),
                Arguments.of("digits", "order 1234567890123456 7890123456789012 3456 7890 1234 5678 9012 3456"),
                Arguments.of("prose with escapes", "AT&amp;T and Q&amp;A, 100% sure, a=b, c:d, 10 20 30"),
                Arguments.of("long words", "internationalization counterrevolutionaries electroencephalographs"),
                Arguments.of("four-letter words", "this will take some time then they will need more help from Anna"),
                Arguments.of("od -x dump", "0000000 227b 6f6d 6564 226c 3a22 6c63 7561 6564\n0000020 0a7d"),
                Arguments.of("random base64", String.join("\n", randomBase64(400))));
    }

    /** Base64 of random bytes (ids, hashes, ciphertext): some start like raw DEFLATE, none inflates to text. */
    static List<String> randomBase64(int count) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<String> out = new java.util.ArrayList<>();
        for (int k = 0; k < count; k++) {
            byte[] b = new byte[18 + random.nextInt(40)];
            random.nextBytes(b);
            out.add(Base64.getEncoder().encodeToString(b));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookAlikes")
    void lookAlikesGiveNoLayerAndNoFailure(String name, String text) {
        Map<String, String> json = decode(meta("application/json", null), chat(text)).ok().views();
        Map<String, String> raw = decode(meta("text/plain", null), utf8(text)).ok().views();

        assertThat(json.keySet()).as(name).allMatch(p -> p.equals("json") || p.contains("|html"));
        assertThat(raw.keySet()).as(name).allMatch(p -> p.equals("body") || p.contains("|html"));
    }

    @Test
    void bytesOfEbcdicsRangeAndSmallInt32sAreNotReadAsEbcdicOrUtf32() {
        for (String text : highAndWideBinary()) {
            Map<String, String> json = decode(meta("application/json", null), chat(text)).ok().views();
            Map<String, String> raw = decode(meta("text/plain", null), utf8(text)).ok().views();

            assertThat(json.keySet()).as(text).noneMatch(p -> p.contains("|utf-32") || p.contains("|ibm"));
            assertThat(raw.keySet()).as(text).noneMatch(p -> p.contains("|utf-32") || p.contains("|ibm"));
        }
    }

    @Test
    void ebcdicAndUtf32TextWithoutASecretGiveTheirLayerAndNothingElse() {
        String text = "deployment notes: rotate the staging certificates on friday";
        String ebcdic = HexFormat.of().formatHex(text.getBytes(IBM037));
        String wide = Base64.getEncoder().encodeToString(text.getBytes(UTF_32BE));

        assertThat(decode(meta("text/plain", null), utf8(ebcdic)).ok().views()).containsEntry("body|hex|ibm037", text);
        assertThat(decode(meta("text/plain", null), utf8(wide)).ok().views()).containsEntry("body|base64|utf-32be", text);
    }

    @Test
    void aRedactionInsideAPdfLayerCannotBeWrittenBack() throws IOException {
        byte[] pdf = Fixtures.pdf("attached: " + b64(NOTE));
        Map<String, List<Span>> spans = Fixtures.findSecrets(meta("application/pdf", null), pdf);
        assertThat(spans).containsKey("pdf|base64");

        RewriteOutcome r = Redactor.rewrite(meta("application/pdf", null), java.nio.ByteBuffer.wrap(pdf), spans,
                ViewLimits.defaults());

        assertThat(r).isInstanceOf(RewriteOutcome.CannotRewrite.class);
    }

    @Test
    void aRedactionOfTheQueryReEncodesThePercentAndBase64Layers() {
        String query = "/v1/search?token=" + b64(NOTE).replace("=", "%3D") + "&x=1";
        RewriteOutcome.Rewritten r = redactAll(meta(query, null, null), new byte[0]);

        String token = r.pathAndQuery().substring("/v1/search?token=".length(), r.pathAndQuery().indexOf("&x=1"));
        String decoded = new String(Base64.getDecoder().decode(
                java.net.URLDecoder.decode(token, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo(NOTE.replace(secret(101), "[REDACTED]"));
    }

    @Test
    void redactionInAWrappedBase64LayerKeepsTheLineWidthAndBreak() {
        String wrapped = Base64.getMimeEncoder(20, new byte[] {'\n'}).encodeToString(utf8(NOTE + " and more text"));
        RewriteOutcome.Rewritten r = redactAll(meta("text/plain", null), utf8(wrapped));

        String[] lines = str(r.body()).split("\n");
        assertThat(lines.length).isGreaterThan(1);
        for (int i = 0; i < lines.length - 1; i++) {
            assertThat(lines[i]).hasSize(20);
        }
    }
}
