package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Family {@code ids-intl}: national identifiers from outside Europe and the US, as an outside red team reported Sieve
 * missing them right next to their names ({@code 身份证号：...}, {@code NRIC ...}, {@code CURP: ...}, {@code TFN: ...}).
 * Every value is random with its check digit computed here from the published algorithm (not taken from the engine's
 * {@code intl-id} validator), said the way forms, JSON records and chats say it, in English and in the local script.
 * Positives are tagged {@code rt3:<kind>}. Hard negatives ({@code neg:ids-intl}, {@code neg:<kind>}): each shape with
 * a wrong check character next to its keyword, valid values with no keyword (order, ticket and tracking numbers),
 * PAN-shaped product codes in code, Chinese prose naming 身份证 without a number, the word Medicare in US prose with a
 * 10-digit phone number, timestamps and dates of the same shape, and keywords cut from longer words (brute, company).
 * Written with the rules, so not held out.
 */
final class IdsIntl {

    static final long SEED = 20_261_206L;
    static final String FAMILY = "ids-intl";

    private static final List<String> CONTAINERS = List.of("json-anthropic", "json-openai-chat", "text",
            "json-anthropic-tool", "json-gemini", "multipart", "json-openai-responses", "form", "gzip-octet", "zip");
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** One identifier: its rule, a generator of valid values, and the texts it is said in ({} is the value). */
    private record Kind(String name, String rule, Function<Rng, String> value, List<String> templates) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("au-tfn", "pii.au-tfn", IdsIntl::tfn, List.of("TFN: {}",
                    "Employee tax file number {} - super fund AustralianSuper",
                    "{\"name\":\"Mia Chen\",\"tfn\":\"{}\",\"residency\":\"AU\"}",
                    "Tax file number declaration\nTFN {}\nResident for tax purposes: yes")),
            new Kind("au-medicare", "pii.au-medicare", IdsIntl::medicare, List.of("Medicare card {}",
                    "medicare no. {} valid to 08/2029", "{\"patient\":\"Liam Ng\",\"medicare_number\":\"{}\"}")),
            new Kind("sg-nric", "pii.sg-nric", IdsIntl::nric, List.of("NRIC {}", "Applicant FIN: {}, work pass holder",
                    "{\"nric\":\"{}\",\"name\":\"Tan Wei Ling\"}", "NRIC/FIN no. {} (please verify)")),
            new Kind("jp-my-number", "pii.jp-my-number", IdsIntl::myNumber, List.of("マイナンバー：{}",
                    "個人番号 {} 氏名 山田花子", "My Number: {}", "{\"my_number\":\"{}\"}")),
            new Kind("kr-rrn", "pii.kr-rrn", IdsIntl::rrn, List.of("주민등록번호: {}", "성명 김민준 주민번호 {}",
                    "RRN {}", "resident registration number {}")),
            new Kind("cn-resident-id", "pii.cn-resident-id", IdsIntl::chinaId, List.of("身份证号：{}",
                    "公民身份号码 {}", "姓名：张伟，身份證 {}，电话见附件", "Resident ID {}", "{\"id_card\":\"{}\"}")),
            new Kind("hk-hkid", "pii.hk-hkid", IdsIntl::hkid, List.of("HKID {}", "香港身份證號碼：{}",
                    "Identity card no. {}", "{\"hkid\":\"{}\"}")),
            new Kind("tw-national-id", "pii.tw-national-id", IdsIntl::taiwanId, List.of("身分證字號：{}",
                    "National ID {}", "身分证 {}", "統一證號 {}")),
            new Kind("mx-curp", "pii.mx-curp", IdsIntl::curp, List.of("CURP: {}", "{\"curp\":\"{}\"}",
                    "Datos del alumno - CURP {}")),
            new Kind("cl-rut", "pii.cl-rut", IdsIntl::rut, List.of("RUT: {}", "Cliente Ana Rojas, RUT {}",
                    "{\"rut\":\"{}\"}", "R.U.T. {}")),
            new Kind("za-id", "pii.za-id", IdsIntl::southAfricaId, List.of("South African ID {}", "ID number: {}",
                    "RSA ID {}", "{\"id_number\":\"{}\"}")),
            new Kind("il-teudat-zehut", "pii.il-teudat-zehut", IdsIntl::teudatZehut, List.of("Teudat Zehut {}",
                    "מספר תעודת זהות: {}", "Israeli ID {}", "ת.ז. {}")),
            new Kind("in-pan", "pii.in-pan", IdsIntl::pan, List.of("PAN: {}", "PAN card no. {}, Aadhaar linked",
                    "{\"pan_number\":\"{}\"}", "Permanent Account Number {}")));

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private IdsIntl(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        IdsIntl c = new IdsIntl(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    /** Six values of each identifier, its templates in turn, in rotating containers. */
    private void positives() {
        for (Kind k : KINDS) {
            for (int i = 0; i < 6; i++) {
                String text = k.templates().get(i % k.templates().size()).replace("{}", k.value().apply(r));
                String container = HardCorpus.fit(CONTAINERS, turn++, text);
                out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(k.rule()), List.of(),
                        List.of("family:" + FAMILY, "cat:" + Values.PII, "container:" + container, "enc:none",
                                "rt3:" + k.name()), ""));
            }
        }
    }

    private void negatives() {
        // each shape with a wrong check character, right next to its keyword
        for (Kind k : KINDS) {
            if (k.name().equals("kr-rrn") || k.name().equals("in-pan")) {
                continue;
            }
            String v = k.value().apply(r);
            // a Medicare number's check digit is its ninth (4188 3788[7] 8); the others end in theirs
            String wrong = k.name().equals("au-medicare") ? bump(v, 9) : wrongCheck(v);
            negative("wrong-check", k.templates().get(0).replace("{}", wrong));
        }
        // no checksum: an impossible date (30 February), and a PAN whose fourth letter is no holder type
        negative("wrong-check", "주민등록번호: 730230-" + r.between(1, 2) + r.digits(6));
        negative("wrong-check", "PAN: " + r.from(LETTERS, 3) + "D" + r.from(LETTERS, 1) + r.between(1000, 9999)
                + r.from(LETTERS, 1));
        // valid values, no keyword: order, ticket and tracking numbers of the same shape
        negative("no-keyword", "order " + tfn(r) + " shipped to Perth");
        negative("no-keyword", "Ticket #" + myNumber(r).replace(" ", "") + " closed by the on-call engineer");
        negative("no-keyword", "订单号 " + chinaId(r) + "，预计三天内发货");
        negative("no-keyword", "lote " + curp(r) + " enviado al almacén");
        negative("no-keyword", "version " + rut(r) + " of the firmware is out");
        negative("no-keyword", "tracking " + southAfricaId(r) + " delivered");
        negative("no-keyword", "invoice " + teudatZehut(r) + " paid in full");
        negative("no-keyword", "SKU " + nric(r) + " restocked, part " + hkid(r) + " on back order");
        negative("no-keyword", "tracking " + taiwanId(r) + " delivered, ref " + medicare(r).replace(" ", ""));
        negative("product-code", "const SKU = \"ABCDE1234F\"; // product code\nconst PART = \"" + pan(r) + "\";");
        negative("product-code", "| sku | qty |\n|---|---|\n| " + pan(r) + " | 4 |\n| " + pan(r) + " | 12 |");
        // the keyword without a number, and numbers of another shape beside it
        negative("keyword-prose", "请携带身份证原件到前台办理入住手续。");
        negative("keyword-prose", "身份证复印件需要加盖公章，订单号 20240612153012，联系电话 021-63745821。");
        negative("keyword-prose", "マイナンバーカードの申請は市役所で行えます。受付番号 2024-0612-1530。");
        negative("medicare-phone", "Questions about Medicare? Call 4155550132 or 1-800-633-4227, Monday to Friday.");
        negative("medicare-phone", "Medicare enrollment help line: 2125550187 (NY office), 3125550198 (Chicago).");
        negative("date-shape", "TFN form lodged 20240612, next review 20250612");
        negative("date-shape", "medicare batch 2024061215 exported at 2024-06-12T15:30:12Z");
        negative("date-shape", "ID number field added in release 2406121530342");
        negative("substring", "brute force " + rut(r).replace(".", "") + " attempts blocked");
        negative("substring", "company expansion plan " + pan(r) + " approved");
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }

    /** {@code v} with its last character (the check character) replaced by another one of its kind. */
    static String wrongCheck(String v) {
        boolean paren = v.endsWith(")");
        int at = v.length() - (paren ? 2 : 1);
        char c = v.charAt(at);
        char other = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10) : c == 'Z' ? 'A' : (char) (c + 1);
        if (c == 'X' || c == 'K') {
            other = '1';
        }
        return v.substring(0, at) + other + v.substring(at + 1);
    }

    /** {@code v} with the digit at {@code i} increased by one (9 becomes 0). */
    private static String bump(String v, int i) {
        return v.substring(0, i) + (char) ('0' + (v.charAt(i) - '0' + 1) % 10) + v.substring(i + 1);
    }

    // ---- values from the published algorithms --------------------------------------------------------------------

    /** Australian TFN: nine digits, weights 1,4,3,7,5,8,6,9,10, sum mod 11 = 0; written 3-3-3. */
    static String tfn(Rng r) {
        int[] w = {1, 4, 3, 7, 5, 8, 6, 9, 10};
        while (true) {
            String s = r.between(1, 9) + r.digits(8);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (s.charAt(i) - '0') * w[i];
            }
            if (sum % 11 == 0) {
                return s.substring(0, 3) + " " + s.substring(3, 6) + " " + s.substring(6);
            }
        }
    }

    /** Australian Medicare card: 2-6, seven digits, check digit (weights 1,3,7,9,1,3,7,9 mod 10), issue number. */
    static String medicare(Rng r) {
        String body = r.between(2, 6) + r.digits(7);
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (body.charAt(i) - '0') * w[i];
        }
        String s = body + sum % 10 + r.between(1, 9);
        return s.substring(0, 4) + " " + s.substring(4, 9) + " " + s.substring(9);
    }

    /** Singapore NRIC/FIN: prefix, 7 digits, check letter from the prefix's table. */
    static String nric(Rng r) {
        char prefix = r.pick("S", "T", "F", "G", "M").charAt(0);
        String digits = r.digits(7);
        int[] w = {2, 7, 6, 5, 4, 3, 2};
        int sum = prefix == 'T' || prefix == 'G' ? 4 : prefix == 'M' ? 3 : 0;
        for (int i = 0; i < 7; i++) {
            sum += (digits.charAt(i) - '0') * w[i];
        }
        String table = prefix == 'S' || prefix == 'T' ? "JZIHGFEDCBA" : prefix == 'M' ? "XWUTRQPNJLK" : "XWUTRQPNMLK";
        return prefix + digits + table.charAt(sum % 11);
    }

    /** Japan My Number: 11 digits and the check digit (P_n weighted by n+1 up to 6, n-5 after; 11 - sum mod 11). */
    static String myNumber(Rng r) {
        String body = r.between(1, 9) + r.digits(10);
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            sum += (body.charAt(11 - n) - '0') * (n <= 6 ? n + 1 : n - 5);
        }
        int rem = sum % 11;
        String s = body + (rem <= 1 ? 0 : 11 - rem);
        return r.chance(0.5) ? s : s.substring(0, 4) + " " + s.substring(4, 8) + " " + s.substring(8);
    }

    /** Korean RRN: a birth date, the sex/century digit for it, six more digits. */
    static String rrn(Rng r) {
        int year = r.between(1950, 2019);
        String date = String.format("%02d%02d%02d", year % 100, r.between(1, 12), r.between(1, 28));
        return date + "-" + (year < 2000 ? r.between(1, 2) : r.between(3, 4)) + r.digits(6);
    }

    /** Chinese resident ID: region, YYYYMMDD, sequence, ISO 7064 MOD 11-2 check character. */
    static String chinaId(Rng r) {
        String body = r.pick("110105", "310104", "440305", "510107", "330106", "420102") + r.between(1950, 2010)
                + String.format("%02d%02d", r.between(1, 12), r.between(1, 28)) + r.digits(3);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * ((1 << (17 - i)) % 11);
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** Hong Kong ID: one or two letters, six digits, check digit in parentheses (weights 9..2, space = 36). */
    static String hkid(Rng r) {
        String letters = r.from("ACDEGHKMPRVWYZ", r.chance(0.25) ? 2 : 1);
        String digits = r.digits(6);
        String padded = (letters.length() == 1 ? " " : "") + letters + digits;
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = padded.charAt(i);
            int value = c == ' ' ? 36 : Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * (9 - i);
        }
        int check = (11 - sum % 11) % 11;
        return letters + digits + "(" + (check == 10 ? "A" : String.valueOf(check)) + ")";
    }

    /** Taiwan ID: a letter (A=10 ... as the ministry numbers them), 1 or 2, seven digits, check digit mod 10. */
    static String taiwanId(Rng r) {
        String codes = "ABCDEFGHJKLMNPQRSTUVXYWZIO";
        char letter = r.from(codes, 1).charAt(0);
        int code = 10 + codes.indexOf(letter);
        String body = r.pick("1", "2", "1", "2", "8", "9") + r.digits(7);
        int sum = code / 10 + code % 10 * 9;
        for (int i = 0; i < 8; i++) {
            sum += (body.charAt(i) - '0') * (8 - i);
        }
        return letter + body + (10 - sum % 10) % 10;
    }

    /** Mexico CURP: name letters, birth date, sex, state, consonants, disambiguation, check digit. */
    static String curp(Rng r) {
        int year = r.between(1950, 2012);
        String body = r.from("BCDGHLMPRST", 1) + r.from("AEIOU", 1) + r.from("ABCDGLMNPRSTVZ", 1)
                + r.from("AEILMNORS", 1) + String.format("%02d%02d%02d", year % 100, r.between(1, 12), r.between(1, 28))
                + r.pick("H", "M") + r.pick("AS", "BC", "CH", "DF", "GT", "JC", "MC", "NL", "PL", "VZ", "YN")
                + r.from("BCDFGHJKLMNPRSTVZ", 3) + (year < 2000 ? r.digits(1) : r.from("ABC", 1));
        String alphabet = "0123456789ABCDEFGHIJKLMN\u00d1OPQRSTUVWXYZ";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(body.charAt(i)) * (18 - i);
        }
        return body + (10 - sum % 10) % 10;
    }

    /** Chile RUT: 7 or 8 digits, dotted, and the mod-11 check digit (0-9 or K). */
    static String rut(Rng r) {
        String body = String.valueOf(r.between(5_000_000, 26_000_000));
        int sum = 0;
        int factor = 2;
        for (int i = body.length() - 1; i >= 0; i--) {
            sum += (body.charAt(i) - '0') * factor;
            factor = factor == 7 ? 2 : factor + 1;
        }
        int c = 11 - sum % 11;
        String dotted = body.substring(0, body.length() - 6) + "." + body.substring(body.length() - 6, body.length() - 3)
                + "." + body.substring(body.length() - 3);
        return dotted + "-" + (c == 11 ? "0" : c == 10 ? "K" : String.valueOf(c));
    }

    /** South African ID: YYMMDD (born 1950-2005), sequence, citizenship 0/1, 8, Luhn check digit. */
    static String southAfricaId(Rng r) {
        int year = r.between(1950, 2005);
        String body = String.format("%02d%02d%02d", year % 100, r.between(1, 12), r.between(1, 28)) + r.digits(4)
                + r.between(0, 1) + "8";
        return body + Checksums.luhn(body);
    }

    /** Israeli ID: eight digits and the Luhn check digit (weights 1,2 alternating over the nine digits). */
    static String teudatZehut(Rng r) {
        String body = r.between(1, 3) + r.digits(7);
        return body + Checksums.luhn(body);
    }

    /** Indian PAN: three letters, the holder type, a letter, four digits, a letter. */
    /**
     * An individual's PAN (holder type P: since session 37 pii.in-pan takes no other holder type). The holder type
     * is still drawn from the ten it was first drawn from, so the seed's sequence, and every later case, is as it was.
     */
    static String pan(Rng r) {
        String letters = r.from(LETTERS, 3);
        r.from("PCHFATBLJG", 1);
        return letters + "P" + r.from(LETTERS, 1) + r.between(1000, 9999) + r.from(LETTERS, 1);
    }
}
