package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Family {@code lead37}: what session 37 closed from its blind rounds, with hard negatives.
 * <ul>
 *   <li>Positives ({@code lead37:numbered}): a file as an agent's tools show it, a line number before every line
 *       (Claude Code's {@code Read}, from line 1 or from an offset; {@code cat -n}), holding what only a rule anchored
 *       at a line's start finds: a {@code .pgpass} line, a confidentiality marking alone on its line, a passport's
 *       machine-readable zone.</li>
 *   <li>Positives ({@code lead37:columns}): national identifiers in tables whose only label is the column's header,
 *       in the local language or in English: pandas' printed frames (right-aligned), MySQL boxes, psql, Markdown and
 *       CSV, headers in Chinese, Japanese, Korean, Polish, Spanish (from {@code rt37-intl}).</li>
 *   <li>Negatives ({@code neg:lead37}, {@code neg:<kind>}): numbered source files and logs with nothing in them, a
 *       table whose first column counts its rows; the same tables with every check digit wrong (but RRNs, which
 *       have none since 2020), with the identifier
 *       column under another header (order numbers), and prose that names the identifier above a padded line.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Lead37 {

    static final long SEED = 20_261_237L;
    static final String FAMILY = "lead37";

    private static final List<String> TEXT_CONTAINERS = List.of("json-anthropic-tool", "json-openai-chat",
            "json-anthropic", "json-gemini", "text");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Lead37(Rng r) {
        this.r = r;
    }

    static List<HardCorpus.Out> cases(Rng r) {
        Lead37 c = new Lead37(r);
        c.numbered();
        c.columns();
        c.benign();
        return c.out;
    }

    // ---- files with a line-number gutter ----

    private String gutter(String file, int i) {
        int first = i % 3 == 2 ? r.between(20, 400) : 1;
        return i % 3 == 1 ? Lead36.marked(file, n -> String.format("%6d\t", n + first))
                : Lead36.marked(file, n -> String.format("%6d\u2192", n + first));
    }

    private void numbered() {
        for (int i = 0; i < 6; i++) {
            String password = r.from(Rng.ALNUM, r.between(14, 24));
            String file = "# ~/.pgpass (chmod 600)\n" + r.pick("db-prod", "warehouse", "pg-main") + ".example.net:5432:"
                    + r.pick("billing", "orders", "ledger") + ":" + r.pick("svc_billing", "report", "etl") + ":"
                    + password + "\n*:5432:*:readonly:" + r.from(Rng.ALNUM, 16);
            add("numbered", "credential.database-url", Values.CREDENTIAL, gutter(file, i));
        }
        for (int i = 0; i < 6; i++) {
            String marking = r.pick("// CONFIDENTIAL", "# Internal use only", "-- PROPRIETARY", "/* Strictly confidential */");
            String file = marking + "\n" + r.pick("package com.acme.pricing;\n\nimport java.util.List;\n",
                    "import os\nimport sys\n\nRATE = 0.17\n", "SELECT id, margin\n  FROM quotes\n WHERE region = 'EU';\n");
            add("numbered", "source-code.marker-line", Values.SOURCE, gutter(file, i));
        }
        for (int i = 0; i < 4; i++) {
            String file = "Scanned passport (page 2), OCR:\n\n" + FinDocs.td3(r, true) + "\n";
            add("numbered", "pii.passport-mrz", Values.PII, gutter(file, i));
        }
    }

    // ---- identifiers under a column header ----

    private record Id(String rule, Function<Rng, String> value, String header, String lang) {
    }

    private static final List<Id> IDS = List.of(
            new Id("pii.sg-nric", IdsIntl::nric, "NRIC", "en"),
            new Id("pii.cn-resident-id", IdsIntl::chinaId, "\u8eab\u4efd\u8bc1\u53f7", "zh"),
            new Id("pii.kr-rrn", IdsIntl::rrn, "\uc8fc\ubbfc\ub4f1\ub85d\ubc88\ud638", "ko"),
            new Id("pii.jp-my-number", IdsIntl::myNumber, "\u30de\u30a4\u30ca\u30f3\u30d0\u30fc", "ja"),
            new Id("pii.au-tfn", IdsIntl::tfn, "TFN", "en"),
            new Id("pii.pl-pesel", IdsEu::pesel, "PESEL", "pl"),
            new Id("pii.mx-curp", IdsIntl::curp, "CURP", "es"),
            new Id("pii.tw-national-id", IdsIntl::taiwanId, "\u8eab\u5206\u8b49\u5b57\u865f", "zh"));

    private static final String[] NAMES = {"Priya Sharma", "Olivia Brown", "Li Na", "Kim Minjun", "Jan Kowalski",
        "Valentina Rojas", "Sato Yui", "Chen Jing"};

    /** A table of {@code rows} rows (name, date, city, value) as {@code style} prints it. */
    private String table(int style, String header, List<String> values) {
        List<String[]> rows = new ArrayList<>();
        for (String v : values) {
            rows.add(new String[] {r.pick(NAMES), "202" + r.between(3, 5) + String.format("-%02d-%02d",
                    r.between(1, 12), r.between(1, 28)), r.pick("Singapore", "Warsaw", "Seoul", "Osaka", "Lima"), v});
        }
        String[] head = {"Name", "Date", "City", header};
        StringBuilder b = new StringBuilder();
        switch (style) {
            case 0 -> { // pandas: index column, right-aligned cells two blanks apart
                int[] w = new int[4];
                for (int c = 0; c < 4; c++) {
                    w[c] = head[c].length();
                    for (String[] row : rows) {
                        w[c] = Math.max(w[c], row[c].length());
                    }
                }
                b.append(" ".repeat(String.valueOf(rows.size() - 1).length()));
                for (int c = 0; c < 4; c++) {
                    b.append("  ").append(" ".repeat(w[c] - head[c].length())).append(head[c]);
                }
                for (int i = 0; i < rows.size(); i++) {
                    b.append('\n').append(i);
                    for (int c = 0; c < 4; c++) {
                        b.append("  ").append(" ".repeat(w[c] - rows.get(i)[c].length())).append(rows.get(i)[c]);
                    }
                }
                b.append("\n\n[").append(rows.size()).append(" rows x 4 columns]");
            }
            case 1 -> { // MySQL box
                String rule = "+------+------+------+------+";
                b.append(rule).append("\n| ").append(String.join(" | ", head)).append(" |\n").append(rule);
                for (String[] row : rows) {
                    b.append("\n| ").append(String.join(" | ", row)).append(" |");
                }
                b.append('\n').append(rule).append('\n').append(rows.size()).append(" rows in set (0.01 sec)");
            }
            case 2 -> { // psql
                b.append(' ').append(String.join(" | ", head)).append("\n------+------+------+------");
                for (String[] row : rows) {
                    b.append("\n ").append(String.join(" | ", row));
                }
                b.append("\n(").append(rows.size()).append(" rows)");
            }
            case 3 -> { // Markdown
                b.append("| ").append(String.join(" | ", head)).append(" |\n|---|---|---|---|");
                for (String[] row : rows) {
                    b.append("\n| ").append(String.join(" | ", row)).append(" |");
                }
            }
            default -> { // CSV
                b.append(String.join(",", head));
                for (String[] row : rows) {
                    b.append('\n').append(String.join(",", row));
                }
            }
        }
        return b.toString();
    }

    private List<String> values(Id id, int n, boolean valid) {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String value = id.value.apply(r);
            v.add(valid ? value : IdsIntl.wrongCheck(value));
        }
        return v;
    }

    private void columns() {
        for (int i = 0; i < IDS.size() * 2; i++) {
            Id id = IDS.get(i % IDS.size());
            String text = "SELECT name, date, city, id FROM customers LIMIT 5;\n"
                    + table(i % 5, id.header, values(id, r.between(2, 4), true));
            out.add(new HardCorpus.Out(build(text), List.of(id.rule), List.of(), List.of("family:" + FAMILY,
                    "cat:" + Values.PII, FAMILY + ":columns", "lang:" + id.lang, "container:" + container(), "enc:none"),
                    ""));
        }
    }

    // ---- negatives ----

    private void benign() {
        negative("numbered-code", Lead36.marked("package com.acme.web;\n\nimport java.util.List;\n\n/** Routes. */\n"
                + "public final class Routes {\n    static final int PORT = 8080;\n}\n", n -> String.format("%6d\u2192", n + 1)));
        negative("numbered-code", Lead36.marked("#!/usr/bin/env bash\nset -euo pipefail\n# deploy the api\n"
                + "kubectl rollout restart deploy/api\nkubectl rollout status deploy/api\n",
                n -> String.format("%6d\t", n + 1)));
        negative("numbered-code", Lead36.marked("[INFO] Building api 1.4.2\n[INFO] Tests run: 214, Failures: 0\n"
                + "[INFO] BUILD SUCCESS\n[INFO] Total time: 41.2 s\n", n -> String.format("%6d\u2192", n + 118)));
        negative("row-numbers", "1\tAda Lovelace\t1815\tLondon\n2\tAlan Turing\t1912\tLondon\n3\tGrace Hopper\t1906\t"
                + "New York\n4\tEdsger Dijkstra\t1930\tRotterdam\n");
        for (int i = 0; i < IDS.size(); i++) {
            Id id = IDS.get(i);
            if (!id.rule.equals("pii.kr-rrn")) { // RRNs issued since 2020 carry no check digit: the rule checks none
                negative("column-bad-check", table(i % 5, id.header, values(id, 3, false)));
            }
        }
        for (int i = 0; i < 4; i++) {
            List<String> orders = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                orders.add(r.digits(9));
            }
            negative("column-other", table(i, r.pick("Order", "Invoice", "\u8ba2\u5355\u53f7", "Numer zam\u00f3wienia"),
                    orders));
        }
        negative("column-prose", "The NRIC column was dropped from this export on purpose.\n"
                + "id  name          joined      score\n0   Priya Sharma  2024-03-05  " + r.digits(9) + "\n");
    }

    // ---- cases ----

    private String lastContainer;

    private Containers.Req build(String text) {
        lastContainer = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        return Containers.build(lastContainer, text, false, r);
    }

    private String container() {
        return lastContainer;
    }

    private void add(String kind, String rule, String category, String text) {
        Containers.Req req = build(text);
        out.add(new HardCorpus.Out(req, List.of(rule), List.of(), List.of("family:" + FAMILY, "cat:" + category,
                FAMILY + ":" + kind, "container:" + container(), "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        Containers.Req req = build(text);
        out.add(new HardCorpus.Out(req, List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                "neg:" + kind, "container:" + container(), "enc:none"), text));
    }
}
