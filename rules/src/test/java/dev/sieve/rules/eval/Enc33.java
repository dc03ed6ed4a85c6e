package dev.sieve.rules.eval;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Family {@code enc33}: text in encodings that do not write ASCII as ASCII under base64 or hex, and secrets spelled
 * in the NATO alphabet with case marks, which session 33 taught the decoding graph, with hard negatives beside them.
 * <ul>
 *   <li>Positives ({@code enc33:<kind>}): a value's text in UTF-32LE (with or without a byte order mark) or UTF-32BE,
 *       then base64 or hex; in EBCDIC (IBM037, IBM500, IBM1047), then hex or base64; spelled in NATO words written in
 *       upper case with {@code (lower)} after a lower-case letter's word, digits as words, marks such as {@code _},
 *       {@code -} and {@code :} written as themselves and {@code space} for a space.</li>
 *   <li>Negatives ({@code neg:enc33}, {@code neg:<kind>}): benign text in the same encodings; base64 and hex of
 *       random bytes in EBCDIC's printable range; base64 of arrays of small 32-bit integers; prose with NATO words,
 *       case words in brackets and lone marks.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Enc33 {

    static final long SEED = 20_261_233L;
    static final String FAMILY = "enc33";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset[] EBCDIC = {Charset.forName("IBM037"), Charset.forName("IBM500"),
        Charset.forName("IBM1047")};
    private static final String[] NATO = {"Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
        "India", "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango",
        "Uniform", "Victor", "Whiskey", "X-ray", "Yankee", "Zulu"};
    private static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine"};

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Enc33(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Enc33 c = new Enc33(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    /** A value, its category and the rule that finds it. */
    private record Val(String rule, String category, String text) {
    }

    private Val value(int i) {
        return switch (i % 5) {
            case 0 -> new Val("credential.github-pat", Values.CREDENTIAL, "GITHUB_TOKEN=" + HardValues.github(r, "ghp_"));
            case 1 -> new Val("credential.stripe-secret-key", Values.CREDENTIAL,
                    "stripe_key: " + HardValues.stripe(r, "sk_live_"));
            case 2 -> new Val("credential.slack-bot-token", Values.CREDENTIAL, "SLACK_BOT_TOKEN=" + HardValues.slackBot(r));
            case 3 -> new Val("financial.card-visa", Values.FINANCIAL, "card: "
                    + HardValues.cardGrouped(HardValues.card(r, 0), " ") + " exp 0" + (1 + r.nextInt(9)) + "/2"
                    + (7 + r.nextInt(3)));
            default -> new Val("pii.us-ssn", Values.PII, "employee SSN: " + HardValues.ssn(r, "-"));
        };
    }

    private void positives() {
        for (int i = 0; i < 5; i++) {
            Val v = value(i);
            boolean bom = i % 2 == 0;
            byte[] wide = ((bom ? "\ufeff" : "") + v.text()).getBytes(i % 3 == 2 ? UTF_32BE : UTF_32LE);
            text("utf32-base64", v, r.pick("blob: ", "payload=", "decode this:\n") + Base64.getEncoder().encodeToString(wide));
        }
        for (int i = 0; i < 3; i++) {
            Val v = value(i + 1);
            byte[] wide = v.text().getBytes(i % 2 == 0 ? UTF_32BE : UTF_32LE);
            text("utf32-hex", v, r.pick("hex: ", "data ") + HexFormat.of().formatHex(wide));
        }
        for (int i = 0; i < 6; i++) {
            Val v = value(i);
            byte[] e = v.text().getBytes(EBCDIC[i % 3]);
            text("ebcdic-hex", v, r.pick("EBCDIC record: ", "mainframe dump ", "") + (i % 2 == 0
                    ? HexFormat.of().formatHex(e) : HexFormat.of().withUpperCase().formatHex(e)));
        }
        for (int i = 0; i < 6; i++) {
            Val v = value(i + 2);
            byte[] e = (r.pick("", "ACCT RECORD ") + v.text()).getBytes(EBCDIC[(i + 1) % 3]);
            text("ebcdic-base64", v, r.pick("cp037 payload: ", "from the host: ", "") + Base64.getEncoder().encodeToString(e));
        }
        for (int i = 0; i < 5; i++) {
            Val v = value(i);
            text("nato-marked", v, r.pick("Spelled out for the phone: ", "", "read back:\n") + natoMarked(v.text()));
        }
    }

    private void negatives() {
        String[] benign = {"deployment notes: rotate the staging certificates on friday",
            "SELECT name, region FROM accounts WHERE active = 1", "build 4471 passed; 12 tests skipped"};
        for (int i = 0; i < 3; i++) {
            negative("utf32-base64", "blob: " + Base64.getEncoder().encodeToString(benign[i].getBytes(
                    i % 2 == 0 ? UTF_32LE : UTF_32BE)));
            negative("ebcdic-hex", "EBCDIC record: " + HexFormat.of().formatHex(benign[i].getBytes(EBCDIC[i])));
        }
        for (int i = 0; i < 4; i++) {
            byte[] b = new byte[20 + r.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (0x40 + r.nextInt(0xc0));
            }
            negative("high-bytes", i % 2 == 0 ? "sig: " + Base64.getEncoder().encodeToString(b)
                    : "digest " + HexFormat.of().formatHex(b));
        }
        for (int i = 0; i < 3; i++) {
            ByteBuffer ints = ByteBuffer.allocate(4 * (6 + r.nextInt(10)))
                    .order(i % 2 == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            ints.putInt(0x11).putInt(5);
            while (ints.hasRemaining()) {
                ints.putInt(r.nextInt(0x20));
            }
            negative("int32-array", "counters: " + Base64.getEncoder().encodeToString(ints.array()));
        }
        negative("nato-prose", "Tower, Delta four two one (upper) deck, climb to flight level three five zero : contact"
                + " Echo(lower) ground");
        negative("nato-prose", "Booking reference: Kilo Papa Seven Xray Two Lima, flight LH 441 on 12 March");
        negative("nato-prose", "The NATO alphabet: Alfa, Bravo, Charlie _ and so on; write (lower) after a small"
                + " letter.");
    }

    /** NATO words upper case, {@code (lower)} after a lower-case letter's word, digits as words, marks as themselves. */
    private static String natoMarked(String s) {
        List<String> words = new ArrayList<>();
        for (char c : s.toCharArray()) {
            if (Character.isLetter(c)) {
                String w = NATO[Character.toLowerCase(c) - 'a'];
                words.add(Character.isLowerCase(c) ? w + "(lower)" : w);
            } else if (Character.isDigit(c)) {
                words.add(DIGITS[c - '0']);
            } else {
                words.add(c == ' ' ? "space" : String.valueOf(c));
            }
        }
        return String.join(" ", words);
    }

    private void text(String kind, Val v, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(v.rule()), List.of(),
                List.of("family:" + FAMILY, "cat:" + v.category(), "enc33:" + kind, "container:" + container,
                        "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
