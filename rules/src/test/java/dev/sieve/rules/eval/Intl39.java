package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code intl39}: the international ids and bank details the blind round {@code rt37-intl} still got past after
 * session 38, as classes: each kind under its official labels in the local language and in English, in several
 * layouts (key: value, JSON / XML / camel-case keys, table column headers, prose), with hard negatives beside each.
 * <ul>
 *   <li>Positives ({@code intl39:<kind>}): UK NHS numbers under an NHS column or key ({@code uk-nhs}); Korean RRNs,
 *       Japanese My Numbers, Chinese resident ids, South African ids, Taiwan national ids under their local labels
 *       and keys; Indian individual PANs, Mexican RFCs (with hyphens), Colombian cédulas and Argentine DNIs under
 *       columns and labels; Australian TFNs under snake- and camel-case keys; bank accounts after French
 *       transit / institution / compte, Hindi खाता संख्या, Korean 계좌번호, Chinese 收款账号 and a SWIFT field with
 *       帳號 / 口座番号 ({@code bank}).</li>
 *   <li>Negatives ({@code neg:intl39}, {@code neg:<kind>}): the same labels over a wrong check digit or an
 *       impossible date ({@code bad-check}); company registration numbers, company PANs and RFCs, Taiwan's 統一編號
 *       ({@code company-id}); phone, order and invoice numbers under look-alike labels, a Spanish DNI (with its
 *       letter) under a DNI column, a bare Documento column, bank labels beside no account ({@code lookalike}).</li>
 * </ul>
 * Check digits are computed here from the published algorithms. Written with the rules, so not held out.
 */
final class Intl39 {

    static final long SEED = 20_261_239L;
    static final String FAMILY = "intl39";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-openai-responses", "json-gemini");
    private static final String TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO";
    private static final String UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Intl39(Rng r) {
        this.r = r;
    }

    /** Every case of the family. */
    static List<HardCorpus.Out> cases(Rng r) {
        Intl39 c = new Intl39(r);
        c.nhs();
        c.eastAsia();
        c.southernAfricaAndIndia();
        c.latinAmerica();
        c.banks();
        return c.out;
    }

    // ---- UK NHS ----------------------------------------------------------------------------------------------------

    private void nhs() {
        String rule = "pii.uk-nhs-column";
        add("uk-nhs", rule, "patient,ward,nhs\nA. Moss,Ward 7," + nhsNo() + "\nD. Park,Ward 2," + spaced(nhsNo(), 3, 6) + "\n");
        add("uk-nhs", rule, " patient     | NHS Number   | clinic\n-------------+--------------+--------\n Omar Ito    | "
                + nhsNo() + "   | Leeds\n Lee Iyer    | " + nhsNo() + "   | York\n(2 rows)\n");
        add("uk-nhs", rule, "<Referral><Patient>Ana Moss</Patient><NHSNumber>" + nhsNo() + "</NHSNumber></Referral>");
        addReq("uk-nhs", rule, toolUse("ehr_lookup", "{\"nhsNumber\": \"" + spaced(nhsNo(), 3, 6) + "\"}"),
                "anthropic-tool-use");
        negative("bad-check", "patient,ward,nhs\nA. Moss,Ward 7," + badNhs() + "\nD. Park,Ward 2," + badNhs() + "\n");
        negative("lookalike", "patient,ward,phone\nA. Moss,Ward 7," + nhsNo() + "\nD. Park,Ward 2," + nhsNo() + "\n");
        negative("lookalike", "{\"nhsTrustCode\": \"RR8\", \"orderNumber\": \"" + nhsNo() + "\"}");
    }

    // ---- Korea, Japan, China, Taiwan -------------------------------------------------------------------------------

    private void eastAsia() {
        add("kr-rrn", "pii.kr-rrn", "<고객><이름>김민준</이름><rrn>" + rrn(true) + "</rrn></고객>");
        add("kr-rrn", "pii.kr-rrn", "성명: 이서연\n주민등록 번호: " + rrn(true) + "\n주소: 서울특별시");
        add("kr-rrn", "pii.kr-rrn", "{\"name\": \"Park Jiho\", \"residentRegistrationNumber\": \"" + rrn(false) + "\"}");
        negative("bad-check", "<고객><이름>김민준</이름><rrn>" + badRrn() + "</rrn></고객>");

        add("jp-my-number", "pii.jp-my-number", "{\"氏名\": \"佐藤 花子\", \"individualNumber\": \"" + myNumber() + "\"}");
        add("jp-my-number", "pii.jp-my-number", "Employee: Ito Sakura\nKojin Bango: " + grouped(myNumber()) + "\n");
        negative("bad-check", "{\"氏名\": \"佐藤 花子\", \"individualNumber\": \"" + badMyNumber() + "\"}");

        add("cn-resident-id", "pii.cn-resident-id", "<person><name>王芳</name><resident_id>" + cnId()
                + "</resident_id></person>");
        add("cn-resident-id", "pii.cn-resident-id", "持卡人：李娜\n公民身份號碼：" + cnId() + "\n");
        add("cn-resident-id", "pii.cn-resident-id", "{\"name\": \"Liu Yang\", \"residentId\": \"" + cnId() + "\"}");
        negative("bad-check", "<person><name>王芳</name><resident_id>" + badCnId() + "</resident_id></person>");
        negative("lookalike", "# fixtures/resident-id.py\nORDER_IDS = [\"" + cnId() + "\", \"" + cnId() + "\"]\n");

        add("tw-national-id", "pii.tw-national-id", "姓名：陳怡君\n身份證字號：" + twId() + "\n");
        add("tw-national-id", "pii.tw-national-id", "{\"name\": \"Chen Yi\", \"national_id\": \"" + twId() + "\"}");
        add("tw-national-id", "pii.tw-national-id", "姓名,國民身分證統一編號,縣市\n林志明," + twId() + ",臺北市\n張雅婷," + twId()
                + ",高雄市\n");
        negative("bad-check", "姓名：陳怡君\n身份證字號：" + badTwId() + "\n");
        negative("company-id", "公司名稱：台灣範例股份有限公司\n統一編號：" + r.digits(8) + "\n電話：02-2" + r.digits(3) + "-"
                + r.digits(4));
    }

    // ---- South Africa, India, Australia ---------------------------------------------------------------------------

    private void southernAfricaAndIndia() {
        add("za-id", "pii.za-id", "Naam: Thabo Nkosi\nIdentiteitsnommer: " + zaId() + "\n");
        add("za-id", "pii.za-id", "{\"fullName\": \"Lerato Dlamini\", \"idNumber\": \"" + zaId() + "\"}");
        add("za-id", "pii.za-id", "naam;stad;id nommer\nThabo Nkosi;Durban;" + zaId() + "\nLerato Dlamini;Pretoria;"
                + zaId() + "\n");
        negative("bad-check", "{\"fullName\": \"Lerato Dlamini\", \"idNumber\": \"" + badZaId() + "\"}");
        negative("company-id", "Company registration number: 20" + r.between(10, 24) + "/" + r.digits(6)
                + "/07\nVAT number: 4" + r.digits(9));
        negative("lookalike", "ID number (support line): +27 82 " + r.digits(3) + " " + r.digits(4));

        add("in-pan", "pii.in-pan", "<employee><name>Priya Sharma</name><pan>" + pan('P') + "</pan></employee>");
        add("in-pan", "pii.in-pan", " name          | permanent account number\n---------------+-------------------------\n"
                + " Rahul Verma   | " + pan('P') + "\n Neha Patel    | " + pan('P') + "\n(2 rows)\n");
        add("in-pan", "pii.in-pan", "कर्मचारी: अनीता गुप्ता\nस्थायी खाता संख्या: " + pan('P') + "\n");
        negative("company-id", "<vendor><name>Acme Traders Pvt Ltd</name><pan>" + pan('C') + "</pan></vendor>");
        negative("company-id", "CIN: U" + r.digits(5) + "MH20" + r.between(10, 24) + "PTC" + r.digits(6)
                + "\nGSTIN: 27" + pan('C') + "1Z" + r.digits(1));

        add("au-tfn", "pii.au-tfn", "2025-06-02T10:11:12Z INFO payroll.onboard employee=\"Jack Wilson\" tax_file_number="
                + tfn() + " status=ok");
        add("au-tfn", "pii.au-tfn", "{\"employee\": \"Olivia Brown\", \"taxFileNumber\": \"" + tfn() + "\"}");
        negative("bad-check", "{\"employee\": \"Olivia Brown\", \"taxFileNumber\": \"" + badTfn() + "\"}");
    }

    // ---- Mexico, Colombia, Argentina ------------------------------------------------------------------------------

    private void latinAmerica() {
        String rfc = rfc();
        add("mx-rfc", "pii.mx-rfc", "Estimada Sofía:\nRegistro Federal de Contribuyentes: " + rfc.substring(0, 4) + "-"
                + rfc.substring(4, 10) + "-" + rfc.substring(10) + "\nSaludos");
        add("mx-rfc", "pii.mx-rfc", "<cliente><nombre>Diego Navarro</nombre><rfc>" + rfc() + "</rfc></cliente>");
        add("mx-rfc", "pii.mx-rfc", "Alta de proveedor persona física — RFC con homoclave " + rfc());
        negative("company-id", "<cliente><nombre>Obras del Norte SA de CV</nombre><rfc>ONO" + r.between(10, 24)
                + "0" + r.between(1, 9) + "1" + r.between(0, 9) + "A1" + r.between(0, 9) + "</rfc></cliente>");
        negative("bad-check", "Registro Federal de Contribuyentes: " + UP.charAt(r.between(0, 25)) + "OMA"
                + r.between(70, 99) + "13" + r.between(10, 28) + "QW7");

        add("co-cedula", "pii.co-cedula-column", "Nombre,Ciudad,Cédula\nCamila Ríos,Medellín," + cedula(true)
                + "\nAndrés Mora,Cali," + cedula(false) + "\n");
        add("co-cedula", "pii.co-cedula-column", "          Nombre  Número de cédula   Ciudad\n0  Camila Ríos  "
                + cedula(false) + "   Bogotá\n1  Andrés Mora  " + cedula(false) + "   Pasto\n");
        add("co-cedula", "pii.co-cedula-column", " nombre       | cedula_de_ciudadania | ciudad\n--------------+----------------------+-------\n"
                + " Camila Ríos  | " + cedula(false) + "           | Cali\n(1 row)\n");
        add("co-cedula", "pii.co-cedula-column", "nombre\tCÉDULA\tciudad\nAndrés Mora\t" + cedula(true) + "\tBogotá\n"
                + "Camila Ríos\t" + cedula(false) + "\tCali\n");
        add("co-cedula", "pii.co-cedula", "{\"nombre\": \"Camila Ríos\", \"cedula_de_ciudadania\": \"" + cedula(true)
                + "\"}");
        negative("lookalike", "Nombre,Ciudad,Pedido\nCamila Ríos,Medellín," + cedula(true) + "\nAndrés Mora,Cali,"
                + cedula(false) + "\n");
        negative("bad-check", "Nombre,Ciudad,Cédula\nCamila Ríos,Medellín,1.234.567\nAndrés Mora,Cali,7777777\n");

        add("ar-dni", "pii.ar-dni-column", "apellido,nombre,d.n.i.\nFernández,Lucía," + arDni(true) + "\nGómez,Juan,"
                + arDni(false) + "\n");
        add("ar-dni", "pii.ar-dni-column", "| Nombre | Nro. de documento | Provincia |\n|---|---|---|\n| Valentina Paz | "
                + arDni(true) + " | Córdoba |\n| Tomás Ruiz | " + arDni(true) + " | Mendoza |\n");
        add("ar-dni", "pii.ar-dni-column", "          Nombre  Número de documento  Provincia\n0  Martina Sosa  "
                + arDni(false) + "             Salta\n1   Tomás Ruiz  " + arDni(true) + "           Jujuy\n");
        add("ar-dni", "pii.ar-dni-column", "nombre\tdni\tciudad\nMartina Sosa\t" + arDni(false) + "\tRosario\n");
        String dni = arDni(true);
        char letter = "TRWAGMYFPDXBNJZSQVHLCKE".charAt((Integer.parseInt(dni.replace(".", "")) + 7) % 23); // not its letter
        negative("lookalike", "nombre;dni;ciudad\nLucía;" + dni + "-" + letter + ";Madrid\n");
        negative("lookalike", "Nombre,Fecha,Documento\nAna Moss,2025-03-26," + arDni(false) + "\nDana Park,2025-04-01,"
                + arDni(false) + "\n");
    }

    // ---- bank accounts ---------------------------------------------------------------------------------------------

    private void banks() {
        String rule = "financial.bank-account";
        add("bank", rule, "Formulaire de dépôt direct — Émilie Tremblay\nNuméro de transit : " + r.digits(5)
                + "\nNuméro d’institution : 0" + r.digits(2) + "\nNuméro de compte : " + r.digits(7) + "\n");
        add("bank", rule, "लाभार्थी: राहुल वर्मा\nखाता नंबर: " + r.between(1, 9) + r.digits(11) + "\nIFSC: SBIN0"
                + r.digits(6));
        add("bank", rule, "예금주: 김민준\n계좌번호: " + r.between(100, 999) + "-" + r.digits(3) + "-" + r.digits(6));
        add("bank", rule, "收款人：张伟\n收款账号：" + r.between(1, 9) + r.digits(15) + "\n开户行：中国工商银行");
        add("bank", rule, "受款人：陳怡君\nSWIFT：BKTWTWTP\n帳號：" + r.between(1, 9) + r.digits(11));
        add("bank", rule, "Beneficiary: Suzuki Ichiro\nSWIFT/BIC: MHCBJPJT\n口座番号: " + r.between(1, 9) + r.digits(9));
        negative("lookalike", "Numéro de transit : " + r.digits(5) + " (succursale du centre-ville)\nTéléphone : 514-"
                + r.digits(3) + "-" + r.digits(4));
        negative("lookalike", "登录账号：" + r.between(1, 9) + r.digits(9) + "\n密码：请联系管理员");
        negative("lookalike", "SWIFT：BKTWTWTP\n帳號：另行通知\n訂單編號：" + r.digits(10));
        negative("lookalike", "खाता संख्या: " + r.digits(5) + " (ग्राहक कोड)");
        negative("lookalike", "계좌번호는 별도로 안내드립니다. 주문번호: " + r.digits(10));
        negative("lookalike", "收款金额：" + r.between(10_000, 99_999) + "." + r.digits(2) + " 元\n订单号："
                + r.digits(12));
    }

    // ---- values ----------------------------------------------------------------------------------------------------

    private String nhsNo() {
        while (true) {
            String nine = r.between(1, 9) + r.digits(8);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (10 - i) * (nine.charAt(i) - '0');
            }
            int c = 11 - sum % 11;
            if (c != 10) {
                return nine + (c == 11 ? 0 : c);
            }
        }
    }

    private String badNhs() {
        return bumpLast(nhsNo());
    }

    private String rrn(boolean hyphen) {
        int year = r.between(1950, 2015);
        String s = String.format("%02d%02d%02d", year % 100, r.between(1, 12), r.between(1, 28))
                + (year < 2000 ? r.pick("1", "2") : r.pick("3", "4")) + r.digits(6);
        return hyphen ? s.substring(0, 6) + "-" + s.substring(6) : s;
    }

    private String badRrn() {
        return String.format("%02d02%02d", r.between(50, 99), r.between(30, 31)) + "-1" + r.digits(6);
    }

    private String myNumber() {
        while (true) {
            String eleven = r.between(1, 9) + r.digits(10);
            int[] w = {6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
            int sum = 0;
            for (int i = 0; i < 11; i++) {
                sum += w[i] * (eleven.charAt(i) - '0');
            }
            int c = 11 - sum % 11;
            return eleven + (c >= 10 ? 0 : c);
        }
    }

    private String badMyNumber() {
        return bumpLast(myNumber());
    }

    private static String grouped(String twelve) {
        return twelve.substring(0, 4) + " " + twelve.substring(4, 8) + " " + twelve.substring(8);
    }

    private String cnId() {
        String body = r.pick("110105", "310104", "440305", "510107", "330106") + r.between(1950, 2005)
                + String.format("%02d%02d", r.between(1, 12), r.between(1, 28)) + r.digits(3);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += w[i] * (body.charAt(i) - '0');
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private String badCnId() {
        String v = cnId();
        char last = v.charAt(17);
        return v.substring(0, 17) + (last == 'X' ? '0' : last == '9' ? 'X' : (char) (last + 1));
    }

    private String zaId() {
        String body = String.format("%02d%02d%02d", r.between(50, 99), r.between(1, 12), r.between(1, 28))
                + r.digits(4) + "08";
        return body + Checksums.luhn(body);
    }

    private String badZaId() {
        return bumpLast(zaId());
    }

    private String twId() {
        char letter = TW_LETTERS.charAt(r.between(0, 21));
        int code = "ABCDEFGHJKLMNPQRSTUVXYWZIO".indexOf(letter) + 10;
        String digits = r.pick("1", "2") + r.digits(7);
        int sum = code / 10 + (code % 10) * 9;
        for (int i = 0; i < 8; i++) {
            sum += (8 - i) * (digits.charAt(i) - '0');
        }
        return letter + digits + (10 - sum % 10) % 10;
    }

    private String badTwId() {
        return bumpLast(twId());
    }

    private String pan(char holder) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            s.append(UP.charAt(r.between(0, 25)));
        }
        s.append(holder).append(UP.charAt(r.between(0, 25))).append(r.between(1000, 9999))
                .append(UP.charAt(r.between(0, 25)));
        return s.toString();
    }

    private String rfc() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            s.append(UP.charAt(r.between(0, 25)));
        }
        return s + String.format("%02d%02d%02d", r.between(50, 99), r.between(1, 12), r.between(1, 28))
                + UP.charAt(r.between(0, 25)) + r.between(0, 9) + r.between(0, 9);
    }

    private String cedula(boolean dotted) {
        long n = r.chance(0.5) ? 1_000_000_000L + r.between(0, 99_999_999) : r.between(10_000_000, 99_999_999);
        String s = Long.toString(n);
        if (!dotted) {
            return s;
        }
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && (s.length() - i) % 3 == 0) {
                d.append('.');
            }
            d.append(s.charAt(i));
        }
        return d.toString();
    }

    private String arDni(boolean dotted) {
        String s = Integer.toString(r.between(20_000_000, 45_999_999));
        return dotted ? s.substring(0, 2) + "." + s.substring(2, 5) + "." + s.substring(5) : s;
    }

    private String tfn() {
        int[] w = {1, 4, 3, 7, 5, 8, 6, 9, 10};
        while (true) {
            String eight = r.between(1, 9) + r.digits(7);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += w[i] * (eight.charAt(i) - '0');
            }
            for (int d = 0; d <= 9; d++) {
                if ((sum + 10 * d) % 11 == 0) {
                    String v = eight + d;
                    return v.substring(0, 3) + " " + v.substring(3, 6) + " " + v.substring(6);
                }
            }
        }
    }

    private String badTfn() {
        return bumpLast(tfn());
    }

    private static String bumpLast(String v) {
        char last = v.charAt(v.length() - 1);
        return v.substring(0, v.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    private static String spaced(String ten, int a, int b) {
        return ten.substring(0, a) + " " + ten.substring(a, b) + " " + ten.substring(b);
    }

    // ---- requests --------------------------------------------------------------------------------------------------

    /** An Anthropic request whose assistant turn calls tool {@code name} with {@code input} (a JSON object). */
    private static Containers.Req toolUse(String name, String input) {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Look this patient up.\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01C9\","
                + "\"name\":\"" + name + "\",\"input\":" + input + "}]},{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"tool_result\",\"tool_use_id\":\"toolu_01C9\",\"content\":\"ok\"}]}]}";
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

    /** {@code req} as a saved request in {@code cases/} (the manifest is near its 5 MiB cap). */
    private static Containers.Req saved(Containers.Req req) {
        return new Containers.Req(req.method(), req.target(), req.headers(), req.body(), true, req.where(), req.raw());
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(saved(Containers.build(container, text, false, r)), List.of(), List.of(),
                negativeTags(kind, container), text));
    }
}
