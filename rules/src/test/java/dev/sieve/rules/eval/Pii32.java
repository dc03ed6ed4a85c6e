package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code pii32}: the PII and financial classes of the second outside red-team round that session 32 fixed,
 * with hard negatives for each false-positive class and near misses of each fix.
 * <ul>
 *   <li>Positives ({@code pii32:<kind>}): an SSN next to TIN / Tax ID / CJK labels, as a W-9's single digits, digit by
 *       digit with hyphens, on lines of its own, in an X12 834 member segment; an ITIN without dashes or in an itin
 *       column; a card digit by digit or in four lines after a card keyword; an MBI in an mbi column; a plain CPF;
 *       a passport column; a driverLicense object and AAMVA barcode text; "rt ... acct ..." routing and account.</li>
 *   <li>Negatives ({@code neg:pii32}, {@code neg:<kind>}): Luhn-valid 16-digit ids under order, trace, tracking,
 *       offset, request and invoice labels, an order_id column and a list of random ids; SSN-shaped part numbers;
 *       published specimens (CMS MBI, codice fiscale, ICAO MRZ, MT103 template, BIP-39 vectors, Hardhat keys, wiki
 *       WIF); reserved e-mail domains and fictional phone ranges; and near misses (a broken Luhn or CPF digit, single
 *       digits with no SSN keyword, an ITIN under an order label).</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Pii32 {

    static final long SEED = 20_261_232L;
    static final String FAMILY = "pii32";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");
    private static final String[] NAMES = {"Ana Moss", "Dana Park", "Omar Ito", "Lee Iyer", "Kenji Rossi", "Mara Holt"};

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Pii32(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Pii32 c = new Pii32(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    private void positives() {
        String ssnRule = "pii.us-ssn-unformatted";
        for (int i = 0; i < 3; i++) {
            String name = r.pick(NAMES);
            pos("ssn-taxid-xml", ssnRule, Values.PII, "<Payee><Name>" + name + "</Name><TaxID>" + ssn("")
                    + "</TaxID></Payee>");
            pos("ssn-1099-tin", ssnRule, Values.PII, "FORM 1099-NEC\nRECIPIENT'S TIN " + ssn("") + "\nRECIPIENT'S name "
                    + name.toUpperCase());
            pos("ssn-w9-boxes", ssnRule, Values.PII, "W-9 Part I\nSocial security number\n"
                    + String.join(" ", ssn("").split("")) + "\n" + name);
            pos("ssn-digit-sep", ssnRule, Values.PII, "SSN: " + String.join(r.pick("-", "."), ssn("").split(""))
                    + " (" + name + ")");
            String s = ssn("-");
            pos("ssn-lines", ssnRule, Values.PII, "Name: " + name + "\nSSN:\n" + s.replace('-', '\n'));
            pos("ssn-edi-834", ssnRule, Values.PII, "INS*Y*18*021*28*A***FT~\nNM1*IL*1*"
                    + name.split(" ")[1].toUpperCase() + "*" + name.split(" ")[0].toUpperCase() + "****34*" + ssn("")
                    + "~\nDMG*D8*19" + r.between(50, 99) + "0" + r.between(1, 9) + "1" + r.between(0, 9) + "*F~");
            pos("ssn-cjk-header", ssnRule, Values.PII, "名前,社会保障番号\n" + name + "," + ssn("") + "\n");
            pos("itin-nodash", "pii.us-itin", Values.PII, "Client " + name + " (ITIN " + itin("")
                    + ") needs the 1040-NR prepared.");
            pos("itin-column", "pii.us-itin", Values.PII, "name,itin,country\n" + name + "," + itin("-") + ",MX\n"
                    + r.pick(NAMES) + "," + itin("-") + ",GT\n");
            String card = HardValues.card(r, i % 2);
            pos("card-digit-dashes", "financial.card-other", Values.FINANCIAL, "Card number: "
                    + String.join("-", card.split("")) + " exp 11/2" + r.between(7, 9));
            pos("card-digit-dots", "financial.card-other", Values.FINANCIAL, "card " + String.join(".", card.split(""))
                    + " cvv " + r.digits(3));
            pos("card-lines", "financial.card-other", Values.FINANCIAL, "Card number:\n" + card.substring(0, 4) + "\n"
                    + card.substring(4, 8) + "\n" + card.substring(8, 12) + "\n" + card.substring(12) + "\nExp: 07/29");
            pos("mbi-column", "pii.us-mbi", Values.PII, "claim_id,mbi,dos\nC-" + r.digits(4) + "," + mbiDashed()
                    + ",2026-11-0" + r.between(1, 9) + "\nC-" + r.digits(4) + "," + mbiDashed() + ",2026-11-1"
                    + r.between(0, 9) + "\n");
            pos("cpf-plain", "pii.national-id", Values.PII, "{\"nome\": \"" + name + "\", \"cpf\": \"" + cpf(true)
                    + "\"}");
            pos("passport-column", "pii.national-id", Values.PII, "name,passport_no,nationality\n" + name + ","
                    + r.from("ABCDEFGHJKLMNPRSTUVWXYZ", 1) + r.digits(7) + ",DE\n" + r.pick(NAMES) + ","
                    + r.from("ABCDEFGHJKLMNPRSTUVWXYZ", 2) + r.digits(7) + ",FR\n");
            pos("dl-json", "pii.us-driver-license", Values.PII, "{\"applicant\": \"" + name
                    + "\", \"driverLicense\": {\"state\": \"CA\", \"number\": \"" + r.from("ABCDEFGHJKLMNPRSTUVWXYZ", 1)
                    + r.digits(7) + "\"}}");
            pos("dl-aamva", "pii.us-driver-license", Values.PII, "@\n\u001e\rANSI 6360" + r.digits(2) + "080102DL00410288ZC0329"
                    + r.digits(4) + "DLDAQ" + r.from("ABCDEFGHJKLMNPRSTUVWXYZ", 1) + r.digits(7) + "\nDCS"
                    + name.split(" ")[1].toUpperCase() + "\nDAC" + name.split(" ")[0].toUpperCase() + "\n");
            pos("aba-rt-acct", "financial.aba-routing", Values.FINANCIAL, "pls send the refund ach - rt "
                    + HardValues.aba(r) + " acct " + r.digits(10) + " (" + name + ")");
        }
    }

    private void negatives() {
        for (int i = 0; i < 3; i++) {
            neg("card-id-label", r.pick("order_ref: ", "tracking: ", "Kafka offset ", "invoice: INV-", "refund request ")
                    + luhn16() + r.pick(" committed", " completed in 12ms", "", " shipped"));
            neg("card-trace-json", "{\"ts\": \"2026-12-05T10:0" + i + ":00Z\", \"trace_id\": \"" + luhn16()
                    + "\", \"span_id\": \"" + r.from("0123456789abcdef", 16) + "\"}");
            StringBuilder csv = new StringBuilder("order_id,amount\n");
            for (int k = 0; k < 4; k++) {
                csv.append(luhn16()).append(',').append(r.between(1, 500)).append(".00\n");
            }
            neg("card-id-column", csv.toString());
            StringBuilder ids = new StringBuilder(r.pick("ids = [", "[", "batch: "));
            for (int k = 0; k < 20; k++) {
                ids.append(k == 0 ? "" : ", ").append(r.pick("4", "5")).append(r.digits(15));
            }
            neg("card-id-list", ids.append("]").toString());
            StringBuilder bom = new StringBuilder("BOM rev " + r.pick("B", "C", "D") + "\n");
            for (int k = 0; k < 4; k++) {
                bom.append("P/N ").append(ssn("-")).append("  resistor 10k 0402  qty ").append(r.between(1, 50))
                        .append('\n');
            }
            neg("ssn-part-pn", bom.toString());
            StringBuilder parts = new StringBuilder("Part No.,Description,Qty\n");
            for (int k = 0; k < 4; k++) {
                parts.append(ssn("-")).append(",Hex bolt M").append(r.between(3, 12)).append(',')
                        .append(r.between(1, 200)).append('\n');
            }
            neg("ssn-part-column", parts.toString());
            String dom = r.pick("acme.test", "example.invalid", "shop.example", "test.localhost", "example.co.uk");
            StringBuilder users = new StringBuilder("INSERT INTO users (id, email) VALUES\n");
            for (int k = 0; k < 5; k++) {
                users.append(k == 0 ? "" : ",\n").append("(").append(k).append(", 'user").append(k).append('@')
                        .append(dom).append("')");
            }
            neg("email-reserved", users.append(";").toString());
            StringBuilder phones = new StringBuilder("store_id,phone\n");
            String form = r.pick("+1-555-01", "(312) 555-01", "+1 415 555 01");
            for (int k = 0; k < 6; k++) {
                phones.append(k).append(',').append(form).append(String.format("%02d", r.between(0, 99))).append('\n');
            }
            neg("phone-fictional-nanp", phones.toString());
            StringBuilder uk = new StringBuilder("UK drama numbers: ");
            String block = r.pick("+44 20 7946 0", "+44 161 496 0", "+44 7700 900");
            for (int k = 0; k < 6; k++) {
                uk.append(k == 0 ? "" : ", ").append(block).append(String.format("%03d", r.between(0, 999)));
            }
            neg("phone-fictional-uk", uk.toString());
            // near misses of the fixes
            String card = HardValues.card(r, 0);
            String broken = card.substring(0, 15) + (char) ('0' + (card.charAt(15) - '0' + 1) % 10);
            neg("near-card-digit-dashes", "Card number: " + String.join("-", broken.split("")) + " exp 11/28");
            neg("near-ssn-digits", "grid row " + String.join(" ", ssn("").split("")) + " of the sudoku");
            neg("near-itin-order", "order " + itin("") + " shipped to " + r.pick(NAMES));
            neg("near-cpf", "{\"nome\": \"" + r.pick(NAMES) + "\", \"cpf\": \"" + cpf(false) + "\"}");
        }
        neg("specimen-mbi", "CMS example MBI: 1EG4-TE5-MK73 (format CAAN-AAN-AANN).");
        neg("specimen-cf", "Codice fiscale example: RSSMRA85T10A562S (Mario Rossi).");
        neg("specimen-mrz", "ICAO 9303 specimen:\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                + "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
        neg("specimen-mt103", "SWIFT MT103 template:\n:20:REFERENCE\n:23B:CRED\n:32A:YYMMDDCCYAMOUNT\n"
                + ":50K:/ACCOUNTNUMBER\nORDERING CUSTOMER\n:59:/12345678\nBENEFICIARY");
        neg("specimen-bip39", "BIP39 test vector:\nmnemonic: legal winner thank year wave sausage worth useful legal"
                + " winner thank yellow");
        neg("specimen-bip39", "Hardhat default seed phrase: test test test test test test test test test test test junk");
        neg("specimen-hardhat", "Anvil account #3 private key: "
                + "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6 (local chain only)");
        neg("specimen-hardhat", "Hardhat account #19 private key: "
                + "0xdf57089febbacf7ba0bc227dafbffa9fc08a93fdc68e1e42411a14efcf23656e");
        neg("specimen-wif", "Bitcoin wiki WIF example: 5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ");
    }

    private String ssn(String sep) {
        return HardValues.ssn(r, sep);
    }

    private String itin(String sep) {
        int group = Integer.parseInt(r.pick("70", "75", "83", "88", "90", "94", "99", "52"));
        return "9" + r.digits(2) + sep + group + sep + String.format("%04d", r.between(1, 9999));
    }

    /** A 16-digit number starting 4 or 5 that passes Luhn (an id that passes by chance). */
    private String luhn16() {
        String payload = r.pick("4", "51", "53") + r.digits(0);
        payload = payload + r.digits(15 - payload.length());
        return payload + Checksums.luhn(payload);
    }

    private String mbiDashed() {
        String letters = "ACDEFGHJKMNPQRTUVWXY";
        String an = letters + "0123456789";
        String m = r.between(1, 9) + r.from(letters, 1) + r.from(an, 1) + r.digits(1) + "-" + r.from(letters, 1)
                + r.from(an, 1) + r.digits(1) + "-" + r.from(letters, 2) + r.digits(2);
        return m;
    }

    private String cpf(boolean valid) {
        int[] d = new int[11];
        for (int i = 0; i < 9; i++) {
            d[i] = r.between(0, 9);
        }
        if (d[0] == d[1]) {
            d[1] = (d[1] + 1) % 10;
        }
        for (int len = 9; len <= 10; len++) {
            int sum = 0;
            for (int i = 0; i < len; i++) {
                sum += d[i] * (len + 1 - i);
            }
            int check = 11 - sum % 11;
            d[len] = check >= 10 ? 0 : check;
        }
        if (!valid) {
            d[10] = (d[10] + 1) % 10;
        }
        StringBuilder b = new StringBuilder();
        for (int x : d) {
            b.append(x);
        }
        return b.toString();
    }

    private void pos(String kind, String rule, String category, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                List.of("family:" + FAMILY, "cat:" + category, "pii32:" + kind, "container:" + container, "enc:none"),
                ""));
    }

    private void neg(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
