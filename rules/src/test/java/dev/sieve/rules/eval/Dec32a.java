package dev.sieve.rules.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Family {@code dec32a}: the decoding-graph classes of red-team round 32 (part 1) that session 32 closed, with hard
 * negatives beside them.
 * <ul>
 *   <li>Positives ({@code rt32:<kind>}): a file as a hex or character dump ({@code xxd} with groups of 1, 2 or 4
 *       bytes, {@code hexdump -C}, {@code od -c}, {@code od -An -tx1}); a record serialised as msgpack, CBOR, BSON or
 *       protobuf, then base64; a gzip cut before its trailer; base64 of two halves concatenated (padding inside), glued
 *       to a stray character, in 8-character lines, in a YAML {@code !!binary} block, five times over; a value as one
 *       big integer in hex ({@code 0x...}), hex in DNS labels, hex backwards; a token coloured by
 *       {@code grep --color}.</li>
 *   <li>Negatives ({@code neg:dec32a}, {@code neg:<kind>}): dumps of a PNG header, of random bytes and of a benign
 *       config; msgpack of a benign map and random bytes in base64; a benign gzip cut short; hex constants and
 *       addresses; CDN host names with hash labels; a SHA-512 digest wrapped at 80 columns; {@code ls --color} output;
 *       a list of 8-letter words one a line; a digest reversed.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Dec32a {

    static final long SEED = 20_261_232L;
    static final String FAMILY = "dec32a";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Dec32a(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Dec32a c = new Dec32a(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    /** A value, its category and the rule that finds it; {@code key} and {@code rest} split it for a map. */
    private record Val(String rule, String category, String key, String rest) {
        String text() {
            return key + rest;
        }
    }

    private Val value(int i) {
        return switch (i % 6) {
            case 0 -> new Val("credential.github-pat", Values.CREDENTIAL, "GITHUB_TOKEN=", HardValues.github(r, "ghp_"));
            case 1 -> new Val("credential.stripe-secret-key", Values.CREDENTIAL, "stripe_key: ",
                    HardValues.stripe(r, "sk_live_"));
            case 2 -> new Val("credential.slack-bot-token", Values.CREDENTIAL, "SLACK_BOT_TOKEN=", HardValues.slackBot(r));
            case 3 -> new Val("credential.anthropic-api-key", Values.CREDENTIAL, "anthropic: ", HardValues.anthropic(r));
            case 4 -> new Val("financial.card-visa", Values.FINANCIAL, "card: ",
                    HardValues.cardGrouped(HardValues.card(r, 0), " ") + " exp 0" + (1 + r.nextInt(9)) + "/2"
                            + (7 + r.nextInt(3)));
            default -> new Val("pii.us-ssn", Values.PII, "SSN: ", HardValues.ssn(r, "-"));
        };
    }

    private void positives() {
        for (int i = 0; i < 6; i++) {
            Val v = value(i);
            byte[] file = utf8(r.pick("# .env\n", "[prod]\n", "") + v.text() + "\n" + r.pick("REGION=eu-west-1\n", ""));
            text("dump-xxd", v, r.pick("$ xxd .env\n", "xxd output:\n", "") + xxd(file, new int[] {1, 2, 4}[i % 3]));
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i + 2);
            text("dump-hexdump", v, "$ hexdump -C notes.txt\n" + hexdumpC(utf8("notes\n" + v.text() + "\n")));
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i + 1);
            text("dump-od-c", v, r.pick("$ od -c cfg\n", "") + odC(utf8(v.text() + "\n"), true));
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i + 3);
            text("dump-od-x1", v, r.pick("$ od -tx1 f\n", "bytes:\n") + odX1(utf8(v.text() + "\n")));
        }
        String[] formats = {"msgpack", "cbor", "bson", "protobuf"};
        for (int i = 0; i < 8; i++) {
            Val v = value(i);
            Map<String, String> m = new LinkedHashMap<>();
            m.put("user", r.pick("dana", "build-bot", "svc-deploy"));
            m.put(v.key().replaceAll("[=: ]+$", ""), v.rest());
            String format = formats[i % 4];
            byte[] b = switch (format) {
                case "msgpack" -> msgpack(m);
                case "cbor" -> cbor(m);
                case "bson" -> bson(m);
                default -> protobuf(List.of(m.get("user"), v.text()));
            };
            text("b64-" + format, v, r.pick("payload: ", "blob=", "msg ") + Base64.getEncoder().encodeToString(b));
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i + 1);
            byte[] gz = gzip(utf8("note\n" + v.text() + "\nend\n"));
            text("gzip-cut", v, "log.gz (cut): " + Base64.getEncoder().encodeToString(Arrays.copyOf(gz,
                    gz.length - 8 - r.nextInt(3))));
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i + 2);
            String t = r.pick("note: ", "record ") + v.text() + r.pick(" (verified)", " on file");
            int cut = t.length() / 2 + (t.length() / 2 % 3 == 0 ? 1 : 0);
            text("b64-padded", v, "data " + b64(t.substring(0, cut)) + b64(t.substring(cut)));
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i);
            String enc = b64(v.text());
            while (!enc.endsWith("=")) {
                v = new Val(v.rule(), v.category(), v.key(), v.rest() + " ");
                enc = b64(v.text());
            }
            text("b64-misaligned", v, r.pick("v=", "blob ") + r.pick("Q", "x", "7") + enc);
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i + 3);
            String enc = b64(v.text() + "\n");
            StringBuilder lines = new StringBuilder();
            // 60-character lines (lines of 8 or 12 are not looked for: their hint had no literal)
            for (int k = 0; k < enc.length(); k += 60) {
                lines.append(enc, k, Math.min(enc.length(), k + 60)).append('\n');
            }
            text("b64-lines", v, "blob:\n" + lines);
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i);
            String enc = b64(v.text() + "\n");
            StringBuilder yaml = new StringBuilder("apiVersion: v1\nconfig: !!binary |\n");
            int w = 20 + 4 * r.nextInt(10);
            for (int k = 0; k < enc.length(); k += w) {
                yaml.append("  ").append(enc, k, Math.min(enc.length(), k + w)).append('\n');
            }
            text("yaml-binary", v, yaml + "kind: Config\n");
        }
        for (int i = 0; i < 3; i++) {
            Val v = value(i * 2 + 1);
            String enc = v.text();
            for (int k = 0; k < 5; k++) {
                enc = b64(enc);
            }
            text("b64x5", v, enc);
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i + 1);
            text("hex-int", v, v.key() + "0x" + HexFormat.of().formatHex(utf8(v.rest())) + r.pick("\n", "  # int.to_bytes"));
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i);
            String hex = HexFormat.of().formatHex(utf8(v.text()));
            int w = new int[] {30, 32, 62}[i % 3];
            StringBuilder name = new StringBuilder(r.pick("nslookup ", "dig +short ", "host "));
            for (int k = 0; k < hex.length(); k += w) {
                name.append(hex, k, Math.min(hex.length(), k + w)).append('.');
            }
            text("hex-dns", v, name + r.pick("x.exfil-cdn.net", "t.example-metrics.io"));
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i + 2);
            text("hex-reversed", v, "data: " + new StringBuilder(HexFormat.of().formatHex(utf8(v.text()))).reverse());
        }
        for (int i = 0; i < 4; i++) {
            Val v = value(i);
            String rest = v.rest();
            int cut = 2 + r.nextInt(4);
            text("ansi-color", v, "$ grep -rn --color=always " + rest.substring(0, cut) + " .\n\u001b[35m\u001b[K./conf/"
                    + r.pick("prod", "app") + ".env\u001b[m\u001b[K\u001b[36m\u001b[K:\u001b[m\u001b[K" + (1 + r.nextInt(9))
                    + ":" + v.key() + "\u001b[01;31m\u001b[K" + rest.substring(0, cut) + "\u001b[m\u001b[K"
                    + rest.substring(cut) + "\n");
        }
    }

    private void negatives() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 2, 0, 0, 0, 2,
            0, 8, 6, 0, 0, 0, (byte) 0xf4, 0x78, (byte) 0xd4};
        negative("dump-xxd", "$ xxd -l 32 logo.png\n" + xxd(png, 2));
        negative("dump-hexdump", "$ hexdump -C /dev/urandom | head -4\n" + hexdumpC(r.bytes(64)));
        negative("dump-od-c", "$ od -c hello.txt\n" + odC(utf8("hello, world\nthis is a test file\n"), true));
        negative("dump-od-x1", odX1(utf8("LOG_LEVEL=debug\nREGION=us-east-2\nWORKERS=4\n")));
        negative("dump-xxd", "git log --oneline\n3f2a1b4  fix the build\n9e8d7c6  bump the version\n"
                + "deadbeef: a magic number we use in tests\n");
        Map<String, String> benign = new LinkedHashMap<>();
        benign.put("theme", "dark");
        benign.put("locale", "en-GB");
        benign.put("page_size", "50");
        negative("b64-msgpack", "settings: " + Base64.getEncoder().encodeToString(msgpack(benign)));
        negative("b64-cbor", "prefs " + Base64.getEncoder().encodeToString(cbor(benign)));
        for (int i = 0; i < 3; i++) {
            negative("b64-random", r.pick("nonce: ", "iv=", "sig ") + Base64.getEncoder().encodeToString(r.bytes(18 + r.nextInt(40))));
        }
        byte[] gz = gzip(utf8("[INFO] build ok\n[INFO] tests passed: 42\n"));
        negative("gzip-cut", "build.log.gz (truncated): " + Base64.getEncoder().encodeToString(Arrays.copyOf(gz, gz.length - 8)));
        negative("hex-int", "MASK = 0xffffffffffffffff0000000000000000\nptr = 0x7ffd5a3b2c10\nMAGIC = 0x"
                + HexFormat.of().formatHex(r.bytes(16)) + "\n");
        negative("hex-dns", "curl https://" + HexFormat.of().formatHex(r.bytes(16)) + "."
                + HexFormat.of().formatHex(r.bytes(8)) + ".r2.cloudflarestorage.com/bucket/obj");
        negative("term-wrap", "$ sha512sum release.tar.gz\n" + wrapped(HexFormat.of().formatHex(r.bytes(64)), 80)
                + "  release.tar.gz\n");
        negative("ansi-color", "$ ls --color=always\n\u001b[0m\u001b[01;34msrc\u001b[0m  \u001b[01;32mbuild.sh\u001b[0m"
                + "  README.md\n\u001b[1mdone\u001b[0m");
        negative("b64-lines", "types:\nfunction\nfunction\nresponse\nfunction\n");
        negative("hex-reversed", "etag " + new StringBuilder(HexFormat.of().formatHex(r.bytes(32))).reverse());
    }

    private void text(String kind, Val v, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(v.rule()), List.of(),
                List.of("family:" + FAMILY, "cat:" + v.category(), "rt32:" + kind, "container:" + container,
                        "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }

    // ---- encoders ----

    private static String wrapped(String s, int width) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i += width) {
            out.append(i == 0 ? "" : "\n").append(s, i, Math.min(s.length(), i + width));
        }
        return out.toString();
    }

    static String xxd(byte[] b, int group) {
        StringBuilder out = new StringBuilder();
        for (int off = 0; off < b.length; off += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder ascii = new StringBuilder();
            for (int i = off; i < Math.min(b.length, off + 16); i++) {
                if (i > off && (i - off) % group == 0) {
                    hex.append(' ');
                }
                hex.append(String.format("%02x", b[i] & 0xff));
                ascii.append(b[i] >= 32 && b[i] < 127 ? (char) b[i] : '.');
            }
            out.append(String.format("%08x: %-" + (32 + 16 / group - 1) + "s  %s%n", off, hex, ascii));
        }
        return out.toString();
    }

    static String hexdumpC(byte[] b) {
        StringBuilder out = new StringBuilder();
        for (int off = 0; off < b.length; off += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder ascii = new StringBuilder();
            for (int i = off; i < Math.min(b.length, off + 16); i++) {
                hex.append(i - off == 8 ? "  " : " ").append(String.format("%02x", b[i] & 0xff));
                ascii.append(b[i] >= 32 && b[i] < 127 ? (char) b[i] : '.');
            }
            out.append(String.format("%08x %-49s  |%s|%n", off, hex, ascii));
        }
        return out.append(String.format("%08x%n", b.length)).toString();
    }

    static String odC(byte[] b, boolean gnu) {
        StringBuilder out = new StringBuilder();
        for (int off = 0; off < b.length; off += 16) {
            out.append(String.format("%07o", off)).append(gnu ? "" : " ");
            for (int i = off; i < Math.min(b.length, off + 16); i++) {
                int x = b[i] & 0xff;
                String cell = x == '\n' ? "\\n" : x >= 32 && x < 127 ? String.valueOf((char) x) : String.format("%03o", x);
                out.append(String.format("%4s", cell));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String odX1(byte[] b) {
        StringBuilder out = new StringBuilder();
        for (int off = 0; off < b.length; off += 16) {
            // with od's octal offsets: `od -An` (no offsets) is not looked for (its hint had no literal and cost the
            // scan of every text)
            out.append(String.format("%07o", off));
            for (int i = off; i < Math.min(b.length, off + 16); i++) {
                out.append(String.format(" %02x", b[i] & 0xff));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static byte[] msgpack(Map<String, String> m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | m.size());
        m.forEach((k, v) -> {
            for (String x : new String[] {k, v}) {
                byte[] b = utf8(x);
                if (b.length < 32) {
                    out.write(0xa0 | b.length);
                } else {
                    out.write(0xd9);
                    out.write(b.length);
                }
                out.writeBytes(b);
            }
        });
        return out.toByteArray();
    }

    static byte[] cbor(Map<String, String> m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xa0 | m.size());
        m.forEach((k, v) -> {
            for (String x : new String[] {k, v}) {
                byte[] b = utf8(x);
                if (b.length < 24) {
                    out.write(0x60 | b.length);
                } else {
                    out.write(0x78);
                    out.write(b.length);
                }
                out.writeBytes(b);
            }
        });
        return out.toByteArray();
    }

    static byte[] bson(Map<String, String> m) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        m.forEach((k, v) -> {
            body.write(2);
            body.writeBytes(utf8(k));
            body.write(0);
            byte[] b = utf8(v);
            body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length + 1).array());
            body.writeBytes(b);
            body.write(0);
        });
        body.write(0);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length + 4).array());
        out.writeBytes(b);
        return out.toByteArray();
    }

    static byte[] protobuf(List<String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int field = 1;
        for (String v : values) {
            byte[] b = utf8(v);
            out.write(field++ << 3 | 2);
            int n = b.length;
            while (n >= 0x80) {
                out.write(n & 0x7f | 0x80);
                n >>>= 7;
            }
            out.write(n);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(utf8(s));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
