package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Synthetic sensitive values for every rule of the default pack, each in the text an agent would send it in. Every
 * value is random with a valid shape: checksums (Luhn, IBAN mod-97, ABA, SIN, GitHub CRC32, bech32) computed in
 * {@link Checksums}, SSNs and ITINs in their ranges, JWTs with JSON header and payload, PEM bodies of DER-shaped
 * bytes. None is or was a real credential.
 */
final class Values {

    static final String CREDENTIAL = "credential";
    static final String FINANCIAL = "financial";
    static final String PII = "pii";
    static final String SOURCE = "source-code";

    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** Rule id to a generator of one snippet for it, in pack order. */
    static final Map<String, Function<Rng, Snippet>> RULES = new LinkedHashMap<>();

    static {
        cred("credential.aws-access-key-id", r -> r.pick("AKIA", "ASIA") + r.from(Rng.BASE32, 16),
                "aws_access_key_id = {}", "{\"AccessKeyId\": \"{}\"}", "export AWS_ACCESS_KEY_ID={}",
                "the deploy user's access key is {}");
        cred("credential.aws-secret-access-key", r -> r.from(Rng.BASE64, 40),
                "aws_secret_access_key = {}\n", "export AWS_SECRET_ACCESS_KEY={}\n", "{\"SecretAccessKey\": \"{}\"}",
                "secret_access_key: {}\n");
        RULES.put("credential.aws-key-pair", r -> {
            String pair = "AKIA" + r.from(Rng.BASE32, 16) + r.pick(",", ":", "\t") + r.from(Rng.BASE64, 40);
            return Snippet.of("credential.aws-key-pair", CREDENTIAL,
                    r.pick("Access key ID,Secret access key\n{}\n", "creds {} \n", "keys:\n{}\n"), pair);
        });
        cred("credential.aws-session-token", r -> r.pick("FwoGZXIvYXdz", "IQoJb3JpZ2luX2Vj")
                        + r.from(Rng.BASE64, r.between(180, 260)),
                "AWS_SESSION_TOKEN={}\n", "{\"SessionToken\": \"{}\"}", "aws_session_token = {}\n");
        cred("credential.gcp-api-key", r -> "AIza" + r.from(Rng.URLSAFE, 35),
                "GOOGLE_API_KEY={}", "{\"apiKey\": \"{}\"}", "https://maps.demo.invalid/api/js?key={}&v=3");
        RULES.put("credential.gcp-service-account", Values::serviceAccount);
        cred("credential.gcp-oauth-client-secret", r -> "GOCSPX-" + r.from(Rng.URLSAFE, 28),
                "GOOGLE_CLIENT_SECRET={}", "\"client_secret\": \"{}\"");
        cred("credential.azure-storage-connection-string", r -> "DefaultEndpointsProtocol=https;AccountName="
                        + r.from(Rng.LOWER + Rng.DIGITS, r.between(8, 16)) + ";AccountKey=" + r.from(Rng.BASE64, 86)
                        + "==;EndpointSuffix=core.windows.net",
                "AZURE_STORAGE_CONNECTION_STRING=\"{}\"", "{\"conn\": \"{}\"}");
        cred("credential.azure-storage-account-key", r -> r.from(Rng.BASE64, 86) + "==",
                "AZURE_STORAGE_KEY={}", "{\"accountKey\": \"{}\"}", "storage_key: {}");
        cred("credential.azure-ad-client-secret", r -> r.from(Rng.ALNUM + "_~.", 3) + r.digits(1) + "Q~"
                        + r.from(Rng.ALNUM + "_~.-", 34),
                "AZURE_CLIENT_SECRET={}", "\"clientSecret\": \"{}\"");
        cred("credential.digitalocean-token", r -> r.pick("dop", "doo", "dor") + "_v1_" + r.from(Rng.HEX, 64),
                "DIGITALOCEAN_TOKEN={}", "\"token\": \"{}\"");
        cred("credential.hashicorp-vault-token", r -> r.pick("hvs.", "hvb.") + r.from(Rng.URLSAFE, r.between(92, 110)),
                "VAULT_TOKEN={}", "{\"client_token\": \"{}\"}");
        cred("credential.terraform-cloud-token", r -> r.from(Rng.ALNUM, 14) + ".atlasv1."
                        + r.from(Rng.ALNUM + "_=-", 67),
                "token = \"{}\"", "TFE_TOKEN={}");
        cred("credential.databricks-token", r -> "dapi" + r.from(Rng.HEX, 32) + (r.chance(0.3) ? "-2" : ""),
                "DATABRICKS_TOKEN={}", "\"token\": \"{}\"");
        cred("credential.jwt", Values::jwt, "Authorization: Bearer {}", "{\"id_token\": \"{}\"}",
                "cookie session={}; Path=/");
        cred("credential.database-url", r -> r.pick("postgres", "postgresql", "mysql", "mongodb+srv", "redis",
                        "amqps", "mssql") + "://" + r.pick("app", "svc_billing", "reporting", "") + ":"
                        + r.from(Rng.ALNUM + "*~.!", r.between(14, 20)) + "@db-" + r.between(1, 9) + "."
                        + r.pick("eu", "us", "ap") + ".demo.invalid:" + r.pick("5432", "3306", "27017", "6379") + "/app",
                "DATABASE_URL={}", "\"uri\": \"{}\"", "conn = connect(\"{}\")");
        cred("credential.url-basic-auth", r -> "https://" + r.pick("builder", "deploy", "ci-bot", "ops") + ":"
                        + r.from(Rng.ALNUM + "~.!", r.between(14, 20)) + "@" + r.pick("git", "proxy", "registry")
                        + ".demo.invalid/" + r.pick("team/app.git", "v2/", "simple/"),
                "git clone {}", "\"proxy\": \"{}\"", "pip install --index-url {} pkg");
        RULES.put("credential.generic-secret-assignment", r -> {
            String v = r.password(r.between(18, 26));
            return Snippet.of("credential.generic-secret-assignment", CREDENTIAL, r.pick("password = \"{}\"",
                    "{\"client_secret\": \"{}\"}", "API_KEY: '{}'", "db.passwd := \"{}\"", "secret_key = \"{}\""), v);
        });
        cred("credential.auth-header-in-command", r -> "Bearer " + r.from(Rng.URLSAFE, 40),
                "curl -H \"Authorization: {}\" https://api.partner.demo.invalid/v1/me",
                "http --header 'Authorization: {}' get https://api.partner.demo.invalid/v2/jobs");
        github("credential.github-pat", "ghp_");
        cred("credential.github-fine-grained-pat", r -> "github_pat_" + r.from(Rng.ALNUM, 22) + "_"
                + r.from(Rng.ALNUM, 59), "GH_TOKEN={}", "{\"token\": \"{}\"}");
        github("credential.github-oauth-token", "gho_");
        RULES.put("credential.github-app-token", r -> githubSnippet("credential.github-app-token",
                r.pick("ghu_", "ghs_"), r));
        github("credential.github-refresh-token", "ghr_");
        cred("credential.gitlab-pat", r -> "glpat-" + r.from(Rng.ALNUM + "_-", 20),
                "GITLAB_TOKEN={}", "git clone https://oauth2:{}@gitlab.demo.invalid/grp/app.git",
                "--header \"PRIVATE-TOKEN: {}\"");
        cred("credential.gitlab-runner-token", r -> r.pick("glrt", "gldt", "glptt", "glft", "glcbt") + "-"
                + r.from(Rng.ALNUM + "_-", r.between(20, 30)), "token = \"{}\"", "CI_JOB_TOKEN={}");
        cred("credential.slack-bot-token", r -> "xoxb-" + r.digits(11) + "-" + r.digits(13) + "-"
                + r.from(Rng.ALNUM, 24), "SLACK_BOT_TOKEN={}", "{\"token\": \"{}\"}");
        cred("credential.slack-user-token", r -> r.pick("xoxp", "xoxe") + "-" + r.digits(11) + "-" + r.digits(12)
                + "-" + r.digits(13) + "-" + r.from(Rng.HEX, 32), "SLACK_USER_TOKEN={}", "\"token\": \"{}\"");
        cred("credential.slack-app-token", r -> "xapp-1-A" + r.from(Rng.UPPER + Rng.DIGITS, 10) + "-"
                + r.digits(13) + "-" + r.from(Rng.HEX, 64), "SLACK_APP_TOKEN={}", "appToken: '{}'");
        cred("credential.slack-webhook", r -> "https://hooks.slack.com/services/T" + r.from(Rng.UPPER + Rng.DIGITS, 10)
                        + "/B" + r.from(Rng.UPPER + Rng.DIGITS, 10) + "/" + r.from(Rng.ALNUM, 24),
                "SLACK_WEBHOOK_URL={}", "curl -X POST -d '{\"text\":\"deploy done\"}' {}");
        cred("credential.stripe-secret-key", r -> "sk_live_" + r.from(Rng.ALNUM, r.pick(List.of(24, 99))),
                "STRIPE_SECRET_KEY={}", "stripe.api_key = \"{}\"");
        cred("credential.stripe-restricted-key", r -> "rk_live_" + r.from(Rng.ALNUM, r.pick(List.of(24, 99))),
                "STRIPE_KEY={}", "\"restricted\": \"{}\"");
        cred("credential.twilio-api-key", r -> "SK" + r.from(Rng.HEX, 32), "TWILIO_API_KEY={}", "api_key_sid: {}");
        cred("credential.twilio-account-sid", r -> "AC" + r.from(Rng.HEX, 32), "TWILIO_ACCOUNT_SID={}",
                "\"account_sid\": \"{}\"");
        cred("credential.twilio-auth-token", r -> r.from(Rng.HEX, 32), "TWILIO_AUTH_TOKEN={}",
                "twilio_auth_token: \"{}\"");
        cred("credential.sendgrid-api-key", r -> "SG." + r.from(Rng.URLSAFE, 22) + "." + r.from(Rng.URLSAFE, 43),
                "SENDGRID_API_KEY={}", "sg = SendGridAPIClient('{}')");
        cred("credential.anthropic-api-key", r -> r.pick("sk-ant-api03-", "sk-ant-admin01-")
                + r.from(Rng.URLSAFE, 93) + "AA", "ANTHROPIC_API_KEY={}", "client = Anthropic(api_key=\"{}\")");
        cred("credential.openai-api-key", r -> r.chance(0.8)
                        ? "sk-" + r.pick("proj", "svcacct", "admin") + "-" + r.from(Rng.URLSAFE, 64) + "T3BlbkFJ"
                                + r.from(Rng.URLSAFE, 64)
                        : "sk-" + r.from(Rng.ALNUM, 20) + "T3BlbkFJ" + r.from(Rng.ALNUM, 20),
                "OPENAI_API_KEY={}", "openai.api_key = '{}'");
        cred("credential.huggingface-token", r -> r.pick("hf_", "api_org_") + r.from(Rng.UPPER + Rng.LOWER, 34),
                "HF_TOKEN={}", "huggingface-cli login --token {}");
        cred("credential.npm-token", r -> "npm_" + r.from(Rng.ALNUM, 36),
                "//registry.npmjs.org/:_authToken={}", "NPM_TOKEN={}");
        cred("credential.pypi-token", r -> "pypi-AgEIcHlwaS5vcmc" + r.from(Rng.URLSAFE, r.between(120, 180)),
                "password = {}", "TWINE_PASSWORD={}");
        cred("credential.shopify-token", r -> r.pick("shpat_", "shpca_", "shppa_", "shpss_") + r.from(Rng.HEX, 32),
                "SHOPIFY_ACCESS_TOKEN={}", "\"X-Shopify-Access-Token\": \"{}\"");
        cred("credential.docker-hub-token", r -> "dckr_pat_" + r.from(Rng.URLSAFE, 27),
                "echo {} | docker login -u ci --password-stdin", "DOCKERHUB_TOKEN={}");
        cred("credential.grafana-service-account-token", r -> "glsa_" + r.from(Rng.ALNUM, 32) + "_"
                + r.from(Rng.HEX, 8), "GRAFANA_TOKEN={}", "Authorization: Bearer {}");
        card("financial.card-visa", r -> "4" + r.digits(14), 16);
        card("financial.card-mastercard", r -> r.chance(0.7) ? "5" + r.between(1, 5) + r.digits(13)
                : String.valueOf(r.between(2221, 2720)) + r.digits(11), 16);
        card("financial.card-amex", r -> "3" + r.pick("4", "7") + r.digits(12), 15);
        card("financial.card-discover", r -> r.chance(0.5) ? "6011" + r.digits(11)
                : r.chance(0.5) ? "65" + r.digits(13) : "64" + r.between(4, 9) + r.digits(12), 16);
        card("financial.card-jcb", r -> "35" + r.between(28, 89) + r.digits(11), 16);
        card("financial.card-diners", r -> r.chance(0.5) ? "30" + r.between(0, 5) + r.digits(10)
                : "3" + r.pick("6", "8") + r.digits(11), 14);
        RULES.put("financial.iban", r -> Snippet.of("financial.iban", FINANCIAL,
                r.pick("IBAN: {}", "wire the refund to {} (BIC DEMOBANKXXX)", "{\"iban\": \"{}\"}",
                        "account {}"), iban(r, r.chance(0.5))));
        RULES.put("financial.aba-routing", r -> Snippet.of("financial.aba-routing", FINANCIAL,
                r.pick("routing number: {}", "ABA: {}", "{\"aba\": \"{}\", \"account\": \"000123\"}", "RTN {}"),
                aba(r)));
        pem("credential.private-key-rsa", "RSA PRIVATE KEY", new byte[] {0x30, (byte) 0x82, 0x02, 0x5c, 2, 1, 0,
            2, (byte) 0x81, (byte) 0x81, 0});
        pem("credential.private-key-ec", "EC PRIVATE KEY", new byte[] {0x30, 0x77, 2, 1, 1, 4, 0x20});
        pem("credential.private-key-dsa", "DSA PRIVATE KEY", new byte[] {0x30, (byte) 0x82, 0x01, (byte) 0xbb, 2, 1,
            0, 2, (byte) 0x81, (byte) 0x81, 0});
        pem("credential.private-key-openssh", "OPENSSH PRIVATE KEY",
                "openssh-key-v1\0\0\0\0\4none\0\0\0\4none".getBytes(StandardCharsets.ISO_8859_1));
        pem("credential.private-key-pkcs8", "PRIVATE KEY", new byte[] {0x30, (byte) 0x82, 0x02, 0x76, 2, 1, 0, 0x30,
            0x0d, 6, 9, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 1, 1, 5, 0});
        pem("credential.private-key-pkcs8-encrypted", "ENCRYPTED PRIVATE KEY", new byte[] {0x30, (byte) 0x82, 0x02,
            (byte) 0xa5, 0x30, 0x5f, 6, 9, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 5, 0x0d});
        RULES.put("credential.private-key-pgp", r -> {
            String block = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + wrap(B64.encodeToString(r.bytes(420)), 64)
                    + "\n=" + B64.encodeToString(r.bytes(3)) + "\n-----END PGP PRIVATE KEY BLOCK-----";
            return Snippet.of("credential.private-key-pgp", CREDENTIAL, "{}\n", block);
        });
        RULES.put("credential.private-key-putty", r -> {
            String key = "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-2024"
                    + r.digits(4) + "\nPublic-Lines: 2\n" + wrap(B64.encodeToString(r.bytes(51)), 64)
                    + "\nPrivate-Lines: 1\n" + B64.encodeToString(r.bytes(36)) + "\nPrivate-MAC: " + r.from(Rng.HEX, 64);
            return Snippet.of("credential.private-key-putty", CREDENTIAL, "{}\n", key);
        });
        cred("credential.age-secret-key", r -> Checksums.bech32("age-secret-key-", -1, r.bytes(32))
                .toUpperCase(java.util.Locale.ROOT), "# created: 2024-05-01T10:00:00Z\n{}\n", "AGE_KEY={}");
        pii("pii.us-ssn", Values::ssn, "SSN: {}", "{\"employee\": \"Dana Roe\", \"ssn\": \"{}\"}",
                "social security no. {}", "applicant {} approved");
        pii("pii.us-ssn-unformatted", r -> {
            String s = ssn(r);
            return r.chance(0.5) ? s.replace("-", "") : s.replace('-', ' ');
        }, "SSN {}", "{\"ssn\": \"{}\"}", "social security number: {}", "ss# {}");
        pii("pii.us-itin", r -> "9" + r.digits(2) + "-" + r.pick("5" + r.digits(1), "6" + r.between(0, 5),
                "7" + r.digits(1), "8" + r.between(0, 8), "9" + r.pick("0", "1", "2", "4", "5", "6", "7", "8", "9"))
                + "-" + r.digits(4), "ITIN {}", "{\"itin\": \"{}\"}", "taxpayer id {}");
        RULES.put("pii.email-bulk", r -> {
            StringBuilder list = new StringBuilder();
            int n = r.between(12, 18);
            for (int i = 0; i < n; i++) {
                list.append(name(r)).append(" <").append(email(r, i)).append(">\n");
            }
            return Snippet.of("pii.email-bulk", PII, "customers to migrate:\n{}", list.toString());
        });
        RULES.put("pii.phone-bulk", r -> {
            StringBuilder list = new StringBuilder();
            int n = r.between(12, 16);
            for (int i = 0; i < n; i++) {
                list.append(name(r)).append(": ").append(phone(r)).append('\n');
            }
            return Snippet.of("pii.phone-bulk", PII, "on-call list:\n{}", list.toString());
        });
        pii("pii.uk-nino", r -> {
            String n = nino(r);
            return r.chance(0.5) ? n : n.substring(0, 2) + " " + n.substring(2, 4) + " " + n.substring(4, 6) + " "
                    + n.substring(6, 8) + " " + n.charAt(8);
        }, "NI number: {}", "{\"nino\": \"{}\"}", "NINO {} on file");
        pii("pii.ca-sin", r -> {
            String s = sin(r);
            return r.pick(s, s.substring(0, 3) + " " + s.substring(3, 6) + " " + s.substring(6),
                    s.substring(0, 3) + "-" + s.substring(3, 6) + "-" + s.substring(6));
        }, "SIN: {}", "{\"sin\": \"{}\"}", "social insurance number {}");
        source("source-code.confidentiality-marker", r -> r.pick("// INTERNAL USE ONLY", "# CONFIDENTIAL - property "
                        + "of the company", "/* PROPRIETARY AND CONFIDENTIAL */", "<!-- NOT FOR DISTRIBUTION -->",
                "-- TRADE SECRET: do not share", "# Proprietary and Confidential. Do not distribute."));
        source("source-code.company-copyright", r -> r.pick("// Copyright (c) 20" + r.between(15, 25)
                + " ExampleCorp. All rights reserved.", "# (c) ExampleCorp Inc.", " * Copyright 2019-2024 ExampleCorp, Inc."));
        source("source-code.company-confidential", r -> r.pick("// ExampleCorp CONFIDENTIAL", "# Proprietary and "
                + "confidential information of ExampleCorp", "ExampleCorp internal use only: billing engine v"
                + r.between(2, 9)));
        source("source-code.internal-hostname", r -> r.pick("ssh deploy@build-" + r.between(10, 99)
                        + ".examplecorp.invalid", "https://wiki.examplecorp.invalid/display/ENG/Runbook" + r.between(1, 99),
                "jdbc:postgresql://db" + r.between(1, 9) + ".prod.examplecorp.invalid:5432/app"));
        source("source-code.internal-package", r -> r.pick("package com.examplecorp." + r.pick("billing", "auth",
                        "ledger") + ";", "import com.examplecorp.auth.TokenService;",
                "from examplecorp_internal.payments import Ledger"));
        source("source-code.private-network-hostname", r -> r.pick("http://grafana.ops.internal:3000/d/abc"
                + r.between(1, 99), "ssh admin@jump" + r.between(1, 9) + ".prod.corp", "db0" + r.between(1, 9)
                + ".intranet"));
        cred("credential.bitcoin-wif", r -> {
            byte[] payload = new byte[r.chance(0.5) ? 34 : 33];
            payload[0] = (byte) (r.chance(0.8) ? 0x80 : 0xef);
            System.arraycopy(r.bytes(32), 0, payload, 1, 32);
            if (payload.length == 34) {
                payload[33] = 1;
            }
            return Checksums.base58check(payload);
        }, "WIF: {}", "{\"privkey\": \"{}\"}", "bitcoin-cli importprivkey {} \"hot\"");
        cred("credential.bip32-extended-private-key", r -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(78);
            b.putInt(r.pick(List.of(0x0488ADE4, 0x04358394, 0x04B2430C))).put((byte) 0).put(new byte[4]).putInt(0)
                    .put(r.bytes(32)).put((byte) 0).put(r.bytes(32));
            return Checksums.base58check(b.array());
        }, "xprv: {}", "MASTER_KEY={}", "{\"extended_private_key\": \"{}\"}");
        cred("credential.bip39-mnemonic", r -> Checksums.bip39(r.bytes(r.chance(0.6) ? 16 : 32), Detectors.BIP39),
                "seed phrase: {}", "mnemonic = \"{}\"", "restore the wallet from: {}");
        cred("credential.ethereum-private-key", r -> r.from(Rng.HEX, 64), "PRIVATE_KEY=0x{}",
                "{\"privateKey\": \"0x{}\"}", "const signer = new ethers.Wallet(\"{}\"); // private key");
        source("source-code.confidentiality-phrase", r -> r.pick("Proprietary and confidential", "Strictly Confidential",
                "Internal use only - do not distribute", "Privileged & Confidential", "Trade secret of the company",
                "Not for external distribution", "Confidential: do not forward"));
        RULES.put("financial.card-other", r -> {
            String pan = otherNetworkCard(r);
            if (r.chance(0.3)) {
                StringBuilder table = new StringBuilder(r.pick("customer,card,expiry\n", "name\tcard number\texpiry\n"));
                String sep = table.indexOf("\t") >= 0 ? "\t" : ",";
                table.append(name(r)).append(sep).append(pan).append(sep).append("04/29\n");
                for (int i = r.between(1, 3); i > 0; i--) {
                    table.append(name(r)).append(sep).append(otherNetworkCard(r)).append(sep).append("11/27\n");
                }
                return Snippet.of("financial.card-other", FINANCIAL, "{}", table.toString());
            }
            String grouped = r.chance(0.5) ? pan : String.join(" ", pan.split("(?<=\\G.{4})"));
            return Snippet.of("financial.card-other", FINANCIAL, r.pick("UnionPay card number: {}",
                    "{\"pan\": \"{}\", \"exp\": \"04/29\"}", "pay with the maestro {} please", "card# {}"), grouped);
        });
        RULES.put("pii.phone-column", r -> {
            boolean markdown = r.chance(0.5);
            StringBuilder table = new StringBuilder(markdown ? "| Name | Mobile | Team |\n|---|---|---|\n"
                    : "name,phone,team\n");
            for (int i = r.between(3, 6); i > 0; i--) {
                String number = nationalPhone(r);
                table.append(markdown ? "| " + name(r) + " | " + number + " | ops |\n" : name(r) + "," + number + ",ops\n");
            }
            return Snippet.of("pii.phone-column", PII, "{}", table.toString());
        });
        // Last, so that adding it changed no value generated for the rules before it.
        cred("credential.login-command-password", r -> r.password(r.between(12, 20)),
                "docker login -u ci-bot -p {} registry.demo.invalid", "sshpass -p {} ssh deploy@10.0.0.5",
                "podman login quay.demo.invalid -u robot -p '{}'");
        // Wave-3 detectors, appended after it for the same reason.
        RULES.put("credential.bip39-mnemonic-bare", r -> {
            String phrase = Checksums.bip39(r.bytes(r.chance(0.6) ? 16 : 32), Detectors.BIP39);
            if (r.chance(0.3)) {
                String[] words = phrase.split(" ");
                StringBuilder numbered = new StringBuilder();
                for (int i = 0; i < words.length; i++) {
                    numbered.append(i + 1).append(". ").append(words[i]).append('\n');
                }
                phrase = numbered.toString();
            }
            return Snippet.of("credential.bip39-mnemonic-bare", CREDENTIAL, r.pick("{}", "{}\n"), phrase);
        });
        RULES.put("financial.card-track-data", r -> {
            String pan = cardNumber(r, x -> "4" + x.digits(14), 16);
            String expiry = r.between(26, 31) + String.format("%02d", r.between(1, 12));
            String track = r.chance(0.5) ? "%B" + pan + "^" + r.pick("MOSS/ANA", "PARK/DANA", "ITO/OMAR") + "^"
                    + expiry + "101" + r.digits(r.between(10, 20)) + "?" : ";" + pan + "=" + expiry + "101"
                    + r.digits(r.between(8, 13)) + "?";
            return Snippet.of("financial.card-track-data", FINANCIAL, r.pick("reader dump: {}", "{\"swipe\": \"{}\"}",
                    "{}"), track);
        });
        RULES.put("pii.email-column", r -> {
            boolean markdown = r.chance(0.5);
            StringBuilder table = new StringBuilder(markdown ? "| Name | Email | Plan |\n|---|---|---|\n"
                    : "name,email,plan\n");
            for (int i = r.between(3, 7); i > 0; i--) {
                String address = email(r, i);
                table.append(markdown ? "| " + name(r) + " | " + address + " | pro |\n" : name(r) + "," + address
                        + ",pro\n");
            }
            return Snippet.of("pii.email-column", PII, "{}", table.toString());
        });
        cred("credential.devops-platform-token", r -> switch (r.nextInt(8)) {
            case 0 -> "pul-" + r.from(Rng.HEX, 40);
            case 1 -> "pnu_" + r.from(Rng.ALNUM, 36);
            case 2 -> "rubygems_" + r.from(Rng.HEX, 48);
            case 3 -> "AKCp" + r.from(Rng.ALNUM, 69);
            case 4 -> "dt0c01." + r.from(Rng.UPPER + Rng.DIGITS, 24) + "." + r.from(Rng.UPPER + Rng.DIGITS, 64);
            case 5 -> "CCIPAT_" + r.from(Rng.ALNUM, 22) + "_" + r.from(Rng.HEX, 40);
            case 6 -> "bkua_" + r.from(Rng.HEX, 40);
            default -> "nfp_" + r.from(Rng.ALNUM, 36);
        }, "TOKEN={}", "{\"token\": \"{}\"}", "export CI_SECRET={}", "the deploy token is {}");
        cred("credential.business-api-token", r -> switch (r.nextInt(8)) {
            case 0 -> "key-" + r.from(Rng.HEX, 32);
            case 1 -> "xkeysib-" + r.from(Rng.HEX, 64) + "-" + r.from(Rng.ALNUM, 16);
            case 2 -> "sq0csp-" + r.from(Rng.URLSAFE.replace("-", ""), 43);
            case 3 -> "whsec_" + r.from(Rng.ALNUM, 32);
            case 4 -> "shippo_live_" + r.from(Rng.HEX, 40);
            case 5 -> "figd_" + r.from(Rng.ALNUM, 40);
            case 6 -> "CFPAT-" + r.from(Rng.ALNUM, 43);
            default -> r.from(Rng.HEX, 32) + "-us" + r.between(1, 21);
        }, "API_KEY={}", "{\"key\": \"{}\"}", "client = Client(\"{}\")", "use {} for the webhook");
    }

    /** A Luhn-valid PAN of a network without a brand rule: UnionPay 62 (16 or 19 digits), Maestro, Mir. */
    static String otherNetworkCard(Rng r) {
        String prefix = r.pick("62", "6759", "5018", "5020", "6304", "2200", "2204");
        int length = prefix.equals("62") && r.chance(0.4) ? 19 : 16;
        return cardNumber(r, x -> prefix + x.digits(length - 1 - prefix.length()), length);
    }

    /** A phone number as a contact export holds it: national with a trunk 0 (UK, France, Germany) or E.164. */
    static String nationalPhone(Rng r) {
        return switch (r.nextInt(4)) {
            case 0 -> "07700 " + r.digits(6);
            case 1 -> "020 " + r.digits(4) + " " + r.digits(4);
            case 2 -> "0" + r.between(1, 5) + " " + r.digits(2) + " " + r.digits(2) + " " + r.digits(2) + " " + r.digits(2);
            default -> phone(r);
        };
    }

    private Values() {
    }

    private static void cred(String rule, Function<Rng, String> value, String... templates) {
        RULES.put(rule, r -> Snippet.of(rule, CREDENTIAL, r.pick(templates), value.apply(r)));
    }

    private static void pii(String rule, Function<Rng, String> value, String... templates) {
        RULES.put(rule, r -> Snippet.of(rule, PII, r.pick(templates), value.apply(r)));
    }

    private static void source(String rule, Function<Rng, String> line) {
        RULES.put(rule, r -> Snippet.of(rule, SOURCE, r.pick(
                "{}\npackage main\n\nfunc handler() error {\n\treturn nil\n}\n",
                "#!/usr/bin/env python3\n{}\nimport os\n\ndef main():\n    print(os.getcwd())\n",
                "/*\n{}\n */\npublic final class Ledger {\n    private long total;\n}\n"), line.apply(r)));
    }

    private static void github(String rule, String prefix) {
        RULES.put(rule, r -> githubSnippet(rule, prefix, r));
    }

    private static Snippet githubSnippet(String rule, String prefix, Rng r) {
        return Snippet.of(rule, CREDENTIAL, r.pick("GITHUB_TOKEN={}", "git remote set-url origin https://{}"
                + "@github.com/acme/app.git", "token: {}", "{\"github_token\": \"{}\"}"), githubToken(prefix, r));
    }

    /** A GitHub token: prefix, 30 random base62 characters and their CRC32 in six base62 digits. */
    static String githubToken(String prefix, Rng r) {
        String random = r.from(Rng.ALNUM, 30);
        return prefix + random + Checksums.githubCrc(random);
    }

    private static void card(String rule, Function<Rng, String> payload, int length) {
        RULES.put(rule, r -> Snippet.of(rule, FINANCIAL, r.pick("card on file {} exp 04/29", "{\"pan\": \"{}\"}",
                "charge {} for the renewal", "cc: {}"), cardFormat(r, cardNumber(r, payload, length))));
    }

    /** A Luhn-valid number from {@code payload} (length - 1 digits) plus its check digit. */
    static String cardNumber(Rng r, Function<Rng, String> payload, int length) {
        String p = payload.apply(r);
        if (p.length() != length - 1) {
            throw new IllegalStateException("card payload length " + p.length() + " for " + length);
        }
        return p + Checksums.luhn(p);
    }

    /** Compact, or grouped with spaces or hyphens as printed (4-4-4-4, 4-6-5, 4-6-4). */
    static String cardFormat(Rng r, String digits) {
        int style = r.nextInt(3);
        if (style == 0) {
            return digits;
        }
        return HardValues.cardGrouped(digits, style == 1 ? " " : "-");
    }

    /** A dashed SSN in the issued ranges (area 001-665, 667-899; group and serial not zero). */
    static String ssn(Rng r) {
        int area;
        do {
            area = r.between(1, 899);
        } while (area == 666 || area == 78 || area == 123 || area == 219);
        return String.format("%03d-%02d-%04d", area, r.between(1, 99), r.between(1, 9999));
    }

    static String nino(Rng r) {
        String first = "ABCEGHJKLMNOPRSTWXYZ";
        String second = "ABCEGHJKLMNPRSTWXYZ";
        String prefix;
        do {
            prefix = r.from(first, 1) + r.from(second, 1);
        } while (List.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(prefix));
        return prefix + r.digits(6) + r.from("ABCD", 1);
    }

    /** A Luhn-valid SIN whose first digit is not 0 or 8 (and not the published sample). */
    static String sin(Rng r) {
        String p;
        do {
            p = r.from("1234567", 1) + r.digits(7);
        } while (p.equals("04645428"));
        return p + Checksums.luhn(p);
    }

    static String aba(Rng r) {
        int prefix = r.pick(List.of(r.between(1, 12), r.between(21, 32), r.between(61, 72), 80));
        String first8 = String.format("%02d", prefix) + r.digits(6);
        return first8 + Checksums.aba(first8);
    }

    /** Registered IBAN layouts used here: country, BBAN of digits and upper-case letters. */
    static String iban(Rng r, boolean grouped) {
        String country = r.pick("DE", "GB", "FR", "NL", "ES", "IT", "CH", "BE", "PL", "AT");
        String bban = switch (country) {
            case "DE" -> r.digits(18);
            case "GB" -> r.from(Rng.UPPER, 4) + r.digits(14);
            case "FR" -> r.digits(23);
            case "NL" -> r.from(Rng.UPPER, 4) + r.digits(10);
            case "ES" -> r.digits(20);
            case "IT" -> r.from(Rng.UPPER, 1) + r.digits(22);
            case "CH" -> r.digits(17);
            case "BE" -> r.digits(12);
            case "PL" -> r.digits(24);
            default -> r.digits(16);
        };
        String iban = country + Checksums.ibanCheck(country, bban) + bban;
        return grouped ? group4(iban) : iban;
    }

    static String group4(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(s, i, Math.min(s.length(), i + 4));
        }
        return out.toString();
    }

    /** An HS256/RS256 JWT: JSON header and claims, random signature. */
    static String jwt(Rng r) {
        String header = "{\"alg\":\"" + r.pick("HS256", "RS256", "ES256") + "\",\"typ\":\"JWT\"}";
        String payload = "{\"sub\":\"user-" + r.digits(5) + "\",\"iss\":\"https://auth." + r.pick("acme", "corp",
                "demo") + ".invalid\",\"exp\":" + (1_900_000_000 + r.nextInt(50_000_000)) + ",\"scope\":\""
                + r.pick("repo:write", "admin", "read write") + "\"}";
        return B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(r.bytes(r.pick(List.of(32, 64))));
    }

    private static void pem(String rule, String label, byte[] derPrefix) {
        RULES.put(rule, r -> Snippet.of(rule, CREDENTIAL, r.pick("{}\n", "key.pem:\n{}\n",
                "cat ~/.ssh/id:\n{}\n"), pemBlock(label, derPrefix, r.bytes(r.between(300, 560)))));
    }

    static String pemBlock(String label, byte[] prefix, byte[] rest) {
        byte[] der = new byte[prefix.length + rest.length];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(rest, 0, der, prefix.length, rest.length);
        return "-----BEGIN " + label + "-----\n" + wrap(B64.encodeToString(der), 64) + "\n-----END " + label + "-----";
    }

    static String wrap(String s, int width) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i += width) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(s, i, Math.min(s.length(), i + width));
        }
        return out.toString();
    }

    private static Snippet serviceAccount(Rng r) {
        String project = r.pick("billing", "ml", "data") + "-prod-" + r.digits(4);
        String key = pemBlock("PRIVATE KEY", new byte[] {0x30, (byte) 0x82, 0x02, 0x76, 2, 1, 0}, r.bytes(300))
                .replace("\n", "\\n");
        String doc = "{\n  \"type\": \"service_account\",\n  \"project_id\": \"" + project + "\",\n"
                + "  \"private_key_id\": \"" + r.from(Rng.HEX, 40) + "\",\n  \"private_key\": \"" + key + "\\n\",\n"
                + "  \"client_email\": \"deployer@" + project + ".iam.gserviceaccount.com\",\n"
                + "  \"client_id\": \"" + r.digits(21) + "\"\n}";
        return Snippet.of("credential.gcp-service-account", CREDENTIAL, "{}\n", doc);
    }

    static String name(Rng r) {
        return r.pick("Dana", "Lee", "Ana", "Omar", "Kim", "Ravi", "Eva", "Jon", "Mia", "Ola") + " "
                + r.pick("Roe", "Park", "Silva", "Haddad", "Novak", "Iyer", "Berg", "Moss", "Ito", "Kane");
    }

    static String email(Rng r, int i) {
        return r.pick("dana", "lee", "ana", "omar", "kim", "ravi", "eva", "jon") + "." + r.pick("roe", "park",
                "silva", "novak", "iyer") + i + "@" + r.pick("mailbox", "post", "inbox", "corp-mail") + "."
                + r.pick("net", "de", "co.uk", "io", "fr");
    }

    /** A NANP (dashed or parenthesized) or E.164 phone number. */
    static String phone(Rng r) {
        String area = r.between(2, 9) + r.digits(2);
        String exchange = r.between(2, 9) + r.digits(2);
        String line = r.digits(4);
        return switch (r.nextInt(4)) {
            case 0 -> "(" + area + ") " + exchange + "-" + line;
            case 1 -> area + "-" + exchange + "-" + line;
            case 2 -> "+1" + area + exchange + line;
            default -> "+44 20 " + r.digits(4) + " " + r.digits(4);
        };
    }

    /** Every rule id with a generator. */
    static List<String> ruleIds() {
        return new ArrayList<>(RULES.keySet());
    }
}
