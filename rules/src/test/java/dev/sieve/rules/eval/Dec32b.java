package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Family {@code dec32b}: the classes of the second outside red team's findings on text cut by markup or code, digit
 * layouts and ciphers that session 32 closed in the decoding graph ({@code Pieces}) and the text normaliser, with
 * hard negatives beside them.
 * <ul>
 *   <li>Positives ({@code rt32b:<kind>}): a value cut into inline HTML or SVG elements ({@code markup}), into the
 *       cells of Markdown table rows ({@code cells}), into literals joined by SQL's {@code CONCAT}, JavaScript's
 *       {@code .join('')} or Python's {@code ''.join} ({@code list-join}), PHP's {@code chr(N).chr(N)}
 *       ({@code php-chr}); written as RTF {@code \'xx}, LaTeX {@code \char"XX} or TOML {@code \UXXXXXXXX} escapes
 *       ({@code escapes}); in ROT47 ({@code rot47}); in a Caesar shift that shifts digits too ({@code caesar-digits});
 *       spaced out with its digits spelled in English or Spanish ({@code spelled}); cut into numbered assignments
 *       ({@code numbered}); a card or SSN in Arabic-Indic, Devanagari, Bengali or Thai digits ({@code digits});
 *       with an emoji or symbol between every one or two characters ({@code emoji-filler}) or a {@code ~} or
 *       {@code *} after every character ({@code ascii-filler}); a labelled line reversed ({@code reversed}), also
 *       in base64 ({@code reversed-b64}).</li>
 *   <li>Negatives ({@code neg:dec32b}, {@code neg:<kind>}): HTML with adjacent inline elements of prose; Markdown
 *       tables of years and of words; SQL and JavaScript joins of column names and benign words; RTF accents,
 *       LaTeX glyphs and TOML emoji escapes; ROT47 and Caesar of benign text with numbers; Spanish and English
 *       numbers in prose; numbered region lists and a numbered placeholder; prices and a Luhn-failing card in
 *       Arabic-Indic and Devanagari digits; emoji between words; a reversed benign line.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Dec32b {

    static final long SEED = 20_261_232L;
    static final String FAMILY = "dec32b";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Dec32b(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Dec32b c = new Dec32b(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    /** A value, its category and the rule that finds it. */
    private record Val(String rule, String category, String text) {
    }

    /** Six kinds of value in turn: vendor tokens with their key names, a card and an SSN with their labels. */
    private Val value(int i) {
        return switch (i % 6) {
            case 0 -> new Val("credential.github-pat", Values.CREDENTIAL, "GITHUB_TOKEN=" + HardValues.github(r, "ghp_"));
            case 1 -> new Val("financial.card-visa", Values.FINANCIAL, r.pick("Card number: ", "card number ")
                    + HardValues.cardGrouped(HardValues.card(r, 0), r.pick(" ", "-")));
            case 2 -> new Val("credential.slack-bot-token", Values.CREDENTIAL, "SLACK_BOT_TOKEN=" + HardValues.slackBot(r));
            case 3 -> new Val("pii.us-ssn", Values.PII, r.pick("SSN: ", "ssn: ") + HardValues.ssn(r, "-"));
            case 4 -> new Val("credential.stripe-secret-key", Values.CREDENTIAL,
                    "STRIPE_SECRET_KEY=" + HardValues.stripe(r, "sk_live_"));
            default -> new Val("pii.us-ssn", Values.PII, "Employee SSN: " + HardValues.ssn(r, "-"));
        };
    }

    private Val ssnVal(String label) {
        return new Val("pii.us-ssn", Values.PII, label + HardValues.ssn(r, "-"));
    }

    /** A card or an SSN with its label, in turn. */
    private Val number(int i) {
        return value(i % 2 == 0 ? 1 : 3);
    }

    private void positives() {
        for (int i = 0; i < 6; i++) {
            Val v = value(i);
            String tag = r.pick("span", "b", "code", "font");
            text("markup", v, "<div class=\"note\">" + wrap(v.text(), r.between(2, 5), "<" + tag + ">", "</" + tag + ">")
                    + "</div>");
        }
        for (int i = 0; i < 3; i++) {
            Val v = value(i * 2 + 1);
            text("markup", v, "<svg xmlns=\"http://www.w3.org/2000/svg\"><text x=\"4\" y=\"16\">"
                    + wrap(v.text(), r.between(3, 6), "<tspan>", "</tspan>") + "</text></svg>");
        }
        for (int i = 0; i < 6; i++) {
            Val v = value(i);
            int w = r.between(3, 5);
            text("cells", v, "Here is the table:\n\n" + cells("Note", w) + "\n" + cells(v.text(), w) + "\n");
        }
        for (int i = 0; i < 6; i++) {
            Val v = value(i);
            List<String> pieces = chunks(v.text(), r.between(3, 6));
            String list = String.join(", ", pieces.stream().map(p -> "'" + p + "'").toList());
            String code = switch (i % 3) {
                case 0 -> "INSERT INTO notes(body) VALUES (CONCAT(" + list + "));";
                case 1 -> "const v = [" + list.replace('\'', '"') + "].join('');";
                default -> "v = ''.join([" + list + "])";
            };
            text("list-join", v, code + "\n");
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i);
            StringBuilder php = new StringBuilder("<?php $v = ");
            for (int k = 0; k < v.text().length(); k++) {
                php.append(k > 0 ? "." : "").append("chr(").append((int) v.text().charAt(k)).append(")");
            }
            text("php-chr", v, php.append("; ?>").toString());
        }
        for (int i = 0; i < 6; i++) {
            Val v = value(i);
            StringBuilder esc = new StringBuilder();
            for (char c : v.text().toCharArray()) {
                esc.append(switch (i % 3) {
                    case 0 -> String.format("\\'%02x", (int) c);
                    case 1 -> r.chance(0.5) ? String.format("\\char\"%02X{}", (int) c) : "\\char" + (int) c + " ";
                    default -> String.format("\\U%08X", (int) c);
                });
            }
            String text = switch (i % 3) {
                case 0 -> "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}}\\f0\\fs20 " + esc + "\\par}";
                case 1 -> "\\documentclass{article}\\begin{document}\n" + esc + "\n\\end{document}";
                default -> "[secrets]\nvalue = \"" + esc + "\"";
            };
            text("escapes", v, text);
        }
        for (int i = 0; i < 6; i++) {
            Val v = i == 3 || i == 5 ? ssnVal(r.pick("SSN: ", "Employee SSN: ")) : value(i);
            text("rot47", v, "Note (rot47):\n" + rot47(v.text()) + "\n");
        }
        for (int i = 0; i < 4; i++) {
            Val v = number(i);
            int k = r.between(1, 25);
            k = k == 13 ? 14 : k;
            text("caesar-digits", v, "shifted by " + k + ":\n" + caesar(v.text(), k));
        }
        for (int i = 0; i < 4; i++) {
            Val v = number(i);
            text("spelled", v, "Decode:\n" + spelled(v.text(), i % 2 == 0 ? SPANISH : ENGLISH));
        }
        for (int i = 0; i < 6; i++) {
            Val v = value(i);
            String stem = r.pick("PART_", "CHUNK", "S", "piece_");
            String decl = r.pick("export ", "", "let ");
            int w = r.between(4, 7);
            List<String> pieces = chunks(v.text(), w);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < pieces.size(); k++) {
                sb.append(decl).append(stem).append(k + 1).append("=\"").append(pieces.get(k)).append("\"\n");
            }
            text("numbered", v, sb.toString());
        }
        String[] zeros = {"\u0660", "\u0966", "\u09E6", "\u0E50", "\u06F0"};
        for (int i = 0; i < 5; i++) {
            Val v = number(i);
            text("digits", v, "Record\n" + digits(v.text(), zeros[i].charAt(0)) + "\n");
        }
        String[] fillers = {"\uD83D\uDD12", "\u2605", "\u2705", "\uD83D\uDD11", "\u26A1\uFE0F", "\u2022"};
        for (int i = 0; i < 6; i++) {
            Val v = value(i);
            String f = fillers[i];
            if (f.equals("\u2022")) {
                f = "\u2666"; // a bullet is punctuation, not a symbol: a diamond suit instead
            }
            int step = 1 + i % 2;
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < v.text().length(); k += step) {
                sb.append(v.text(), k, Math.min(v.text().length(), k + step)).append(f);
            }
            text("emoji-filler", v, sb.toString());
        }
        for (int i = 0; i < 4; i++) {
            Val v = number(i);
            text("ascii-filler", v, String.join(i % 2 == 0 ? "~" : "*", v.text().split("")));
        }
        for (int i = 0; i < 4; i++) {
            Val v = i % 2 == 0 ? new Val("financial.card-visa", Values.FINANCIAL, r.pick("Card", "card") + " number: "
                    + HardValues.cardGrouped(HardValues.card(r, 0), " ")) : ssnVal("SSN: ");
            text("reversed", v, "each line backwards:\n" + reverse("Name: Ana Ruiz") + "\n" + reverse(v.text()));
        }
        for (int i = 0; i < 2; i++) {
            Val v = value(i == 0 ? 3 : 5);
            text("reversed-b64", v, Base64.getEncoder().encodeToString(
                    ("Employee: Lee\n" + v.text()).transform(Dec32b::reverse).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void negatives() {
        negative("markup", "<p><span>Meeting</span> <span>moved</span><span> to </span><b>Thursday</b><i> 14:30</i>,"
                + " room <code>4B</code>.</p>");
        negative("markup", "<svg><text><tspan>Q1</tspan><tspan> 2024 </tspan><tspan>revenue</tspan><tspan> 4.2M"
                + "</tspan></text></svg>");
        negative("markup", "<td><span>4111</span></td><td><span>1111</span></td><td><b>order</b><b>1234</b></td>");
        negative("cells", "| 2021 | 2022 | 2023 | 2024 |\n| ---- | ---- | ---- | ---- |\n| 4111 | 1111 | 1111 | 1111 |");
        negative("cells", "| Name | Role | Team | Site |\n|------|------|------|------|\n| Anna | Lead | Core | Oslo |");
        negative("cells", "| GITH | UB_T | OKEN | =ghp | _<yo | ur-t | oken | -her | e>   |");
        negative("list-join", "SELECT CONCAT(first_name, ' ', last_name), CONCAT('Order #', order_id) FROM t;");
        negative("list-join", "const path = ['src', 'main', 'java', 'dev', 'sieve'].join('');");
        negative("list-join", "label = ''.join(['deploy', '-', 'service', '-', 'v2'])");
        negative("php-chr", "<?php echo chr(72).chr(105).chr(33); ?>");
        negative("escapes", "{\\rtf1\\ansi Caf\\'e9 cr\\'e8me br\\'fbl\\'e9e\\par}");
        negative("escapes", "\\char\"41\\char\"42\\char\"43 are glyph tests, and so is \\char65 \\char66 \\char67");
        negative("escapes", "[ui]\nsmile = \"\\U0001F600\\U0001F601\\U0001F602\"");
        negative("rot47", rot47("Card number: see the billing portal, no digits here") + "\n");
        negative("rot47", "Note (rot47):\n" + rot47("SSN: 000-00-0000 placeholder") + "\n");
        negative("caesar-digits", "shifted by 3:\n" + caesar("Meeting at 10:30 in room 4512, call 555-0100", 3));
        negative("caesar-digits", "shifted by 5:\n" + caesar("Card number: on file, ends 4242", 5));
        negative("spelled", "d e p l o y   f i n i s h e d :   tres siete   s e r v i c e s ,   p nueve cinco   "
                + "uno cero cero m s");
        negative("spelled", "We counted one, two, three, four apples and five, six, seven pears.");
        negative("numbered", "export REGION_1=\"eu-west-1\"\nexport REGION_2=\"us-east-1\"\n"
                + "export REGION_3=\"us-west-2\"\n");
        negative("numbered", "export PART_1=\"<your-\"\nexport PART_2=\"token-\"\nexport PART_3=\"here>\"\n");
        negative("digits", "\u0627\u0644\u0633\u0639\u0631: \u0665\u0660\u0660 \u0631\u064A\u0627\u0644 "
                + "\u0648\u0627\u0644\u0647\u0627\u062A\u0641 \u0660\u0665\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667");
        String bad = HardValues.card(r, 0);
        bad = bad.substring(0, 15) + (char) ('0' + (bad.charAt(15) - '0' + 1) % 10);
        negative("digits", "Card number: " + digits(HardValues.cardGrouped(bad, " "), '\u0966'));
        negative("emoji-filler", "Great \u2B50 work \u2B50 team \u2B50 ship \u2B50 it \u2B50 now \u2B50 done \u2B50"
                + " yes \u2B50 go");
        negative("emoji-filler", "\uD83D\uDD25\uD83D\uDD25\uD83D\uDD25 release day \uD83C\uDF89\uD83C\uDF89 "
                + "v1.2.3 \u2705 tests \u2705 docs \u2705");
        negative("ascii-filler", "~/src/app ~/.config ~/bin and a~b~c");
        negative("reversed", "each line backwards:\n" + reverse("Card number: see attached PDF") + "\n"
                + reverse("SSN: on file with HR"));
    }

    // ---- encodings ----

    private static List<String> chunks(String s, int w) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < s.length(); k += w) {
            out.add(s.substring(k, Math.min(s.length(), k + w)));
        }
        return out;
    }

    private static String wrap(String s, int w, String open, String close) {
        StringBuilder out = new StringBuilder();
        for (String c : chunks(s, w)) {
            out.append(open).append(c.replace("&", "&amp;").replace("<", "&lt;")).append(close);
        }
        return out.toString();
    }

    private static String cells(String s, int w) {
        StringBuilder out = new StringBuilder("|");
        for (String c : chunks(s, w)) {
            out.append(' ').append(c).append(" |");
        }
        return out.toString();
    }

    static String rot47(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c >= '!' && c <= '~' ? (char) ('!' + (c - '!' + 47) % 94) : c);
        }
        return out.toString();
    }

    static String caesar(String s, int k) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                out.append((char) ('a' + (c - 'a' + k) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) ('A' + (c - 'A' + k) % 26));
            } else if (c >= '0' && c <= '9') {
                out.append((char) ('0' + (c - '0' + k) % 10));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final String[] ENGLISH = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine"};
    private static final String[] SPANISH = {"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho",
        "nueve"};

    /** Spaced out (a blank between characters, three between words), digits as words. */
    static String spelled(String s, String[] words) {
        StringBuilder out = new StringBuilder();
        for (String word : s.split(" ")) {
            if (out.length() > 0) {
                out.append("   ");
            }
            StringBuilder w = new StringBuilder();
            for (char c : word.toCharArray()) {
                if (w.length() > 0) {
                    w.append(' ');
                }
                w.append(c >= '0' && c <= '9' ? words[c - '0'] : String.valueOf(c));
            }
            out.append(w);
        }
        return out.toString();
    }

    static String digits(String s, char zero) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) (zero + (c - '0')) : c);
        }
        return out.toString();
    }

    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    // ---- cases ----

    private void text(String kind, Val v, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(v.rule()), List.of(),
                List.of("family:" + FAMILY, "cat:" + v.category(), "rt32b:" + kind, "container:" + container,
                        "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
