package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The encodings an agent's traffic carries values in (or an exfiltration would hide them in). Text encodings turn
 * the whole snippet into its encoded form (a decoder gets the label back with the value); value encodings change
 * only the sensitive value inside the snippet (zero-width characters, confusable letters).
 */
final class Encodings {

    /** Text encodings by tag name ({@code enc:<name>}). */
    static final Map<String, BiFunction<String, Rng, String>> TEXT = new LinkedHashMap<>();
    /** Value encodings by tag name. */
    static final Map<String, BiFunction<String, Rng, String>> VALUE = new LinkedHashMap<>();
    /** Text encodings that nest (reversible, ASCII out): the chains of the nested family use these. */
    static final List<String> NESTABLE = List.of("base64", "base64url", "base64-nopad", "hex", "percent");

    private static final String ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff";
    /** Latin letters and digits to look-alikes (Cyrillic, Greek, Latin small capital/IPA, fullwidth). */
    private static final Map<Character, String> CONFUSABLE = new LinkedHashMap<>();

    static {
        TEXT.put("base64", (s, r) -> Base64.getEncoder().encodeToString(utf8(s)));
        TEXT.put("base64url", (s, r) -> Base64.getUrlEncoder().encodeToString(utf8(s)));
        TEXT.put("base64-nopad", (s, r) -> Base64.getEncoder().withoutPadding().encodeToString(utf8(s)));
        TEXT.put("base64-wrapped", (s, r) -> Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(utf8(s)));
        TEXT.put("hex", (s, r) -> hex(utf8(s), ""));
        TEXT.put("hex-dash", (s, r) -> hex(utf8(s), "-"));
        TEXT.put("hex-colon", (s, r) -> hex(utf8(s), ":"));
        TEXT.put("hex-space", (s, r) -> hex(utf8(s), " "));
        TEXT.put("percent", (s, r) -> percentAll(utf8(s)));
        TEXT.put("percent2", (s, r) -> percentAll(utf8(s)).replace("%", "%25"));
        TEXT.put("base64+percent", (s, r) -> component(Base64.getEncoder().encodeToString(utf8(s))));
        TEXT.put("json-u", (s, r) -> jsonU(s));
        TEXT.put("html-dec", (s, r) -> html(s, false));
        TEXT.put("html-hex", (s, r) -> html(s, true));
        TEXT.put("html-named", (s, r) -> htmlNamed(s));
        TEXT.put("qp", (s, r) -> quotedPrintable(utf8(s)));
        VALUE.put("zero-width", Encodings::zeroWidth);
        VALUE.put("confusable", Encodings::confusable);
        String[][] pairs = {
            {"a", "\u0430"}, {"c", "\u0441"}, {"e", "\u0435"}, {"o", "\u043e"}, {"p", "\u0440"}, {"x", "\u0445"},
            {"y", "\u0443"}, {"s", "\u0455"}, {"i", "\u0456"}, {"h", "\u04bb"}, {"g", "\u0261"}, {"k", "\u03ba"},
            {"A", "\u0410"}, {"B", "\u0412"}, {"C", "\u0421"}, {"E", "\u0415"}, {"H", "\u041d"}, {"I", "\u0406"},
            {"K", "\u041a"}, {"M", "\u041c"}, {"O", "\u041e"}, {"P", "\u0420"}, {"S", "\u0405"}, {"T", "\u0422"},
            {"X", "\u0425"}, {"Z", "\u0396"}, {"_", "\uff3f"}, {"-", "\u2010"}, {"l", "\u04cf"}, {"n", "\u0578"},
            {"t", "\uff54"}, {"r", "\u0433"}, {"d", "\u0501"}, {"u", "\u057d"}, {"v", "\u03bd"}, {"b", "\u042c"},
            {"m", "\uff4d"}, {"f", "\uff46"}, {"w", "\u0461"}, {"G", "\u050c"}, {"L", "\u216c"}, {"N", "\u039d"},
            {"Y", "\u04ae"}, {"D", "\u216e"}, {"F", "\u03dc"}, {"R", "\u0280"}, {"U", "\u054d"}, {"W", "\u051c"}};
        for (String[] p : pairs) {
            CONFUSABLE.put(p[0].charAt(0), p[1]);
        }
    }

    private Encodings() {
    }

    static String apply(String name, String text, Rng r) {
        BiFunction<String, Rng, String> f = TEXT.get(name);
        if (f == null) {
            throw new IllegalArgumentException("text encoding: " + name);
        }
        return f.apply(text, r);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(byte[] b, String sep) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                out.append(sep);
            }
            out.append(Character.forDigit(b[i] >> 4 & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return out.toString();
    }

    /** Every byte as {@code %XX}: what an exfiltration would do, not what a browser does. */
    static String percentAll(byte[] b) {
        StringBuilder out = new StringBuilder();
        for (byte x : b) {
            out.append('%').append(Character.toUpperCase(Character.forDigit(x >> 4 & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(x & 0xf, 16)));
        }
        return out.toString();
    }

    /** {@code encodeURIComponent}: unreserved characters stay, everything else becomes {@code %XX}. */
    static String component(String s) {
        StringBuilder out = new StringBuilder();
        for (byte x : utf8(s)) {
            char c = (char) (x & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.!~*'()".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append(percentAll(new byte[] {x}));
            }
        }
        return out.toString();
    }

    /** Every UTF-16 unit as a JSON {@code \}{@code uXXXX} escape. */
    static String jsonU(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    private static String html(String s, boolean hexForm) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.append(hexForm ? "&#x" + Integer.toHexString(cp) + ";" : "&#" + cp + ";"));
        return out.toString();
    }

    /** Letters and digits stay; punctuation becomes HTML5 named entities (as scraped HTML carries it). */
    private static String htmlNamed(String s) {
        Map<Character, String> named = Map.ofEntries(Map.entry('_', "&lowbar;"), Map.entry('-', "&hyphen;"),
                Map.entry('.', "&period;"), Map.entry('/', "&sol;"), Map.entry(':', "&colon;"),
                Map.entry('=', "&equals;"), Map.entry('+', "&plus;"), Map.entry('@', "&commat;"),
                Map.entry('"', "&quot;"), Map.entry('\'', "&apos;"), Map.entry('<', "&lt;"), Map.entry('>', "&gt;"),
                Map.entry('&', "&amp;"), Map.entry('{', "&lbrace;"), Map.entry('}', "&rbrace;"),
                Map.entry(',', "&comma;"), Map.entry('~', "&tilde;"), Map.entry('*', "&ast;"), Map.entry('!', "&excl;"),
                Map.entry('%', "&percnt;"), Map.entry('#', "&num;"), Map.entry(';', "&semi;"), Map.entry('?', "&quest;"));
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(named.getOrDefault(c, String.valueOf(c)));
        }
        return out.toString();
    }

    /** Quoted-printable with every byte encoded and soft line breaks under 76 columns. */
    static String quotedPrintable(byte[] b) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (byte x : b) {
            if (column + 3 > 75) {
                out.append("=\r\n");
                column = 0;
            }
            out.append('=').append(percentAll(new byte[] {x}).substring(1));
            column += 3;
        }
        return out.toString();
    }

    /** A zero-width character after every few characters of the value. */
    private static String zeroWidth(String value, Rng r) {
        StringBuilder out = new StringBuilder();
        int next = r.between(1, 4);
        for (int i = 0; i < value.length(); i++) {
            out.append(value.charAt(i));
            if (i == next && i < value.length() - 1) {
                out.append(ZERO_WIDTH.charAt(r.nextInt(ZERO_WIDTH.length())));
                next += r.between(2, 6);
            }
        }
        return out.toString();
    }

    /** Look-alike characters for one to three letters of the value's first six (its vendor prefix). */
    private static String confusable(String value, Rng r) {
        char[] chars = value.toCharArray();
        StringBuilder out = new StringBuilder(value);
        int replaced = 0;
        int want = r.between(1, 3);
        for (int i = Math.min(5, chars.length - 1); i >= 0 && replaced < want; i--) {
            String look = CONFUSABLE.get(chars[i]);
            if (look != null && (replaced == 0 || r.chance(0.6))) {
                out.replace(i, i + 1, look);
                replaced++;
            }
        }
        if (replaced == 0) {
            throw new IllegalArgumentException("no confusable letter in the value's prefix");
        }
        return out.toString();
    }

    /** True when {@link #confusable} can change {@code value}. */
    static boolean hasConfusablePrefix(String value) {
        for (int i = 0; i < Math.min(6, value.length()); i++) {
            if (CONFUSABLE.containsKey(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
