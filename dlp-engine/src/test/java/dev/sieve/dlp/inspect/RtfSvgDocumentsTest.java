package dev.sieve.dlp.inspect;

import static dev.sieve.dlp.inspect.TestRequests.AWS_ID;
import static dev.sieve.dlp.inspect.TestRequests.SSN;
import static dev.sieve.dlp.inspect.TestRequests.meta;
import static dev.sieve.dlp.inspect.TestRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Finding;
import dev.sieve.dlp.inspect.InspectionResult.Decision;
import dev.sieve.dlp.view.RequestMeta;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RTF and SVG, as an outside red team sent them: a token in RTF written as {@code \'hh} or <code>&#92;uN</code> escapes
 * or cut into runs by control words and groups is read from the RTF's text ({@code |rtf}); a token split over an
 * SVG's {@code <tspan>}s or written in its metadata is read from the SVG's text ({@code |svg}). Each in the three
 * places: the raw body, a multipart file, base64 in a JSON text block; by both engines. Ordinary memos and
 * drawings give nothing.
 */
class RtfSvgDocumentsTest {

    private static final String GITHUB_RULE = "credential.github-classic-token";
    private static final String AWS_RULE = "credential.aws-access-key-id";
    private static final String KEY_RULE = "credential.private-key";
    private static final String SSN_RULE = "pii.us-ssn";

    private static final BothEngines ENGINES = new BothEngines();

    @AfterAll
    static void close() {
        ENGINES.close();
    }

    /** A classic GitHub token of the rule's shape: {@code ghp_} and 36 seeded random letters and digits. */
    static final String GHP = token("ghp_", 36, 7);

    static String token(String prefix, int n, long seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A PEM private key of the sample rule's shape (synthetic base64 lines). */
    static String pem() {
        String body = token("", 64, 11) + "\n" + token("", 64, 12) + "\n" + token("", 20, 13);
        return "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----";
    }

    /** Where the document travels. */
    enum Place { BODY, MULTIPART, JSON_BASE64 }

    private static RequestMeta metaFor(Place place, String type) {
        return switch (place) {
            case BODY -> meta("/upload", "Content-Type", type);
            case MULTIPART -> meta("/upload", "Content-Type", "multipart/form-data; boundary=b0undary");
            case JSON_BASE64 -> TestRequests.json();
        };
    }

    private static byte[] bodyFor(Place place, String filename, String type, byte[] doc) {
        return switch (place) {
            case BODY -> doc;
            case MULTIPART -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(utf8("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: " + type + "\r\n\r\n"));
                out.writeBytes(doc);
                out.writeBytes(utf8("\r\n--b0undary--\r\n"));
                yield out.toByteArray();
            }
            case JSON_BASE64 -> utf8("{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"" + filename + ", base64 below:\\n\\n"
                    + Base64.getEncoder().encodeToString(doc) + "\"}]}]}");
        };
    }

    /** The view path the document's text is expected at, for {@code kind} ({@code rtf}, {@code svg}). */
    private static String textPath(Place place, String filename, String kind) {
        return switch (place) {
            case BODY -> "body|" + kind;
            case MULTIPART -> "multipart:file/" + filename + "|" + kind;
            case JSON_BASE64 -> "json:$.messages[0].content[0].text|base64|" + kind;
        };
    }


    private static InspectionResult inspect(Place place, String filename, String type, String doc) {
        return ENGINES.inspect(true, metaFor(place, type),
                bodyFor(place, filename, type, doc.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> paths(InspectionResult r, String rule) {
        return r.findings().stream().filter(f -> f.ruleId().equals(rule)).map(Finding::viewPath).toList();
    }

    /** {@code s} with every character written as {@code \'hh}. */
    static String hex(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c == '\n' ? "\\par\r\n" : String.format("\\'%02x", (int) c));
        }
        return b.toString();
    }

    /** {@code s} with every character written as a Unicode escape and a {@code ?} fallback. */
    static String unicode(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append("\\u").append((int) c).append('?');
        }
        return b.toString();
    }

    /** {@code s} cut into runs every {@code n} characters, as Word writes them (revision ids and font changes). */
    static String runs(String s, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i += n) {
            String piece = s.substring(i, Math.min(s.length(), i + n));
            b.append(i == 0 ? piece : "{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid" + (1234567 + i) + " " + piece + "}");
        }
        return b.toString();
    }

    static String rtf(String body) {
        return "{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}}\r\n"
                + "{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \r\n\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang9 "
                + body + "\\par\r\n}\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Place.class)
    void tokensHiddenInRtfEscapesAndRunsAreFound(Place place) {
        InspectionResult hexKey = inspect(place, "key.rtf", "application/rtf", rtf("Key:\\par " + hex(pem())));
        assertThat(paths(hexKey, KEY_RULE)).containsExactly(textPath(place, "key.rtf", "rtf"));

        InspectionResult uni = inspect(place, "notes.rtf", "application/rtf", rtf("aws id " + unicode(AWS_ID) + " done"));
        assertThat(paths(uni, AWS_RULE)).containsExactly(textPath(place, "notes.rtf", "rtf"));

        InspectionResult split = inspect(place, "notes.rtf", "text/rtf", rtf("token " + runs(GHP, 8) + " end"));
        assertThat(paths(split, GITHUB_RULE)).containsExactly(textPath(place, "notes.rtf", "rtf"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Place.class)
    void tokensSplitOverTspansOrInSvgMetadataAreFound(Place place) {
        String svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"300\" height=\"40\">\n  <text x=\"10\" y=\"20\">\n    <tspan x=\"10\">" + GHP.substring(0, 9)
                + "</tspan>\n    <tspan x=\"70\">" + GHP.substring(9, 25) + "</tspan><tspan x=\"150\">"
                + GHP.substring(25) + "</tspan>\n  </text>\n</svg>\n";
        InspectionResult r = inspect(place, "chart.svg", "image/svg+xml", svg);
        assertThat(paths(r, GITHUB_RULE)).containsExactly(textPath(place, "chart.svg", "svg"));

        String meta = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><title>Logo</title><desc>Deploy key &#65;"
                + AWS_ID.substring(1) + "</desc><metadata><rdf:RDF><rdf:Description><dc:title>Logo</dc:title>"
                + "<dc:description>ssn " + SSN + "</dc:description></rdf:Description></rdf:RDF></metadata>"
                + "<rect width=\"10\" height=\"10\"/></svg>";
        InspectionResult m = inspect(place, "logo.svg", "image/svg+xml", meta);
        // the character reference hides the key from the raw bytes: only the text view has it
        assertThat(paths(m, AWS_RULE)).containsExactly(textPath(place, "logo.svg", "svg"));
        // a value inside one element is the raw view's (reported once, there)
        assertThat(paths(m, SSN_RULE)).hasSize(1).allMatch(p -> !p.endsWith("|svg"));
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void redactionInRtfTextOrJoinedTspansBlocksButAWholeSvgValueIsRedacted(boolean hyperscan) {
        RequestMeta rtfMeta = meta("/upload", "Content-Type", "application/rtf");
        InspectionResult rtf = ENGINES.inspect(hyperscan, rtfMeta, utf8(rtf("ssn " + hex(SSN))));
        assertThat(paths(rtf, SSN_RULE)).containsExactly("body|rtf");
        assertThat(rtf.decision()).isEqualTo(Decision.BLOCK); // RTF text is never written back

        RequestMeta svgMeta = meta("/upload", "Content-Type", "image/svg+xml");
        String joined = "<svg><text><tspan>ssn " + SSN.substring(0, 5) + "</tspan><tspan>" + SSN.substring(5)
                + "</tspan></text></svg>";
        InspectionResult split = ENGINES.inspect(hyperscan, svgMeta, utf8(joined));
        // the SVG view joins the tspans; the markup reading of the decoding graph (inline elements joined) sees the
        // same text, and whichever reports it first stands
        assertThat(paths(split, SSN_RULE)).hasSize(1).allMatch(p -> p.equals("body|svg") || p.equals("body|markup"));
        assertThat(split.decision()).isEqualTo(Decision.BLOCK);

        InspectionResult whole = ENGINES.inspect(hyperscan, svgMeta, utf8("<svg><text>ssn " + SSN + "</text></svg>"));
        assertThat(paths(whole, SSN_RULE)).containsExactly("body");
        assertThat(whole.decision()).isEqualTo(Decision.REDACT);
    }

    @ParameterizedTest(name = "hyperscan {0}")
    @ValueSource(booleans = {true, false})
    void ordinaryMemosAndDrawingsGiveNothingButSkippedRtfDataIsStillScanned(boolean hyperscan) {
        RequestMeta rtfMeta = meta("/upload", "Content-Type", "application/rtf");
        String memo = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fprq2\\fcharset0 Times New Roman;}"
                + "{\\f1\\fswiss Arial;}}{\\colortbl ;\\red0\\green0\\blue255;}{\\stylesheet{\\s0\\snext0 Normal;}}"
                + "{\\info{\\title Team memo}{\\author Ren\\'e Dupont}{\\creatim\\yr2024\\mo3\\dy14\\hr9\\min5}}"
                + "{\\*\\rsidtbl \\rsid1234567\\rsid7654321}\\paperw12240\\paperh15840\\margl1440\\margr1440"
                + "\\pard\\plain\\s0\\qj\\f0\\fs24\\lang1036 Ch\\'e8re \\'e9quipe,\\par\\pard\\fi720 La r\\'e9union "
                + "de {\\b\\insrsid1234567 mardi} est d\\'e9plac\\'e9e \\'e0 {\\i jeudi} 14h.\\tab Merci\\~!\\par"
                + "{\\field{\\*\\fldinst HYPERLINK \"https://intranet.example/agenda\"}{\\fldrslt agenda}}\\par}";
        assertThat(ENGINES.inspect(hyperscan, rtfMeta, utf8(memo)).findings()).isEmpty();

        // A token in a destination the text reader skips (the generator, \\bin picture data) is not text, but it
        // leaves with the document: the raw view, scanned as before, still finds it there.
        String data = "{\\rtf1\\ansi{\\*\\generator " + GHP + ";}{\\pict\\wmetafile8\\bin40 " + GHP.substring(0, 40)
                + "}Plain words.\\par}";
        InspectionResult bin = ENGINES.inspect(hyperscan, rtfMeta, data.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(bin.findings()).hasSize(2) // the generator's token and the picture data's
                .allMatch(f -> f.ruleId().equals("credential.github-classic-token") && f.viewPath().equals("body"));

        RequestMeta svgMeta = meta("/upload", "Content-Type", "image/svg+xml");
        String logo = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 60\"><title>Acme Cloud</title>"
                + "<text x=\"0\" y=\"40\"><tspan font-weight=\"bold\">Acme</tspan><tspan dx=\"4\">Cloud</tspan>"
                + "<tspan dx=\"4\">Platform</tspan></text></svg>";
        assertThat(ENGINES.inspect(hyperscan, svgMeta, utf8(logo)).findings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/rtf", "text/rtf"})
    void declaredRtfThatIsNotRtfIsScannedAsText(String type) {
        InspectionResult r = ENGINES.inspect(true, meta("/upload", "Content-Type", type),
                utf8("plain notes " + GHP + "\n"));
        assertThat(paths(r, GITHUB_RULE)).containsExactly("body");
    }

    /**
     * An RTF body cut at any byte: no finding before the token's last character is in, the token found from the end of
     * its encoding on, and only ever in the RTF's text view.
     */
    @Property(tries = 500, generation = GenerationMode.EXHAUSTIVE)
    void anRtfCutAnywhereFindsTheTokenOnlyOnceItIsWhole(@ForAll @IntRange(min = 0, max = 480) int at) {
        String head = "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\uc1 key ";
        String encoded = hex(GHP.substring(0, 12)) + unicode(GHP.substring(12, 24)) + runs(GHP.substring(24), 5);
        String rtf = head + encoded + " end\\par}";
        assertThat(rtf.length()).isLessThan(480); // every cut is tried
        int cut = Math.min(at, rtf.length());
        int lastChar = head.length() + encoded.length() - 1 - 1; // the last piece's closing brace and character
        int whole = head.length() + encoded.length();
        InspectionResult r = ENGINES.inspect(true, meta("/upload", "Content-Type", "application/rtf"),
                utf8(rtf.substring(0, cut)));
        List<String> found = paths(r, GITHUB_RULE);
        if (cut <= lastChar) {
            assertThat(found).as(rtf.substring(0, cut)).isEmpty();
        } else if (cut >= whole) {
            assertThat(found).as(rtf.substring(0, cut)).containsExactly("body|rtf");
        } else {
            assertThat(found).as(rtf.substring(0, cut)).isSubsetOf("body|rtf");
        }
        assertThat(r.findings()).allMatch(f -> f.viewPath().equals("body|rtf"));
    }
}
