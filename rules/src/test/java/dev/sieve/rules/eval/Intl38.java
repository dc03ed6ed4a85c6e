package dev.sieve.rules.eval;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code intl38}: the classes the blind rounds {@code rt37-intl} and {@code rt37-fp} still missed or flagged
 * after session 37, with hard negatives beside each.
 * <ul>
 *   <li>Positives ({@code intl38:<kind>}): Spanish DNIs and NIEs under a DNI / NIE / NIF / NIF-CIF column (Markdown,
 *       pandas, CSV, MySQL, box-drawn), dotted (12.345.678-Z) or hyphenated (X-1234567-L), after D.N.I. or
 *       documento nacional de identidad, as JSON keys and form fields ({@code es-dni}); the seven national ids of
 *       session 37 under camel-case JSON keys, XML tags, form fields and column names ({@code label-forms}); Brazilian
 *       agência + conta pairs ({@code br-bank}) and Japanese accounts after 口座番号, 普通預金, a branch and 普通, （普）
 *       or romaji ({@code jp-bank}), in text, JSON, tool input and forms.</li>
 *   <li>Negatives ({@code neg:intl38}, {@code neg:<kind>}): DNIs with a wrong letter in a DNI column, order numbers
 *       under DNI-like headers, DNI shapes in other columns ({@code dni-lookalike}); Spanish companies' CIFs after
 *       NIF-IVA / CIF / NIF, as JSON keys and in a supplier table ({@code company-id}); the seven ids with a wrong
 *       check digit under the new label forms, a Portuguese NIPC under an XML NIF tag ({@code bad-check}); bank
 *       words beside numbers that are not an account: a branch alone, a phone, an order, a member number, branch
 *       codes ({@code bank-lookalike}).</li>
 * </ul>
 * Check digits and letters are computed here from the published algorithms. Written with the rules, so not held out.
 */
final class Intl38 {

    static final long SEED = 20_261_238L;
    static final String FAMILY = "intl38";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-openai-responses", "json-gemini");
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final List<String> NAMES = List.of("Lucía García", "Mateo Navarro", "Carmen López", "Pablo Martínez",
            "Diego Sánchez", "Sofía Romero");
    private static final List<String> CITIES = List.of("Madrid", "Sevilla", "Bilbao", "Valencia", "Zaragoza");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Intl38(Rng r) {
        this.r = r;
    }

    /** Every case of the family. */
    static List<HardCorpus.Out> cases(Rng r) {
        Intl38 c = new Intl38(r);
        c.spanishIds();
        c.labelForms();
        c.brazilianBanks();
        c.japaneseBanks();
        return c.out;
    }

    // ---- Spanish DNI / NIE -----------------------------------------------------------------------------------------

    private void spanishIds() {
        String rule = "pii.es-dni";
        StringBuilder md = new StringBuilder("| Nombre | DNI | Ciudad | Fecha |\n|---|---|---|---|\n");
        for (int i = 0; i < 4; i++) {
            md.append("| ").append(name()).append(" | ").append(dni()).append(" | ").append(city()).append(" | 2024-0")
                    .append(r.between(1, 9)).append("-1").append(r.between(0, 9)).append(" |\n");
        }
        add("es-dni", rule, md.toString());

        StringBuilder pandas = new StringBuilder("          Nombre        DNI   Ciudad\n");
        for (int i = 0; i < 4; i++) {
            pandas.append(i).append(String.format("  %14s  %9s  %7s\n", name(), dni(), city()));
        }
        add("es-dni", rule, pandas.toString());

        add("es-dni", rule, "Payroll export 2025-11\nNombre;NIE;Importe\n" + name() + ";" + nie() + ";"
                + r.between(1000, 6000) + "." + r.digits(2) + "\n" + name() + ";" + nie() + ";" + r.between(1000, 6000)
                + "." + r.digits(2) + "\n");

        StringBuilder mysql = new StringBuilder("+--------------+----------------+-----------+---------+\n"
                + "| Nº de pedido | Nombre         | DNI/NIE   | Total   |\n"
                + "+--------------+----------------+-----------+---------+\n");
        for (int i = 0; i < 4; i++) {
            mysql.append(String.format("|  %11s | %-14s | %-9s | %7s |\n", r.between(10_000, 99_999) + r.digits(6),
                    name(), i % 2 == 0 ? dni() : nie(), r.between(100, 9999) + "," + r.digits(2)));
        }
        mysql.append("+--------------+----------------+-----------+---------+\n4 rows in set (0.01 sec)\n");
        add("es-dni", rule, mysql.toString());

        StringBuilder mixed = new StringBuilder("          Nombre    NIF/CIF   Ciudad    Total\n");
        for (int i = 0; i < 4; i++) {
            mixed.append(i).append(String.format("  %14s  %9s  %7s  %s\n", i == 2 ? "Acme Obras SL" : name(),
                    i == 2 ? cif() : dni(), city(), r.between(100, 9999) + "," + r.digits(2)));
        }
        add("es-dni", rule, mixed.toString());

        StringBuilder box = new StringBuilder("shape: (3, 3)\n┌────────────────┬───────────┬──────────┐\n"
                + "│ nombre         ┆ dni       ┆ ciudad   │\n│ ---            ┆ ---       ┆ ---      │\n"
                + "│ str            ┆ str       ┆ str      │\n╞════════════════╪═══════════╪══════════╡\n");
        for (int i = 0; i < 3; i++) {
            box.append(String.format("│ %-14s ┆ %-9s ┆ %-8s │\n", name(), dni(), city()));
        }
        box.append("└────────────────┴───────────┴──────────┘\n");
        add("es-dni", rule, box.toString());

        add("es-dni", rule, "{\"Nombre\": \"" + name() + "\", \"Fecha\": \"2024-12-20\", \"NIF\": \"" + dotted(dni())
                + "\"}");
        add("es-dni", rule, "Número de NIE: " + hyphenatedNie(nie()) + " (tarjeta en trámite)");
        add("es-dni", rule, "D.N.I. del titular: " + dni() + ", domicilio en " + city());
        add("es-dni", rule, "Documento nacional de identidad del trabajador: " + dni());
        addReq("es-dni", rule, form("nombre=" + enc(name()) + "&dni=" + enc(dotted(dni())) + "&ciudad=" + enc(city())),
                "form");
        addReq("es-dni", rule, toolUse("crm_upsert", "{\"records\": {\"Nombre\": \"" + name()
                + "\", \"D.N.I.\": \"" + dni() + "\", \"Ciudad\": \"" + city() + "\"}}"), "anthropic-tool-use");

        // negatives: a wrong letter in a DNI column, orders under DNI-like headers, DNI shapes in other columns
        StringBuilder bad = new StringBuilder("| Nombre | DNI | Ciudad |\n|---|---|---|\n");
        for (int i = 0; i < 3; i++) {
            bad.append("| ").append(name()).append(" | ").append(wrongLetter(dni())).append(" | ").append(city())
                    .append(" |\n");
        }
        negative("dni-lookalike", bad.toString());
        negative("dni-lookalike", "Nombre;NIE;Importe\n" + name() + ";" + wrongLetter(nie()) + ";2780.20\n");
        StringBuilder bleed = new StringBuilder("[\n");
        for (int i = 0; i < 3; i++) {
            bleed.append(" {\n  \"Nº de pedido\": \"").append(r.between(100_000_000, 999_999_999))
                    .append("\",\n  \"DNI ✓\": \"").append(r.pick("yes", "no", "✓")).append("\",\n  \"Total\": \"")
                    .append(r.between(100, 9999)).append(",").append(r.digits(2)).append("\"\n }")
                    .append(i < 2 ? ",\n" : "\n");
        }
        negative("dni-lookalike", bleed.append("]\n").toString());
        StringBuilder orders = new StringBuilder("| Nombre | DNI | Pedido |\n|---|---|---|\n");
        for (int i = 0; i < 3; i++) {
            orders.append("| ").append(name()).append(" | pendiente | ").append(r.between(100_000_000, 999_999_999))
                    .append(" |\n");
        }
        negative("dni-lookalike", orders.toString());
        negative("dni-lookalike", "Nombre;Pedido;Importe\n" + name() + ";" + dni() + ";5083.04\n" + name() + ";"
                + dni() + ";120.00\n");
        negative("dni-lookalike", "Proszę nie dzwonić przed dziesiątą, numer zamówienia " + dni());

        // negatives: Spanish companies' CIFs (a public business id) after NIF-IVA, CIF and NIF
        negative("company-id", "Nº de factura: FA-" + r.digits(4) + "/2024\nNIF-IVA: " + cif() + "\nTotal: "
                + r.between(1000, 9999) + ",00 EUR\n\nConstrucciones Norte S.L. · Madrid · NIF-IVA: " + cif()
                + " · Teléfono: +34 91 " + r.digits(3) + " " + r.digits(2) + " " + r.digits(2) + "\n");
        negative("company-id", "Proveedor: Transportes del Sur S.A., CIF " + cif() + ", Polígono Industrial 4");
        negative("company-id", "{\"proveedor\": \"Acme Obras SL\", \"nif\": \"" + cif() + "\", \"pais\": \"ES\"}");
        negative("company-id", "Proveedor;NIF;Ciudad\nAcme Obras SL;" + cif() + ";Madrid\nFerretería Sur SA;" + cif()
                + ";Sevilla\n");
        negative("company-id", "          Proveedor    NIF/CIF   Ciudad\n0  Acme Obras SL  " + cif()
                + "   Madrid\n1  Talleres SA    " + cif() + "  Sevilla\n");
    }

    // ---- the seven national ids of session 37, under label forms --------------------------------------------------

    private void labelForms() {
        Intl37Values v = new Intl37Values(r);
        addReq("label-forms", "pii.ch-ahv", toolUse("hr_update", "{\"name\": \"Anna Keller\", \"socialSecurityNumber\": \""
                + v.ahv() + "\"}"), "anthropic-tool-use");
        addReq("label-forms", "pii.ch-ahv", form("name=Anna+Keller&ahvNr=" + v.ahv() + "&ort=Bern"), "form");
        add("label-forms", "pii.ch-ahv", "<mitarbeiter><name>Jan Müller</name><AHVNummer>" + v.ahv()
                + "</AHVNummer></mitarbeiter>");
        add("label-forms", "pii.ch-ahv", "name,ahvNr,ort\nAnna Keller," + v.ahv() + ",Bern\nJan Müller," + v.ahv()
                + ",Basel\n");
        add("label-forms", "pii.at-sv-nummer", "VSNR: " + spaced(v.svNummer(), 4));
        add("label-forms", "pii.at-sv-nummer", "<versicherter><name>Huber</name><vsnr>" + v.svNummer()
                + "</vsnr></versicherter>");
        add("label-forms", "pii.at-sv-nummer", "   Name    Datum       VSNR\n0  Huber   2025-10-02  "
                + spaced(v.svNummer(), 4) + "\n1  Gruber  2024-12-23  " + v.svNummer() + "\n");
        addReq("label-forms", "pii.cz-rodne-cislo", toolUse("crm_upsert", "{\"jmeno\": \"Jana Nováková\", \"birthNumber\": \""
                + v.rodneCislo() + "\"}"), "anthropic-tool-use");
        addReq("label-forms", "pii.cz-rodne-cislo", form("jmeno=Jan+Novak&rodneCislo=" + v.rodneCislo()), "form");
        addReq("label-forms", "pii.gr-amka", form("name=Maria&socialSecurityNumber=" + v.amka() + "&city=Athens"),
                "form");
        add("label-forms", "pii.gr-amka", "<asthenis><onoma>Μαρία</onoma><AMKA>" + v.amka() + "</AMKA></asthenis>");
        add("label-forms", "pii.ro-cnp", "<persoana><nume>Popescu</nume><personalNumericCode>" + v.cnp()
                + "</personalNumericCode></persoana>");
        addReq("label-forms", "pii.ro-cnp", toolUse("crm_upsert", "{\"nume\": \"Ionescu\", \"codNumericPersonal\": \""
                + v.cnp() + "\"}"), "anthropic-tool-use");
        add("label-forms", "pii.pt-nif", "<cliente><nome>Ana Silva</nome><NIF>" + v.nif() + "</NIF></cliente>");
        addReq("label-forms", "pii.pt-nif", toolUse("crm_upsert", "{\"nome\": \"Rui Costa\", \"nifCliente\": \""
                + v.nif() + "\"}"), "anthropic-tool-use");
        add("label-forms", "pii.ar-cuil", "nroCuil;nombre\n" + v.dashedCuil() + ";Juan Gómez\n" + v.cuil()
                + ";Ana Pérez\n");

        negative("bad-check", "{\"name\": \"Anna Keller\", \"socialSecurityNumber\": \"" + wrongLast(v.ahv()) + "\"}");
        negative("bad-check", "<versicherter><vsnr>" + v.badSvNummer() + "</vsnr></versicherter>");
        negative("bad-check", "{\"birthNumber\": \"" + wrongLast(v.rodneCislo()) + "\"}");
        negative("bad-check", "<persoana><personalNumericCode>" + wrongLast(v.cnp())
                + "</personalNumericCode></persoana>");
        negative("bad-check", "<empresa><nome>Fornecedor Lda.</nome><NIF>" + v.nipc() + "</NIF></empresa>");
        negative("bad-check", "{\"nome\": \"Rui Costa\", \"nifCliente\": \"" + wrongLast(v.nif()) + "\"}");
        negative("bad-check", "nroPedido;nombre\n" + v.dashedCuil() + ";Juan Gómez\n");
    }

    // ---- Brazilian agência + conta ---------------------------------------------------------------------------------

    private void brazilianBanks() {
        String rule = "financial.br-bank-account";
        add("br-bank", rule, "Dados bancários — Beatriz Almeida\nBanco: 341 - Itaú Unibanco\nAgência: " + r.digits(4)
                + "\nConta corrente: " + r.between(10_000, 99_999_999) + "-" + r.digits(1));
        add("br-bank", rule, "Para o reembolso: Agência: " + r.digits(4) + "-" + r.digits(1) + " Conta: "
                + r.between(10_000, 999_999) + "-" + r.digits(1) + " (Bradesco), titular Lucas Ferreira");
        add("br-bank", rule, "pode depositar na minha conta, ag " + r.digits(4) + " cc " + r.between(100_000, 999_999)
                + "-" + r.digits(1) + ", Caixa");
        addReq("br-bank", rule, toolUse("pagamentos_cadastrar", "{\"favorecido\": \"Mariana Costa\", \"banco\": \"001\", "
                + "\"agencia\": \"" + r.digits(4) + "\", \"conta\": \"" + r.between(10_000, 99_999_999) + "-"
                + r.digits(1) + "\"}"), "anthropic-tool-use");
        addReq("br-bank", rule, form("banco=237&agencia=" + r.digits(4) + "&conta_corrente=" + r.digits(7) + "-"
                + r.digits(1) + "&titular=Ana+Souza"), "form");
        add("br-bank", rule, "Conta poupança nº " + r.between(10_000_000, 99_999_999) + "-" + r.digits(1)
                + ", agência " + r.digits(4) + ", Banco do Brasil");

        negative("bank-lookalike", "Banco do Brasil agência " + r.digits(4) + "-" + r.digits(1)
                + " fica na Av. Paulista; o cliente não informou a conta.");
        negative("bank-lookalike", "Agência " + r.digits(4) + ", telefone (11) 3" + r.digits(3) + "-" + r.digits(4)
                + ", atendimento das 10h às 16h");
        negative("bank-lookalike", "Pedido " + r.between(10_000, 99_999) + "-" + r.digits(1)
                + " enviado; cc: financeiro@example.com");
        negative("bank-lookalike", "Agência de viagens Sol: pacote " + r.digits(4) + ", reserva " + r.digits(6)
                + ", conta de e-mail criada");
    }

    // ---- Japanese bank accounts ------------------------------------------------------------------------------------

    private void japaneseBanks() {
        String rule = "financial.jp-bank-account";
        add("jp-bank", rule, "振込先: みずほ銀行 渋谷支店（" + r.digits(3) + "）\n普通預金 口座番号 " + r.digits(7)
                + "\n口座名義 伊藤 さくら");
        add("jp-bank", rule, "三井住友銀行 新宿支店 普通 " + r.digits(7) + " ヤマダ タロウ");
        add("jp-bank", rule, "お振込みは下記口座へお願いします。口座番号：" + r.digits(7) + "（三菱UFJ銀行）");
        add("jp-bank", rule, "りそな銀行 梅田支店（普）" + r.digits(7) + " サトウ ハナコ");
        addReq("jp-bank", rule, toolUse("payroll_update", "{\"bank\": \"Mizuho\", \"branch\": \"Shibuya\", "
                + "\"kouza_bangou\": \"" + r.digits(7) + "\", \"holder\": \"Ito Sakura\"}"), "anthropic-tool-use");
        add("jp-bank", rule, "MUFG Bank, Shinjuku branch, Futsu " + r.digits(7) + ", account holder Yamada Taro");
        add("jp-bank", rule, "当座預金 " + r.digits(7) + "（株式会社サンプル 経理部）");
        add("jp-bank", "financial.bank-account", "Mizuho Bank, Shibuya Branch (" + r.digits(3) + "), Account No. "
                + r.digits(7) + ", Ordinary");

        negative("bank-lookalike", "振込先銀行: 三菱UFJ銀行 本店（001）— 口座番号は別途ご連絡します。");
        negative("bank-lookalike", "注文番号 " + r.digits(7) + " を発送しました。みずほ銀行でのお支払いも可能です。");
        negative("bank-lookalike", "普通郵便 " + r.digits(7) + " で送付しました");
        negative("bank-lookalike", "渋谷支店 電話 03-" + r.digits(4) + "-" + r.digits(4));
        negative("bank-lookalike", "会員番号 " + r.digits(7) + " 様、銀行振込の手数料はお客様負担です");
        negative("bank-lookalike", "銀行コード 0001 支店コード " + r.digits(3) + "（店番号）");
    }

    // ---- values -------------------------------------------------------------------------------------------------------

    private String dni() {
        int n = r.between(10_000_000, 99_999_999);
        return n + String.valueOf(DNI_LETTERS.charAt(n % 23));
    }

    private String nie() {
        int x = r.between(0, 2);
        String seven = r.digits(7);
        int n = Integer.parseInt(x + seven);
        return "XYZ".charAt(x) + seven + DNI_LETTERS.charAt(n % 23);
    }

    /** A Spanish company's CIF with a digit control (letters A, B, E, H, G take digits): a letter and eight digits. */
    private String cif() {
        String seven = r.digits(7);
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int d = seven.charAt(i) - '0';
            if (i % 2 == 0) {
                int twice = d * 2;
                sum += twice / 10 + twice % 10;
            } else {
                sum += d;
            }
        }
        return r.pick("A", "B", "B", "E", "G", "H") + seven + (10 - sum % 10) % 10;
    }

    private static String wrongLetter(String id) {
        char last = id.charAt(id.length() - 1);
        int k = DNI_LETTERS.indexOf(last);
        return id.substring(0, id.length() - 1) + DNI_LETTERS.charAt((k + 1 + k % 5) % 23);
    }

    private static String dotted(String dni) {
        return dni.substring(0, 2) + "." + dni.substring(2, 5) + "." + dni.substring(5, 8) + "-" + dni.substring(8);
    }

    private static String hyphenatedNie(String nie) {
        return nie.charAt(0) + "-" + nie.substring(1, 8) + "-" + nie.charAt(8);
    }

    private static String spaced(String v, int at) {
        return v.substring(0, at) + " " + v.substring(at);
    }

    private static String wrongLast(String v) {
        char last = v.charAt(v.length() - 1);
        return v.substring(0, v.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    private String name() {
        return r.pick(NAMES);
    }

    private String city() {
        return r.pick(CITIES);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- requests and cases -----------------------------------------------------------------------------------------

    private static Containers.Req form(String fields) {
        return new Containers.Req("POST", "https://forms.demo.invalid/submit",
                Containers.headers("Content-Type", "application/x-www-form-urlencoded"), Containers.utf8(fields), false,
                "form fields");
    }

    /** An Anthropic request whose assistant turn calls tool {@code name} with {@code input} (a JSON object). */
    private static Containers.Req toolUse(String name, String input) {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Save this record.\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01B7\","
                + "\"name\":\"" + name + "\",\"input\":" + input + "}]},{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"tool_result\",\"tool_use_id\":\"toolu_01B7\",\"content\":\"ok\"}]}]}";
        return new Containers.Req("POST", "https://api.anthropic.com/v1/messages",
                Containers.headers("Content-Type", "application/json"), Containers.utf8(body), false,
                "body json $.messages[1].content[0].input");
    }

    private List<String> tags(String kind, String category, String container) {
        return List.of("family:" + FAMILY, "cat:" + category, FAMILY + ":" + kind, "container:" + container,
                "enc:none");
    }

    private List<String> negativeTags(String kind, String container) {
        return List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none");
    }

    private void add(String kind, String rule, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        addReq(kind, rule, Containers.build(container, text, false, r), container);
    }

    private void addReq(String kind, String rule, Containers.Req req, String container) {
        String category = rule.startsWith("financial.") ? Values.FINANCIAL : Values.PII;
        out.add(new HardCorpus.Out(saved(req), List.of(rule), List.of(), tags(kind, category, container), ""));
    }

    /**
     * {@code req} to be written as a saved request in {@code cases/} (the manifest keeps only its name): the manifest
     * was within 20 KB of its 5 MiB cap when this family came, and its earlier lines may not change.
     */
    private static Containers.Req saved(Containers.Req req) {
        return new Containers.Req(req.method(), req.target(), req.headers(), req.body(), true, req.where(), req.raw());
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(saved(Containers.build(container, text, false, r)), List.of(), List.of(),
                negativeTags(kind, container), text));
    }

    /** The session-37 identifiers (check digits from the published algorithms, as in {@link Intl37}). */
    private static final class Intl37Values {
        private final Rng r;

        Intl37Values(Rng r) {
            this.r = r;
        }

        String ahv() {
            String body = "756" + r.digits(9);
            int sum = 0;
            for (int i = 0; i < 12; i++) {
                sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
            }
            return body + (10 - sum % 10) % 10;
        }

        String svNummer() {
            int[] w = {3, 7, 9, 0, 5, 8, 4, 2, 1, 6};
            while (true) {
                String v = r.between(100, 999) + "0" + date6();
                int sum = 0;
                for (int i = 0; i < 10; i++) {
                    sum += w[i] * (v.charAt(i) - '0');
                }
                if (sum % 11 != 10) {
                    return v.substring(0, 3) + sum % 11 + v.substring(4);
                }
            }
        }

        /** A valid SV-Nummer with another digit in the check place. */
        String badSvNummer() {
            String v = svNummer();
            return v.substring(0, 3) + (char) ('0' + (v.charAt(3) - '0' + 1) % 10) + v.substring(4);
        }

        String rodneCislo() {
            while (true) {
                int yy = r.pick(List.of(r.between(54, 99), r.between(0, 24)));
                int month = r.between(1, 12) + (r.chance(0.5) ? 50 : 0);
                String nine = String.format("%02d%02d%02d%03d", yy, month, r.between(1, 28), r.between(0, 999));
                long check = (11 - Long.parseLong(nine) * 10 % 11) % 11;
                if (check < 10) {
                    return nine + check;
                }
            }
        }

        String amka() {
            String body = date6() + r.digits(4);
            return body + Checksums.luhn(body);
        }

        String cnp() {
            int[] w = {2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9};
            String body = r.pick("1", "2", "5", "6") + String.format("%02d%02d%02d%02d", r.between(0, 99),
                    r.between(1, 12), r.between(1, 28), r.between(1, 52)) + r.digits(3);
            int sum = 0;
            for (int i = 0; i < 12; i++) {
                sum += w[i] * (body.charAt(i) - '0');
            }
            return body + (sum % 11 == 10 ? 1 : sum % 11);
        }

        String nif() {
            return withNifCheck(r.pick("1", "2", "3") + r.digits(7));
        }

        String nipc() {
            return withNifCheck(r.pick("5", "6", "9") + r.digits(7));
        }

        private static String withNifCheck(String eight) {
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (eight.charAt(i) - '0');
            }
            int c = 11 - sum % 11;
            return eight + (c >= 10 ? 0 : c);
        }

        String cuil() {
            int[] w = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
            while (true) {
                String ten = r.pick("20", "27", "23") + r.between(10_000_000, 45_999_999);
                int sum = 0;
                for (int i = 0; i < 10; i++) {
                    sum += w[i] * (ten.charAt(i) - '0');
                }
                int c = 11 - sum % 11;
                if (c != 10) {
                    return ten + (c == 11 ? 0 : c);
                }
            }
        }

        String dashedCuil() {
            String v = cuil();
            return v.substring(0, 2) + "-" + v.substring(2, 10) + "-" + v.substring(10);
        }

        private String date6() {
            return String.format("%02d%02d%02d", r.between(1, 28), r.between(1, 12), r.between(0, 99));
        }
    }
}
