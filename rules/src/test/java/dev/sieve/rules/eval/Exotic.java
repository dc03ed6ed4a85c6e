package dev.sieve.rules.eval;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Family {@code exotic}: a blind red team's rare text encodings (issue #11), as classes, with their hard negatives
 * beside them. Each positive is tagged {@code rt6:<kind>}:
 * <ul>
 *   <li>{@code decimal} and {@code base36}: the secret's bytes as one big integer (Python
 *       {@code int.from_bytes(s.encode(), 'big')}, JavaScript {@code BigInt(...).toString(36)}, {@code numpy.base_repr}
 *       in upper case);</li>
 *   <li>{@code morse} (letters one space apart, words {@code /} or three spaces apart): what survives upper case
 *       (a keyword-led password, an SSN, a card, an AWS key id with its keyword, a lower-case hex token);</li>
 *   <li>{@code digit-words} (a card or a dashed SSN spelled {@code four one one ...}) and {@code nato} ({@code sierra
 *       kilo underscore ...}, with {@code capital} before upper-case letters, or all one case);</li>
 *   <li>{@code braille}: bytes as U+2800 + byte.</li>
 * </ul>
 * Vendors in turn (GitHub, Stripe, Slack, AWS, GitLab, Anthropic, OpenAI, a keyword-led password, an SSN with its
 * keyword, a card), in prose, JSON string values, a tool result and a multipart text file. Hard negatives
 * ({@code neg:exotic}, {@code neg:<kind>}): long numbers in logs, a decimal of binary bytes, a decimal of harmless
 * text, base36-looking ids, upper-case identifiers and SQL, JSON and code, Morse-like ASCII art and Markdown rules,
 * prose with number words, NATO words in aviation prose, counting, real Braille text. RFC 9285 base45 and basE91 are
 * not read by the decoders (no mark the scan could anchor on; looking at every text's ends cost too much), so they
 * have no positives here. Written with the decoders, so not held out.
 */
final class Exotic {

    static final long SEED = 20_261_206L;
    static final String FAMILY = "exotic";

    private static final List<String> TEXT_CONTAINERS = List.of("json-anthropic", "text", "json-openai-chat",
            "json-anthropic-tool", "multipart", "json-gemini", "json-openai-responses");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;
    private int vendor;

    private Exotic(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Exotic c = new Exotic(r);
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
            case 5 -> cred("credential.anthropic-api-key", HardValues.anthropic(r));
            case 6 -> cred("credential.openai-api-key", HardValues.openai(r));
            case 7 -> cred("credential.generic-secret-assignment", "password=" + password());
            case 8 -> new Val("Employee SSN: " + HardValues.ssn(r, "-"), null, Values.PII);
            default -> new Val("card " + HardValues.card(r, r.nextInt(2)), null, Values.FINANCIAL);
        };
    }

    /** A password of letters and digits (what Morse and spelled words can carry). */
    private String password() {
        return r.pick("Winter", "Harbor", "Falcon", "Copper", "Meadow") + r.digits(2) + r.from(Rng.ALNUM, 8);
    }

    /** Values that survive upper case (Morse): keyword-led passwords, SSNs, cards, AWS key ids, hex tokens. */
    private Val caseless(int i) {
        return switch (i % 5) {
            case 0 -> cred("credential.generic-secret-assignment", "password=" + password());
            case 1 -> new Val("ssn: " + HardValues.ssn(r, "-"), null, Values.PII);
            case 2 -> new Val("card " + HardValues.card(r, r.nextInt(2)), null, Values.FINANCIAL);
            case 3 -> cred("credential.aws-access-key-id", "aws_access_key_id = " + HardValues.awsKeyId(r, "AKIA"));
            default -> cred("credential.digitalocean-token", HardValues.digitalocean(r));
        };
    }

    private static Val cred(String rule, String value) {
        return new Val(value, rule, Values.CREDENTIAL);
    }

    // ---- positives ----

    private void positives() {
        encoded("decimal", 6, s -> bigInteger(s, 10), true);
        encoded("base36", 4, s -> bigInteger(s, 36), true);
        encoded("base36", 1, s -> bigInteger(s, 36).toUpperCase(Locale.ROOT), false);
        encoded("braille", 5, Exotic::braille, true);
        for (int i = 0; i < 5; i++) {
            Val v = caseless(i);
            add("morse", v, wrap(morse(v.text(), i % 2 == 0 ? " / " : "   "), i, false));
        }
        for (int i = 0; i < 4; i++) {
            Val v = i % 2 == 0 ? new Val(HardValues.card(r, r.nextInt(2)), null, Values.FINANCIAL)
                    : new Val(HardValues.ssn(r, "-"), null, Values.PII);
            add("digit-words", v, wrap(spelled(v.text(), r.pick(" ", ", ", "-"), false), i, false));
        }
        for (int i = 0; i < 5; i++) {
            Val v = switch (i) {
                case 0 -> cred("credential.github-pat", HardValues.github(r, "ghp_"));
                case 1 -> cred("credential.stripe-secret-key", HardValues.stripe(r, "sk_live_"));
                case 2 -> cred("credential.slack-bot-token", HardValues.slackBot(r));
                case 3 -> cred("credential.aws-access-key-id", HardValues.awsKeyId(r, "AKIA"));
                default -> cred("credential.digitalocean-token", HardValues.digitalocean(r));
            };
            add("nato", v, wrap(spelled(v.text(), " ", i < 3), i, false));
        }
    }

    /** {@code encoded} as the whole text, or with prose before or after it, or on a line of its own. */
    private String wrap(String encoded, int i, boolean prose) {
        String text = !prose || i % 3 == 0 ? encoded : i % 3 == 1 ? "the value is " + encoded
                : encoded + " (decode before use)";
        return i % 2 == 1 && !prose ? "Here is what I found:\n" + text + "\n" : text;
    }

    private void encoded(String kind, int count, Function<String, String> enc, boolean prose) {
        for (int i = 0; i < count; i++) {
            Val v = next();
            add(kind, v, wrap(enc.apply(v.text()), i, prose));
        }
    }

    private void add(String kind, Val v, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        List<String> tags = new ArrayList<>(List.of("family:" + FAMILY, "cat:" + v.category(), "rt6:" + kind,
                "container:" + container, "enc:" + kind));
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r),
                v.rule() == null ? List.of() : List.of(v.rule()),
                v.rule() == null ? List.of(v.category()) : List.of(), tags, ""));
    }

    // ---- hard negatives ----

    private void negatives() {
        negative("long-number", "2026-12-06T14:23:13.123456789Z req=1733494993123456789 span=" + r.digits(19)
                + " took 12ms");
        negative("long-number", "order " + r.digits(12) + " card ending 4242, tracking " + r.digits(22));
        negative("long-number", "pi = 3.141592653589793238462643383279502884197169399375105820974944592307816");
        negative("long-number", "factorial(40) = 815915283247897734345611269596115894272000000000");
        negative("long-number", "id " + binaryDecimal() + " (random 128-bit id as a decimal)");
        negative("long-number", bigInteger("hello from the build bot, all green today", 10));
        negative("base36-id", "job " + r.from("abcdefghijklmnopqrstuvwxyz0123456789", 32) + " finished");
        negative("base36-id", "trace " + r.from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 40) + " ok");
        negative("base36-id", bigInteger("just some harmless release notes", 36) + " is the build tag");
        negative("base36-id", "sha " + r.from("0123456789abcdef", 64) + " and " + r.from("0123456789abcdef", 40));
        negative("upper-case", "ERROR: CONNECTION REFUSED BY HOST 10.0.0.1:5432 AFTER 3 RETRIES");
        negative("upper-case", "MAX_RETRY_COUNT + DEFAULT_TIMEOUT_MS / 2 * BACKOFF_FACTOR");
        negative("upper-case", "SELECT * FROM USERS WHERE ID = 42 AND STATUS = 'ACTIVE'");
        negative("code-marks", "{\"a\":[1,2,3],\"b\":{\"c\":\"d\",\"e\":[true,false]}}");
        negative("code-marks", "items[0].value>limit&&(x|y)!=z;return{ok:true};");
        negative("morse-art", "-- . -- . -- . -- . -- . -- .");
        negative("morse-art", "| --- | --- | --- |\n| ... | ... | ... |\n|-----|-----|-----|");
        negative("morse-art", "usage: tool -v --verbose -x ... -- -n -. .- file");
        negative("morse-art", morse("SOS HELP NEEDED AT THE DOCK", " / "));
        negative("number-words", "one or two of the three services, then four more, and five six seven");
        negative("number-words", "count: one two three four five six seven eight nine ten, done");
        negative("number-words", "Chapter one: two roads, three friends and four seasons of the year.");
        negative("nato-prose", "Tower, Delta four two one, climb to flight level three five zero, contact Echo.");
        negative("nato-prose", "The echo in the hotel lobby in Lima was louder than the tango on the victor stage.");
        negative("nato-prose", "Roger, Bravo team at Charlie point, Alpha moving to Delta, over.");
        negative("nato-prose", spelled("hello world", " ", false));
        negative("braille-text", "\u2813\u2811\u2807\u2807\u2815 \u283a\u2815\u2817\u2807\u2819 in grade 1 Braille");
        negative("braille-text", "\u2800\u2801\u2803\u2809\u2819\u2811\u280b\u281b\u2813\u280a\u281a\u2805");
        negative("braille-text", braille("see you soon, the braille bot"));
    }

    /** A 128-bit random id as a decimal (bytes that are no text). */
    private String binaryDecimal() {
        byte[] b = r.bytes(16);
        b[0] = (byte) (b[0] | 0x80);
        return new BigInteger(1, b).toString();
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

    static String bigInteger(String s, int radix) {
        return new BigInteger(1, utf8(s)).toString(radix);
    }

    static String braille(String s) {
        StringBuilder o = new StringBuilder();
        for (byte b : utf8(s)) {
            o.append((char) (0x2800 + (b & 0xff)));
        }
        return o.toString();
    }

    private static final String[] MORSE = {".-", "-...", "-.-.", "-..", ".", "..-.", "--.", "....", "..", ".---",
        "-.-", ".-..", "--", "-.", "---", ".--.", "--.-", ".-.", "...", "-", "..-", "...-", ".--", "-..-", "-.--",
        "--.."};
    private static final String[] MORSE_DIGITS = {"-----", ".----", "..---", "...--", "....-", ".....", "-....",
        "--...", "---..", "----."};

    /** International Morse: letters one space apart, words {@code separator} apart. */
    static String morse(String s, String separator) {
        List<String> words = new ArrayList<>();
        for (String word : s.trim().split(" +")) {
            List<String> codes = new ArrayList<>();
            for (char c : word.toUpperCase(Locale.ROOT).toCharArray()) {
                codes.add(c >= 'A' && c <= 'Z' ? MORSE[c - 'A'] : c >= '0' && c <= '9' ? MORSE_DIGITS[c - '0']
                        : switch (c) {
                            case '_' -> "..--.-";
                            case '-' -> "-....-";
                            case '=' -> "-...-";
                            case ':' -> "---...";
                            case '.' -> ".-.-.-";
                            default -> throw new IllegalArgumentException("no Morse code");
                        });
            }
            words.add(String.join(" ", codes));
        }
        return String.join(separator, words);
    }

    private static final String[] NATO = {"alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
        "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
        "uniform", "victor", "whiskey", "x-ray", "yankee", "zulu"};
    private static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine"};

    /** Spelled out: NATO words (with {@code capital} before an upper-case letter when {@code cased}), digit words. */
    static String spelled(String s, String separator, boolean cased) {
        List<String> words = new ArrayList<>();
        for (char c : s.toCharArray()) {
            if (Character.isLetter(c)) {
                if (cased && Character.isUpperCase(c)) {
                    words.add("capital");
                }
                words.add(NATO[Character.toLowerCase(c) - 'a']);
            } else if (Character.isDigit(c)) {
                words.add(DIGITS[c - '0']);
            } else {
                words.add(switch (c) {
                    case '_' -> "underscore";
                    case '-' -> "dash";
                    case '.' -> "dot";
                    case ' ' -> "space";
                    default -> throw new IllegalArgumentException("no word");
                });
            }
        }
        return String.join(separator, words);
    }
}
