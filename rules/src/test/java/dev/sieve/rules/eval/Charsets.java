package dev.sieve.rules.eval;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code charsets}: bodies in an encoding a UTF-8 scanner does not read, as an outside red team sent them
 * (synthetic values), as classes: an agent's JSON request in UTF-16 or UTF-32 (little- and big-endian, with and
 * without a byte order mark, the charset declared or not), and text in a declared charset that does not write ASCII
 * as ASCII (EBCDIC code pages IBM037, IBM500 and IBM1047, UTF-32) as a raw body and as a multipart file part.
 * Positives ({@code rt4:<kind>}) carry a credential of a different vendor each or a PII value; hard negatives
 * ({@code neg:charsets}, {@code neg:<kind>}) are the same shapes without secrets, ASCII text that only claims to be
 * EBCDIC, and windows-1252 text with accents. Written with the decoders, so not held out.
 */
final class Charsets {

    static final long SEED = 20_261_207L;
    static final String FAMILY = "charsets";

    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final List<Charset> WIDE = List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
            UTF_32LE, UTF_32BE);
    private static final List<String> DECLARED = List.of("IBM037", "IBM500", "IBM1047", "UTF-32");

    private final Rng r;
    private final List<HardCorpus.Out> out = new ArrayList<>();

    private Charsets(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Charsets c = new Charsets(r);
        c.positives();
        c.negatives();
        return List.copyOf(c.out);
    }

    /** A value, the rule that finds it, its category, and the text it sits in. */
    private record Val(String rule, String category, String text) {
    }

    private Val value(int i) {
        return switch (i % 10) {
            case 0 -> cred("credential.github-pat", "GITHUB_TOKEN=" + HardValues.github(r, "ghp_"));
            case 1 -> cred("credential.stripe-secret-key", "stripe key " + HardValues.stripe(r, "sk_live_"));
            case 2 -> cred("credential.aws-access-key-id", "aws_access_key_id = " + HardValues.awsKeyId(r, "AKIA"));
            case 3 -> cred("credential.slack-bot-token", "SLACK_BOT_TOKEN=" + HardValues.slackBot(r));
            case 4 -> new Val("pii.us-ssn", "pii", "employee " + HardValues.first(r) + " " + HardValues.last(r)
                    + ", SSN " + HardValues.ssn(r, "-"));
            case 5 -> cred("credential.gitlab-pat", "GITLAB_TOKEN=" + HardValues.gitlab(r));
            case 6 -> cred("credential.anthropic-api-key", "ANTHROPIC_API_KEY=" + HardValues.anthropic(r));
            case 7 -> cred("credential.npm-token", "//registry.npmjs.org/:_authToken=" + HardValues.npm(r));
            case 8 -> cred("credential.huggingface-token", "HF_TOKEN=" + HardValues.huggingface(r));
            default -> cred("credential.openai-api-key", "OPENAI_API_KEY=" + HardValues.openai(r));
        };
    }

    private static Val cred(String rule, String text) {
        return new Val(rule, Values.CREDENTIAL, text);
    }

    private void positives() {
        int i = 0;
        for (Charset cs : WIDE) {
            for (boolean bom : List.of(true, false)) {
                Val v = value(i++);
                String declared = r.nextInt(2) == 0 ? "application/json"
                        : "application/json; charset=" + cs.name().toLowerCase(java.util.Locale.ROOT);
                add(json(anthropic("Why does the deploy fail? " + v.text()), cs, bom, declared), v,
                        "json-" + kind(cs) + (bom ? "-bom" : ""), "json", kind(cs));
            }
        }
        for (String name : DECLARED) {
            for (String place : List.of("octet", "multipart")) {
                Val v = value(i++);
                String text = "EXPORT " + r.between(2020, 2026) + "\n" + v.text() + "\nEND\n";
                String enc = name.toLowerCase(java.util.Locale.ROOT).replace("-", "");
                add(text(text, name, place), v, "text-" + enc + "-" + place, place, enc);
            }
        }
    }

    private void negatives() {
        int i = 0;
        for (Charset cs : WIDE) {
            boolean bom = i++ % 2 == 0;
            String plain = "Summarise the " + r.pick("quarterly", "weekly", "release") + " notes: "
                    + r.pick("latency fell 12 %", "three incidents closed", "the cache hit rate rose");
            negative("json-" + kind(cs), json(anthropic(plain), cs, bom, "application/json"), plain, "json", kind(cs));
        }
        for (String name : DECLARED) {
            String plain = "ORDER " + r.between(10_000, 99_999) + " SHIPPED " + r.between(1, 28) + ".03.2026\n"
                    + "QTY " + r.between(1, 90) + " PART " + r.pick("A-1200", "B-7731", "C-0042") + "\n";
            String enc = name.toLowerCase(java.util.Locale.ROOT).replace("-", "");
            String place = i++ % 2 == 0 ? "octet" : "multipart";
            negative("text-" + enc, text(plain, name, place), plain, place, enc);
        }
        String ascii = "deploy notes: rotate the keys on Friday, then restart the workers\n";
        negative("ascii-claims-ebcdic", Containers.upload("notes.txt", "text/plain; charset=IBM037",
                ascii.getBytes(StandardCharsets.US_ASCII), "text/plain; charset=IBM037, ASCII bytes"), ascii, "octet", "ibm037");
        String accents = "Réunion à Genève: café, crème brûlée, naïve résumé, 12 € par personne\n";
        negative("windows-1252", Containers.upload("menu.txt", "text/plain; charset=windows-1252",
                accents.getBytes(Charset.forName("windows-1252")), "text/plain; charset=windows-1252"), accents, "octet",
                "windows1252");
    }

    private static String kind(Charset cs) {
        return cs.name().toLowerCase(java.util.Locale.ROOT).replace("-", "");
    }

    private static String anthropic(String text) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":\""
                + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text))
                + "\"}]}";
    }

    /** {@code body} in {@code cs} (after a byte order mark when {@code bom}) as an Anthropic request. */
    private static Containers.Req json(String body, Charset cs, boolean bom, String type) {
        return new Containers.Req("POST", "https://api.anthropic.com/v1/messages", Containers.headers("Content-Type",
                type), ((bom ? "\ufeff" : "") + body).getBytes(cs), true, "body " + type + " in " + cs.name()
                + (bom ? " with a byte order mark" : ""));
    }

    /** {@code text} in the charset {@code name}, declared, as a raw body or a multipart file part. */
    private static Containers.Req text(String text, String name, String place) {
        byte[] bytes = text.getBytes(Charset.forName(name));
        String type = "text/plain; charset=" + name;
        return place.equals("octet") ? Containers.upload("export.txt", type, bytes, type)
                : Containers.multipart(bytes, "export.txt", type, null, true, "multipart part " + type);
    }

    private void add(Containers.Req req, Val v, String kind, String place, String enc) {
        out.add(new HardCorpus.Out(req, List.of(v.rule()), List.of(), List.of("family:" + FAMILY,
                "cat:" + v.category(), "rt4:" + kind, "container:" + place, "enc:" + enc), ""));
    }

    private void negative(String kind, Containers.Req req, String plain, String place, String enc) {
        out.add(new HardCorpus.Out(req, List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                "neg:" + kind, "container:" + place, "enc:" + enc), plain));
    }
}
