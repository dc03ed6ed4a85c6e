package dev.sieve.rules.eval;

import dev.sieve.dlp.validate.Base58;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Family {@code radix}: encodings an outside red team (synthetic values) still got past the decoding graph, as
 * classes, with their hard negatives beside them. Each positive is tagged {@code rt4:<kind>}:
 * <ul>
 *   <li>{@code base58} (Bitcoin's alphabet), {@code base32hex} (RFC 4648 {@code 0-9A-V}), {@code base32crockford}
 *       (no padding, either case), {@code base85} (RFC 1924, git, Python's {@code b85encode}) and {@code z85}
 *       (ZeroMQ): a whole text, or its first or last token;</li>
 *   <li>{@code xxencode} ({@code begin 644 name}, {@code +-0-9A-Za-z});</li>
 *   <li>{@code bits} (8-bit groups one space or comma apart, or one run), {@code octal} (three-digit numbers, and
 *       {@code od -b} lines with offsets);</li>
 *   <li>{@code u-plus} ({@code U+0073 U+006B}), {@code iis-u} ({@code %u0073}), {@code css} ({@code \73 } and
 *       {@code \000073}), {@code html-nosemi} (numeric references without their semicolon);</li>
 *   <li>{@code selectors} (bytes as variation selectors after an emoji) and {@code tags} (Unicode tag characters).</li>
 * </ul>
 * Every vendor a different one in turn (GitHub, Stripe, Slack, AWS, GitLab, a JWT, Anthropic, OpenAI, an SSN with its
 * keyword, a card with its keyword), in prose, JSON string values, a tool result and a multipart text file. Hard
 * negatives ({@code neg:radix}, {@code neg:<kind>}): base58 crypto addresses and IPFS CIDs, base32 TOTP seeds and
 * ordinary words in the base32 alphabets, 0/1 feature flags, octal file modes, {@code U+} code points in Unicode
 * documentation, emoji with their ordinary variation selectors, flag emoji, CSS with icon escapes, benign base85,
 * xxencode and IIS escapes. Written with the decoders, so not held out.
 */
final class Radix {

    static final long SEED = 20_261_208L;
    static final String FAMILY = "radix";

    private static final List<String> TEXT_CONTAINERS = List.of("json-anthropic", "text", "json-openai-chat",
            "json-anthropic-tool", "multipart", "json-gemini", "json-openai-responses");
    private static final String B58 = Base58.ALPHABET;
    private static final String B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String B32HEX = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final String B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
    private static final String Z85 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    private static final String XX = "+-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;
    private int vendor;

    private Radix(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Radix c = new Radix(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    /** A value, its text and the rule or category that finds it. */
    private record Val(String text, String rule, String category) {
    }

    /** The next value: every vendor a different one, in turn. */
    private Val next() {
        return switch (vendor++ % 10) {
            case 0 -> cred("credential.github-pat", HardValues.github(r, "ghp_"));
            case 1 -> cred("credential.stripe-secret-key", HardValues.stripe(r, "sk_live_"));
            case 2 -> cred("credential.slack-bot-token", HardValues.slackBot(r));
            case 3 -> cred("credential.aws-access-key-id", "aws_access_key_id = " + HardValues.awsKeyId(r, "AKIA"));
            case 4 -> cred("credential.gitlab-pat", HardValues.gitlab(r));
            case 5 -> cred("credential.jwt", Values.jwt(r));
            case 6 -> cred("credential.anthropic-api-key", HardValues.anthropic(r));
            case 7 -> cred("credential.openai-api-key", HardValues.openai(r));
            case 8 -> new Val("Employee SSN: " + HardValues.ssn(r, "-"), null, Values.PII);
            default -> new Val("card " + HardValues.card(r, r.nextInt(2)), null, Values.FINANCIAL);
        };
    }

    private static Val cred(String rule, String value) {
        return new Val(value, rule, Values.CREDENTIAL);
    }

    // ---- positives ----

    private void positives() {
        encoded("base58", 6, s -> Base58.encode(utf8(s)), true);
        encoded("base32hex", 5, s -> base32(utf8(s), B32HEX, true), true);
        encoded("base32crockford", 5, s -> {
            String c = base32(utf8(s), CROCKFORD, false);
            return turn % 2 == 0 ? c.toLowerCase(Locale.ROOT) : c;
        }, true);
        encoded("base85", 6, s -> base85(utf8(s), B85), true);
        encoded("z85", 5, s -> base85(utf8(s), Z85), true);
        encoded("xxencode", 4, s -> xxencode(utf8(s), "creds.txt"), false);
        encoded("bits", 3, s -> bits(utf8(s), " "), false);
        encoded("bits", 2, s -> bits(utf8(s), ""), true);
        encoded("bits", 2, s -> bits(utf8(s), ","), false);
        encoded("octal", 3, s -> octal(utf8(s)), false);
        encoded("octal", 2, s -> "$ od -b secret.txt\n" + odB(utf8(s)), false);
        encoded("u-plus", 4, s -> codePoints(s, "U+%04X", " "), false);
        encoded("iis-u", 4, s -> codePoints(s, "%%u%04x", ""), true);
        encoded("css", 2, s -> codePoints(s, "\\%x ", ""), false);
        encoded("css", 2, s -> codePoints(s, "\\%06x", ""), true);
        encoded("html-nosemi", 3, s -> codePoints(s, "&#%d", ""), false);
        encoded("selectors", 5, s -> r.pick("Great job ", "thanks! ", "") + r.pick("\uD83D\uDE00", "\u2764",
                "\uD83D\uDC4D", "\u2728") + selectors(utf8(s)) + r.pick(" see you", "", " :)"), false);
        encoded("tags", 2, s -> "All good \uD83D\uDC4B" + tags(s) + " bye", false);
    }

    /**
     * {@code count} values encoded by {@code enc}; with {@code prose}, every other one is the first or last token of
     * a sentence rather than the whole text.
     */
    private void encoded(String kind, int count, Function<String, String> enc, boolean prose) {
        for (int i = 0; i < count; i++) {
            Val v = next();
            String encoded = enc.apply(v.text());
            String text = !prose || i % 3 == 0 ? encoded : i % 3 == 1 ? "the value is " + encoded
                    : encoded + " (decode before use)";
            if (!prose && i % 2 == 1) {
                text = "Here is what I found:\n" + text + "\n";
            }
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            List<String> tags = new ArrayList<>(List.of("family:" + FAMILY, "cat:" + v.category(), "rt4:" + kind,
                    "container:" + container, "enc:" + kind));
            out.add(new HardCorpus.Out(Containers.build(container, text, false, r),
                    v.rule() == null ? List.of() : List.of(v.rule()),
                    v.rule() == null ? List.of(v.category()) : List.of(), tags, ""));
        }
    }

    // ---- hard negatives ----

    private void negatives() {
        negative("crypto-address", "send the refund to 1" + r.from(B58, 33) + " (BTC, legacy)");
        negative("crypto-address", "multisig: 3" + r.from(B58, 33));
        negative("crypto-address", "{\"chain\":\"solana\",\"to\":\"" + r.from(B58, 44) + "\",\"lamports\":5000}");
        negative("crypto-address", "bc1q" + r.from("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 38));
        negative("ipfs-cid", "pinned: ipfs://Qm" + r.from(B58, 44));
        negative("ipfs-cid", "Qm" + r.from(B58, 44));
        negative("ipfs-cid", "gateway https://dweb.link/ipfs/bafybei" + r.from("abcdefghijklmnopqrstuvwxyz234567", 52));
        negative("base32-words", "device id " + base32(utf8("hello world, kitchen printer"), B32, false));
        negative("base32-words", "TOTP seed " + r.from(B32, 32));
        negative("base32-words", base32(utf8("the quick brown fox jumps over the lazy dog"), B32HEX, true));
        negative("base32-words", base32(utf8("release notes for version four"), CROCKFORD, false));
        negative("base58-words", Base58.encode(utf8("nothing to see here, just a friendly note")));
        negative("bit-flags", "feature_flags: 0101100111010010 (beta on, dark mode off)");
        negative("bit-flags", "mask = 0b01011010; flags = 0b1111000011110000");
        negative("bit-flags", "seed bits " + r.from("01", 64));
        negative("bit-flags", bits(utf8("hello from the build bot, all green"), " "));
        negative("bit-flags", "| flag | value |\n|---|---|\n| a | 0101 |\n| b | 1100 |\n| c | 0011 |");
        negative("file-modes", "chmod 0755 bin/deploy.sh && chmod 0644 config/app.yaml && umask 022");
        negative("file-modes", "-rwxr-xr-x 1 ci ci 4096 Dec  1 10:00 run.sh\n"
                + "-rw-r--r-- 1 ci ci  120 Dec  1 10:00 README.md\ndrwx------ 2 ci ci 4096 Dec  1 10:00 .ssh");
        negative("file-modes", "modes: 644 755 600 700 640 750 444 555 664 775 660 770");
        negative("file-modes", "$ od -b hello.txt\n" + odB(utf8("hello, this is a test file\n")));
        negative("unicode-docs", "U+0041 LATIN CAPITAL LETTER A; U+00E9 LATIN SMALL LETTER E WITH ACUTE; "
                + "U+1F600 GRINNING FACE");
        negative("unicode-docs", "Latin-1 supplement: " + codePointsRange(0xC0, 0xDF));
        negative("unicode-docs", codePoints("Hello, World from the docs", "U+%04X", " "));
        negative("emoji-selectors", "I \u2764\uFE0F this \uD83D\uDC4D\uD83C\uDFFD \u270C\uFE0F \u263A\uFE0F");
        negative("emoji-selectors", "press 1\uFE0F\u20E3 then 2\uFE0F\u20E3, snow \u2603\uFE0E");
        negative("emoji-selectors", "\u2764\uFE0F\u2764\uFE0F\u2764\uFE0F\u2764\uFE0F great release!");
        negative("flag-emoji", "Go Scotland \uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74"
                + "\uDB40\uDC7F!");
        negative("css-escapes", ".icon-home::before { content: \"\\f101\"; }\n.sep::after { content: \"\\2014 \\00A0\"; }");
        negative("css-escapes", codePoints("font-family: Helvetica, sans-serif", "\\%x ", ""));
        negative("iis-escapes", "GET /search?q=" + codePoints("hello world", "%%u%04X", ""));
        negative("html-nosemi", "<p>" + codePoints("Caf\u00e9 opening hours", "&#%d", "") + "</p>");
        negative("base85-benign", "GIT binary patch\nliteral 0\nHcmV?d00001\n\nliteral 12\n"
                + base85(utf8("plain bytes"), B85));
        negative("base85-benign", base85(utf8("just a regular status message"), Z85));
        negative("xxencode-benign", xxencode(utf8("meeting notes: ship it on Friday"), "notes.txt"));
        negative("ids-hashes", "run " + java.util.UUID.nameUUIDFromBytes(r.bytes(8)) + " sha256 "
                + r.from("0123456789abcdef", 64));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "enc:none", "neg:" + FAMILY, "neg:" + kind, "container:" + container),
                text));
    }

    // ---- encoders (written here from the specifications, not taken from the decoders) ----

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String base32(byte[] data, String alphabet, boolean pad) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
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

    /** Base85 as Python's {@code b85encode} and Z85 write it: four bytes as five digits, a short last group shorter. */
    static String base85(byte[] data, String alphabet) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < data.length; i += 4) {
            long v = 0;
            for (int j = 0; j < 4; j++) {
                v = v << 8 | (i + j < data.length ? data[i + j] & 0xff : 0);
            }
            char[] group = new char[5];
            for (int j = 4; j >= 0; j--) {
                group[j] = alphabet.charAt((int) (v % 85));
                v /= 85;
            }
            out.append(group, 0, Math.min(5, data.length - i + 1));
        }
        return out.toString();
    }

    static String xxencode(byte[] data, String name) {
        StringBuilder out = new StringBuilder("begin 644 " + name + "\n");
        for (int i = 0; i < data.length; i += 45) {
            int n = Math.min(45, data.length - i);
            out.append(XX.charAt(n));
            for (int j = i; j < i + n; j += 3) {
                int v = (data[j] & 0xff) << 16 | (j + 1 < i + n ? data[j + 1] & 0xff : 0) << 8
                        | (j + 2 < i + n ? data[j + 2] & 0xff : 0);
                out.append(XX.charAt(v >> 18 & 63)).append(XX.charAt(v >> 12 & 63)).append(XX.charAt(v >> 6 & 63))
                        .append(XX.charAt(v & 63));
            }
            out.append('\n');
        }
        return out.append("+\nend\n").toString();
    }

    static String bits(byte[] data, String separator) {
        List<String> groups = new ArrayList<>();
        for (byte b : data) {
            String g = Integer.toBinaryString(b & 0xff);
            groups.add("0".repeat(8 - g.length()) + g);
        }
        return String.join(separator, groups);
    }

    static String octal(byte[] data) {
        List<String> numbers = new ArrayList<>();
        for (byte b : data) {
            numbers.add(String.format("%03o", b & 0xff));
        }
        return String.join(" ", numbers);
    }

    /** {@code od -b}: a seven-digit octal offset, then sixteen bytes a line, the length last. */
    static String odB(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < data.length; i += 16) {
            out.append(String.format("%07o", i));
            for (int k = i; k < Math.min(data.length, i + 16); k++) {
                out.append(String.format(" %03o", data[k] & 0xff));
            }
            out.append('\n');
        }
        return out.append(String.format("%07o", data.length)).append('\n').toString();
    }

    /** Each character (UTF-16 unit) of {@code s} formatted with {@code format}, joined with {@code separator}. */
    static String codePoints(String s, String format, String separator) {
        List<String> parts = new ArrayList<>();
        for (char c : s.toCharArray()) {
            parts.add(String.format(format, (int) c));
        }
        return String.join(separator, parts);
    }

    private static String codePointsRange(int from, int to) {
        List<String> parts = new ArrayList<>();
        for (int c = from; c <= to; c++) {
            parts.add(String.format("U+%04X", c));
        }
        return String.join(" ", parts);
    }

    /** Bytes as variation selectors: 0-15 as U+FE00.., 16-255 as U+E0100.. ("emoji smuggling"). */
    static String selectors(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (byte x : data) {
            int b = x & 0xff;
            out.appendCodePoint(b < 16 ? 0xFE00 + b : 0xE0100 + b - 16);
        }
        return out.toString();
    }

    /** ASCII as Unicode tag characters (U+E0020..U+E007E), "ASCII smuggling". */
    static String tags(String ascii) {
        StringBuilder out = new StringBuilder();
        ascii.chars().forEach(c -> out.appendCodePoint(0xE0000 + c));
        return out.toString();
    }
}
