package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code docs2}: two document formats an outside red team got a secret through (synthetic values), as classes:
 * RTF with the value written as {@code \'hh} escapes ({@code rtf-hex}), as <code>&#92;uN?</code> escapes
 * ({@code rtf-unicode}) or cut into runs by control words and groups as Word writes them ({@code rtf-runs}); SVG
 * with the value split over the {@code <tspan>}s of one {@code <text>} ({@code svg-tspans}) or in its
 * {@code <title>}, {@code <desc>} or RDF/Dublin Core {@code <metadata>}, hidden from the raw bytes by a comment or a
 * character reference ({@code svg-metadata}). Each sent as a raw body of its declared type, as base64 after a line
 * naming the file in a JSON text block ({@code "notes.rtf, base64 below:\n\ne1xydGYx..."}) and as a multipart file
 * part. Positives ({@code rt3:<kind>-<place>}) carry a credential of a different vendor each or a PII value; hard
 * negatives ({@code neg:docs2}, {@code neg:<kind>}) are an ordinary RTF memo with accents and many control words, an
 * RTF with a generator, {@code \bin} picture data and a hex picture, an SVG logo of words in tspans and an SVG
 * chart of numeric tspans, in the same places. Written with the decoders, so not held out.
 */
final class Docs2 {

    static final long SEED = 20_261_207L;
    static final String FAMILY = "docs2";

    private static final List<String> PLACES = List.of("octet", "json-text", "multipart");
    private static final List<String> KINDS = List.of("rtf-hex", "rtf-unicode", "rtf-runs", "svg-tspans",
            "svg-metadata");

    private final Rng r;
    private final List<HardCorpus.Out> out = new ArrayList<>();

    private Docs2(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Docs2 d = new Docs2(r);
        d.positives();
        d.negatives();
        return List.copyOf(d.out);
    }

    /** A value, the rule that finds it, its category, the words before it and the value itself. */
    private record Val(String rule, String category, String lead, String value) {
    }

    private Val value(int i) {
        return switch (i % 8) {
            case 0 -> new Val("credential.private-key-rsa", Values.CREDENTIAL, "deploy key:\n",
                    HardValues.privateKey(r, "rsa"));
            case 1 -> new Val("credential.stripe-secret-key", Values.CREDENTIAL, "STRIPE_SECRET_KEY=",
                    HardValues.stripe(r, "sk_live_"));
            case 2 -> new Val("credential.slack-bot-token", Values.CREDENTIAL, "SLACK_BOT_TOKEN=", HardValues.slackBot(r));
            case 3 -> new Val("credential.aws-access-key-id", Values.CREDENTIAL, "aws_access_key_id = ",
                    HardValues.awsKeyId(r, "AKIA"));
            case 4 -> new Val("pii.us-ssn", "pii", "Employee " + HardValues.first(r) + " " + HardValues.last(r)
                    + ", SSN: ", HardValues.ssn(r, "-"));
            case 5 -> new Val("credential.github-pat", Values.CREDENTIAL, "GITHUB_TOKEN=", HardValues.github(r, "ghp_"));
            case 6 -> new Val("pii.uk-nino", "pii", "HMRC letter, National Insurance number ", HardValues.nino(r, true));
            default -> new Val("credential.github-pat", Values.CREDENTIAL, "token ", HardValues.github(r, "ghp_"));
        };
    }

    private void positives() {
        int i = 0;
        for (String kind : KINDS) {
            for (String place : PLACES) {
                Val v = value(i++);
                if (kind.startsWith("svg") && v.value().contains("\n")) {
                    v = value(i++); // a PEM block is not drawing text
                }
                boolean rtf = kind.startsWith("rtf");
                String doc = switch (kind) {
                    case "rtf-hex" -> rtf(escaped(v.lead()) + hex(v.value()));
                    case "rtf-unicode" -> rtf(escaped(v.lead()) + unicode(v.value()));
                    case "rtf-runs" -> rtf(escaped(v.lead()) + runs(v.value()));
                    case "svg-tspans" -> tspans(v.lead() + v.value());
                    default -> metadata(v.lead() + v.value());
                };
                String file = (rtf ? "notes-" : "figure-") + i + (rtf ? ".rtf" : ".svg");
                out.add(new HardCorpus.Out(request(place, file, rtf ? "application/rtf" : "image/svg+xml", doc),
                        List.of(v.rule()), List.of(), List.of("family:" + FAMILY, "cat:" + v.category(),
                                "rt3:" + kind + "-" + place, "container:" + place, "enc:" + kind), ""));
            }
        }
    }

    private void negatives() {
        for (int k = 0; k < PLACES.size(); k++) {
            String place = PLACES.get(k);
            String memo = memo();
            add("rtf-memo", request(place, "memo.rtf", "application/rtf", memo), memo);
            String bin = rtfWithData();
            add("rtf-generator-bin", request(place, "scan.rtf", k == 1 ? "text/rtf" : "application/rtf", bin), bin);
            String logo = logo();
            add("svg-logo", request(place, "logo.svg", "image/svg+xml", logo), logo);
            String chart = chart();
            add("svg-chart", request(place, "chart.svg", "image/svg+xml", chart), chart);
        }
    }

    private void add(String kind, Containers.Req req, String plain) {
        out.add(new HardCorpus.Out(req, List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                "neg:" + kind, "container:" + where(req), "enc:" + kind), plain));
    }

    private static String where(Containers.Req req) {
        return Containers.place(req);
    }

    // ---- RTF ----

    /** A WordPad-like document around {@code body}. */
    private String rtf(String body) {
        return "{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1033{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}}\r\n"
                + "{\\*\\generator Riched20 10.0." + r.between(17000, 22631) + "}\\viewkind4\\uc1 \r\n"
                + "\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang9 Notes from the " + r.pick("Monday", "Tuesday", "Friday")
                + " call.\\par\r\n" + body + "\\par\r\nThanks.\\par\r\n}\r\n";
    }

    /** Plain text as RTF: the special characters escaped, line breaks as {@code \par}. */
    private static String escaped(String s) {
        return s.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("\n", "\\par\r\n");
    }

    /** Every character as {@code \'hh} (cp1252: the values are ASCII), line breaks as {@code \par}. */
    private static String hex(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c == '\n' ? "\\par\r\n" : String.format("\\'%02x", (int) c));
        }
        return b.toString();
    }

    /** Every character as a Unicode escape with a {@code ?} fallback. */
    private static String unicode(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c == '\n' ? "\\par\r\n" : "\\u" + (int) c + "?");
        }
        return b.toString();
    }

    /** The value cut into runs of 3 to 9 characters, each a group with Word's formatting and revision ids. */
    private String runs(String s) {
        StringBuilder b = new StringBuilder();
        int at = 0;
        while (at < s.length()) {
            int end = Math.min(s.length(), at + r.between(3, 9));
            String piece = escaped(s.substring(at, end));
            b.append(at == 0 ? piece : r.pick("{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid" + r.between(1_000_000, 16_000_000)
                    + " " + piece + "}", "{\\f0\\fs22\\lang1033\\langfe1033\\insrsid" + r.between(1_000_000, 16_000_000)
                    + "\\charrsid" + r.between(1_000_000, 16_000_000) + " " + piece + "}"));
            at = end;
        }
        return b.toString();
    }

    /** A French memo with accents as {@code \'hh}, fonts, colours, styles, info, a hyperlink field and a table. */
    private String memo() {
        return "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fprq2\\fcharset0 Times New Roman;}"
                + "{\\f1\\fswiss\\fprq2\\fcharset0 Arial;}}{\\colortbl ;\\red0\\green0\\blue255;\\red192\\green0\\blue0;}"
                + "{\\stylesheet{\\s0\\snext0\\f0\\fs24 Normal;}{\\s1\\sbasedon0\\snext0\\b\\fs32 heading 1;}}"
                + "{\\info{\\title Compte rendu}{\\author Ren\\'e Dupont}{\\operator RD}{\\creatim\\yr2026\\mo"
                + r.between(1, 12) + "\\dy" + r.between(1, 28) + "\\hr9\\min5}{\\version" + r.between(2, 9) + "}}"
                + "{\\*\\rsidtbl \\rsid" + r.between(1_000_000, 9_999_999) + "\\rsid" + r.between(1_000_000, 9_999_999)
                + "}\\paperw11906\\paperh16838\\margl1417\\margr1417\\margt1417\\margb1417\r\n"
                + "\\pard\\plain\\s1\\f1\\fs32\\cf1 R\\'e9union d'\\'e9quipe\\par\r\n"
                + "\\pard\\plain\\s0\\qj\\f0\\fs24 Ch\\'e8re \\'e9quipe,\\par\\fi720 La r\\'e9union de {\\b\\insrsid"
                + r.between(1_000_000, 9_999_999) + " mardi} est d\\'e9plac\\'e9e \\'e0 {\\i jeudi} " + r.between(9, 17)
                + "h. Ordre du jour\\~: budget " + r.between(2026, 2027) + ", recrutement, {\\ul s\\'e9curit\\'e9}."
                + "\\par\r\n\\trowd\\cellx3000\\cellx6000 Poste\\cell Effectif\\cell\\row\\trowd\\cellx3000\\cellx6000 "
                + "D\\'e9veloppement\\cell " + r.between(3, 40) + "\\cell\\row\\pard\r\n"
                + "Voir {\\field{\\*\\fldinst HYPERLINK \"https://intranet.example.org/agenda\"}{\\fldrslt l'agenda}}."
                + "\\par Cordialement,\\line Ren\\'e\\par\r\n}";
    }

    /**
     * An RTF with a generator, {@code \bin} picture data and a hex picture, all ordinary: the text reader skips them,
     * and the raw view (still scanned: a token hidden there leaves with the document, see RtfSvgDocumentsTest) finds
     * nothing in them either.
     */
    private String rtfWithData() {
        String bin = r.from("0123456789abcdef", 2 * r.between(20, 40));
        String hexData = r.from("0123456789abcdef", 2 * r.between(40, 80));
        return "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}{\\*\\generator Msftedit 5.41.21.2510;}\r\n"
                + "\\pard Scanned receipt attached.\\par\r\n"
                + "{\\pict\\wmetafile8\\picw" + r.between(100, 900) + "\\pich" + r.between(100, 900) + "\\bin"
                + bin.length() + " " + bin + "}\r\n"
                + "{\\pict\\pngblip " + hexData + "}\\par\r\nEnd of scan.\\par\r\n}";
    }

    // ---- SVG ----

    /** {@code text} drawn as one {@code <text>} whose tspans each hold a piece, placed one after the other. */
    private String tspans(String text) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"640\" height=\"80\" viewBox=\"0 0 640 80\">\n  <rect width=\"640\" height=\"80\" fill=\"#f4f4f4\"/>\n"
                + "  <text x=\"10\" y=\"40\" font-family=\"monospace\" font-size=\"12\">\n");
        int at = 0;
        int x = 10;
        while (at < text.length()) {
            int end = Math.min(text.length(), at + r.between(4, 12));
            s.append("    <tspan x=\"").append(x).append("\">").append(xml(text.substring(at, end))).append("</tspan>\n");
            x += (end - at) * 7;
            at = end;
        }
        return s.append("  </text>\n</svg>\n").toString();
    }

    /** {@code text} in the title, description or Dublin Core metadata, cut by a comment or a character reference. */
    private String metadata(String text) {
        int cut = text.length() - r.between(6, 12);
        String hidden = r.nextInt(2) == 0
                ? xml(text.substring(0, cut)) + "<!-- edited -->" + xml(text.substring(cut))
                : xml(text.substring(0, cut)) + "&#" + (int) text.charAt(cut) + ";" + xml(text.substring(cut + 1));
        String where = r.pick("title", "desc", "dc:description", "dc:title");
        String title = where.equals("title") ? hidden : "Architecture diagram";
        String desc = where.equals("desc") ? hidden : "Request flow between the gateway and the services";
        String dcTitle = where.equals("dc:title") ? hidden : "Architecture";
        String dcDesc = where.equals("dc:description") ? hidden : "Generated by the diagram tool";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                + "width=\"400\" height=\"200\">\n  <title>" + title + "</title>\n  <desc>" + desc + "</desc>\n"
                + "  <metadata>\n    <rdf:RDF>\n      <rdf:Description rdf:about=\"\">\n        <dc:title>" + dcTitle
                + "</dc:title>\n        <dc:description>" + dcDesc + "</dc:description>\n        <dc:date>2026-0"
                + r.between(1, 9) + "-1" + r.between(0, 9) + "</dc:date>\n      </rdf:Description>\n    </rdf:RDF>\n"
                + "  </metadata>\n  <rect x=\"20\" y=\"20\" width=\"120\" height=\"60\" fill=\"#36c\"/>\n</svg>\n";
    }

    /** A logo: a word mark of tspans and a title. */
    private String logo() {
        String a = r.pick("Acme", "Northwind", "Contoso", "Globex");
        String b = r.pick("Cloud", "Data", "Labs", "Systems");
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 60\">\n  <title>" + a + " " + b
                + " logo</title>\n  <circle cx=\"30\" cy=\"30\" r=\"24\" fill=\"#e33\"/>\n  <text x=\"64\" y=\"40\" "
                + "font-size=\"28\">\n    <tspan font-weight=\"700\">" + a + "</tspan>\n    <tspan dx=\"6\">" + b
                + "</tspan>\n    <tspan dx=\"6\" font-size=\"12\">" + r.pick("Platform", "Inc.", "Group") + "</tspan>\n"
                + "  </text>\n</svg>\n";
    }

    /** A bar chart: axis labels of years and values, each its own text, and a legend of tspans with numbers. */
    private String chart() {
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"300\">\n"
                + "  <title>Revenue by year</title>\n");
        for (int k = 0; k < 6; k++) {
            int v = r.between(120, 980);
            s.append("  <rect x=\"").append(60 + k * 80).append("\" y=\"").append(280 - v / 4).append("\" width=\"50\" height=\"")
                    .append(v / 4).append("\"/>\n  <text x=\"").append(60 + k * 80).append("\" y=\"295\"><tspan>")
                    .append(2020 + k).append("</tspan></text>\n  <text x=\"").append(60 + k * 80).append("\" y=\"")
                    .append(270 - v / 4).append("\"><tspan>").append(v).append("</tspan><tspan>.")
                    .append(r.between(0, 9)).append("</tspan><tspan> k</tspan></text>\n");
        }
        return s.append("  <text x=\"400\" y=\"20\"><tspan>Total: </tspan><tspan>").append(r.between(1000, 5000))
                .append("</tspan><tspan> k (</tspan><tspan>").append(r.between(2, 30)).append("</tspan><tspan> %)</tspan>"
                        + "</text>\n</svg>\n").toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The file in {@code place}: a raw body of its type, base64 in a JSON text block, a multipart part. */
    private static Containers.Req request(String place, String file, String type, String doc) {
        return Containers.placed(place, file, type, doc.getBytes(StandardCharsets.UTF_8));
    }
}
