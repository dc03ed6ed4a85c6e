package dev.sieve.rules.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Values the default pack does not (fully) detect yet, labelled by what they are rather than by a rule id: generic
 * credential assignments in configuration formats, cryptocurrency keys, SSN tables, confidentiality markers in other
 * phrasings, and vendor tokens glued to the word before them. Where a rule of today's pack exists for the value
 * (dashed SSNs, glued vendor tokens) the snippet expects that rule.
 */
final class Detectors {

    /** The BIP-39 English word list (2048 words), from the BIP-39 specification. */
    static final List<String> BIP39 = bip39Words();

    private Detectors() {
    }

    /** Format name to a generator of one generic credential assignment in that format. */
    static final Map<String, Function<Rng, Snippet>> ASSIGNMENTS = new java.util.LinkedHashMap<>();

    static {
        assignment("env", "DB_HOST=db-1.demo.invalid\nDB_USER=app\nDB_PASSWORD={}\n");
        assignment("env-export", "export API_SECRET={}\n");
        assignment("yaml", "database:\n  host: db-1.demo.invalid\n  user: app\n  password: {}\n");
        assignment("yaml-quoted", "smtp:\n  user: mailer\n  password: \"{}\"\n");
        assignment("properties", "spring.datasource.url=jdbc:postgresql://db-1.demo.invalid/app\n"
                + "spring.datasource.password={}\n");
        assignment("json", "{\"database\": {\"user\": \"app\", \"password\": \"{}\"}}");
        assignment("toml", "[database]\nuser = \"app\"\npassword = \"{}\"\n");
        assignment("dsn", "Server=db-1.demo.invalid;Database=app;User Id=app;Password={};");
        assignment("jdbc-query", "jdbc:postgresql://db-1.demo.invalid:5432/app?user=app&password={}");
        assignment("jdbc-userinfo", "jdbc:mysql://app:{}@db-1.demo.invalid:3306/app");
        assignment("cli-flag", "mysql -h db-1.demo.invalid -u app -p{} app < dump.sql");
        assignment("cli-long-flag", "./deploy.sh --env prod --api-key={} --region eu-west-1");
        assignment("docker-env", "docker run -e POSTGRES_PASSWORD={} -p 5432:5432 postgres:16");
        assignment("k8s-stringdata", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n"
                + "  password: {}\n");
    }

    private static void assignment(String format, String template) {
        ASSIGNMENTS.put(format, r -> {
            String value = r.password(r.between(16, 24));
            return new Snippet(List.of(), Values.CREDENTIAL, "generic-assignment", template.replace("{}", value), value);
        });
    }

    /** A WIF private key (mainnet, compressed or not). */
    static Snippet wif(Rng r) {
        byte[] payload = new byte[r.chance(0.5) ? 34 : 33];
        payload[0] = (byte) 0x80;
        System.arraycopy(r.bytes(32), 0, payload, 1, 32);
        if (payload.length == 34) {
            payload[33] = 1;
        }
        String wif = Checksums.base58check(payload);
        return crypto("crypto-wif", r.pick("WIF: {}", "import this key into the wallet: {}", "{\"privkey\": \"{}\"}",
                "bitcoin-cli importprivkey {} \"hot\""), wif);
    }

    /** A BIP-32 extended private key (xprv). */
    static Snippet xprv(Rng r) {
        ByteBuffer b = ByteBuffer.allocate(78);
        int depth = r.between(0, 3);
        b.putInt(0x0488ADE4).put((byte) depth).put(depth == 0 ? new byte[4] : r.bytes(4));
        b.putInt(depth == 0 ? 0 : r.nextInt(1 << 30)).put(r.bytes(32)).put((byte) 0).put(r.bytes(32));
        String xprv = Checksums.base58check(b.array());
        return crypto("crypto-xprv", r.pick("xprv: {}", "MASTER_KEY={}", "{\"extended_private_key\": \"{}\"}"), xprv);
    }

    /** A BIP-39 mnemonic (12 or 24 words) with a valid checksum. */
    static Snippet bip39(Rng r) {
        String words = Checksums.bip39(r.bytes(r.chance(0.6) ? 16 : 32), BIP39);
        int style = r.nextInt(4);
        if (style == 3) {
            String[] w = words.split(" ");
            StringBuilder numbered = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                numbered.append(i + 1).append(". ").append(w[i]).append('\n');
            }
            return crypto("bip39", "wallet backup, keep safe:\n{}", numbered.toString());
        }
        return crypto("bip39", List.of("seed phrase: {}", "mnemonic = \"{}\"", "recovery words\n{}\n").get(style),
                words);
    }

    private static Snippet crypto(String detector, String template, String value) {
        return new Snippet(List.of(), Values.CREDENTIAL, detector, template.replace("{}", value), value);
    }

    /** A table with an SSN column: CSV (dashed or not), psql output or Markdown; five rows. */
    static Snippet ssnTable(Rng r, int style) {
        StringBuilder t = new StringBuilder();
        List<String> ssns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String s = Values.ssn(r);
            ssns.add(style == 0 ? s : s.replace("-", ""));
        }
        switch (style) {
            case 0, 1 -> {
                t.append("id,name,ssn,dob,plan\n");
                for (int i = 0; i < 5; i++) {
                    t.append(1000 + i).append(',').append(Values.name(r)).append(',').append(ssns.get(i))
                            .append(",19").append(r.between(50, 99)).append("-0").append(r.between(1, 9)).append("-1")
                            .append(r.between(0, 9)).append(',').append(r.pick("gold", "basic", "plus")).append('\n');
                }
            }
            case 2 -> {
                t.append(" id |   name    |    ssn    |    dob\n----+-----------+-----------+------------\n");
                for (int i = 0; i < 5; i++) {
                    t.append("  ").append(i + 1).append(" | ").append(Values.name(r)).append(" | ").append(ssns.get(i))
                            .append(" | 19").append(r.between(50, 99)).append("-0").append(r.between(1, 9))
                            .append("-2").append(r.between(0, 8)).append('\n');
                }
                t.append("(5 rows)\n");
            }
            default -> {
                t.append("| Name | SSN | Team |\n|------|-----|------|\n");
                for (int i = 0; i < 5; i++) {
                    t.append("| ").append(Values.name(r)).append(" | ").append(ssns.get(i)).append(" | ")
                            .append(r.pick("ops", "sales", "eng")).append(" |\n");
                }
            }
        }
        String table = t.toString();
        List<String> rules = style == 0 ? List.of("pii.us-ssn") : List.of();
        return new Snippet(rules, Values.PII, "ssn-table", table, table);
    }

    /** An SSN in 3-2-4 groups with spaces right after a keyword (today's unformatted-SSN rule). */
    static Snippet ssnSpaced(Rng r) {
        String s = Values.ssn(r).replace('-', ' ');
        String template = r.pick("SSN {}", "social security number is {}", "ss#: {}", "SSN: {} (verified)",
                "Social Security {}");
        return new Snippet(List.of("pii.us-ssn-unformatted"), Values.PII, "ssn-spaced", template.replace("{}", s), s);
    }

    private static final List<String> MARKINGS = List.of("Company Confidential", "Strictly Confidential - do not forward",
            "CONFIDENTIAL INFORMATION - NOT FOR EXTERNAL USE", "Privileged & Confidential", "Internal Only",
            "RESTRICTED: internal distribution only", "Confidential: for internal use", "Not for external distribution",
            "Do not share outside the company", "Attorney-client privileged and confidential",
            "This document contains confidential and proprietary information",
            "INTERNAL - CONFIDENTIAL", "Highly Confidential - Restricted", "confidential: do not share");

    /** A confidentiality marking in one of many phrasings, as a document header, a Markdown line or a comment. */
    static Snippet marking(Rng r) {
        String marking = r.pick(MARKINGS);
        String text = switch (r.nextInt(3)) {
            case 0 -> marking + "\n\nQ3 pricing proposal\n\nThe attached figures replace the May draft.\n";
            case 1 -> "## " + marking + "\n\n- roadmap item A\n- roadmap item B\n";
            default -> "// " + marking + "\nfunc settle(l *Ledger) error {\n\treturn l.Close()\n}\n";
        };
        return new Snippet(List.of(), Values.SOURCE, "confidentiality-phrasing", text, marking);
    }

    /** A vendor token glued to the word in front of it ({@code xghp_...}, {@code Bearerglpat-...}). */
    static Snippet glued(Rng r) {
        String glue = r.pick("x", "token", "Bearer", "key", "id", "_", "9", "pwd");
        int kind = r.nextInt(4);
        String rule;
        String token;
        switch (kind) {
            case 0 -> {
                rule = "credential.github-pat";
                token = Values.githubToken("ghp_", r);
            }
            case 1 -> {
                rule = "credential.gitlab-pat";
                token = "glpat-" + r.from(Rng.ALNUM, 20);
            }
            case 2 -> {
                rule = "credential.stripe-secret-key";
                token = "sk_live_" + r.from(Rng.ALNUM, 24);
            }
            default -> {
                rule = "credential.npm-token";
                token = "npm_" + r.from(Rng.ALNUM, 36);
            }
        }
        String value = glue + token;
        return new Snippet(List.of(rule), Values.CREDENTIAL, "glued-prefix",
                r.pick("auth={}", "{} ", "\"{}\"", "value: {}").replace("{}", value), value);
    }

    private static List<String> bip39Words() {
        try (InputStream in = Detectors.class.getResourceAsStream("/eval/bip39-english.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource eval/bip39-english.txt (expected: on the test class path)");
            }
            List<String> words = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
            if (words.size() != 2048) {
                throw new IllegalStateException("bip39-english.txt: " + words.size() + " words (expected: 2048)");
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
