package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Family {@code fin-docs}: the third outside red team's bank-account and identity-document cases (blind, synthetic
 * values with valid check digits), as classes rather than its single examples. Positives are tagged
 * {@code rt3:<kind>}:
 * <ul>
 *   <li>lower-case IBANs after an iban label, compact and in groups;</li>
 *   <li>bank accounts next to their label: UK sort code + account, Canadian transit + institution + account,
 *       Australian BSB + account, Indian account + IFSC (both orders), US checking/savings account numbers;</li>
 *   <li>NACHA (ACH) entry detail records, with and without the file and batch headers;</li>
 *   <li>SWIFT MT103 messages with a Fedwire routing number after //FW and an account after :59:/;</li>
 *   <li>passport (TD3) and identity card (TD1) machine-readable zones;</li>
 *   <li>US Medicare Beneficiary Identifiers, DEA numbers, driver's licence numbers; UK DVLA licence numbers;</li>
 *   <li>German and French passport numbers next to their keyword;</li>
 *   <li>unformatted SSNs in an XML element named for them, in a column headed social, with dots or slashes;</li>
 *   <li>international phone lists in spaced E.164 (+44 7911 123456, +33 6 12 34 56 78);</li>
 *   <li>ITINs next to a tax keyword.</li>
 * </ul>
 * Hard negatives ({@code neg:<kind>}): each shape with a broken check digit next to its keyword, MRZ-looking lines
 * with a broken check digit, account-like digits without a label (order ids, phone numbers, timestamps), bank codes
 * alone (sort code, BSB, IFSC, transit: public branch codes), ITIN-shaped case references and the SSA advertising
 * numbers, and gateway test cards in payment code (published examples: log-level example records only).
 */
final class FinDocs {

    static final long SEED = 20_261_206L;
    static final String FAMILY = "fin-docs";

    private static final List<String> ROTATION = List.of("json-anthropic", "json-openai-chat", "text",
            "json-anthropic-tool", "multipart", "json-gemini", "form", "json-openai-responses",
            "anthropic-document-text");
    /** Letters of an MBI: A-Z without S, L, O, I, B, Z. */
    private static final String MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY";

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private FinDocs(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        FinDocs c = new FinDocs(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    // ---- positives -----------------------------------------------------------------------------------------------

    private void positives() {
        pos("iban-lower", 4, "financial.iban", () -> {
            String iban = HardValues.iban(r).toLowerCase(Locale.ROOT);
            return r.pick("beneficiary iban " + groups(iban), "{\"iban\": \"" + iban + "\", \"currency\": \"eur\"}",
                    "IBAN: " + iban + " (pay by friday)", "Please wire it to Iban " + groups(iban) + ", thanks");
        });
        pos("account-uk", 3, "financial.bank-account", () -> "Payroll details: sort code " + r.digits(2) + "-"
                + r.digits(2) + "-" + r.digits(2) + ", account number " + r.between(1, 9) + r.digits(7));
        pos("account-ca", 3, "financial.bank-account", () -> "Direct deposit: Transit number " + r.digits(5)
                + ", Institution number 00" + r.between(1, 9) + ", Account number " + r.between(1, 9) + r.digits(6));
        pos("account-au", 3, "financial.bank-account", () -> "Pay to BSB " + r.digits(3) + "-" + r.digits(3)
                + ", Account " + r.between(1, 9) + r.digits(3) + " " + r.digits(4) + " (" + HardValues.first(r) + ")");
        pos("account-in", 3, "financial.bank-account", () -> {
            String ifsc = r.from(Rng.UPPER, 4) + "0" + r.digits(6);
            String account = r.between(1, 9) + r.digits(13);
            return r.chance(0.5) ? "A/c No: " + account + " / IFSC: " + ifsc
                    : "IFSC code " + ifsc + ", account " + account;
        });
        pos("account-us", 3, "financial.bank-account", () -> r.pick("my checking account number is ",
                "Savings account: ", "acct #: ", "Account No. ") + r.between(1, 9) + r.digits(r.between(7, 11)));
        pos("ach-entry", 4, "financial.ach-entry", () -> {
            String entries = entry(r) + "\n" + entry(r) + "\n";
            return turn % 2 == 0 ? entries : "101 " + aba(r) + " " + r.digits(10) + "2612051200A094101DEMO BANK"
                    + " ".repeat(14) + "ACME PAYROLL" + " ".repeat(11) + "\n5220ACME PAYROLL" + " ".repeat(24)
                    + r.digits(10) + "PPDPAYROLL         261205   1" + r.digits(15) + "\n" + entries;
        });
        pos("mt103", 4, "financial.swift-mt103-account", () -> {
            boolean fw = turn % 2 == 0;
            return "{1:F01DEMOUS33AXXX0000000000}{2:I103DEMODEFFXXXXN}{4:\n:20:REF" + r.digits(8) + "\n:23B:CRED\n"
                    + ":32A:261205USD" + r.between(100, 99999) + ",00\n:50K:ACME WIDGETS INC\n"
                    + (fw ? ":57A://FW" + aba(r) + "\n:59:" : ":59:/" + r.between(1, 9) + r.digits(7) + "\n")
                    + HardValues.first(r).toUpperCase(Locale.ROOT) + " " + HardValues.last(r).toUpperCase(Locale.ROOT)
                    + "\n:71A:SHA\n-}";
        });
        pos("mrz-td3", 4, "pii.passport-mrz", () -> "Passport scan, page 2:\n" + td3(r, true) + "\n");
        pos("mrz-td1", 3, "pii.passport-mrz", () -> td1(r, true));
        pos("mbi", 4, "pii.us-mbi", () -> {
            String mbi = mbi(r);
            return r.pick("Patient MBI: " + dashed(mbi), "{\"medicare_id\": \"" + mbi + "\"}",
                    "Medicare Beneficiary Identifier " + mbi + " verified", "Medicare number: " + dashed(mbi));
        });
        pos("dea", 4, "pii.us-dea", () -> String.format(r.pick("Prescriber: Dr. " + HardValues.last(r) + ", DEA# %s",
                "{\"dea_number\": \"%s\"}", "DEA registration %s (Schedule II-V)", "DEA number: %s"), dea(r, true)));
        pos("us-dl", 4, "pii.us-driver-license", () -> r.pick("NV DL#: " + r.from(Rng.UPPER, 1) + r.digits(7),
                "Driver's License: " + r.from(Rng.UPPER, 1) + r.digits(3) + "-" + r.digits(4) + "-" + r.digits(4),
                "{\"drivers_license\": \"" + r.from(Rng.UPPER, 1) + r.digits(8) + "\"}",
                "CA DL no. " + r.from(Rng.UPPER, 1) + r.digits(7) + ", exp 2029"));
        pos("uk-dl", 4, "pii.uk-driving-licence", () -> r.pick("Driving licence: ", "DVLA check for ",
                "licence number ") + dvla(r, true));
        pos("passport-de-fr", 4, "pii.national-id", () -> r.pick(
                "Reisepassnummer: " + r.from("CFGHJK", 1) + r.from("CFGHJKLMNPRTVWXYZ0123456789", 8),
                "numéro de passeport " + r.digits(2) + r.from(Rng.UPPER, 2) + r.digits(5)));
        pos("ssn-edge", 4, "pii.us-ssn-unformatted", () -> switch (turn % 4) {
            case 0 -> "<ns:Employee><ns:SSN>" + HardValues.ssn(r, "") + "</ns:SSN></ns:Employee>";
            case 1 -> "<SocialSecurityNumber>" + HardValues.ssn(r, "") + "</SocialSecurityNumber>";
            case 2 -> "social security number is " + HardValues.ssn(r, r.pick(".", "/"));
            default -> "name,social,dob\n" + HardValues.first(r) + " " + HardValues.last(r) + ","
                    + HardValues.ssn(r, "") + ",1974-06-20\n" + HardValues.first(r) + " " + HardValues.last(r) + ","
                    + HardValues.ssn(r, "") + ",1981-02-11\n";
        });
        pos("phone-intl", 3, "pii.phone-bulk", () -> {
            StringBuilder s = new StringBuilder("Contacts for the offsite:\n");
            for (int i = 0; i < 12; i++) {
                s.append(HardValues.first(r)).append(": ").append(switch (i % 3) {
                    case 0 -> "+44 7" + r.digits(3) + " " + r.digits(6);
                    case 1 -> "+49 15" + r.digits(1) + " " + r.digits(8);
                    default -> "+33 " + r.between(6, 7) + " " + r.digits(2) + " " + r.digits(2) + " " + r.digits(2)
                            + " " + r.digits(2);
                }).append('\n');
            }
            return s.toString();
        });
        pos("itin", 3, "pii.us-itin", () -> r.pick("Please update the W-7 for " + HardValues.first(r) + ": ",
                "ITIN: ", "taxpayer identification number ") + HardValues.itin(r));
    }

    private void pos(String kind, int count, String rule, Supplier<String> text) {
        for (int i = 0; i < count; i++) {
            String s = text.get();
            String container = HardCorpus.fit(ROTATION, turn++, s);
            List<String> tags = new ArrayList<>(List.of("family:" + FAMILY, "cat:" + rule.substring(0,
                    rule.indexOf('.')), "container:" + container, "enc:none", "rt3:" + kind));
            out.add(new HardCorpus.Out(Containers.build(container, s, false, r), List.of(rule), List.of(), tags, s));
        }
    }

    // ---- negatives -----------------------------------------------------------------------------------------------

    private void negatives() {
        neg("iban-lower", () -> "beneficiary iban " + groups(brokenIban(r)));
        neg("iban-lower", () -> "cache key " + HardValues.iban(r).toLowerCase(Locale.ROOT) + " evicted");
        neg("account-unlabelled", () -> "order " + r.between(1, 9) + r.digits(9) + " shipped, call "
                + HardValues.phone(r));
        neg("account-unlabelled", () -> "account created at " + (1_700_000_000L + r.nextInt(99_999_999))
                + " by admin; the account number field holds up to 17 digits");
        neg("account-unlabelled", () -> "invoice " + r.digits(8) + " for account manager " + HardValues.first(r)
                + ", ticket " + r.digits(7));
        neg("bank-code-alone", () -> "sort code " + r.digits(2) + "-" + r.digits(2) + "-" + r.digits(2)
                + " is the Leeds branch");
        neg("bank-code-alone", () -> "BSB " + r.digits(3) + "-" + r.digits(3) + " and IFSC "
                + r.from(Rng.UPPER, 4) + "0" + r.digits(6) + " identify the branches");
        neg("bank-code-alone", () -> "transit number " + r.digits(5) + ", institution number 00" + r.between(1, 9)
                + " (public branch directory)");
        neg("ach-entry", () -> brokenEntry(r));
        neg("ach-entry", () -> "batch total 6" + r.digits(11) + " computed at " + r.digits(10));
        neg("mt103", () -> ":23B:CRED\n:32A:261205USD900,00\n:57A://FW" + brokenAba(r) + "\n:59:DANA ROE\n");
        neg("mt103", () -> "2026-12-05 10:59:/" + r.digits(8) + " request served in 12 ms");
        neg("mrz", () -> td3(r, false));
        neg("mrz", () -> td1(r, false));
        neg("mrz", () -> "P<" + "<".repeat(42) + "\n" + "<".repeat(44));
        neg("mbi", () -> "Patient MBI: " + r.between(1, 9) + "S" + r.from(MBI_LETTERS, 1) + r.digits(1) + "-"
                + r.from(MBI_LETTERS, 1) + r.from(MBI_LETTERS, 1) + r.digits(1) + "-" + r.from(MBI_LETTERS, 2)
                + r.digits(2));
        neg("mbi", () -> "part " + mbi(r) + " shipped to the warehouse");
        neg("dea", () -> "Prescriber DEA# " + dea(r, false));
        neg("dea", () -> "my idea: " + dea(r, true) + " as the next build tag");
        neg("driver-licence", () -> "Driver's License: issued 2019-04-12, class C");
        neg("driver-licence", () -> "Driving licence: " + dvla(r, false));
        neg("driver-licence", () -> "ref " + dvla(r, true) + " for the parcel");
        neg("passport", () -> "Reisepass gültig bis 2031, Seriennummer folgt");
        neg("ssn", () -> "<ns:OrderId>" + HardValues.ssn(r, "") + "</ns:OrderId>");
        neg("ssn", () -> "release " + HardValues.ssn(r, ".") + " of the firmware");
        neg("itin", () -> "Case reference 9" + r.digits(2) + "-" + r.pick("63", "70", "78", "91") + "-"
                + r.digits(4) + " was closed");
        neg("itin", () -> "ITIN 987-65-432" + r.digits(1) + " (the SSA advertising number)");
        neg("test-card", () -> "stripe.PaymentMethod.create(type=\"card\", card={\"number\": \""
                + r.pick("4000000000009995", "4000002500003155", "4000000000003220", "5555555555554444",
                        "2223003122003222", "378282246310005", "6011111111111117", "3566002020360505")
                + "\", \"exp_month\": 12, \"exp_year\": 2034, \"cvc\": \"314\"})");
        neg("test-card", () -> "const cards = { declined: '4000000000000002', threeDS: '4000002500003155', "
                + "unionpay: '6200000000000005', diners: '36227206271667', discover: '6011111111111117' };");
    }

    private void neg(String kind, Supplier<String> text) {
        String s = text.get();
        String container = HardCorpus.fit(ROTATION, turn++, s);
        out.add(new HardCorpus.Out(Containers.build(container, s, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"), s));
    }

    // ---- values --------------------------------------------------------------------------------------------------

    /** An IBAN in groups of four, as printed. */
    private static String groups(String iban) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            s.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
        }
        return s.toString();
    }

    /** A lower-case IBAN whose check digits are off by one. */
    private static String brokenIban(Rng r) {
        String iban = HardValues.iban(r).toLowerCase(Locale.ROOT);
        int check = Integer.parseInt(iban.substring(2, 4));
        return iban.substring(0, 2) + String.format("%02d", check == 98 ? 2 : check + 1) + iban.substring(4);
    }

    private static String aba(Rng r) {
        return HardValues.aba(r);
    }

    private static String brokenAba(Rng r) {
        String aba = HardValues.aba(r);
        return aba.substring(0, 8) + (aba.charAt(8) - '0' + 1) % 10;
    }

    /** A NACHA entry detail record (94 characters) with the receiving bank's routing number. */
    private static String entry(Rng r) {
        return entry(r, aba(r));
    }

    /**
     * The account has 8 to 12 digits: the code, routing number and account are one run of digits, and a run of 16 or
     * 19 starting 62 would be a UnionPay-shaped number (another rule's finding, one time in ten).
     */
    private static String entry(Rng r, String routing) {
        return "6" + r.pick("22", "27", "32", "37") + routing + pad(r.digits(r.between(8, 12)), 17)
                + String.format("%010d", r.between(100, 9_999_999)) + pad("EMP" + r.digits(4), 15)
                + pad(HardValues.first(r).toUpperCase(Locale.ROOT) + " " + HardValues.last(r).toUpperCase(Locale.ROOT),
                        22) + "  0" + r.digits(15);
    }

    private static String brokenEntry(Rng r) {
        return entry(r, brokenAba(r));
    }

    private static String pad(String s, int n) {
        return s + " ".repeat(n - s.length());
    }

    /** A TD3 passport MRZ; with {@code valid} false, one check digit (document, birth, expiry or composite) is off. */
    static String td3(Rng r, boolean valid) {
        String state = r.pick("USA", "CAN", "GBR", "D<<", "FRA", "NLD");
        String names = HardValues.last(r).toUpperCase(Locale.ROOT) + "<<" + HardValues.first(r).toUpperCase(Locale.ROOT);
        String line1 = fill("P<" + state + names, 44);
        String number = r.from(HardValues.UPPER_DIGITS, 9);
        String birth = date(r);
        String expiry = date(r);
        StringBuilder line2 = new StringBuilder(number + Checksums.mrz(number) + state + birth + Checksums.mrz(birth)
                + r.pick("M", "F") + expiry + Checksums.mrz(expiry) + "<".repeat(14) + "0");
        line2.append(Checksums.mrz(line2.substring(0, 10) + line2.substring(13, 20) + line2.substring(21, 43)));
        if (!valid) {
            int at = r.pick(List.of(9, 19, 27, 43));
            line2.setCharAt(at, (char) ('0' + (line2.charAt(at) - '0' + 1) % 10));
        }
        return line1 + "\n" + line2;
    }

    /** A TD1 identity card MRZ; with {@code valid} false, one check digit is off. */
    private static String td1(Rng r, boolean valid) {
        String state = r.pick("ESP", "NLD", "BEL", "FRA");
        String number = r.from(Rng.UPPER, 3) + r.digits(6);
        StringBuilder line1 = new StringBuilder(fill("I<" + state + number + Checksums.mrz(number), 30));
        String birth = date(r);
        String expiry = date(r);
        StringBuilder line2 = new StringBuilder(birth + Checksums.mrz(birth) + r.pick("M", "F") + expiry
                + Checksums.mrz(expiry) + state + "<".repeat(11));
        line2.append(Checksums.mrz(line1.substring(5, 30) + line2.substring(0, 7) + line2.substring(8, 15)
                + line2.substring(18, 29)));
        if (!valid) {
            int at = r.pick(List.of(6, 14, 29));
            line2.setCharAt(at, (char) ('0' + (line2.charAt(at) - '0' + 1) % 10));
        }
        String line3 = fill(HardValues.last(r).toUpperCase(Locale.ROOT) + "<<"
                + HardValues.first(r).toUpperCase(Locale.ROOT), 30);
        return line1 + "\n" + line2 + "\n" + line3;
    }

    private static String fill(String s, int n) {
        return s + "<".repeat(n - s.length());
    }

    /** YYMMDD with a valid month and day. */
    private static String date(Rng r) {
        return String.format("%02d%02d%02d", r.nextInt(100), r.between(1, 12), r.between(1, 28));
    }

    /** An MBI in the CMS layout: C A AN N A AN N A A N N. */
    private static String mbi(Rng r) {
        String an = MBI_LETTERS + Rng.DIGITS;
        return r.between(1, 9) + r.from(MBI_LETTERS, 1) + r.from(an, 1) + r.digits(1) + r.from(MBI_LETTERS, 1)
                + r.from(an, 1) + r.digits(1) + r.from(MBI_LETTERS, 2) + r.digits(2);
    }

    private static String dashed(String mbi) {
        return mbi.substring(0, 4) + "-" + mbi.substring(4, 7) + "-" + mbi.substring(7);
    }

    /** A DEA number; with {@code valid} false its check digit is off by one. */
    private static String dea(Rng r, boolean valid) {
        String six = r.digits(6);
        int check = (Checksums.dea(six) + (valid ? 0 : 1)) % 10;
        return r.from("ABFM", 1) + r.from(Rng.UPPER, 1) + six + check;
    }

    /** A DVLA licence number; with {@code valid} false its month is 13 (no such month, +50 or not). */
    private static String dvla(Rng r, boolean valid) {
        String surname = fill9(HardValues.last(r).toUpperCase(Locale.ROOT), 5);
        int month = valid ? r.between(1, 12) + (r.chance(0.5) ? 50 : 0) : 13;
        return surname + r.digits(1) + String.format("%02d%02d", month, r.between(1, 28)) + r.digits(1)
                + r.from(Rng.UPPER, 2) + "9" + r.from(Rng.UPPER, 2);
    }

    private static String fill9(String s, int n) {
        return s.length() >= n ? s.substring(0, n) : s + "9".repeat(n - s.length());
    }
}
