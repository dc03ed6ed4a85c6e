package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Family {@code lead31}: the credentials a blind red team still got past that session 31 closed, with hard negatives
 * beside them.
 * <ul>
 *   <li>Positives ({@code rt7:<kind>}): a vendor token pasted in two user messages whose second part starts with a
 *       label ({@code Part 2: }, {@code 2/2 - }, {@code rest = }; {@code labelled-parts}); a Markdown table of
 *       credentials whose cells are inline code ({@code `...`}; {@code md-code-cell}); a base64 secret that starts
 *       with {@code /} in a config assignment (Phoenix's {@code secret_key_base: "/6+eG..."}, one key in 64;
 *       {@code slash-base64}); a Consul or Nomad ACL token after a key label ({@code consul-key}); a proprietary
 *       licence in its own words: Cargo's {@code license-file} naming one, "no part of the Software may be copied",
 *       "the Software constitutes trade secrets" ({@code licence-words}).</li>
 *   <li>Negatives ({@code neg:lead31}, {@code neg:<kind>}): conversations whose messages are labelled parts of prose
 *       or of a plan; Markdown tables with masked, placeholder or templated inline-code cells; file paths assigned to
 *       secret-named keys; UUIDs near the words consul or nomad that follow no key label; an open-source
 *       {@code license-file}, news of a trade-secret theft, "no part of the meeting may be recorded".</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Lead31 {

    static final long SEED = 20_261_207L;
    static final String FAMILY = "lead31";

    private static final String TARGET = "https://api.anthropic.com/v1/messages";
    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");
    private static final List<String> LABELS = List.of("Part 2: ", "2/2 - ", "second half: ", "rest = ", "(2) > ",
            "part two:  ", "#2: ", "continued: ");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Lead31(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Lead31 c = new Lead31(r);
        c.labelledParts();
        c.codeCells();
        c.slashBase64();
        c.consulKeys();
        c.licences();
        c.labelledNegatives();
        c.cellNegatives();
        c.pathNegatives();
        c.consulNegatives();
        c.licenceNegatives();
        return c.out;
    }

    /** A vendor token and the rule that finds it, in turn. */
    private String[] token(int i) {
        return switch (i % 6) {
            case 0 -> new String[] {"credential.github-pat", HardValues.github(r, "ghp_")};
            case 1 -> new String[] {"credential.stripe-secret-key", HardValues.stripe(r, "sk_live_")};
            case 2 -> new String[] {"credential.slack-bot-token", HardValues.slackBot(r)};
            case 3 -> new String[] {"credential.gitlab-pat", HardValues.gitlab(r)};
            case 4 -> new String[] {"credential.anthropic-api-key", HardValues.anthropic(r)};
            default -> new String[] {"credential.npm-token", HardValues.npm(r)};
        };
    }

    // ---- a token pasted in two labelled parts ----

    private void labelledParts() {
        for (int i = 0; i < 16; i++) {
            String[] t = token(i);
            String token = t[1];
            int cut = 8 + r.nextInt(token.length() - 14);
            String label = LABELS.get(i % LABELS.size());
            String first = r.pick("The form truncates long values, so in two parts. Part 1: ",
                    "Splitting the key because chat cuts it. 1/2 - ", "Here is the first half: ", "part one: ")
                    + token.substring(0, cut);
            String between = r.pick("Got part 1. Send part 2.", "OK, waiting for the rest.", "Received. Continue.");
            String body = i % 2 == 0
                    ? Split.anthropic(Split.user(Split.q(first)) + "," + Split.assistant(Split.q(between)) + ","
                            + Split.user(Split.q(label + token.substring(cut))))
                    : "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":" + Split.q(first)
                            + "},{\"role\":\"assistant\",\"content\":" + Split.q(between)
                            + "},{\"role\":\"user\",\"content\":" + Split.q(label + token.substring(cut)) + "}]}";
            String target = i % 2 == 0 ? TARGET : "https://api.openai.com/v1/chat/completions";
            positive("labelled-parts", t[0], Values.CREDENTIAL, json(target, body, "a token in two labelled parts"),
                    i % 2 == 0 ? "json-anthropic" : "json-openai-chat");
        }
    }

    private void labelledNegatives() {
        String[][] talks = {
            {"Here is the outline. Part 1: introduction", "Part 2: the design of the parser and its error recovery"},
            {"Step 1: clone the repository", "Step 2: run mvn verify and read the report"},
            {"The ticket id is ENG-4211", "continued: the customer reports the timeout again after the upgrade"},
            {"Chapter 1 - the encoder", "2/2 - and the decoder, which mirrors it"},
            {"first half: sha256 of the build is in the log", "rest = the artifacts list and their sizes"},
            {"Deploy target: prod-eu-west-1", "#2: canary-eu-west-1, at ten percent"},
        };
        for (String[] talk : talks) {
            String body = Split.anthropic(Split.user(Split.q(talk[0])) + "," + Split.assistant(Split.q("Noted."))
                    + "," + Split.user(Split.q(talk[1])));
            out.add(new HardCorpus.Out(json(TARGET, body, "labelled parts of prose"), List.of(), List.of(),
                    List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:labelled-parts", "container:json-anthropic",
                            "enc:none"), talk[0] + "\n" + talk[1]));
        }
    }

    // ---- Markdown tables with inline-code cells ----

    private void codeCells() {
        for (int i = 0; i < 10; i++) {
            String column = r.pick("Password", "password", "API key", "Token", "Secret");
            StringBuilder table = new StringBuilder("| Service | User | " + column + " |\n|---|---|---|\n");
            for (int row = 0; row < 2 + i % 3; row++) {
                table.append("| ").append(r.pick("grafana", "vpn", "stripe-dashboard", "jenkins", "pgadmin"))
                        .append(" | ").append(r.pick("admin", "svc-backup", "ops", "finance-admin")).append(" | `")
                        .append(HardValues.password(r)).append("` |\n");
            }
            String text = r.pick("The deploy keeps failing, this is what I have:\n\n", "Credentials sheet:\n\n",
                    "Can you turn this into a .env file?\n\n") + table;
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            positive("md-code-cell", "credential.table-secret-column", Values.CREDENTIAL,
                    Containers.build(container, text, false, r), container);
        }
    }

    private void cellNegatives() {
        negative("md-code-cell", "| Service | User | Password |\n|---|---|---|\n| grafana | admin | `********` |\n"
                + "| vpn | ops | `<redacted>` |\n");
        negative("md-code-cell", "| Service | Password |\n|---|---|\n| db | `${DB_PASSWORD}` |\n| cache | `{{ .Values.redis }}` |\n");
        negative("md-code-cell", "| Setting | Token |\n|---|---|\n| expiry | `2026-01-02T10:22:01Z` |\n| count | `128000` |\n");
        negative("md-code-cell", "| Field | Secret |\n|---|---|\n| source | `vault kv get` |\n| rotation | `every 90 days` |\n");
    }

    // ---- base64 secrets that start with a slash ----

    private void slashBase64() {
        for (int i = 0; i < 10; i++) {
            String value = slashKey(48 + 8 * (i % 3));
            String text = switch (i % 5) {
                case 0 -> "config :acme, AcmeWeb.Endpoint,\n  secret_key_base: \"" + value + "\"\n";
                case 1 -> "SECRET_KEY=" + value + "\n";
                case 2 -> "session:\n  secret: \"" + value + "\"\n";
                case 3 -> "app.config[\"SECRET_KEY\"] = \"" + value + "\"";
                default -> "export APP_SECRET='" + value + "'";
            };
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            positive("slash-base64", "credential.generic-secret-assignment", Values.CREDENTIAL,
                    Containers.build(container, text, false, r), container);
        }
    }

    /** Base64 of random bytes, its first character {@code /} (as for one key in 64); a {@code +} in it for half. */
    private String slashKey(int bytes) {
        String b64 = Base64.getEncoder().withoutPadding().encodeToString(r.bytes(bytes));
        return "/" + b64.substring(1);
    }

    private void pathNegatives() {
        negative("slash-base64", "secret_file: /run/secrets/postgres_password\nkey_path: /etc/ssl/private/server.key\n");
        negative("slash-base64", "SECRET_KEY_FILE=/var/lib/app/keys/Prod2024Signing.pem\nTOKEN_PATH=/home/ci/.config/gh/hosts.yml\n");
        negative("slash-base64", "password_file = /opt/vendor/conf/AcmeSuiteEnterprise/credentials.ini");
    }

    // ---- a Consul or Nomad token after a key label ----

    private void consulKeys() {
        for (int i = 0; i < 6; i++) {
            String text = r.pick("here's the Consul key for staging: ", "Nomad ACL key = ", "consul bootstrap key: \"")
                    + Negatives.uuid(r) + r.pick("", "\n", " (rotate it next week)");
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            positive("consul-key", "credential.consul-nomad-token", Values.CREDENTIAL,
                    Containers.build(container, text, false, r), container);
        }
    }

    private void consulNegatives() {
        negative("consul-key", "the consul turnkey appliance " + Negatives.uuid(r) + " is up");
        negative("consul-key", "nomad key metrics for alloc " + Negatives.uuid(r) + " look fine");
        negative("consul-key", "consul kv get config/app/feature-key, session " + Negatives.uuid(r));
    }

    // ---- proprietary licences in their own words ----

    private void licences() {
        String[] owners = {"Mirrowen Health SAS", "Tamarind Freight Co.", "Lumivex Robotics GmbH", "Orvane Systems Ltd."};
        for (int i = 0; i < 9; i++) {
            String owner = owners[i % owners.length];
            String text = switch (i % 3) {
                case 0 -> "Can you review this file and suggest refactorings? (Cargo.toml)\n\n[package]\nname = \""
                        + r.pick("ardent-book", "ledger-core", "route-planner") + "\"\nversion = \"0.12.0\"\n"
                        + "license-file = \"" + r.pick("LICENSE-PROPRIETARY", "COMMERCIAL-LICENSE.txt", "EULA.md")
                        + "\"\npublish = false\n";
                case 1 -> "--- LICENSE ---\nCopyright (c) 2024 " + owner + " All rights reserved.\n\nThis software and "
                        + "associated documentation files (the \"Software\") are proprietary. No part of the Software "
                        + "may be " + r.pick("copied", "reproduced", "distributed") + ", modified or sold without the "
                        + "express written permission of " + owner + "\n";
                default -> "SOFTWARE LICENSE AGREEMENT\n\n1. GRANT. " + owner + " grants Licensee a non-exclusive "
                        + "license for internal business purposes.\n3. CONFIDENTIALITY. The Software, including its "
                        + "source code, constitutes " + r.pick("", "valuable ") + "trade secrets and confidential "
                        + "information of Licensor.\n";
            };
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            positive("licence-words", "source-code.proprietary-license", Values.SOURCE,
                    Containers.build(container, text, false, r), container);
        }
    }

    private void licenceNegatives() {
        negative("licence-words", "[package]\nname = \"ledger\"\nlicense-file = \"LICENSE-MIT\"\npublish = false\n");
        negative("licence-words", "The engineer was charged with theft of trade secrets and confidential information "
                + "of her employer, prosecutors said on Tuesday.");
        negative("licence-words", "No part of the meeting may be recorded, and no part of the demo may be shared "
                + "before the launch.");
        negative("licence-words", "Licensed under the Apache License, Version 2.0. You may obtain a copy of the "
                + "License at the project site; the software is distributed on an AS IS basis.");
    }

    // ---- helpers ----

    private void positive(String kind, String rule, String category, Containers.Req req, String container) {
        out.add(new HardCorpus.Out(req, List.of(rule), List.of(), List.of("family:" + FAMILY, "cat:" + category,
                "rt7:" + kind, "container:" + container, "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }

    private static Containers.Req json(String target, String body, String where) {
        return new Containers.Req("POST", target, Containers.headers("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), false, where);
    }
}
