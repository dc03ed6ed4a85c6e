package dev.sieve.rules.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Family {@code containers2}: compressed formats an outside red team got a secret through (synthetic values), as
 * classes: xz, lzma (LZMA_Alone), bzip2, tar.xz, tar.bz2 and 7z, each sent as a raw {@code application/octet-stream}
 * body, as base64 after a line naming the file in a JSON text block ({@code "creds.txt.xz, base64 below:\n\n/Td6..."})
 * and as a multipart file part. Positives ({@code rt3:<format>-<place>}) carry a credential of a different vendor each
 * or a PII value; hard negatives ({@code neg:containers2}, {@code neg:<kind>}) are ordinary compressed logs, a tar.xz
 * of source code without secrets and a 7z of a README, in the same three places. Every file is compressed with
 * Commons Compress. Written with the decoders, so not held out.
 */
final class Containers2 {

    static final long SEED = 20_261_206L;
    static final String FAMILY = "containers2";

    /** The formats, each with its file suffix. */
    enum Format {
        XZ(".txt.xz"), LZMA(".txt.lzma"), BZIP2(".txt.bz2"), TAR_XZ(".tar.xz"), TAR_BZ2(".tar.bz2"), SEVEN_Z(".7z");

        final String suffix;

        Format(String suffix) {
            this.suffix = suffix;
        }

        /** How tags name it: {@code xz}, {@code tar-xz}, {@code 7z}. */
        String kind() {
            return this == SEVEN_Z ? "7z" : name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The three places a file travels. */
    private static final List<String> PLACES = List.of("octet", "json-text", "multipart");

    private final Rng r;
    private final List<HardCorpus.Out> out = new ArrayList<>();

    private Containers2(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Containers2 c = new Containers2(r);
        c.positives();
        c.negatives();
        return List.copyOf(c.out);
    }

    /** A value, the rule that finds it, its category, and the text it sits in. */
    private record Val(String rule, String category, String text) {
    }

    private Val value(int i) {
        return switch (i % 12) {
            case 0 -> cred("credential.github-pat", "GITHUB_TOKEN=" + HardValues.github(r, "ghp_"));
            case 1 -> cred("credential.stripe-secret-key", "STRIPE_SECRET_KEY=" + HardValues.stripe(r, "sk_live_"));
            case 2 -> cred("credential.aws-access-key-id", "aws_access_key_id = " + HardValues.awsKeyId(r, "AKIA"));
            case 3 -> cred("credential.slack-bot-token", "SLACK_BOT_TOKEN=" + HardValues.slackBot(r));
            case 4 -> cred("credential.gitlab-pat", "GITLAB_TOKEN=" + HardValues.gitlab(r));
            case 5 -> cred("credential.anthropic-api-key", "ANTHROPIC_API_KEY=" + HardValues.anthropic(r));
            case 6 -> new Val("pii.us-ssn", "pii", "employee: " + HardValues.first(r) + " " + HardValues.last(r)
                    + "\nSSN: " + HardValues.ssn(r, "-"));
            case 7 -> cred("credential.npm-token", "//registry.npmjs.org/:_authToken=" + HardValues.npm(r));
            case 8 -> cred("credential.huggingface-token", "HF_TOKEN=" + HardValues.huggingface(r));
            case 9 -> new Val("pii.uk-nino", "pii", "HMRC letter: National Insurance number "
                    + HardValues.nino(r, true) + " for " + HardValues.first(r) + " " + HardValues.last(r));
            case 10 -> cred("credential.sendgrid-api-key", "SENDGRID_API_KEY=" + HardValues.sendgrid(r));
            default -> cred("credential.openai-api-key", "OPENAI_API_KEY=" + HardValues.openai(r));
        };
    }

    private static Val cred(String rule, String text) {
        return new Val(rule, Values.CREDENTIAL, text);
    }

    private void positives() {
        int i = 0;
        for (Format f : Format.values()) {
            for (String place : PLACES) {
                Val v = value(i++);
                String content = "# exported " + r.between(2020, 2026) + "-0" + r.between(1, 9) + "\n" + v.text() + "\n";
                String file = "creds" + f.suffix;
                out.add(new HardCorpus.Out(request(place, file, pack(f, content, "creds.txt")), List.of(v.rule()),
                        List.of(), List.of("family:" + FAMILY, "cat:" + v.category(), "rt3:" + f.kind() + "-" + place,
                                "container:" + place, "enc:" + f.kind()), ""));
            }
        }
    }

    private void negatives() {
        int i = 0;
        for (Format f : new Format[] {Format.XZ, Format.BZIP2, Format.LZMA}) {
            String log = log();
            add("compressed-log", request(PLACES.get(i++ % 3), "app" + f.suffix.replace(".txt", ".log"),
                    pack(f, log, "app.log")), f, log);
        }
        String source = source();
        for (String place : PLACES) {
            add("tar-xz-source", request(place, "src.tar.xz", pack(Format.TAR_XZ, source, "src/Main.java")),
                    Format.TAR_XZ, source);
        }
        String readme = readme();
        for (String place : PLACES) {
            add("7z-readme", request(place, "docs.7z", pack(Format.SEVEN_Z, readme, "README.md")), Format.SEVEN_Z,
                    readme);
        }
        String bz = log();
        add("compressed-log", request("json-text", "rotated.tar.bz2", pack(Format.TAR_BZ2, bz, "rotated.log")),
                Format.TAR_BZ2, bz);
    }

    private void add(String kind, Containers.Req req, Format f, String plain) {
        out.add(new HardCorpus.Out(req, List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                "neg:" + kind, "container:" + where(req), "enc:" + f.kind()), plain));
    }

    private static String where(Containers.Req req) {
        return Containers.place(req);
    }

    /** Ordinary service log lines: timestamps, paths, statuses, durations, request ids of hex. */
    private String log() {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 40; k++) {
            s.append(String.format("2026-03-%02dT%02d:%02d:%02dZ INFO  %s %s %s %d ms req=%08x%n", r.between(1, 28),
                    r.between(0, 23), r.between(0, 59), r.between(0, 59), r.pick("GET", "POST", "PUT"),
                    r.pick("/health", "/api/v2/orders", "/api/v2/orders/" + r.between(1000, 9999), "/metrics"),
                    r.pick("200", "201", "204", "304", "404"), r.between(1, 900), r.nextInt(Integer.MAX_VALUE)));
        }
        return s.toString();
    }

    /** Source code without secrets: a config reader that names its variables. */
    private String source() {
        return "package demo.app;\n\nimport java.util.Map;\n\n/** Reads the service settings from the environment. */\n"
                + "public final class Main {\n    private static final int PORT = " + r.between(1024, 9999) + ";\n\n"
                + "    public static void main(String[] args) {\n        Map<String, String> env = System.getenv();\n"
                + "        String token = env.getOrDefault(\"GITHUB_TOKEN\", \"\");\n"
                + "        String password = env.get(\"DB_PASSWORD\");\n"
                + "        if (token.isEmpty() || password == null) {\n"
                + "            throw new IllegalStateException(\"set GITHUB_TOKEN and DB_PASSWORD\");\n        }\n"
                + "        System.out.println(\"listening on \" + PORT);\n    }\n}\n";
    }

    private String readme() {
        return "# inventory-service\n\nA small service that keeps stock counts.\n\n## Running\n\n```sh\n"
                + "export DATABASE_URL=postgres://localhost:5432/inventory\n./gradlew run\n```\n\n"
                + "Set `STRIPE_SECRET_KEY` and `GITHUB_TOKEN` in your shell; never commit them.\n\nVersion "
                + r.between(1, 9) + "." + r.between(0, 20) + "\n";
    }

    /** {@code content} as {@code format}; archives hold it as one file named {@code name}. */
    static byte[] pack(Format format, String content, String name) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            return switch (format) {
                case XZ -> compress(0, bytes);
                case LZMA -> compress(1, bytes);
                case BZIP2 -> compress(2, bytes);
                case TAR_XZ -> compress(0, tar(name, bytes));
                case TAR_BZ2 -> compress(2, tar(name, bytes));
                case SEVEN_Z -> sevenZ(name, bytes);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] compress(int kind, byte[] content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream c = kind == 0 ? new XZCompressorOutputStream(b)
                : kind == 1 ? new LZMACompressorOutputStream(b) : new BZip2CompressorOutputStream(b)) {
            c.write(content);
        }
        return b.toByteArray();
    }

    private static byte[] tar(String name, byte[] content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(b)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(content.length);
            e.setModTime(1_767_225_600_000L); // fixed, so the corpus is reproducible
            e.setUserName("build");
            e.setGroupName("build");
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return b.toByteArray();
    }

    private static byte[] sevenZ(String name, byte[] content) throws IOException {
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile sz = new SevenZOutputFile(channel)) {
            sz.setContentCompression(SevenZMethod.LZMA2);
            SevenZArchiveEntry e = new SevenZArchiveEntry();
            e.setName(name);
            e.setHasLastModifiedDate(false);
            sz.putArchiveEntry(e);
            sz.write(content);
            sz.closeArchiveEntry();
        }
        return Arrays.copyOf(channel.array(), (int) channel.size());
    }

    /** The file in {@code place}: a raw octet-stream body, base64 in a JSON text block, a multipart part. */
    private static Containers.Req request(String place, String file, byte[] data) {
        return Containers.placed(place, file, "application/octet-stream", data);
    }
}
