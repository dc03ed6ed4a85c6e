package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code fin33}: cards, SSNs and national ids in structured or machine shapes, fixed in session 33, with hard
 * negatives for each class and near misses of each fix.
 * <ul>
 *   <li>Positives ({@code fin33:<kind>}): a PAN in an EMV TLV dump (tag 5A glued to its tag and length, spaced bytes,
 *       tag 57 track 2 equivalent) and in an ISO 8583 message (DE2 LLVAR after MTI and bitmap); a card or SSN as a
 *       0x integer after its label; SSNs that lost their leading zeros in an SSN column; OCR word lists (Textract WORD
 *       blocks, Azure words) holding an SSN in three words or a card in four; a New York licence 3-3-3 after its
 *       label; an Indian PAN column, Aadhaar numbers in a uid column; a Mexican RFC in CFDI XML; Argentine DNI and
 *       Colombian cédula after their labels; a Personalausweis number after its label and a German ID card's TD1
 *       MRZ.</li>
 *   <li>Negatives ({@code neg:fin33}, {@code neg:<kind>}): hex dumps of random bytes, EMV tag tables, TLV of other
 *       tags, tag 5A with a network test PAN or a broken Luhn digit, ISO 8583 without bit 2; Textract blocks of an
 *       invoice's words, prices and dates; hex constants; 12-digit ids in a uid column that fail Verhoeff; RFC-shaped
 *       words without their label and SAT's generic RFC; DNI-like numbers without a label; the ERIKA MUSTERMANN
 *       specimen MRZ and card number; eight-digit numbers in other columns.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Fin33 {

    static final long SEED = 20_261_233L;
    static final String FAMILY = "fin33";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");
    private static final String[] NAMES = {"Ana Moss", "Dana Park", "Omar Ito", "Lee Iyer", "Kenji Rossi", "Mara Holt"};
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DE_SERIAL = "CFGHJKLMNPRTVWXYZ0123456789";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Fin33(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Fin33 c = new Fin33(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    private void positives() {
        for (int i = 0; i < 4; i++) {
            String name = r.pick(NAMES);
            // ---- EMV TLV, ISO 8583 ----
            String visa = pan("4", 16);
            String yymm = r.between(27, 31) + String.format("%02d", r.between(1, 12));
            pos("emv-5a", "financial.card-emv-tlv", Values.FINANCIAL, "Terminal log, GENERATE AC:\n9F0206"
                    + String.format("%012d", r.between(100, 99999)) + " 5A08" + visa + " 5F2403" + yymm + "31 9F2608"
                    + hex(16));
            String amex = pan(r.pick("34", "37"), 15);
            pos("emv-5a-glued", "financial.card-emv-tlv", Values.FINANCIAL, "kernel trace: 9F02060000000"
                    + r.digits(5) + "5A08" + amex + "F5F2403" + yymm + "319F3602" + hex(4));
            String mc = pan(r.pick("51", "53", "55"), 16);
            pos("emv-5a-spaced", "financial.card-emv-tlv", Values.FINANCIAL, "READ RECORD SFI 1 rec 1: 70 81 A3 5A 08 "
                    + mc.replaceAll("(..)", "$1 ").trim() + " 5F 24 03 " + yymm.substring(0, 2) + " " + yymm.substring(2)
                    + " 31");
            pos("emv-57", "financial.card-emv-tlv", Values.FINANCIAL, "TLV dump:\n57 13 " + visa + "D" + yymm + "201"
                    + r.digits(14) + "F\n9F26 08 " + hex(16));
            String mc2 = pan(r.pick("52", "54"), 16);
            pos("iso8583", "financial.card-iso8583", Values.FINANCIAL, "ISO8583 trace:\n0200 723A4481 28E09000 16" + mc2
                    + "000000" + String.format("%012d", r.between(100, 999999)) + "1204" + r.digits(6));
            pos("iso8583-secondary", "financial.card-iso8583", Values.FINANCIAL, "[jpos] MTI=0100 "
                    + "F23A448128E09000" + "0000000004000000" + "16" + visa + "003000" + r.digits(12));
            // ---- numbers in hex ----
            String card = HardValues.card(r, i % 2);
            pos("card-hex", "financial.card-hex-integer", Values.FINANCIAL, r.pick("pan_hex = 0x", "Card number: 0x",
                    "card_int=0x") + Long.toHexString(Long.parseLong(card)) + r.pick("  # int(pan, 16) to restore",
                    "\nExp: 0" + r.between(1, 9) + "/2" + r.between(7, 9), ""));
            String ssn = HardValues.ssn(r, "");
            pos("ssn-hex", "pii.us-ssn-hex-integer", Values.PII, r.pick("employee " + name + " ssn_hex=0x",
                    "Name: " + name + "\nSSN: 0x", "{\"name\": \"" + name + "\", \"ssn\": \"0x")
                    + Integer.toHexString(Integer.parseInt(ssn)) + r.pick("", "\nDOB: 0x12" + hex(5), "\"}"));
            // ---- SSNs that lost their leading zeros ----
            StringBuilder csv = new StringBuilder(r.pick("Name,SSN,Hire Date\n", "name,ssn,dept\n"));
            for (int k = 0; k < 3; k++) {
                csv.append(r.pick(NAMES)).append(',').append(lostZeros()).append(',')
                        .append(r.pick("05/01/1993", "Ops", "11/13/2004", "Sales")).append('\n');
            }
            pos("ssn-lost-zeros", "pii.us-ssn-lost-zeros", Values.PII, csv.toString());
            pos("ssn-lost-zeros-md", "pii.us-ssn-lost-zeros", Values.PII, "| Employee | SSN | Team |\n|---|---|---|\n| "
                    + name + " | " + lostZeros() + " | ops |\n");
            // ---- OCR word lists ----
            String s = HardValues.ssn(r, "-");
            List<String> words = new ArrayList<>(List.of("Social", "Security", "Number"));
            words.addAll(List.of(s.split("-")));
            words.addAll(List.of(name.split(" ")[0], "DOB", "0" + r.between(1, 9) + "/1" + r.between(0, 9) + "/19"
                    + r.between(50, 99)));
            pos("ocr-textract-ssn", "pii.us-ssn-unformatted", Values.PII, textract(words));
            int brand = i % 2;
            String c = HardValues.card(r, brand);
            List<String> cw = new ArrayList<>(List.of(HardValues.cardGrouped(c, " ").split(" ")));
            cw.addAll(List.of("VALID", "THRU", "0" + r.between(1, 9) + "/2" + r.between(7, 9)));
            pos("ocr-textract-card", HardValues.CARDS.get(brand)[0], Values.FINANCIAL, textract(cw));
            String c2 = HardValues.card(r, brand);
            pos("ocr-azure-card", HardValues.CARDS.get(brand)[0], Values.FINANCIAL, azure(List.of(
                    HardValues.cardGrouped(c2, " ").split(" "))));
            // ---- labelled ids ----
            pos("dl-ny", "pii.us-driver-license", Values.PII, "RENTAL AGREEMENT\nRenter " + name + "\n"
                    + r.pick("Driver License No: ", "Driver's License #: ", "DL No. ") + r.digits(3) + " " + r.digits(3)
                    + " " + r.digits(3) + "  State: NY  DOB 0" + r.between(1, 9) + "/1" + r.between(0, 9) + "/1980");
            StringBuilder pans = new StringBuilder(r.pick("vendor,pan,gstin\n", "name;PAN;city\n"));
            String sep = pans.indexOf(";") > 0 ? ";" : ",";
            for (int k = 0; k < 2; k++) {
                String p = indianPan();
                pans.append(r.pick(NAMES)).append(sep).append(p).append(sep)
                        .append(sep.equals(",") ? "27" + p + "1Z" + r.between(1, 9) : "Pune").append('\n');
            }
            pos("in-pan-column", "pii.in-pan", Values.PII, pans.toString());
            StringBuilder uid = new StringBuilder("name,uid,mobile\n");
            for (int k = 0; k < 3; k++) {
                uid.append(r.pick(NAMES)).append(',').append(aadhaar(true)).append(",+91 9").append(r.digits(9))
                        .append('\n');
            }
            pos("in-aadhaar-uid", "pii.in-aadhaar-column", Values.PII, uid.toString());
            pos("mx-rfc", "pii.mx-rfc", Values.PII, "<cfdi:Receptor Rfc=\"" + rfc() + "\" Nombre=\""
                    + name.toUpperCase() + "\" DomicilioFiscalReceptor=\"0" + r.between(1000, 9999)
                    + "\" UsoCFDI=\"G03\"/>");
            pos("mx-rfc-label", "pii.mx-rfc", Values.PII, "Factura a nombre de " + name + ", RFC: " + rfc()
                    + ", régimen 612");
            pos("ar-dni", "pii.ar-dni", Values.PII, "Pasajeros:\n" + name + " \u2014 DNI " + r.between(20, 45) + "."
                    + r.digits(3) + "." + r.digits(3) + "\n" + r.pick(NAMES) + " \u2014 DNI " + r.between(20, 45)
                    + r.digits(6));
            pos("co-cedula", "pii.co-cedula", Values.PII, "Firmado: " + name + ", " + r.pick("C.C. ", "c\u00e9dula No. ",
                    "C.C ") + r.between(10, 99) + "." + r.digits(3) + "." + r.digits(3) + " de Bogot\u00e1");
            pos("de-id-card", "pii.de-id-card", Values.PII, "Mitarbeiter: " + name + "\n"
                    + r.pick("Personalausweisnummer: ", "Ausweis-Nr.: ", "ID card number ") + deSerial()
                    + "\nGeburtsdatum: " + r.between(10, 28) + ".0" + r.between(1, 9) + ".19" + r.between(50, 99));
            pos("de-id-mrz-td1", "pii.passport-mrz", Values.PII, "OCR Personalausweis R\u00fcckseite:\n" + td1(name));
        }
    }

    private void negatives() {
        for (int i = 0; i < 3; i++) {
            // hex dumps, EMV tables and other tags
            StringBuilder dump = new StringBuilder();
            for (int k = 0; k < 6; k++) {
                dump.append(String.format("%08x: ", k * 16));
                for (int b = 0; b < 8; b++) {
                    dump.append(hex(4).toLowerCase()).append(' ');
                }
                dump.append('\n');
            }
            neg("hexdump", dump.toString());
            neg("emv-tag-table", "| Tag | Name | Format |\n|---|---|---|\n| 5A | Application PAN | cn 19 |\n"
                    + "| 57 | Track 2 Equivalent Data | b 19 |\n| 5F24 | Application Expiration Date | n 6 YYMMDD |\n"
                    + "| 9F26 | Application Cryptogram | b 8 |");
            neg("emv-other-tags", "GENERATE AC response: 9F2701" + r.pick("40", "80") + " 9F3602" + hex(4) + " 9F2608"
                    + hex(16) + " 9F1012" + hex(36) + " 950500" + hex(8) + " 9A03" + r.digits(6));
            neg("emv-test-pan", "Terminal log (test card):\n9F0206000000001000 5A084761739001010010 5F2403251231");
            String visa = pan("4", 16);
            neg("emv-broken-luhn", "Terminal log:\n5A08" + broken(visa) + " 5F2403" + r.between(27, 31) + "1231");
            neg("emv-not-a-pan", "8F0105 5A0812" + r.digits(14) + " 9F0702FF00");
            String mc = pan("53", 16);
            neg("iso8583-no-de2", "ISO8583 trace:\n0800 " + r.pick("32", "22", "82") + "20000000000000 16" + mc + "0000");
            neg("iso8583-broken", "ISO8583 trace:\n0200 723A4481 28E09000 16" + broken(mc) + "000000");
            // OCR of an invoice: words, prices, dates, invoice numbers
            List<String> words = List.of("INVOICE", "No.", "INV-2026-" + r.digits(4), "Date", r.between(1, 28) + "/"
                    + r.between(1, 12) + "/2026", "Qty", String.valueOf(r.between(1, 9)), "Unit", "$"
                    + r.between(10, 999) + "." + r.digits(2), "Total", "$" + r.between(1, 9) + "," + r.digits(3) + "."
                    + r.digits(2), "PO", r.digits(6), "Terms", "Net", "30");
            neg("ocr-invoice", textract(words));
            neg("ocr-azure-prices", azure(List.of("Subtotal", r.digits(3) + "." + r.digits(2), "Tax",
                    r.digits(2) + "." + r.digits(2), "Total", r.digits(3) + "." + r.digits(2))));
            // hex constants and a Luhn-valid order id in hex
            neg("hex-constant", "magic = 0x" + hex(14).toLowerCase() + "  # file signature");
            neg("hex-order-id", "order_id = 0x" + Long.toHexString(Long.parseLong(pan("4", 16))));
            neg("hex-ssn-mask", "ssn_mask = 0xffff0000; ssn_shift = 0x10");
            // eight digits in other columns, an SSN column with an impossible group
            neg("ssn-lost-zeros-other-column", "Name,Employee No,Hire Date\n" + r.pick(NAMES) + "," + lostZeros()
                    + ",05/01/1993\n");
            neg("ssn-lost-zeros-group-00", "Name,SSN,Dept\n" + r.pick(NAMES) + "," + r.between(10, 99) + "00"
                    + r.between(1000, 9999) + ",Ops\n");
            // uid columns that fail Verhoeff, a single cell
            StringBuilder uid = new StringBuilder("name,uid,mobile\n");
            for (int k = 0; k < 3; k++) {
                uid.append(r.pick(NAMES)).append(',').append(aadhaar(k != 1)).append(",+91 9").append(r.digits(9))
                        .append('\n');
            }
            neg("uid-verhoeff-fails", uid.toString());
            StringBuilder users = new StringBuilder("uid,login,created\n");
            for (int k = 0; k < 4; k++) {
                users.append(k == 0 ? aadhaar(false) : r.between(2, 9) + r.digits(11)).append(",user").append(k)
                        .append(",2026-0").append(r.between(1, 9)).append("-1").append(r.between(0, 9)).append('\n');
            }
            neg("uid-user-ids", users.toString());
            // RFC-shaped words, generic RFCs, ids without their label
            neg("rfc-no-label", "lote " + rfc() + " enviado a bodega " + r.digits(3));
            neg("rfc-generic", "<cfdi:Receptor Rfc=\"XAXX010101000\" Nombre=\"PUBLICO EN GENERAL\" UsoCFDI=\"S01\"/>");
            neg("rfc-company", "<cfdi:Emisor Rfc=\"" + r.from(LETTERS, 3) + "9" + r.between(0, 9) + "0"
                    + r.between(1, 9) + "1" + r.between(0, 9) + r.from(LETTERS, 2) + r.digits(1)
                    + "\" Nombre=\"ACME SA DE CV\" RegimenFiscal=\"601\"/>");
            neg("dni-no-label", "Pedido " + r.between(20, 45) + "." + r.digits(3) + "." + r.digits(3) + " enviado; "
                    + "expediente " + r.between(10, 99) + "." + r.digits(3) + "." + r.digits(3) + " archivado");
            neg("dni-placeholder", "Ingrese su DNI 12.345.678 sin puntos (ejemplo)");
            neg("pan-shaped-sku", "vendor,sku,gstin\n" + r.pick(NAMES) + "," + indianPan() + ",27AAAPZ1234C1Z" + r.digits(1)
                    + "\n");
            neg("de-id-no-digit", "Personalausweis: " + r.pick("LMNPRTVWX", "NRWPTLXYZ", "WXYZLMNPR") + " (Platzhalter)");
            neg("de-id-specimen", "Muster-Personalausweis: Ausweisnummer T22000129, Erika Mustermann");
            neg("dl-phone", "Driver License No: see form; call " + r.digits(3) + " " + r.digits(3) + " "
                    + r.digits(4));
        }
        neg("mrz-specimen-mustermann", "IDD<<T220001293<<<<<<<<<<<<<<<\n6408125<2010315D<<<<<<<<<<<<<4\n"
                + "MUSTERMANN<<ERIKA<<<<<<<<<<<<<");
        neg("mrz-specimen-icao", "ICAO 9303 TD1 specimen:\nI<UTOD231458907<<<<<<<<<<<<<<<\n"
                + "7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<");
    }

    // ---- values ----

    private String pan(String prefix, int length) {
        String payload = prefix + r.digits(length - 1 - prefix.length());
        return payload + Checksums.luhn(payload);
    }

    private static String broken(String digits) {
        char last = digits.charAt(digits.length() - 1);
        return digits.substring(0, digits.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    private String hex(int n) {
        return r.from("0123456789ABCDEF", n);
    }

    /** An SSN of area 001-099 as a spreadsheet prints it without its leading zeros (7 or 8 digits). */
    private String lostZeros() {
        int area = r.chance(0.8) ? r.between(10, 99) : r.between(1, 9);
        return area + String.format("%02d%04d", r.between(1, 99), r.between(1, 9999));
    }

    /**
     * An individual's PAN (holder type P: since session 37 pii.in-pan takes no other holder type). The holder type
     * is still drawn from the four it was first drawn from, so the seed's sequence, and every later case, is as it was.
     */
    private String indianPan() {
        String letters = r.from(LETTERS, 3);
        r.pick("P", "C", "H", "F");
        return letters + "P" + r.from(LETTERS, 1) + r.between(1, 9) + r.digits(3) + r.from(LETTERS, 1);
    }

    private String aadhaar(boolean valid) {
        String a = verhoeff(r.between(2, 9) + r.digits(10));
        return valid ? a : broken(a);
    }

    private String rfc() {
        return r.from(LETTERS, 4) + r.digits(1) + r.between(0, 9) + String.format("%02d%02d", r.between(1, 12),
                r.between(1, 28)) + r.from(LETTERS + "0123456789", 2) + r.pick("0", "3", "7", "A");
    }

    /** A German ID card's serial number: L-Z first, at least one digit. */
    private String deSerial() {
        return r.from("LMNPRTVWXY", 1) + r.digits(1) + r.from(DE_SERIAL, 7);
    }

    /** The three lines of a German identity card's MRZ (TD1), check digits computed. */
    private String td1(String name) {
        String doc = deSerial();
        String l1 = pad("IDD<<" + doc + Checksums.mrz(doc), 30);
        String birth = String.format("%02d%02d%02d", r.between(50, 99), r.between(1, 12), r.between(1, 28));
        String expiry = String.format("%02d%02d%02d", r.between(30, 34), r.between(1, 12), r.between(1, 28));
        String l2 = pad(birth + Checksums.mrz(birth) + "<" + expiry + Checksums.mrz(expiry) + "D<<", 29);
        l2 = l2 + Checksums.mrz(l1.substring(5, 30) + l2.substring(0, 7) + l2.substring(8, 15) + l2.substring(18, 29));
        String[] n = name.toUpperCase().split(" ");
        return l1 + "\n" + l2 + "\n" + pad(n[1] + "<<" + n[0], 30);
    }

    private static String pad(String s, int width) {
        return s + "<".repeat(Math.max(0, width - s.length()));
    }

    private static String verhoeff(String digits) {
        int[][] d = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
            {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
            {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
        int[][] p = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
            {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
        int[] inv = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};
        int c = 0;
        for (int i = 0; i < digits.length(); i++) {
            c = d[c][p[(i + 1) % 8][digits.charAt(digits.length() - 1 - i) - '0']];
        }
        return digits + inv[c];
    }

    /** An AWS Textract result: a PAGE block, a LINE block, then one WORD block a word. */
    private String textract(List<String> words) {
        StringBuilder b = new StringBuilder("{\"DocumentMetadata\": {\"Pages\": 1}, \"Blocks\": [{\"BlockType\": "
                + "\"PAGE\", \"Id\": \"p1\"}");
        for (String w : words) {
            b.append(", {\"BlockType\": \"WORD\", \"Confidence\": 9").append(r.between(0, 9)).append('.')
                    .append(r.digits(2)).append(", \"Text\": \"").append(w).append("\", \"TextType\": \"PRINTED\", "
                    + "\"Geometry\": {\"BoundingBox\": {\"Width\": 0.0").append(r.digits(2)).append(", \"Left\": 0.")
                    .append(r.digits(2)).append("}}, \"Id\": \"w").append(r.digits(4)).append("\"}");
        }
        return b.append("]}").toString();
    }

    /** An Azure AI Vision Read result: one line's words. */
    private String azure(List<String> words) {
        StringBuilder b = new StringBuilder("{\"status\": \"succeeded\", \"analyzeResult\": {\"readResults\": [{\"page\": 1, "
                + "\"lines\": [{\"words\": [");
        for (int k = 0; k < words.size(); k++) {
            b.append(k == 0 ? "" : ", ").append("{\"boundingBox\": [").append(r.between(10, 900)).append(", ")
                    .append(r.between(10, 900)).append("], \"text\": \"").append(words.get(k))
                    .append("\", \"confidence\": 0.9").append(r.digits(1)).append('}');
        }
        return b.append("]}]}]}}").toString();
    }

    private void pos(String kind, String rule, String category, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                List.of("family:" + FAMILY, "cat:" + category, "fin33:" + kind, "container:" + container, "enc:none"),
                ""));
    }

    private void neg(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
