package dev.sieve.rules.eval;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Held-out hard negatives ({@code family:hard-negative}): what agents send all the time that looks like a secret
 * and is not one — lockfiles, commit logs, digests, identifiers, screenshots, public keys and addresses,
 * placeholders and redacted forms, hashes, minified code, source maps, numbers that fail their checksums,
 * manifests that reference secrets, API specs, public-by-design keys. Nothing here is something a DLP team would
 * want blocked.
 */
final class HardNegatives {

    record Kind(String name, int count, Function<Rng, String> make, List<String> containers) {
    }

    /** A negative in a request built here (images, archives). */
    record Shaped(String kind, Containers.Req req, String container, String enc, String plain) {
    }

    static final List<String> FILES = List.of("json-anthropic-tool", "transcript", "openai-tool", "json-anthropic",
            "openai-file-text", "anthropic-document-text", "multipart", "json-openai-chat", "gemini-inline-text", "zip",
            "gzip-octet", "json-openai-responses", "docx");
    static final List<String> LINES = List.of("json-anthropic", "json-openai-chat", "transcript", "json-gemini",
            "query", "openai-tool", "form", "header", "text");

    private HardNegatives() {
    }

    static List<Kind> kinds() {
        List<Kind> k = new ArrayList<>();
        k.add(new Kind("package-lock", 8, HardNegatives::packageLock, FILES));
        k.add(new Kind("yarn-lock", 6, HardNegatives::yarnLock, FILES));
        k.add(new Kind("cargo-lock", 6, HardNegatives::cargoLock, FILES));
        k.add(new Kind("go-sum", 6, HardNegatives::goSum, FILES));
        k.add(new Kind("poetry-lock", 6, HardNegatives::poetryLock, FILES));
        k.add(new Kind("pnpm-lock", 4, HardNegatives::pnpmLock, FILES));
        k.add(new Kind("git-log", 8, HardNegatives::gitLog, FILES));
        k.add(new Kind("git-diff", 5, HardNegatives::gitDiff, FILES));
        k.add(new Kind("image-digest", 8, HardNegatives::imageDigest, FILES));
        k.add(new Kind("ids-in-logs", 8, HardNegatives::idsInLogs, FILES));
        k.add(new Kind("public-cert", 6, HardNegatives::publicCert, FILES));
        k.add(new Kind("ssh-public-keys", 6, HardNegatives::sshPublicKeys, FILES));
        k.add(new Kind("public-key-pem", 4, HardNegatives::publicKeyPem, FILES));
        k.add(new Kind("jwks", 4, HardNegatives::jwks, FILES));
        k.add(new Kind("crypto-address", 10, HardNegatives::cryptoAddress, LINES));
        k.add(new Kind("placeholder", 24, HardNegatives::placeholder, FILES));
        k.add(new Kind("redacted-token", 10, HardNegatives::redactedToken, LINES));
        k.add(new Kind("hash-constants", 10, HardNegatives::hashConstants, FILES));
        k.add(new Kind("minified-js", 6, HardNegatives::minifiedJs, FILES));
        k.add(new Kind("source-map", 6, HardNegatives::sourceMap, FILES));
        k.add(new Kind("luhn-invalid", 8, HardNegatives::luhnInvalid, FILES));
        k.add(new Kind("order-ids", 6, HardNegatives::orderIds, FILES));
        k.add(new Kind("timestamps-ids", 6, HardNegatives::timestampsIds, FILES));
        k.add(new Kind("numbers-prose", 6, HardNegatives::numbersProse, LINES));
        k.add(new Kind("k8s-secret-ref", 8, HardNegatives::k8sSecretRef, FILES));
        k.add(new Kind("openapi", 6, HardNegatives::openapi, FILES));
        k.add(new Kind("css", 6, HardNegatives::css, FILES));
        k.add(new Kind("crash-dump", 6, HardNegatives::crashDump, FILES));
        k.add(new Kind("semver", 4, HardNegatives::semver, FILES));
        k.add(new Kind("aws-ids", 8, HardNegatives::awsIds, FILES));
        k.add(new Kind("stripe-publishable", 6, HardNegatives::stripePublishable, FILES));
        k.add(new Kind("sri-html", 4, HardNegatives::sriHtml, FILES));
        k.add(new Kind("security-prose", 8, HardNegatives::securityProse, LINES));
        k.add(new Kind("few-contacts", 6, HardNegatives::fewContacts, FILES));
        k.add(new Kind("checksum-invalid", 8, HardNegatives::checksumInvalid, FILES));
        k.add(new Kind("project-guids", 4, HardNegatives::projectGuids, FILES));
        k.add(new Kind("env-lookups", 8, HardNegatives::envLookups, FILES));
        return k;
    }

    private static String b64(Rng r, int n) {
        return Base64.getEncoder().encodeToString(r.bytes(n));
    }

    private static String pkg(Rng r) {
        return r.pick("lodash", "react", "react-dom", "express", "chalk", "debug", "semver", "typescript", "zod",
                "axios", "vite", "esbuild", "postcss", "ms", "uuid", "yaml", "undici", "tslib", "commander", "picomatch");
    }

    private static String ver(Rng r) {
        return r.between(0, 18) + "." + r.between(0, 30) + "." + r.between(0, 20);
    }

    static String packageLock(Rng r) {
        StringBuilder s = new StringBuilder("{\n  \"name\": \"web\",\n  \"version\": \"1.4.0\",\n  \"lockfileVersion\": 3,\n"
                + "  \"requires\": true,\n  \"packages\": {\n");
        for (int i = 0; i < r.between(4, 8); i++) {
            String p = pkg(r);
            String v = ver(r);
            s.append("    \"node_modules/").append(p).append("\": {\n      \"version\": \"").append(v)
                    .append("\",\n      \"resolved\": \"https://registry.npmjs.org/").append(p).append("/-/").append(p)
                    .append('-').append(v).append(".tgz\",\n      \"integrity\": \"sha512-").append(b64(r, 64))
                    .append("\",\n      \"license\": \"MIT\"\n    },\n");
        }
        return s.append("  }\n}\n").toString();
    }

    static String yarnLock(Rng r) {
        StringBuilder s = new StringBuilder("# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n");
        for (int i = 0; i < r.between(4, 7); i++) {
            String p = pkg(r);
            String v = ver(r);
            s.append(p).append("@^").append(v).append(":\n  version \"").append(v).append("\"\n  resolved \"")
                    .append("https://registry.yarnpkg.com/").append(p).append("/-/").append(p).append('-').append(v)
                    .append(".tgz#").append(r.from(Rng.HEX, 40)).append("\"\n  integrity sha512-").append(b64(r, 64))
                    .append("\n\n");
        }
        return s.toString();
    }

    static String cargoLock(Rng r) {
        StringBuilder s = new StringBuilder("# This file is automatically @generated by Cargo.\nversion = 3\n\n");
        for (int i = 0; i < r.between(4, 7); i++) {
            s.append("[[package]]\nname = \"").append(r.pick("serde", "tokio", "anyhow", "regex", "rand", "hyper",
                    "bytes", "syn")).append("\"\nversion = \"").append(ver(r)).append("\"\nsource = \"registry+https://"
                    + "github.com/rust-lang/crates.io-index\"\nchecksum = \"").append(r.from(Rng.HEX, 64))
                    .append("\"\n\n");
        }
        return s.toString();
    }

    static String goSum(Rng r) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < r.between(5, 10); i++) {
            String m = r.pick("github.com/spf13/cobra", "golang.org/x/net", "github.com/stretchr/testify",
                    "google.golang.org/grpc", "github.com/google/uuid", "go.uber.org/zap");
            String v = "v" + ver(r);
            s.append(m).append(' ').append(v).append(" h1:").append(b64(r, 32)).append('\n');
            s.append(m).append(' ').append(v).append("/go.mod h1:").append(b64(r, 32)).append('\n');
        }
        return s.toString();
    }

    static String poetryLock(Rng r) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < r.between(3, 5); i++) {
            String p = r.pick("requests", "urllib3", "certifi", "idna", "pydantic", "numpy");
            String v = ver(r);
            s.append("[[package]]\nname = \"").append(p).append("\"\nversion = \"").append(v).append("\"\n"
                    + "optional = false\npython-versions = \">=3.8\"\nfiles = [\n    {file = \"").append(p).append('-')
                    .append(v).append("-py3-none-any.whl\", hash = \"sha256:").append(r.from(Rng.HEX, 64))
                    .append("\"},\n    {file = \"").append(p).append('-').append(v).append(".tar.gz\", hash = \"sha256:")
                    .append(r.from(Rng.HEX, 64)).append("\"},\n]\n\n");
        }
        return s.append("[metadata]\nlock-version = \"2.0\"\ncontent-hash = \"").append(r.from(Rng.HEX, 64))
                .append("\"\n").toString();
    }

    static String pnpmLock(Rng r) {
        StringBuilder s = new StringBuilder("lockfileVersion: '9.0'\n\npackages:\n\n");
        for (int i = 0; i < r.between(4, 6); i++) {
            s.append("  ").append(pkg(r)).append('@').append(ver(r)).append(":\n    resolution: {integrity: sha512-")
                    .append(b64(r, 64)).append("}\n    engines: {node: '>=14'}\n\n");
        }
        return s.toString();
    }

    static String gitLog(Rng r) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < r.between(3, 5); i++) {
            String who = r.pick("mkowalski", "jdoe", "renovate[bot]");
            s.append("commit ").append(r.from(Rng.HEX, 40)).append(i == 0 ? " (HEAD -> main, origin/main)" : "")
                    .append("\nAuthor: ").append(who).append(" <").append(r.digits(8)).append('+').append(who
                    .replace("[bot]", "")).append("@users.noreply.github.com>\nDate:   Tue Jun ").append(r.between(10, 28))
                    .append(" 1").append(r.between(0, 9)).append(":2").append(r.between(0, 9))
                    .append(":11 2025 +0200\n\n    ").append(r.pick("fix: retry on 503", "chore(deps): bump vite",
                    "feat: add CSV export", "refactor: split handler")).append("\n\n");
        }
        return s.toString();
    }

    static String gitDiff(Rng r) {
        return "diff --git a/src/app.ts b/src/app.ts\nindex " + r.from(Rng.HEX, 7) + ".." + r.from(Rng.HEX, 7)
                + " 100644\n--- a/src/app.ts\n+++ b/src/app.ts\n@@ -12,7 +12,8 @@ export function start() {\n"
                + "-  const timeout = 3000;\n+  const timeout = Number(process.env.TIMEOUT_MS ?? 3000);\n"
                + "+  // see " + r.from(Rng.HEX, 12) + " for context\n   return listen(port, timeout);\n";
    }

    static String imageDigest(Rng r) {
        if (r.chance(0.5)) {
            StringBuilder s = new StringBuilder("REPOSITORY                 TAG       DIGEST                                                                    IMAGE ID       SIZE\n");
            for (int i = 0; i < 4; i++) {
                s.append(r.pick("ghcr.io/acme/api", "postgres", "redis", "nginx")).append("   ").append(ver(r))
                        .append("   sha256:").append(r.from(Rng.HEX, 64)).append("   ").append(r.from(Rng.HEX, 12))
                        .append("   ").append(r.between(20, 400)).append("MB\n");
            }
            return s.toString();
        }
        return "spec:\n  containers:\n    - name: api\n      image: ghcr.io/acme/api@sha256:" + r.from(Rng.HEX, 64)
                + "\n    - name: proxy\n      image: envoyproxy/envoy:v1.30.1@sha256:" + r.from(Rng.HEX, 64) + "\n";
    }

    private static String ulid(Rng r) {
        return "01" + r.from("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 24);
    }

    static String idsInLogs(Rng r) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < r.between(4, 8); i++) {
            s.append("2025-06-1").append(r.between(0, 9)).append("T12:0").append(r.between(0, 9)).append(":").append(
                    r.between(10, 59)).append(".").append(r.digits(3)).append("Z level=info request_id=")
                    .append(HardValues.uuid(r)).append(" trace_id=").append(r.from(Rng.HEX, 32)).append(" span_id=")
                    .append(r.from(Rng.HEX, 16)).append(" job=").append(ulid(r)).append(" msg=\"")
                    .append(r.pick("request completed", "cache miss", "job enqueued")).append("\"\n");
        }
        return s.toString();
    }

    static String publicCert(Rng r) {
        return "# ca-bundle.crt\n" + HardValues.pem("CERTIFICATE", HardValues.concat(new byte[] {0x30, (byte) 0x82, 0x03,
                (byte) 0x75, 0x30, (byte) 0x82, 0x02, 0x5d, (byte) 0xa0, 3, 2, 1, 2}, r.bytes(r.between(700, 880))))
                + "\n";
    }

    static String sshPublicKeys(Rng r) {
        StringBuilder s = new StringBuilder("# ~/.ssh/authorized_keys\n");
        for (int i = 0; i < r.between(2, 4); i++) {
            if (r.chance(0.5)) {
                s.append("ssh-ed25519 ").append(Base64.getEncoder().encodeToString(HardValues.concat(new byte[] {0, 0,
                        0, 0x0b}, HardValues.utf8("ssh-ed25519"), new byte[] {0, 0, 0, 0x20}, r.bytes(32))));
            } else {
                s.append("ssh-rsa ").append(Base64.getEncoder().encodeToString(HardValues.concat(new byte[] {0, 0, 0,
                        7}, HardValues.utf8("ssh-rsa"), new byte[] {0, 0, 0, 3, 1, 0, 1, 0, 0, 1, 1, 0},
                        r.bytes(256))));
            }
            s.append(' ').append(r.pick("dev@laptop", "ci@runner-3", "backup@nas")).append('\n');
        }
        return s.toString();
    }

    static String publicKeyPem(Rng r) {
        return "verification key:\n" + HardValues.pem("PUBLIC KEY", HardValues.concat(new byte[] {0x30, (byte) 0x82,
                1, 0x22, 0x30, 0x0d, 6, 9, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 1, 1, 5, 0},
                r.bytes(275))) + "\n";
    }

    static String jwks(Rng r) {
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + r.from(Rng.URLSAFE, 43) + "\",\"alg\":\"RS256\","
                + "\"n\":\"" + HardValues.B64URL.encodeToString(r.bytes(256)) + "\",\"e\":\"AQAB\"},{\"kty\":\"EC\","
                + "\"crv\":\"P-256\",\"kid\":\"" + r.from(Rng.HEX, 16) + "\",\"x\":\"" + HardValues.B64URL.encodeToString(
                r.bytes(32)) + "\",\"y\":\"" + HardValues.B64URL.encodeToString(r.bytes(32)) + "\"}]}\n";
    }

    static String cryptoAddress(Rng r) {
        return switch (r.nextInt(3)) {
            case 0 -> "Donations: BTC " + HardValues.btcAddress(r) + " / ETH " + HardValues.ethAddress(r);
            case 1 -> "send the refund to " + HardValues.ethAddress(r) + " on mainnet, tx " + "0x" + r.from(Rng.HEX, 64)
                    .substring(0, 64);
            default -> "watch-only wallet " + HardValues.btcAddress(r) + " balance 0.0042 BTC";
        };
    }

    static String placeholder(Rng r) {
        return switch (r.nextInt(12)) {
            case 0 -> "database:\n  host: ${DB_HOST}\n  user: ${DB_USER}\n  password: ${DB_PASSWORD}\n";
            case 1 -> "ANTHROPIC_API_KEY=<your-key-here>\nOPENAI_API_KEY=<your-openai-key>\n";
            case 2 -> "admin:\n  username: admin\n  password: changeme   # change on first login\n";
            case 3 -> "# .env.example\nSTRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nGITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n";
            case 4 -> "password: \"{{ .Values.postgresql.auth.password }}\"\napiKey: '{{ vault \"secret/data/api\" \"key\" }}'\n";
            case 5 -> "[client]\nuser = root\npassword = ********\n";
            case 6 -> "api_key: YOUR_API_KEY\napi_secret: YOUR_API_SECRET\n";
            case 7 -> "export AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX\nexport AWS_SECRET_ACCESS_KEY=<secret>\n";
            case 8 -> "spring.datasource.password=${SPRING_DATASOURCE_PASSWORD:}\nspring.mail.password=${MAIL_PASSWORD}\n";
            case 9 -> "DATABASE_URL=postgres://user:password@localhost:5432/mydb\n";
            case 10 -> "token = \"REPLACE_ME\"\nsecret = \"TODO\"\n";
            default -> "client_secret: %CLIENT_SECRET%\npassword: $(cat /run/secrets/db_password)\n";
        };
    }

    static String redactedToken(Rng r) {
        return switch (r.nextInt(6)) {
            case 0 -> "your key sk-ant-api03-..." + r.from(Rng.UPPER, 4) + " was revoked";
            case 1 -> "token ghp_****************************" + r.from(Rng.ALNUM, 4) + " expires in 7 days";
            case 2 -> "Using key sk-proj-****" + r.from(Rng.ALNUM, 4) + " (redacted)";
            case 3 -> "STRIPE_SECRET_KEY=sk_live_\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022" + r.from(Rng.ALNUM, 4);
            case 4 -> "slack token: xoxb-[REDACTED]";
            default -> "AWS key AKIA****************" + " ending in " + r.from(Rng.BASE32, 4);
        };
    }

    static String hashConstants(Rng r) {
        String bcryptAlphabet = "./" + Rng.UPPER + Rng.LOWER + Rng.DIGITS;
        return switch (r.nextInt(4)) {
            case 0 -> "EXPECTED_SHA256 = \"" + r.from(Rng.HEX, 64) + "\"\nEXPECTED_MD5 = \"" + r.from(Rng.HEX, 32)
                    + "\"\n\ndef verify(path):\n    return sha256sum(path) == EXPECTED_SHA256\n";
            case 1 -> "# test fixture: a stored hash, not a password\nHASH = \"$2b$12$" + r.from(bcryptAlphabet, 53)
                    + "\"\n";
            case 2 -> "hashes:\n  argon2: \"$argon2id$v=19$m=65536,t=3,p=4$" + r.from(Rng.BASE64, 22) + "$"
                    + r.from(Rng.BASE64, 43) + "\"\n";
            default -> r.from(Rng.HEX, 64) + "  dist/app-linux-amd64.tar.gz\n" + r.from(Rng.HEX, 64)
                    + "  dist/app-darwin-arm64.tar.gz\n";
        };
    }

    private static String ident(Rng r) {
        return r.from(Rng.LOWER, 1) + (r.chance(0.5) ? r.from(Rng.ALNUM, r.between(0, 2)) : "");
    }

    static String minifiedJs(Rng r) {
        StringBuilder s = new StringBuilder("!function(e,t){\"use strict\";");
        for (int i = 0; i < r.between(25, 45); i++) {
            switch (r.nextInt(5)) {
                case 0 -> s.append("var ").append(ident(r)).append('=').append(ident(r)).append('(').append(r.between(1,
                        999)).append(");");
                case 1 -> s.append("function ").append(ident(r)).append("(n,r){return n&&r.").append(ident(r))
                        .append("(n)}");
                case 2 -> s.append(ident(r)).append(".exports={id:\"").append(r.from(Rng.HEX, 20)).append("\"};");
                case 3 -> s.append("e[\"").append(r.from(Rng.ALNUM, 8)).append("\"]=").append(r.between(0, 99999))
                        .append(';');
                default -> s.append("t.p=\"/static/js/chunk-").append(r.from(Rng.HEX, 8)).append(".js\";");
            }
        }
        return s.append("}(window,document);\n").toString();
    }

    private static String vlq(Rng r) {
        StringBuilder s = new StringBuilder();
        for (int line = 0; line < r.between(20, 40); line++) {
            for (int seg = 0; seg < r.between(2, 8); seg++) {
                if (seg > 0) {
                    s.append(',');
                }
                s.append(r.from("ACEGIKMOQSUWYacegikmoqsuwy", 1)).append(r.from(Rng.BASE64, r.between(2, 5)));
            }
            s.append(';');
        }
        return s.toString();
    }

    static String sourceMap(Rng r) {
        String map = "{\"version\":3,\"file\":\"app.min.js\",\"sources\":[\"../src/app.ts\",\"../src/util.ts\"],"
                + "\"names\":[\"start\",\"listen\",\"port\"],\"mappings\":\"" + vlq(r) + "\"}";
        if (r.chance(0.5)) {
            return map + "\n";
        }
        return "console.log(\"ready\");\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(HardValues.utf8(map)) + "\n";
    }

    /** A 16-digit number with a card prefix whose Luhn check digit is wrong. */
    static String badLuhn(Rng r) {
        String valid = HardValues.card(r, r.nextInt(2));
        int last = valid.charAt(valid.length() - 1) - '0';
        return valid.substring(0, valid.length() - 1) + (last + r.between(1, 9)) % 10;
    }

    static String luhnInvalid(Rng r) {
        StringBuilder s = new StringBuilder("# fixtures for validator tests: numbers that must be REJECTED\n");
        for (int i = 0; i < 4; i++) {
            String n = badLuhn(r);
            s.append("INVALID_").append(i).append(" = \"").append(i % 2 == 0 ? HardValues.cardGrouped(n, " ") : n)
                    .append("\"\n");
        }
        return s.toString();
    }

    static String orderIds(Rng r) {
        StringBuilder s = new StringBuilder("order_id,created_at,total,status\n");
        for (int i = 0; i < r.between(5, 9); i++) {
            s.append(r.pick("", "ORD-")).append(r.digits(r.pick(List.of(12, 14, 16, 18)))).append(",2025-06-")
                    .append(10 + r.nextInt(18)).append(' ').append(10 + r.nextInt(12)).append(":0").append(r.nextInt(10))
                    .append(',').append(r.between(5, 900)).append('.').append(r.digits(2)).append(',')
                    .append(r.pick("shipped", "paid", "refunded")).append('\n');
        }
        return s.toString();
    }

    static String timestampsIds(Rng r) {
        StringBuilder s = new StringBuilder("[\n");
        for (int i = 0; i < r.between(3, 6); i++) {
            s.append("  {\"id\": \"").append(1_100_000_000_000_000_000L + (long) (r.nextInt(Integer.MAX_VALUE)) * 3L)
                    .append("\", \"ts\": ").append(1_718_000_000_000L + r.nextInt(999_999_999))
                    .append(", \"channel_id\": \"").append(r.digits(18)).append("\"},\n");
        }
        return s.append("]\n").toString();
    }

    static String numbersProse(Rng r) {
        return switch (r.nextInt(4)) {
            case 0 -> "Upgraded from 10.4.2 to 11.0.1 on build 20250612." + r.between(1, 9) + ", see ticket #"
                    + r.digits(6);
            case 1 -> "ISBN 978-0-" + r.digits(3) + "-" + r.digits(5) + "-" + r.digits(1) + " is out of stock until 2025-09-01";
            case 2 -> "The meeting room extension is " + r.digits(4) + " and the PO number is " + r.digits(10);
            default -> "latency p50=" + r.between(10, 90) + "ms p99=" + r.between(100, 900) + "ms over " + r.digits(7)
                    + " requests";
        };
    }

    static String k8sSecretRef(Rng r) {
        if (r.chance(0.3)) {
            return "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n"
                    + "    password: Ag" + b64(r, 360) + "\n";
        }
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n"
                + "      containers:\n        - name: api\n          env:\n            - name: DB_PASSWORD\n"
                + "              valueFrom:\n                secretKeyRef:\n                  name: db-credentials\n"
                + "                  key: password\n            - name: API_TOKEN\n              valueFrom:\n"
                + "                secretKeyRef: {name: api, key: token}\n";
    }

    static String openapi(Rng r) {
        return "openapi: 3.0.3\ninfo:\n  title: Orders API\n  version: " + ver(r) + "\ncomponents:\n  securitySchemes:\n"
                + "    ApiKeyAuth:\n      type: apiKey\n      in: header\n      name: X-API-Key\n    bearerAuth:\n"
                + "      type: http\n      scheme: bearer\n      bearerFormat: JWT\n  schemas:\n    Token:\n"
                + "      type: object\n      properties:\n        access_token:\n          type: string\n"
                + "          example: \"<access-token>\"\n        password:\n          type: string\n"
                + "          format: password\n          minLength: 12\n";
    }

    static String css(Rng r) {
        StringBuilder s = new StringBuilder(":root {\n");
        for (int i = 0; i < r.between(6, 12); i++) {
            s.append("  --").append(r.pick("primary", "accent", "bg", "fg", "muted", "border")).append('-').append(i)
                    .append(": #").append(r.from(Rng.HEX, r.chance(0.8) ? 6 : 8)).append(";\n");
        }
        return s.append("}\n.icon { background: url(\"data:image/svg+xml;base64,").append(Base64.getEncoder()
                .encodeToString(HardValues.utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><path d=\"M"
                        + r.between(1, 9) + " 2l" + r.between(1, 5) + " 6H4z\" fill=\"#" + r.from(Rng.HEX, 6)
                        + "\"/></svg>"))).append("\"); }\n").toString();
    }

    static String crashDump(Rng r) {
        StringBuilder s = new StringBuilder("Thread 0 Crashed:: Dispatch queue: com.apple.main-thread\n");
        for (int i = 0; i < 5; i++) {
            s.append(i).append("   libsystem_kernel.dylib        0x").append(r.from(Rng.HEX, 16)).append(" __pthread_kill + ")
                    .append(r.between(4, 400)).append('\n');
        }
        s.append("\nrax: 0x").append(r.from(Rng.HEX, 16)).append("  rbx: 0x").append(r.from(Rng.HEX, 16))
                .append("\nBuild ID: ").append(r.from(Rng.HEX, 40)).append("\n\n");
        for (int i = 0; i < 4; i++) {
            s.append(String.format("%08x: ", i * 16));
            for (int j = 0; j < 8; j++) {
                s.append(r.from(Rng.HEX, 4)).append(' ');
            }
            s.append('\n');
        }
        return s.toString();
    }

    static String semver(Rng r) {
        StringBuilder s = new StringBuilder("\"dependencies\": {\n");
        for (int i = 0; i < 8; i++) {
            s.append("  \"").append(pkg(r)).append("\": \"^").append(ver(r)).append("\",\n");
        }
        return s.append("}\n").toString();
    }

    static String awsIds(Rng r) {
        String account = r.digits(12);
        if (r.chance(0.5)) {
            return "$ aws sts get-caller-identity\n{\n    \"UserId\": \"AIDA" + r.from(Rng.BASE32, 17) + "\",\n"
                    + "    \"Account\": \"" + account + "\",\n    \"Arn\": \"arn:aws:iam::" + account + ":user/deployer\"\n}\n";
        }
        return "{\n  \"RoleId\": \"AROA" + r.from(Rng.BASE32, 17) + "\",\n  \"Arn\": \"arn:aws:iam::" + account
                + ":role/lambda-exec\",\n  \"Bucket\": \"arn:aws:s3:::acme-artifacts-" + account + "\",\n"
                + "  \"Queue\": \"https://sqs.eu-west-1.amazonaws.com/" + account + "/jobs\"\n}\n";
    }

    static String stripePublishable(Rng r) {
        return "<script src=\"https://js.stripe.com/v3/\"></script>\n<script>\n  const stripe = Stripe('pk_live_51"
                + r.from(Rng.ALNUM, 97) + "');\n  const elements = stripe.elements();\n</script>\n";
    }

    static String sriHtml(Rng r) {
        return "<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/css/bootstrap.min.css\" "
                + "integrity=\"sha384-" + b64(r, 48) + "\" crossorigin=\"anonymous\">\n<script src=\"https://cdn.jsdelivr."
                + "net/npm/htmx.org@2.0.0\" integrity=\"sha384-" + b64(r, 48) + "\" crossorigin=\"anonymous\"></script>\n";
    }

    static String securityProse(Rng r) {
        return r.pick("Rotate the AWS_SECRET_ACCESS_KEY every 90 days and never commit it; use the secrets manager.",
                "GitHub classic tokens start with ghp_ and are 40 characters long; fine-grained ones start with github_pat_.",
                "Set ANTHROPIC_API_KEY in your shell profile, not in the repository.",
                "The password policy requires 12 characters, one digit and one symbol.",
                "Stripe secret keys (sk_live_...) must stay server-side; the publishable key can go to the browser.",
                "How do I validate a credit card number with the Luhn algorithm in Go?",
                "Our SSN field is masked as ***-**-1234 in the UI.",
                "Store the token in the OS keychain; the CLI reads it with `keyring get app token`.");
    }

    static String fewContacts(Rng r) {
        String f = HardValues.first(r);
        String l = HardValues.last(r);
        return "## Maintainers\n\n- " + f + " " + l + " <" + HardValues.email(r, f, l) + ">\n\nSecurity issues: "
                + "security@demo.invalid, phone " + HardValues.phone(r) + " (office hours)\n";
    }

    static String checksumInvalid(Rng r) {
        String iban = HardValues.iban(r);
        int check = Integer.parseInt(iban.substring(2, 4));
        String badIban = iban.substring(0, 2) + String.format("%02d", (check + r.between(1, 90)) % 97 + 2)
                + iban.substring(4);
        if (badIban.equals(iban)) {
            badIban = iban.substring(0, 2) + "01" + iban.substring(4);
        }
        return "def test_rejects_bad_checksums():\n    assert not is_iban(\"" + badIban + "\")\n    assert not is_ssn(\"000-"
                + r.digits(2) + "-" + r.digits(4) + "\")\n    assert not is_ssn(\"666-" + r.between(10, 99) + "-"
                + r.between(1000, 9999) + "\")\n    assert not is_card(\"" + badLuhn(r) + "\")\n";
    }

    static String projectGuids(Rng r) {
        return "Project(\"{" + HardValues.uuid(r).toUpperCase(Locale.ROOT) + "}\") = \"Api\", \"src\\Api\\Api.csproj\", \"{"
                + HardValues.uuid(r).toUpperCase(Locale.ROOT) + "}\"\nEndProject\n<ProjectGuid>{"
                + HardValues.uuid(r).toUpperCase(Locale.ROOT) + "}</ProjectGuid>\n<UserSecretsId>" + HardValues.uuid(r)
                + "</UserSecretsId>\n";
    }

    static String envLookups(Rng r) {
        return switch (r.nextInt(4)) {
            case 0 -> "import os\n\nDB_PASSWORD = os.environ[\"DB_PASSWORD\"]\nAPI_TOKEN = os.getenv(\"API_TOKEN\", \"\")\n";
            case 1 -> "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-06-20' });\n";
            case 2 -> "password := os.Getenv(\"PG_PASSWORD\")\ntoken := viper.GetString(\"github.token\")\n";
            default -> "steps:\n  - run: npm publish\n    env:\n      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n";
        };
    }

    // ---- shaped negatives: real encoder output for screenshots --------------------------------------------------

    static List<Shaped> shaped(Rng r) {
        List<Shaped> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            boolean jpeg = i % 3 != 2;
            byte[] image = jpeg ? screenshot(r, 120 + 8 * i, 72 + 4 * i, true) : screenshot(r, 64, 40, false);
            String mime = jpeg ? "image/jpeg" : "image/png";
            String b64 = Base64.getEncoder().encodeToString(image);
            Containers.Req req;
            String container;
            switch (i % 4) {
                case 0 -> {
                    container = "anthropic-image";
                    req = new Containers.Req("POST", "https://api.anthropic.com/v1/messages", HardCorpus.json(),
                            HardCorpus.utf8("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":"
                                    + "\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                                    + "\"media_type\":\"" + mime + "\",\"data\":\"" + b64 + "\"}},{\"type\":\"text\","
                                    + "\"text\":\"What is wrong with this page?\"}]}]}"), false,
                            "body json image block (ImageIO " + mime + ")");
                }
                case 1 -> {
                    container = "openai-image-url";
                    req = new Containers.Req("POST", "https://api.openai.com/v1/chat/completions", HardCorpus.json(),
                            HardCorpus.utf8("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                                    + "\"image_url\",\"image_url\":{\"url\":\"data:" + mime + ";base64," + b64
                                    + "\"}}]}]}"), false, "body json image_url data URL (ImageIO " + mime + ")");
                }
                case 2 -> {
                    container = "gemini-inline-image";
                    req = new Containers.Req("POST", "https://generativelanguage.googleapis.com/v1beta/models/"
                            + "gemini-2.0-flash:generateContent", HardCorpus.json(), HardCorpus.utf8("{\"contents\":[{"
                            + "\"parts\":[{\"inline_data\":{\"mime_type\":\"" + mime + "\",\"data\":\"" + b64
                            + "\"}},{\"text\":\"Describe the UI.\"}]}]}"), false,
                            "body json inline_data (ImageIO " + mime + ")");
                }
                default -> {
                    container = "transcript-image";
                    req = new Containers.Req("POST", "https://api.anthropic.com/v1/messages", HardCorpus.json(),
                            HardCorpus.utf8("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":"
                                    + "\"user\",\"content\":\"Take a screenshot.\"},{\"role\":\"assistant\",\"content\":[{"
                                    + "\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"computer\",\"input\":{\"action\":"
                                    + "\"screenshot\"}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                                    + "\"tool_use_id\":\"toolu_9\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":"
                                    + "\"base64\",\"media_type\":\"" + mime + "\",\"data\":\"" + b64 + "\"}}]}]}]}"), false,
                            "body json tool_result image (computer use screenshot, ImageIO " + mime + ")");
                }
            }
            out.add(new Shaped("screenshot", req, container, "base64", "screenshot"));
        }
        for (int i = 0; i < 6; i++) {
            java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
            files.put("web/package.json", HardValues.utf8("{\"name\":\"web\",\"version\":\"1.0.0\"}\n"));
            String lock = packageLock(r);
            files.put("web/package-lock.json", HardValues.utf8(lock));
            String b64 = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(Binary.gzip(Binary.tar(files)));
            String text = "$ tar czf - web | base64\n" + b64 + "\n";
            out.add(new Shaped("package-lock", i % 2 == 0 ? HardCorpus.transcript(text, false)
                    : HardCorpus.openaiTool(text), i % 2 == 0 ? "transcript" : "openai-tool", "base64-wrapped>gzip>tar",
                    lock));
        }
        return out;
    }

    /**
     * A screenshot-like image drawn with java.awt (panels, lines, a noisy area; no text, so no font differences)
     * and encoded by ImageIO: JPEG at the default quality, or PNG at compression level 0 (stored DEFLATE blocks, so
     * the bytes do not depend on the zlib build).
     */
    static byte[] screenshot(Rng r, int width, int height, boolean jpeg) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(0xf3f4f6));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillRect(0, 0, width, height / 7);
            for (int i = 0; i < 6; i++) {
                g.setColor(new Color(r.nextInt(0xffffff)));
                g.fillRect(r.nextInt(width), height / 7 + r.nextInt(height / 2), r.between(10, width / 2), r.between(3, 12));
                g.drawLine(r.nextInt(width), r.nextInt(height), r.nextInt(width), r.nextInt(height));
            }
        } finally {
            g.dispose();
        }
        for (int y = height * 2 / 3; y < height; y++) {
            for (int x = 0; x < width / 3; x++) {
                img.setRGB(x, y, (150 + r.nextInt(100)) << 16 | (150 + r.nextInt(100)) << 8 | (150 + r.nextInt(100)));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName(jpeg ? "jpeg" : "png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!jpeg) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(1.0f);
            }
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
