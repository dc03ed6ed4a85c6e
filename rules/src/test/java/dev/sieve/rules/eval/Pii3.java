package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code pii3}: the PII and financial classes a third outside red team got past the pack (synthetic values),
 * written as classes from the formats' published descriptions, several phrasings and layouts each (prose, CSV, JSON,
 * YAML, key: value), tagged {@code rt4:<kind>}:
 * <ul>
 *   <li>national ids in the formats and places the rules missed: a French NIR in groups with its key apart
 *       ({@code clé 05}, {@code / 05}), an Italian codice fiscale after a CF label, in a comma list and a CF column,
 *       a Swedish personnummer in 12 digits next to "personal identity number", Finnish HETUs with every century sign,
 *       a Norwegian fødselsnummer in an fnr column, a South African ID after SA ID (also in groups), a Chilean RUT in a
 *       rut column;</li>
 *   <li>US ids: an unformatted SSN as a CMS-1500 insured's I.D. number (or a member id said to be the SSN), driver's
 *       licences after a state's licence label (NYS DMV 3-3-3, Texas 8 digits, letter-led states);</li>
 *   <li>contacts: a To/Cc/Bcc header of five to eight addresses, an HTML list of mailto links, a list of E.164 mobile
 *       numbers of several countries, one per line;</li>
 *   <li>cards and accounts: a PAN split over four form fields, a PAN grouped with underscores, dots or slashes, UK
 *       sort code and account (labels both ways, CSV columns), a Canadian transit-institution-account, an Australian
 *       BSB and account, a cheque's MICR line (E-13B symbols and their OCR letters).</li>
 * </ul>
 * Hard negatives ({@code neg:pii3}, {@code neg:<kind>}): SSN-shaped ticket, order and invoice numbers; bank FAQs
 * naming routing numbers with no account; e-mails with two or three recipients, a page with two mailto links, a
 * signature with two phone numbers; each id with a wrong check digit or in another column; licence labels before a
 * date; member ids with no SSN; bank codes alone; MICR lines whose routing checksum fails. Written with the rules, so
 * not held out.
 */
final class Pii3 {

    static final long SEED = 20_261_206L;
    static final String FAMILY = "pii3";

    private static final List<String> ROTATION = List.of("json-anthropic", "text", "json-openai-chat",
            "json-anthropic-tool", "multipart", "json-gemini", "json-openai-responses", "form");

    private final FamilyCases cases;
    private final Rng r;

    private Pii3(Rng r) {
        this.r = r;
        this.cases = new FamilyCases(FAMILY, ROTATION, r, "rt4");
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Pii3 p = new Pii3(r);
        p.nationalIds();
        p.usIds();
        p.contacts();
        p.cards();
        p.accounts();
        p.negatives();
        return p.cases.all();
    }

    private String name() {
        return HardValues.first(r) + " " + HardValues.last(r);
    }

    // ---- positives: national ids -----------------------------------------------------------------------------------

    private void nationalIds() {
        String nir = IdsEu.nir(r);
        String spaced = grouped(nir.substring(0, 13), 1, 2, 2, 2, 3, 3);
        cases.text("nir-spaced-key", "pii.fr-nir", "N° de sécurité sociale : " + spaced + " clé " + nir.substring(13));
        nir = IdsEu.nir(r);
        cases.text("nir-spaced-key", "pii.fr-nir", "Salarié: " + name() + "\nNIR " + grouped(nir.substring(0, 13), 1,
                2, 2, 2, 3, 3) + " / " + nir.substring(13) + "\nContrat: CDI");
        nir = IdsEu.nir(r);
        cases.text("nir-spaced-key", "pii.fr-nir", "Social security number (France): " + grouped(nir, 1, 2, 2, 2, 3, 3,
                2));
        StringBuilder csv = new StringBuilder("nom;prenom;ville;nir\n");
        for (int i = 0; i < 4; i++) {
            csv.append(HardValues.last(r)).append(';').append(HardValues.first(r)).append(';')
                    .append(r.pick("Lyon", "Paris", "Nantes", "Lille")).append(';').append(IdsEu.nir(r)).append('\n');
        }
        cases.text("nir-column", "pii.fr-nir", csv.toString());

        cases.text("cf-label", "pii.it-codice-fiscale", "Titolare: " + name() + ", cf: " + IdsEu.codiceFiscale(r));
        cases.text("cf-label", "pii.it-codice-fiscale", "anagrafica:\n  nome: " + name() + "\n  CF: "
                + IdsEu.codiceFiscale(r) + "\n  comune: Torino\n");
        cases.text("cf-list", "pii.it-codice-fiscale", "Codici fiscali dei soci: " + IdsEu.codiceFiscale(r) + ", "
                + IdsEu.codiceFiscale(r) + ", " + IdsEu.codiceFiscale(r) + ", " + IdsEu.codiceFiscale(r));
        StringBuilder cf = new StringBuilder("nome,cognome,citta,cf\n");
        for (int i = 0; i < 4; i++) {
            cf.append(HardValues.first(r)).append(',').append(HardValues.last(r)).append(',')
                    .append(r.pick("Milano", "Roma", "Bari")).append(',').append(IdsEu.codiceFiscale(r)).append('\n');
        }
        cases.text("cf-column", "pii.it-codice-fiscale", cf.toString());

        cases.text("se-12-digit", "pii.se-personnummer", "Personal identity number: "
                + IdsEu.personnummer(r, false, true).replace("-", ""));
        cases.text("se-12-digit", "pii.se-personnummer", "{\"name\": \"" + name() + "\", \"personal_identity_number\": \""
                + IdsEu.personnummer(r, false, true) + "\"}");
        cases.text("se-12-digit", "pii.se-personnummer", "personnummer " + IdsEu.personnummer(r, false, true)
                .replace("-", "+") + " (over 100, per Skatteverket)");
        StringBuilder se = new StringBuilder("namn,stad,telefonlista,personnummer\n");
        for (int i = 0; i < 4; i++) {
            se.append(HardValues.first(r)).append(",Malmö,nej,").append(IdsEu.personnummer(r, false, true)
                    .replace("-", "")).append('\n');
        }
        cases.text("se-column", "pii.se-personnummer", se.toString());

        for (String sign : List.of("-", "+", "A", "C", "U", "W")) {
            String hetu = hetu(sign);
            String text = switch (sign) {
                case "-", "+" -> "Henkilötunnus: " + hetu;
                case "A", "C" -> "{\"hetu\": \"" + hetu + "\", \"nimi\": \"" + name() + "\"}";
                default -> "Personal identity code " + hetu + " (Finland)";
            };
            cases.text("fi-hetu-sign", "pii.fi-hetu", text);
        }

        StringBuilder no = new StringBuilder("navn,kommune,postnummer,fnr\n");
        for (int i = 0; i < 5; i++) {
            no.append(name()).append(',').append(r.pick("Oslo", "Bergen", "Tromsø")).append(',').append(r.digits(4))
                    .append(',').append(IdsEu.fodselsnummer(r, false)).append('\n');
        }
        cases.text("no-fnr-column", "pii.no-fodselsnummer", no.toString());
        cases.text("no-fnr-column", "pii.no-fodselsnummer", "| navn | fødselsnummer |\n|---|---|\n| " + name() + " | "
                + IdsEu.fodselsnummer(r, false) + " |\n| " + name() + " | " + IdsEu.fodselsnummer(r, true) + " |\n");
        cases.text("no-fnr-column", "pii.no-fodselsnummer", "pasient:\n  navn: " + name() + "\n  fnr: "
                + IdsEu.fodselsnummer(r, false) + "\n");

        cases.text("za-id", "pii.za-id", "Applicant " + name() + ", SA ID: " + IdsIntl.southAfricaId(r));
        String za = IdsIntl.southAfricaId(r);
        cases.text("za-id", "pii.za-id", "RSA ID number " + za.substring(0, 6) + " " + za.substring(6, 10) + " "
                + za.substring(10));
        cases.text("za-id", "pii.za-id", "{\"identity_number\": \"" + IdsIntl.southAfricaId(r) + "\", \"province\": \"GP\"}");

        StringBuilder rut = new StringBuilder("nombre,apellido,comuna,rut\n");
        for (int i = 0; i < 4; i++) {
            rut.append(HardValues.first(r)).append(',').append(HardValues.last(r)).append(',')
                    .append(r.pick("Providencia", "Ñuñoa", "Maipú")).append(',').append(IdsIntl.rut(r)).append('\n');
        }
        cases.text("cl-rut-column", "pii.cl-rut", rut.toString());
        cases.text("cl-rut-column", "pii.cl-rut", "cliente\trut\temail\n" + name() + "\t" + IdsIntl.rut(r)
                + "\t-\n" + name() + "\t" + IdsIntl.rut(r) + "\t-\n");
    }

    /** A HETU born in the century of {@code sign} (- and U-Y the 1900s, + the 1800s, A-F the 2000s). */
    private String hetu(String sign) {
        int century = sign.equals("+") ? 1800 : "ABCDEF".contains(sign) ? 2000 : 1900;
        int year = century + (century == 2000 ? r.between(0, 22) : r.between(10, 99));
        String date = String.format("%02d%02d%02d", r.between(1, 28), r.between(1, 12), year % 100);
        String individual = String.format("%03d", r.between(2, 899));
        return date + sign + individual + Checksums.hetu(date + individual);
    }

    // ---- positives: US ids -----------------------------------------------------------------------------------------

    private void usIds() {
        String ssn = "pii.us-ssn-unformatted";
        cases.text("ssn-insured-id", ssn, "CMS-1500 claim\n1a. INSURED'S I.D. NUMBER: " + HardValues.ssn(r, "")
                + "\n4. INSURED'S NAME: " + name().toUpperCase());
        cases.text("ssn-insured-id", ssn, "{\"claim\": {\"insured_id\": \"" + HardValues.ssn(r, "")
                + "\", \"payer\": \"Demo Health\"}}");
        cases.text("ssn-insured-id", ssn, "Insured's ID Number (1a): " + HardValues.ssn(r, " "));
        cases.text("ssn-insured-id", ssn, "Member ID (SSN): " + HardValues.ssn(r, "") + ", group 4471");

        String dl = "pii.us-driver-license-state";
        String ny = r.digits(9);
        cases.text("dl-state", dl, "NYS DMV ID No.: " + ny.substring(0, 3) + " " + ny.substring(3, 6) + " "
                + ny.substring(6));
        cases.text("dl-state", dl, "Texas DL: " + r.between(3, 9) + r.digits(7) + "\nExp: 2029-04-30");
        cases.text("dl-state", dl, "Applicant " + name() + ", California driver's license " + r.from(Rng.UPPER, 1)
                + r.digits(7));
        cases.text("dl-state", dl, "renter:\n  name: " + name() + "\n  license: PA DL # " + r.between(3, 9)
                + r.digits(7) + "\n");
        cases.text("dl-state", dl, "Driver's License (FL): " + r.from(Rng.UPPER, 1) + r.digits(3) + "-" + r.digits(3)
                + "-" + r.digits(2) + "-" + r.digits(3) + "-" + r.digits(1));
    }

    // ---- positives: contacts ---------------------------------------------------------------------------------------

    private String address(String first, String last) {
        return (first + "." + last).toLowerCase() + "@" + r.pick("corp-mail.demo", "web.demo", "proton.demo",
                "mailbox.demo") + "." + r.pick("com", "net", "de");
    }

    private void contacts() {
        for (int k = 0; k < 4; k++) {
            int n = 5 + k;
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String first = HardValues.first(r) + i;
                String last = HardValues.last(r);
                String a = address(first, last);
                entries.add(switch (k) {
                    case 0 -> first + " " + last + " <" + a + ">";
                    case 1 -> "\"" + last + ", " + first + "\" <" + a + ">";
                    default -> a;
                });
            }
            String header = switch (k) {
                case 0 -> "From: " + address("ana", "moss") + "\nTo: " + String.join("; ", entries)
                        + "\nSubject: offsite logistics\n\nHi all,\n";
                case 1 -> "Cc: " + String.join(", ", entries) + "\n";
                case 2 -> "Bcc: " + String.join(", ", entries);
                default -> "Date: Mon, 7 Dec 2026 09:12:00 +0000\nTO: " + String.join(";", entries) + "\n";
            };
            cases.text("email-recipients", "pii.email-recipients", header);
        }
        for (int k = 0; k < 3; k++) {
            StringBuilder html = new StringBuilder("<h2>Team</h2>\n<ul>\n");
            for (int i = 0; i < 5 + k; i++) {
                String first = HardValues.first(r);
                String last = HardValues.last(r) + i;
                html.append("  <li><a href=\"mailto:").append(address(first, last)).append("\">").append(first)
                        .append(' ').append(last).append("</a></li>\n");
            }
            cases.text("mailto-list", "pii.email-mailto-list", html.append("</ul>\n").toString());
        }
        StringBuilder md = new StringBuilder("## Volunteers\n\n");
        for (int i = 0; i < 6; i++) {
            String first = HardValues.first(r) + i;
            md.append("- [").append(first).append("](mailto:").append(address(first, HardValues.last(r))).append(")\n");
        }
        cases.text("mailto-list", "pii.email-mailto-list", md.toString());
        for (int k = 0; k < 4; k++) {
            StringBuilder list = new StringBuilder(k % 2 == 0 ? "" : "numbers:\n");
            for (int i = 0; i < 5 + k; i++) {
                list.append(k % 2 == 0 ? "" : "  - ").append(mobile(i)).append('\n');
            }
            cases.text("e164-list", "pii.phone-e164-list", list.toString());
        }
    }

    /** An E.164 mobile number of the {@code i}th country of a rotation, compact. */
    private String mobile(int i) {
        return switch (i % 8) {
            case 0 -> "+447" + r.digits(9);
            case 1 -> "+4915" + r.between(1, 9) + r.digits(8);
            case 2 -> "+336" + r.digits(8);
            case 3 -> "+1" + r.between(2, 9) + r.digits(2) + r.between(2, 9) + r.digits(6);
            case 4 -> "+614" + r.digits(8);
            case 5 -> "+346" + r.digits(8);
            case 6 -> "+393" + r.digits(9);
            default -> "+919" + r.digits(9);
        };
    }

    // ---- positives: cards ------------------------------------------------------------------------------------------

    private void cards() {
        String split = "financial.card-split-fields";
        String[] g = groups(HardValues.card(r, 0));
        cases.text("card-split", split, "POST /checkout\ncc_part1=" + g[0] + "&cc_part2=" + g[1] + "&cc_part3=" + g[2]
                + "&cc_part4=" + g[3] + "&exp=0429");
        g = groups(HardValues.card(r, 1));
        cases.text("card-split", split, "{\"card1\": \"" + g[0] + "\", \"card2\": \"" + g[1] + "\", \"card3\": \""
                + g[2] + "\", \"card4\": \"" + g[3] + "\", \"name\": \"" + name() + "\"}");
        g = groups(HardValues.card(r, 3));
        cases.text("card-split", split, "payment:\n  card_1: " + g[0] + "\n  card_2: " + g[1] + "\n  card_3: " + g[2]
                + "\n  card_4: " + g[3] + "\n");
        g = groups(HardValues.card(r, 0));
        cases.text("card-split", split, "payment[card][0]=" + g[0] + "&payment[card][1]=" + g[1]
                + "&payment[card][2]=" + g[2] + "&payment[card][3]=" + g[3]);
        String[] seps = {"_", ".", "/", "_"};
        for (int i = 0; i < 4; i++) {
            int brand = i % 2 == 0 ? 0 : 1;
            String card = HardValues.card(r, brand);
            cases.text("card-separator", HardValues.CARDS.get(brand)[0], "stored key card_ref " + i + ": "
                    + HardValues.cardGrouped(card, seps[i]) + " exp " + r.between(1, 12) + "/" + r.between(27, 31));
        }
    }

    private static String[] groups(String pan) {
        return new String[] {pan.substring(0, 4), pan.substring(4, 8), pan.substring(8, 12), pan.substring(12)};
    }

    // ---- positives: bank accounts ----------------------------------------------------------------------------------

    private String sortCode(boolean dashed) {
        String s = r.between(10, 99) + "-" + r.digits(2) + "-" + r.digits(2);
        return dashed ? s : s.replace("-", "");
    }

    private void accounts() {
        String account = "financial.bank-account";
        String column = "financial.bank-account-column";
        cases.text("uk-sort-code", account, "sort_code: " + sortCode(false) + ", acc no: " + r.digits(8));
        cases.text("uk-sort-code", account, "Please pay " + name() + ": account number " + r.digits(8)
                + ", sort code " + sortCode(true));
        StringBuilder uk = new StringBuilder("employee,sort_code,account_number,amount\n");
        for (int i = 0; i < 4; i++) {
            uk.append(name()).append(',').append(sortCode(true)).append(',').append(r.digits(8)).append(',')
                    .append(r.between(1500, 4200)).append(".00\n");
        }
        cases.text("uk-sort-code-column", column, uk.toString());
        cases.text("uk-sort-code-column", column, "payee\tsort code\taccount no\n" + name() + "\t" + sortCode(false)
                + "\t" + r.digits(8) + "\n");

        String eft = "financial.ca-eft-account";
        cases.text("ca-eft", eft, "Payroll EFT: " + r.digits(5) + "-" + r.pick("001", "002", "003", "004", "010") + "-"
                + r.digits(7));
        cases.text("ca-eft", eft, "Direct deposit (transit-institution-account): " + r.digits(5) + "-"
                + r.pick("004", "815", "006") + "-" + r.digits(r.between(7, 12)));
        cases.text("ca-eft", eft, "{\"employee\": \"" + name() + "\", \"chequing\": \"" + r.digits(5) + "-003-"
                + r.digits(9) + "\"}");
        cases.text("ca-eft", eft, "banking:\n  institution: TD\n  transit_institution_account: \"" + r.digits(5) + " 004 "
                + r.digits(8) + "\"\n");

        cases.text("au-bsb", account, "BSB " + r.digits(3) + "-" + r.digits(3) + " " + r.digits(r.between(6, 10)));
        cases.text("au-bsb", account, "acc no " + r.digits(9) + " / BSB " + r.digits(6));
        StringBuilder au = new StringBuilder("name,bsb,account\n");
        for (int i = 0; i < 3; i++) {
            au.append(name()).append(',').append(r.digits(3)).append('-').append(r.digits(3)).append(',')
                    .append(r.digits(r.between(6, 10))).append('\n');
        }
        cases.text("au-bsb-column", column, au.toString());
        cases.text("au-bsb-column", column, "| payee | BSB | account number |\n|---|---|---|\n| " + name() + " | "
                + r.digits(6) + " | " + r.digits(9) + " |\n| " + name() + " | " + r.digits(6) + " | " + r.digits(8)
                + " |\n");

        String micr = "financial.micr-line";
        cases.text("micr", micr, "cheque scan, bottom line:\n\u2446" + HardValues.aba(r) + "\u2446 " + r.digits(10)
                + "\u2448 " + r.digits(4));
        cases.text("micr", micr, "OCR (E-13B): C" + HardValues.aba(r) + "C " + r.digits(10) + "A " + r.digits(4));
        cases.text("micr", micr, "\u2448" + r.digits(6) + "\u2448 \u2446" + HardValues.aba(r) + "\u2446 "
                + r.digits(9) + "\u2448");
        cases.text("micr", micr, "{\"micr\": \"A" + HardValues.aba(r) + "A " + r.digits(4) + "-" + r.digits(6)
                + "C\"}");
    }

    // ---- hard negatives --------------------------------------------------------------------------------------------

    private void negatives() {
        cases.neg("ssn-ticket", "Ticket " + HardValues.ssn(r, "-") + " was escalated to tier 2.");
        cases.neg("ssn-ticket", "Jira: " + HardValues.ssn(r, "-") + " (printer offline)");
        cases.neg("ssn-ticket", "Zendesk ticket #" + HardValues.ssn(r, "-") + ": customer cannot log in");
        cases.neg("ssn-ticket", "Your order no. " + HardValues.ssn(r, "-") + " has shipped.");
        cases.neg("ssn-ticket", "Invoice " + HardValues.ssn(r, "-") + " is due on the 15th.");
        cases.neg("ssn-ticket", "fixed in OPS-" + HardValues.ssn(r, "-") + ", see the changelog");

        String[] banks = {"First Demo Bank", "Demo Savings", "Sample Credit Union", "Example Trust"};
        for (int i = 0; i < 4; i++) {
            cases.neg("aba-faq", switch (i) {
                case 0 -> "Q: What is the routing number for " + banks[i] + " in New York?\nA: The routing number for "
                        + banks[i] + " is " + HardValues.aba(r) + ".";
                case 1 -> "FAQ - the ABA routing number for " + banks[i] + " (wires and ACH) is " + HardValues.aba(r)
                        + ". You will also need your account number, printed on your statement.";
                case 2 -> "Routing number for " + banks[i] + " by state: Texas " + HardValues.aba(r) + ", Ohio "
                        + HardValues.aba(r);
                default -> "Find your routing number: for " + banks[i] + " it is " + HardValues.aba(r)
                        + " for all branches.";
            });
        }
        cases.neg("aba-faq", "bank,routing number,city\n" + banks[0] + "," + HardValues.aba(r) + ",New York\n"
                + banks[1] + "," + HardValues.aba(r) + ",Austin\n");

        cases.neg("email-few", "From: " + address("ana", "moss") + "\nTo: Dana Park <" + address("dana", "park")
                + ">; Omar Ito <" + address("omar", "ito") + ">\nCc: " + address("lee", "iyer")
                + "\nSubject: lunch\n\nSee you at noon.");
        cases.neg("email-few", "To: " + address("ravi", "shah") + ", " + address("jo", "berg") + ", "
                + address("kim", "lee") + "\nSubject: status\n");
        cases.neg("email-few", "To: ana@example.com; dana@example.com; omar@example.com; lee@example.com; "
                + "ravi@example.com\nSubject: docs sample\n");
        cases.neg("mailto-few", "<footer><a href=\"mailto:" + address("press", "office")
                + "\">Press</a> | <a href=\"mailto:" + address("jobs", "team") + "\">Jobs</a></footer>");
        cases.neg("phone-few", "--\n" + name() + "\nMobile " + mobile(0) + "\nOffice " + mobile(1) + "\n");
        cases.neg("phone-few", "@@ -1,3 +1,4 @@\n+20240612\n+20240613\n+20240614\n+20240615\n+20240616\n");

        String card = HardValues.card(r, 0);
        String bad = card.substring(0, 15) + (char) ('0' + (card.charAt(15) - '0' + 1) % 10);
        String[] g = groups(bad);
        cases.neg("card-split-wrong", "cc_part1=" + g[0] + "&cc_part2=" + g[1] + "&cc_part3=" + g[2] + "&cc_part4="
                + g[3]);
        cases.neg("card-split-wrong", "{\"card1\": \"2019\", \"card2\": \"2020\", \"card3\": \"2021\", \"card4\": \"2022\"}");
        cases.neg("card-separator-wrong", "ref " + HardValues.cardGrouped(bad, "_"));

        String nir = IdsEu.nir(r);
        int key = Integer.parseInt(nir.substring(13));
        cases.neg("wrong-check", "N° de sécurité sociale : " + grouped(nir.substring(0, 13), 1, 2, 2, 2, 3, 3)
                + " clé " + String.format("%02d", key % 97 + 1));
        cases.neg("no-keyword", "Ordine " + IdsEu.codiceFiscale(r) + " spedito ieri");
        cases.neg("no-keyword", "build id " + IdsEu.personnummer(r, false, true).replace("-", "") + " passed");
        String hetu = hetu("B");
        cases.neg("wrong-check", "henkilötunnus " + hetu.substring(0, 10) + (hetu.charAt(10) == 'Y' ? '0' : 'Y'));
        cases.neg("other-column", "navn,ordre\n" + name() + "," + IdsEu.fodselsnummer(r, false) + "\n");
        String za = IdsIntl.southAfricaId(r);
        cases.neg("wrong-check", "SA ID: " + za.substring(0, 12) + (char) ('0' + (za.charAt(12) - '0' + 1) % 10));
        cases.neg("other-column", "nombre,pedido\n" + name() + "," + IdsIntl.rut(r) + "\n");

        cases.neg("dl-date", "Texas DL: issued " + r.between(2015, 2024) + "-0" + r.between(1, 9) + "-1"
                + r.between(0, 9) + ", renewal due");
        cases.neg("dl-date", "Texas license " + r.between(3, 9) + r.digits(7) + " (plumbing contractor)");
        cases.neg("member-id", "Member ID: " + HardValues.ssn(r, "") + ", group 4471, copay $20");
        cases.neg("member-id", "subscriber id " + HardValues.ssn(r, "") + " on the card front");

        cases.neg("bank-code-alone", "sort code " + sortCode(true) + " is the Leeds branch, phone 0113 496 0000");
        cases.neg("bank-code-alone", "bank,sort code,city\nDemo Bank," + sortCode(true) + ",Leeds\n");
        cases.neg("bank-code-alone", "BSB " + r.digits(3) + "-" + r.digits(3) + " is the Sydney CBD branch");
        cases.neg("eft-no-keyword", "order " + r.digits(5) + "-" + r.digits(3) + "-" + r.digits(7) + " shipped");

        String rtn = HardValues.aba(r);
        String wrong = rtn.substring(0, 8) + (char) ('0' + (rtn.charAt(8) - '0' + 1) % 10);
        cases.neg("micr-wrong", "\u2446" + wrong + "\u2446 " + r.digits(10) + "\u2448 " + r.digits(4));
        cases.neg("micr-wrong", "C" + HardValues.aba(r) + "A " + r.digits(10) + "A " + r.digits(4));
    }

    /** {@code s} cut into groups of {@code sizes}, one blank apart. */
    private static String grouped(String s, int... sizes) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int n : sizes) {
            if (at > 0) {
                out.append(' ');
            }
            out.append(s, at, at + n);
            at += n;
        }
        return out.toString();
    }
}
