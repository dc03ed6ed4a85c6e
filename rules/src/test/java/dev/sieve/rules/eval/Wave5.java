package dev.sieve.rules.eval;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Family {@code wave5}: what three blind red teams (credentials, source code, evasions; 2026-12-05) found passing,
 * and the fixes it prompted, as classes with their hard negatives beside them:
 * <ul>
 *   <li>{@code tool-args}: a JSON document inside a JSON string (OpenAI Chat {@code tool_calls[].function.arguments},
 *       Responses {@code function_call.arguments}), itself holding a JSON file whose values are quoted, so a secret is
 *       two escapes deep ({@code \\\"password\\\": \\\"...\\\"});</li>
 *   <li>{@code secret-form}: password and key forms the generic assignment rule did not read: SQL {@code WITH PASSWORD}
 *       and {@code IDENTIFIED BY}, redis {@code requirepass}, builder calls {@code .password("...")}, .NET
 *       {@code <add key=... value=...>}, Windows answer files, quoted values with brackets (Django's SECRET_KEY),
 *       Laravel's {@code APP_KEY=base64:}, Fernet and encryption keys;</li>
 *   <li>{@code marker}: confidentiality markings in other comment syntaxes and headings, classification banners,
 *       capitalised stamps and phrasings in other languages, legal notices and proprietary licence metadata.</li>
 * </ul>
 * Hard negatives ({@code neg:wave5}, {@code neg:<kind>}) use the same shapes: placeholders and environment lookups in
 * the new forms, password hashes, values cut short with "...", JSON-looking strings that are not JSON, tool calls
 * without secrets, API notes ("@internal ... internal use only"), prose about trade-secret law and insider trading,
 * lists of classification levels, open-source licence metadata. Written with the fixes, so not held out.
 */
final class Wave5 {

    static final long SEED = 20_261_207L;
    static final String FAMILY = "wave5";

    private static final List<String> TEXT_CONTAINERS = List.of("json-anthropic", "text", "json-openai-chat",
            "json-anthropic-tool", "multipart", "json-gemini", "json-openai-responses", "gzip-octet");
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Wave5(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Wave5 c = new Wave5(r);
        c.toolArgs();
        c.secretForms();
        c.markers();
        c.negatives();
        c.evasions();
        return c.out;
    }

    /**
     * Appended after the first version of the family (so its earlier cases stay as they were): a base64 blob on the
     * line after a label made of base64's alphabet ({@code application/gzip}), and a value written with a combining
     * mark after each character (strike-through text); a label and blob of random bytes, and accented prose, beside.
     */
    private void evasions() {
        for (int i = 0; i < 6; i++) {
            String pw = password();
            String secret = "db:\n  host: db\n  password: " + pw + "\n";
            String label = List.of("application/gzip", "mime=application/x-yaml", "data/exports/2026/config")
                    .get(i % 3);
            String blob = i % 2 == 0 ? java.util.Base64.getEncoder().encodeToString(secret.getBytes(
                    StandardCharsets.UTF_8)) : java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(
                    secret.getBytes(StandardCharsets.UTF_8));
            String text = label + "\n" + blob;
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            out.add(new HardCorpus.Out(Containers.build(container, text, false, r),
                    List.of("credential.generic-secret-assignment"), List.of(), tags("cat:" + Values.CREDENTIAL,
                            "rt3:label-base64", "container:" + container), ""));
        }
        for (int i = 0; i < 4; i++) {
            String plain = "stripe key: sk_live_" + r.from(ALNUM, 24);
            StringBuilder struck = new StringBuilder();
            for (char ch : plain.toCharArray()) {
                struck.append(ch).append(i % 2 == 0 ? '\u0336' : '\u0332');
            }
            String text = "as discussed: " + struck;
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(),
                    List.of(Values.CREDENTIAL), tags("cat:" + Values.CREDENTIAL, "rt3:combining-marks",
                            "container:" + container), ""));
        }
        negative("label-random", "application/octet-stream\n" + java.util.Base64.getEncoder().encodeToString(
                r.bytes(48)));
        negative("label-random", "data/exports/2026/blob\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(r.bytes(120)));
        negative("accented-prose", "Cafe\u0301 re\u0301sume\u0301: the nai\u0308ve approach works for the demo.");
    }

    /** A password a person or a generator would set: letters, digits and a symbol or two. */
    private String password() {
        return r.from(ALNUM, 6) + r.pick("!", "#", "%", "~", "+", "^") + r.from(ALNUM, 5) + r.pick(".", "-", "*", "=")
                + r.from(ALNUM, 4);
    }

    // ---- tool-call arguments ----

    private void toolArgs() {
        List<Function<String, String>> files = List.of(
                pw -> "{\n  \"database\": {\n    \"host\": \"db\",\n    \"user\": \"app\",\n    \"password\": \"" + pw
                        + "\"\n  }\n}\n",
                pw -> "{\"smtp\": {\"username\": \"mailer\", \"password\": \"" + pw + "\", \"port\": 587}}",
                pw -> "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + r.from(ALNUM, 12) + "\" password=\"" + pw + "\";\n",
                pw -> "[{\"name\": \"DB_PASSWORD\", \"value\": \"" + pw + "\"}, {\"name\": \"client_secret\", \"value\": \""
                        + r.from(ALNUM, 24) + "\"}]",
                pw -> "{\"ConnectionStrings\": {\"Main\": \"Server=db;Database=app;User Id=app;Password=" + pw
                        + ";\"}, \"Jwt\": {\"Secret\": \"" + pw + r.from(ALNUM, 8) + "\"}}");
        for (int i = 0; i < 15; i++) {
            String file = files.get(i % files.size()).apply(password());
            String path = r.pick("config/settings.json", "appsettings.json", "secrets.json", "client.properties");
            String arguments = "{\"path\": \"" + path + "\", \"content\": " + quote(file) + "}";
            boolean responses = i % 3 == 2;
            out.add(new HardCorpus.Out(toolCall(arguments, responses, "write_file"), List.of(),
                    List.of(Values.CREDENTIAL), tags("cat:" + Values.CREDENTIAL, "rt3:tool-args",
                            "container:" + (responses ? "openai-responses-function-call" : "openai-tool-call")), ""));
        }
    }

    /** An OpenAI Chat request whose assistant turn calls {@code tool} with {@code arguments}, or a Responses one. */
    private static Containers.Req toolCall(String arguments, boolean responses, String tool) {
        String id = "call_" + Integer.toHexString(arguments.hashCode() & 0x7fffffff);
        String body;
        String target;
        String where;
        if (responses) {
            target = "https://api.openai.com/v1/responses";
            body = "{\"model\":\"gpt-5\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"Save it.\"},"
                    + "{\"type\":\"function_call\",\"call_id\":\"" + id + "\",\"name\":\"" + tool + "\",\"arguments\":"
                    + quote(arguments) + "},{\"type\":\"function_call_output\",\"call_id\":\"" + id
                    + "\",\"output\":\"written\"}]}";
            where = "body json $.input[1].arguments (a JSON document in a JSON string)";
        } else {
            target = "https://api.openai.com/v1/chat/completions";
            body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Write the config file.\"},"
                    + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"" + id + "\",\"type\":"
                    + "\"function\",\"function\":{\"name\":\"" + tool + "\",\"arguments\":" + quote(arguments)
                    + "}}]},{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"ok\"}]}";
            where = "body json $.messages[1].tool_calls[0].function.arguments (a JSON document in a JSON string)";
        }
        return new Containers.Req("POST", target, List.of(Map.entry("Content-Type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8), false, where);
    }

    /** {@code s} as a JSON string literal. */
    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    // ---- password and key forms ----

    private void secretForms() {
        List<Function<String, String>> forms = List.of(
                pw -> "CREATE USER reporting WITH PASSWORD '" + pw + "';\nGRANT SELECT ON ALL TABLES TO reporting;",
                pw -> "ALTER USER app_rw IDENTIFIED BY \"" + pw + "\";",
                pw -> "CREATE USER 'etl'@'%' IDENTIFIED BY '" + pw + "';",
                pw -> "bind 0.0.0.0\nport 6379\nrequirepass " + pw + "\nmaxmemory 2gb",
                pw -> "HikariDataSource ds = DataSourceBuilder.create().username(\"app\").password(\"" + pw
                        + "\").build();",
                pw -> "<appSettings>\n  <add key=\"DbPassword\" value=\"" + pw + "\" />\n</appSettings>",
                pw -> "<packageSourceCredentials>\n  <feed>\n    <add key=\"Username\" value=\"ci\" />\n"
                        + "    <add key=\"ClearTextPassword\" value=\"" + pw + "\" />\n  </feed>\n</packageSourceCredentials>",
                pw -> "<UserAccounts>\n  <AdministratorPassword>\n    <Value>" + pw
                        + "</Value>\n    <PlainText>true</PlainText>\n  </AdministratorPassword>\n</UserAccounts>",
                pw -> "SECRET_KEY = '" + r.from(ALNUM, 8) + "(" + r.from(ALNUM, 6) + ")*" + r.from(ALNUM, 10) + "!"
                        + r.from(ALNUM, 6) + "'\nDEBUG = False",
                pw -> "APP_ENV=production\nAPP_KEY=base64:" + java.util.Base64.getEncoder().encodeToString(
                        r.bytes(32)) + "\nDB_HOST=db",
                pw -> "[core]\nfernet_key = " + java.util.Base64.getUrlEncoder().encodeToString(r.bytes(32)),
                pw -> "ENCRYPTION_KEY=" + r.from("0123456789abcdef", 64));
        for (int i = 0; i < forms.size() * 2; i++) {
            String text = forms.get(i % forms.size()).apply(password());
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            out.add(new HardCorpus.Out(Containers.build(container, text, false, r),
                    List.of("credential.generic-secret-assignment"), List.of(), tags("cat:" + Values.CREDENTIAL,
                            "rt3:secret-form", "container:" + container), ""));
        }
    }

    // ---- confidentiality markings ----

    private void markers() {
        String company = r.pick("Lumivex Robotics", "Quillon Biotech", "Brightwater Labs", "Halvorsen Maritime");
        List<String> texts = List.of(
                "REM CONFIDENTIAL - release scripts of the payments team\n@echo off\ncall build.cmd",
                "% CONFIDENTIAL draft, do not circulate\n\\documentclass{article}",
                "{- CONFIDENTIAL -}\nmodule Pricing.Engine where\nimport Data.List",
                "CONFIDENTIAL\n\nQ3 pricing proposal for the board\n- raise tier B by 4%",
                "Meeting notes\n\n== CONFIDENTIAL ==\n\nThe acquisition closes in May.",
                "SECRET//NOFORN\nSubject: supplier assessment",
                "TOP SECRET//SI//REL TO USA, FVEY\n(U) Summary follows.",
                "# VERTRAULICH. Weitergabe an Dritte untersagt.\nimport pandas as pd",
                "// Confidentiel \u2013 Usage interne uniquement\nconst tarif = 0.42;",
                "/* Documento strettamente riservato */\nint main(void) { return 0; }",
                "# Vertrouwelijk - alleen voor intern gebruik\nSELECT * FROM klanten;",
                "// \ub300\uc678\ube44\nfunc price() int { return 42 }",
                "\u0414\u043b\u044f \u0441\u043b\u0443\u0436\u0435\u0431\u043d\u043e\u0433\u043e \u043f\u043e\u043b"
                        + "\u044c\u0437\u043e\u0432\u0430\u043d\u0438\u044f\n\u041e\u0442\u0447\u0451\u0442 \u0437\u0430 Q3",
                "Company Proprietary Information\n" + company + " roadmap FY26",
                "This source code is the property of " + company + " and may not be disclosed.\npackage core",
                "Property of " + company + ". Unauthorized use, disclosure or copying is strictly prohibited.",
                "Unpublished work \u00a9 2025 " + company + ". All rights reserved.",
                "RESTRICTED \u2013 need-to-know basis\nIncident 2291 timeline",
                "EMBARGOED UNTIL 07:00 CET, 24 JULY 2026\n" + company + " reports record quarter",
                "This memo contains material non-public information. Do not trade.",
                "Strictly Private & Confidential\nProject Heron - draft term sheet",
                company + " | Confidential | Page 3 of 12",
                "Compensation bands 2026 - HR Confidential",
                "# SPDX-License-Identifier: LicenseRef-Proprietary\n# SPDX-FileCopyrightText: 2025 " + company,
                "{\n  \"name\": \"fraud-scorer\",\n  \"private\": true,\n  \"license\": \"UNLICENSED\"\n}",
                "[project]\nname = \"route-optimizer\"\nlicense = {text = \"Proprietary\"}",
                "classifiers = [\n  \"License :: Other/Proprietary License\",\n  \"Programming Language :: Python\"\n]",
                "<licenses>\n  <license>\n    <name>" + company + " Proprietary License</name>\n  </license>\n</licenses>");
        for (String text : texts) {
            String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
            // licence metadata is its own rule; the markings are found by one marker rule or another
            boolean licence = text.contains("icense");
            out.add(new HardCorpus.Out(Containers.build(container, text, false, r),
                    licence ? List.of("source-code.proprietary-license") : List.of(),
                    licence ? List.of() : List.of(Values.SOURCE),
                    tags("cat:" + Values.SOURCE, "rt3:" + (licence ? "licence" : "marker"), "container:" + container),
                    ""));
        }
    }

    // ---- hard negatives ----

    private void negatives() {
        negative("placeholder-form", "CREATE USER app WITH PASSWORD '${DB_PASS}';");
        negative("placeholder-form", "ALTER USER app IDENTIFIED BY :new_password;");
        negative("placeholder-form", "requirepass changeme-please");
        negative("placeholder-form", "builder.username(\"app\").password(System.getenv(\"DB_PASSWORD\")).build();");
        negative("placeholder-form", "<add key=\"PasswordPolicy\" value=\"strict\" />\n<add key=\"DbPassword\" "
                + "value=\"$(DbPassword)\" />");
        negative("placeholder-form", "<AdministratorPassword>\n  <Value>*SENSITIVE*DATA*DELETED*</Value>\n"
                + "</AdministratorPassword>");
        negative("placeholder-form", "SECRET_KEY = 'django-insecure-please-change-me'");
        negative("placeholder-form", "const client = new Anthropic({ apiKey: 'sk-ant-api03-...' }); // your key here");
        negative("placeholder-form", "keystore.password=changeit\ntruststore.password=changeit");
        negative("password-hash", "password: pbkdf2_sha256$870000$" + r.from(ALNUM, 22) + "$" + r.from(ALNUM, 43) + "=");
        negative("password-hash", "userPassword: {SSHA}" + java.util.Base64.getEncoder().encodeToString(r.bytes(24)));
        negative("password-hash", "password_hash = \"scrypt:32768:8:1$" + r.from(ALNUM, 16) + "$"
                + r.from("0123456789abcdef", 64) + "\"");
        // JSON in JSON without a secret, and strings that only look like JSON
        String plain = "{\"path\": \"README.md\", \"content\": " + quote("{\n  \"name\": \"demo\",\n  \"version\": "
                + "\"1.2.3\",\n  \"scripts\": {\"test\": \"jest\"}\n}") + "}";
        out.add(new HardCorpus.Out(toolCall(plain, false, "write_file"), List.of(), List.of(),
                tags("neg:" + FAMILY, "neg:tool-args-clean", "container:openai-tool-call"), plain));
        String notJson = "{\"query\": \"{not: json, just braces} and [brackets]\", \"limit\": 10}";
        out.add(new HardCorpus.Out(toolCall(notJson, true, "search"), List.of(), List.of(),
                tags("neg:" + FAMILY, "neg:tool-args-clean", "container:openai-responses-function-call"), notJson));
        // markers that are not markings
        negative("api-note", "/** @hide Internal use only. */\npublic void reset() {}");
        negative("api-note", "/**\n * @internal This API is for internal use only and may change.\n */");
        negative("api-note", "# Internal use only: not part of the stable API.\ndef _flush(self): ...");
        negative("legal-prose", "Trade secret law protects information that derives value from secrecy; trade "
                + "secrets never expire as long as they are kept secret.");
        negative("legal-prose", "Insider trading: employees must not trade on material non-public information.");
        negative("legal-prose", "the property of the object is read-only after construction");
        negative("levels", "Levels:\nPUBLIC\nINTERNAL\nCONFIDENTIAL\nSECRET\n");
        negative("levels", "enum Level {\n  PUBLIC,\n  INTERNAL,\n  CONFIDENTIAL\n}");
        negative("levels", "the SECRET/CONFIDENTIAL split in the docs is explained below");
        negative("oss-license", "# SPDX-License-Identifier: Apache-2.0\n# Copyright 2024 The Demo Authors");
        negative("oss-license", "{\n  \"name\": \"left-pad\",\n  \"license\": \"Unlicense\"\n}");
        negative("oss-license", "[package]\nname = \"demo\"\nlicense = \"MIT OR Apache-2.0\"");
        negative("oss-license", "Unlike proprietary licenses, the GPL lets you share and change the software.");
        negative("foreign-prose", "Ihre Daten werden vertraulich behandelt.");
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                tags("neg:" + FAMILY, "neg:" + kind, "container:" + container), text));
    }

    private static List<String> tags(String... more) {
        List<String> t = new ArrayList<>(List.of("family:" + FAMILY, "enc:none"));
        t.addAll(List.of(more));
        return t;
    }
}
