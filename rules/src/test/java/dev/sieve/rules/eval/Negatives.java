package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Hard negatives: what agents send all the time that looks like a finding and is not one. Identifiers and hashes,
 * lockfiles, minified code, public keys and certificates, public cryptocurrency addresses, placeholder and template
 * configs, documentation example values, and near misses (a checksum off by one, a wrong prefix, a length off by
 * one, low entropy). Kind name ({@code neg:<kind>}) to a generator of one text.
 */
final class Negatives {

    static final Map<String, Function<Rng, String>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("git-sha", r -> "commit " + r.from(Rng.HEX, 40) + "\nAuthor: Dana Roe <dana@users.noreply.github.com>"
                + "\n\n    Fix flaky test\n\ndiff --git a/src/app.ts b/src/app.ts\nindex " + r.from(Rng.HEX, 7) + ".."
                + r.from(Rng.HEX, 7) + " 100644\n");
        KINDS.put("git-log", r -> {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                s.append(r.from(Rng.HEX, r.chance(0.5) ? 40 : 7)).append(' ').append(r.pick("fix: retry", "feat: add cache",
                        "chore: bump deps", "docs: typo")).append('\n');
            }
            return s.toString();
        });
        KINDS.put("uuid", r -> "request " + uuid(r) + " failed; trace " + uuid(r) + "; parent " + uuid(r));
        KINDS.put("sri-hash", r -> "<script src=\"https://cdn.demo.invalid/lib.min.js\" integrity=\"sha384-"
                + b64(r, 48) + "\" crossorigin=\"anonymous\"></script>");
        KINDS.put("package-lock", r -> "{\n  \"name\": \"app\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n"
                + "    \"node_modules/left-pad\": {\n      \"version\": \"1.3.0\",\n      \"resolved\": "
                + "\"https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz\",\n      \"integrity\": \"sha512-"
                + b64(r, 64) + "\"\n    },\n    \"node_modules/lodash\": {\n      \"version\": \"4.17.21\",\n"
                + "      \"integrity\": \"sha512-" + b64(r, 64) + "\"\n    }\n  }\n}\n");
        KINDS.put("cargo-lock", r -> "[[package]]\nname = \"serde\"\nversion = \"1.0.203\"\nsource = "
                + "\"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"" + r.from(Rng.HEX, 64)
                + "\"\n\n[[package]]\nname = \"tokio\"\nversion = \"1.38.0\"\nchecksum = \"" + r.from(Rng.HEX, 64) + "\"\n");
        KINDS.put("go-sum", r -> "github.com/google/uuid v1.6.0 h1:" + b64(r, 32) + "\ngithub.com/google/uuid v1.6.0/go.mod h1:"
                + b64(r, 32) + "\ngolang.org/x/net v0.26.0 h1:" + b64(r, 32) + "\n");
        KINDS.put("yarn-lock", r -> "\"@babel/core@^7.24.0\":\n  version \"7.24.7\"\n  resolved "
                + "\"https://registry.yarnpkg.com/@babel/core/-/core-7.24.7.tgz#" + r.from(Rng.HEX, 40) + "\"\n"
                + "  integrity sha512-" + b64(r, 64) + "\n");
        KINDS.put("minified-js", r -> "!function(e,t){\"object\"==typeof exports?module.exports=t():e."
                + r.from(Rng.LOWER, 3) + "=t()}(this,function(){var n=\"" + r.from(Rng.ALNUM, 32) + "\",r=[\""
                + r.from(Rng.ALNUM + "_$", 24) + "\",\"" + r.from(Rng.HEX, 32) + "\"];return function(t){return n+r[t&1]}});"
                + "//# sourceMappingURL=app." + r.from(Rng.HEX, 20) + ".js.map");
        KINDS.put("docker-digest", r -> "FROM node:20-alpine@sha256:" + r.from(Rng.HEX, 64) + "\nRUN npm ci\n"
                + "COPY . .\nCMD [\"node\", \"server.js\"]\n");
        KINDS.put("k8s-manifest", r -> "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                + "  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/acme/web@sha256:"
                + r.from(Rng.HEX, 64) + "\n          env:\n            - name: DB_PASSWORD\n              valueFrom:\n"
                + "                secretKeyRef: {name: db, key: password}\n");
        KINDS.put("ci-secrets-ref", r -> "steps:\n  - uses: actions/checkout@" + r.from(Rng.HEX, 40) + "\n  - run: npm publish\n"
                + "    env:\n      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n");
        KINDS.put("public-cert", r -> Values.pemBlock("CERTIFICATE", new byte[] {0x30, (byte) 0x82, 0x03, 0x1a, 0x30,
            (byte) 0x82, 0x02, 0x02}, r.bytes(r.between(400, 600))));
        KINDS.put("public-key", r -> r.chance(0.5) ? Values.pemBlock("PUBLIC KEY", new byte[] {0x30, 0x59, 0x30, 0x13},
                r.bytes(87)) : "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + Values.wrap(b64(r, 300), 64)
                + "\n=" + b64(r, 3) + "\n-----END PGP PUBLIC KEY BLOCK-----");
        KINDS.put("ssh-public-key", r -> "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + b64(r, 32).substring(0, 43)
                + " dana@laptop\n" + "github.com ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + b64(r, 120) + "\n");
        KINDS.put("crypto-address", r -> {
            byte[] p2pkh = new byte[21];
            System.arraycopy(r.bytes(20), 0, p2pkh, 1, 20);
            byte[] p2sh = new byte[21];
            p2sh[0] = 5;
            System.arraycopy(r.bytes(20), 0, p2sh, 1, 20);
            return "Donations: BTC " + Checksums.base58check(p2pkh) + " or " + Checksums.base58check(p2sh) + " or "
                    + Checksums.bech32("bc", 0, r.bytes(20)) + "; ETH 0x" + r.from(Rng.HEX, 40);
        });
        KINDS.put("placeholder-config", r -> r.pick(
                "DB_PASSWORD=${DB_PASSWORD}\nAPI_KEY=${API_KEY:?required}\n",
                "password: changeme\napi_key: <your-token>\n",
                "export GITHUB_TOKEN=<your-github-token>\nexport OPENAI_API_KEY=sk-...\n",
                "ANTHROPIC_API_KEY=your_api_key_here\nSTRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n",
                "{\"password\": \"{{ vault_db_password }}\", \"token\": \"%TOKEN%\"}",
                "aws_secret_access_key = <YOUR_SECRET_ACCESS_KEY>\naws_access_key_id = <YOUR_ACCESS_KEY_ID>\n",
                "DATABASE_URL=postgres://user:password@localhost:5432/app\nREDIS_URL=redis://localhost:6379/0\n",
                "client_secret: \"REPLACE_ME\"\npassword = os.environ[\"DB_PASSWORD\"]\n"));
        KINDS.put("doc-example", r -> r.pick(
                "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
                "Use the test card 4242 4242 4242 4242 with any future expiry.",
                "Test cards: 4111111111111111, 5555555555554444, 378282246310005, 6011111111111117",
                "Example IBAN: GB82 WEST 1234 5698 7654 32 or DE89 3704 0044 0532 0130 00",
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5"
                        + "MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
                "Sample SSNs from the docs: 123-45-6789 and 078-05-1120.",
                "stripe.api_key = \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"",
                "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzF"
                        + "T50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/"
                        + "devstoreaccount1;"));
        KINDS.put("near-miss-luhn", r -> {
            String card = Values.cardNumber(r, x -> "4" + x.digits(14), 16);
            int last = card.charAt(15) - '0';
            return "card " + card.substring(0, 15) + (last + r.between(1, 9)) % 10 + " declined";
        });
        KINDS.put("near-miss-iban", r -> {
            String iban = Values.iban(r, false);
            int check = Integer.parseInt(iban.substring(2, 4));
            return "IBAN " + iban.substring(0, 2) + String.format("%02d", (check + r.between(1, 90)) % 97 + 2)
                    + iban.substring(4);
        });
        KINDS.put("near-miss-ssn", r -> r.pick("SSN: 000-" + r.between(10, 99) + "-" + r.between(1000, 9999),
                "SSN: 666-" + r.between(10, 99) + "-" + r.between(1000, 9999),
                "SSN: " + r.between(100, 665) + "-00-" + r.between(1000, 9999),
                "SSN: " + r.between(100, 665) + "-" + r.between(10, 99) + "-0000",
                "employee " + r.between(100, 665) + "-" + r.between(10, 99) + "-" + r.between(10000, 99999)));
        KINDS.put("near-miss-token", r -> r.pick(
                "ghp_" + r.from(Rng.ALNUM, 35), "ghx_" + r.from(Rng.ALNUM, 36), "glpat_" + r.from(Rng.ALNUM, 20),
                "sk_live" + r.from(Rng.ALNUM, 24), "xoxq-" + r.digits(11) + "-" + r.digits(13) + "-" + r.from(Rng.ALNUM, 24),
                "AKIA" + r.from(Rng.BASE32, 15), "akia" + r.from(Rng.BASE32.toLowerCase(java.util.Locale.ROOT), 16),
                "npm_" + r.from(Rng.ALNUM, 35), "sk-ant-api03-" + r.from(Rng.URLSAFE, 40)));
        // Was a token with a wrong CRC32 (2026-12-04); such a token is reported since 2026-12-06 (a hand-made or
        // damaged token cannot be told from a real one), so the near miss is now the masked form `gh auth status`
        // prints. Same draws from the generator, so no other case changed.
        KINDS.put("near-miss-crc", r -> {
            String t = Values.githubToken("ghp_", r);
            return "GITHUB_TOKEN=" + t.substring(0, 4) + "*".repeat(t.length() - 4);
        });
        KINDS.put("low-entropy", r -> r.pick("ghp_" + "aB".repeat(18), "AKIA" + "A".repeat(16),
                "sk_live_" + "0".repeat(24), "password = \"aaaaaaaaaaaaaaaa\"", "glpat-" + "x".repeat(20),
                "xoxb-1111111111-1111111111111-" + "a".repeat(24)));
        KINDS.put("near-miss-jwt", r -> "token " + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "not a header".getBytes(StandardCharsets.UTF_8)) + ".eyJzdWIiOiJ4In0." + r.from(Rng.URLSAFE, 43));
        KINDS.put("near-miss-pem", r -> "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n"
                + "(key removed; see the vault entry)");
        KINDS.put("near-miss-bip39", r -> {
            String words = Checksums.bip39(r.bytes(16), Detectors.BIP39);
            String[] w = words.split(" ");
            String last = w[w.length - 1];
            w[w.length - 1] = Detectors.BIP39.get((Detectors.BIP39.indexOf(last) + 1) % 2048);
            return "word list for the spelling game: " + String.join(" ", w);
        });
        KINDS.put("near-miss-wif", r -> {
            byte[] payload = new byte[34];
            payload[0] = (byte) 0x80;
            System.arraycopy(r.bytes(32), 0, payload, 1, 32);
            payload[33] = 1;
            String wif = Checksums.base58check(payload);
            char c = wif.charAt(wif.length() - 3);
            return "checksum test vector (invalid): " + wif.substring(0, wif.length() - 3) + (c == 'z' ? 'y' : 'z')
                    + wif.substring(wif.length() - 2);
        });
        KINDS.put("numbers", r -> "ts=" + (1_700_000_000_000L + r.nextInt(1_000_000_000)) + " order ORD-2024-"
                + r.digits(6) + " tracking 1Z" + r.from(Rng.UPPER + Rng.DIGITS, 16) + " build 1.2." + r.digits(2) + "-"
                + r.digits(4) + " ip 10." + r.between(0, 255) + "." + r.between(0, 255) + ".7 id " + r.digits(9)
                + " zip 94107-" + r.digits(4));
        KINDS.put("few-contacts", r -> {
            StringBuilder s = new StringBuilder("reviewers:\n");
            for (int i = 0; i < 5; i++) {
                s.append(Values.name(r)).append(" <").append(Values.email(r, i)).append("> ").append(Values.phone(r))
                        .append('\n');
            }
            return s.toString();
        });
        KINDS.put("license-header", r -> r.pick(
                "/*\n * Copyright (c) 2020 The Foo Authors. All rights reserved.\n *\n * Licensed under the Apache License, "
                        + "Version 2.0 (the \"License\");\n */\npackage org.foo.cache;\n",
                "MIT License\n\nCopyright (c) 2021 Jane Developer\n\nPermission is hereby granted, free of charge, to any "
                        + "person obtaining a copy of this software...\n",
                "# Copyright 2019 Google LLC\n# SPDX-License-Identifier: Apache-2.0\nimport os\n"));
        KINDS.put("prose", r -> r.pick(
                "// keep user data confidential when logging; never print tokens",
                "enum Level { PUBLIC, INTERNAL, CONFIDENTIAL }",
                "The proposal is internal for now; we will share it with the vendor after review.",
                "curl http://metadata.google.internal/computeMetadata/v1/ -H 'Metadata-Flavor: Google'",
                "Connect to host.docker.internal:5432 from the container.",
                "Our corporate intranet hosts the wiki; ask IT for access.",
                "Rotate the password every 90 days; password_min_length = 12."));
        KINDS.put("code", r -> "def checksum(data: bytes) -> str:\n    h = hashlib.sha256(data).hexdigest()\n"
                + "    assert h != \"" + r.from(Rng.HEX, 64) + "\"\n    return h\n\nSECRET_KEY_LENGTH = 32\n"
                + "API_TOKEN_HEADER = \"X-Api-Token\"\n");
    }

    private Negatives() {
    }

    static String uuid(Rng r) {
        String h = r.from(Rng.HEX, 32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-"
                + "89ab".charAt(r.nextInt(4)) + h.substring(17, 20) + "-" + h.substring(20);
    }

    private static String b64(Rng r, int bytes) {
        return Base64.getEncoder().encodeToString(r.bytes(bytes));
    }

    /** A screenshot-like RGB PNG: flat panels, a gradient and some noise. */
    static byte[] screenshot(Rng r, int width, int height) {
        int[] noise = new int[width * height];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = r.nextInt(24);
        }
        int panel = r.nextInt(0xffffff);
        return Binary.png(width, height, (x, y) -> {
            if (y < height / 6) {
                return panel;
            }
            int n = noise[y * width + x];
            int v = 200 + n;
            return (x * 255 / width) << 16 | v << 8 | (y * 255 / height);
        }, List.of(new Binary.PngText("tEXt", "Software", "gnome-screenshot")));
    }
}
