package dev.sieve.rules.eval;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code shapes40}: the shapes of US PII and financial numbers the blind round {@code rt40-people} found the
 * pack did not read, closed in session 40, as classes, each with hard negatives beside it.
 * <ul>
 *   <li>Positives ({@code shapes40:<kind>}): SSNs under soc sec no / ss_num / ssnum columns and keys, after
 *       {@code social:} and typed {@code 053 - 22 - 5014} ({@code ssn-unformatted}); dashed SSNs of one family that
 *       share an area and group but are no numbering run ({@code ssn-list}); SSNs given in pieces over chat lines,
 *       in first 5 / last 4 fields, written 3 / 2 / 4 and across two messages of an Anthropic or OpenAI
 *       conversation ({@code ssn-pieces}); SSNs spelled out after their label ({@code ssn-spelled}); SSNs whose groups
 *       an HTML template prints in inline elements of their own ({@code ssn-markup}); ITINs after {@code TIN}
 *       ({@code itin}); driver's licences in WA, NJ, MI, PA and FL shapes, after OLN, under a dl_number column and in
 *       KYC JSON, as text and as a tool call's input ({@code dl}), after a state ({@code dl-state}), in a licence
 *       column ({@code dl-column}) and a licence form's License No. field ({@code dl-field}); Medicaid ids
 *       ({@code medicaid}); MBIs after Medicare and in a coverage record's subscriber id ({@code mbi}); passport
 *       numbers in threes ({@code passport}); routing numbers in threes ({@code aba}) and spelled out
 *       ({@code aba-spelled}); cards read out a group a chat line, sent as two text messages and Amex cards in 4-4-4-3
 *       groups ({@code card-pieces}).</li>
 *   <li>Negatives ({@code neg:shapes40}, {@code neg:<kind>}): the same shapes with an invalid SSN area or group, a
 *       wrong ABA, Luhn or ITIN group ({@code bad-check}); catalogue, bin and ledger numbering runs of SSN shape
 *       ({@code numbering-run}); the same numbers with no label or next to another label (spelled numbers after an
 *       order label, chat lines counting tickets, a routing number in a bank's FAQ, a contractor's and a software
 *       licence number, DL-looking product codes, a commercial subscriber id) ({@code no-label}); numbers cut short
 *       or fields left empty ({@code incomplete}).</li>
 * </ul>
 * Values are synthetic, from this family's seed; checksums (Luhn, ABA 3-7-1) and the SSN and ITIN ranges are computed
 * here. Requests are saved in {@code cases/}. Written with the rules, so not held out. One hard negative written
 * for the family is left out because the pack flags it (a nurse's licence in a form with an issuing state; see
 * {@link #driverLicenceField}).
 */
final class People40Shapes {

    static final long SEED = 20_261_240L;
    static final String FAMILY = "shapes40";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "multipart", "json-openai-responses", "json-gemini");
    /** The letters an MBI uses (no S, L, O, I, B, Z). */
    private static final String MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY";
    private static final String UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String[] WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine"};

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private People40Shapes(Rng r) {
        this.r = r;
    }

    /** Every case of the family. */
    static List<HardCorpus.Out> cases(Rng r) {
        People40Shapes c = new People40Shapes(r);
        c.ssnUnformatted();
        c.ssnLists();
        c.ssnPieces();
        c.ssnSpelled();
        c.ssnMarkup();
        c.itin();
        c.driverLicence();
        c.driverLicenceState();
        c.driverLicenceColumn();
        c.driverLicenceField();
        c.medicaid();
        c.mbi();
        c.passport();
        c.routing();
        c.routingSpelled();
        c.cards();
        return c.out;
    }

    // ---- SSNs ------------------------------------------------------------------------------------------------------

    private void ssnUnformatted() {
        String rule = "pii.us-ssn-unformatted";
        add("ssn-unformatted", rule, "| employee | dept | soc sec no | start |\n|---|---|---|---|\n| " + Values.name(r)
                + " | Warehouse | " + spaced(ssn()) + " | 2023-04-17 |\n| " + Values.name(r) + " | Dispatch | "
                + spaced(ssn()) + " | 2021-11-02 |\n");
        add("ssn-unformatted", rule, "emp_id,last,first,ss_num,hire_dt,rate\n" + r.digits(4) + ",Moss,Ana,"
                + String.join("", ssn()) + ",03/14/2022,21.50\n" + r.digits(4) + ",Park,Lee," + String.join("", ssn())
                + ",07/01/2019,24.75\n");
        add("ssn-unformatted", rule, "2026-12-07T10:11:12Z INFO hr.sync employee=\"" + Values.name(r) + "\" ssnum="
                + String.join("", ssn()) + " status=ok");
        String[] s = ssn();
        add("ssn-unformatted", rule, "Summary for the file: the customer, " + Values.name(r) + ", born 6/13/1962, "
                + "wants the account closed. Her social: " + s[0] + " - " + s[1] + " - " + s[2] + " (as typed).");
        add("ssn-unformatted", rule, "{\"customer\": {\"name\": \"" + Values.name(r) + "\", \"ss_num\": \""
                + String.join("", ssn()) + "\", \"tier\": \"gold\"}}");

        negative("bad-check", "emp_id,last,first,ss_num,hire_dt\n" + r.digits(4) + ",Moss,Ana,"
                + String.join("", badSsn()) + ",03/14/2022\n" + r.digits(4) + ",Park,Lee," + String.join("", badSsn())
                + ",07/01/2019\n");
        negative("no-label", "| item | cat no | qty |\n|---|---|---|\n| hex bolt M6 | " + spaced(ssn()) + " | 4 |\n"
                + "| washer M6 | " + spaced(ssn()) + " | 10 |\n");
        negative("no-label", "ssnum=redacted;invoice no. " + String.join("", ssn()) + ";amount=" + r.between(10, 999)
                + ".00");
    }

    /** Dashed SSNs that share an area and group without being a numbering run; numbering runs of SSN shape. */
    private void ssnLists() {
        String rule = "pii.us-ssn";
        String[] a = ssn();
        int serial = r.between(1, 9000);
        add("ssn-list", rule, "Dependants on the policy (SSN): " + a[0] + "-" + a[1] + "-" + four(serial) + ", "
                + a[0] + "-" + a[1] + "-" + four(serial + 1) + " (twins), " + String.join("-", ssn()));
        String[] b = ssn();
        add("ssn-list", rule, "Staff for the W-2 run\nname,ssn\n" + Values.name(r) + "," + b[0] + "-" + b[1] + "-"
                + four(r.between(1, 2000)) + "\n" + Values.name(r) + "," + b[0] + "-" + b[1] + "-"
                + four(r.between(3000, 6000)) + "\n" + Values.name(r) + "," + b[0] + "-" + b[1] + "-"
                + four(r.between(7000, 9999)) + "\n");
        String[] c = ssn();
        int s2 = r.between(1, 9000);
        add("ssn-list", rule, "Household members\n- " + Values.name(r) + ", SSN " + c[0] + "-" + c[1] + "-" + four(s2)
                + "\n- " + Values.name(r) + ", SSN " + c[0] + "-" + c[1] + "-" + four(s2 + 3) + "\n- "
                + Values.name(r) + ", SSN " + String.join("-", ssn()) + "\n");

        String[] d = ssn();
        int x = r.between(1, 9000);
        negative("numbering-run", "Catalogue: " + d[0] + "-" + d[1] + "-" + four(x) + " washer, " + d[0] + "-" + d[1]
                + "-" + four(x + 1) + " nut, " + d[0] + "-" + d[1] + "-" + four(x + 15) + " bolt");
        String[] e = ssn();
        int y = r.between(1, 9000);
        negative("numbering-run", "Bin A: " + e[0] + "-" + e[1] + "-" + four(y) + " hex bolt M6\nBin B: " + e[0] + "-"
                + e[1] + "-" + four(y + 2) + " washer M6\nBin C: " + e[0] + "-" + e[1] + "-" + four(y + 5)
                + " lock nut\nBin D: " + e[0] + "-" + e[1] + "-" + four(y + 9) + " spacer\n");
        String[] f = ssn();
        int z = r.between(1, 9000);
        negative("numbering-run", "Ledger batch posted: " + f[0] + "-" + f[1] + "-" + four(z) + ", " + f[0] + "-" + f[1]
                + "-" + four(z + 1) + ", " + f[0] + "-" + f[1] + "-" + four(z + 2) + ", " + f[0] + "-" + f[1] + "-"
                + four(z + 3) + " (4 entries)");
    }

    private void ssnPieces() {
        String rule = "pii.us-ssn-pieces";
        String[] a = ssn();
        add("ssn-pieces", rule, "agent: can you confirm the SSN on the account?\ncustomer: sure its " + a[0]
                + "\ncustomer: " + a[1] + "\ncustomer: " + a[2] + "\nagent: thanks, you're verified");
        String[] b = ssn();
        add("ssn-pieces", rule, "Support chat\nagent: for the tax form I need your social security number\nMaria: "
                + b[0] + "\nMaria: " + b[1] + "\nMaria: " + b[2] + "\nagent: got it");
        String[] c = ssn();
        add("ssn-pieces", rule, "Employee: " + Values.name(r) + "\nSSN (first 5): " + c[0] + "-" + c[1]
                + "\nSSN (last 4): " + c[2] + "\nStart date: 2024-09-03");
        String[] d = ssn();
        add("ssn-pieces", rule, "Patient confirmed the SSN over the phone: " + d[0] + " / " + d[1] + " / " + d[2]
                + ", read back twice.");
        String[] e = ssn();
        addReq("ssn-pieces", rule, anthropicTurns("I'm filling the tenant form for " + Values.name(r)
                + ". SSN starts " + e[0] + "-" + e[1], "Got it. What are the last four digits?", e[2] + ". DOB 5/20/1980."),
                "anthropic-messages");
        String[] f = ssn();
        addReq("ssn-pieces", rule, openaiTurns("Payroll onboarding for " + Values.name(r) + ", SSN is " + f[0] + "-"
                + f[1], "Thanks. And the remaining four digits?", f[2]), "openai-messages");

        String[] g = badSsn();
        negative("bad-check", "agent: can you confirm the SSN?\ncustomer: sure its " + g[0] + "\ncustomer: " + g[1]
                + "\ncustomer: " + g[2] + "\nagent: that doesn't look right");
        String[] h = ssn();
        negative("no-label", "agent: how many units per pallet, layers and total?\ncustomer: " + h[0] + "\ncustomer: "
                + h[1] + "\ncustomer: " + h[2] + "\nagent: thanks");
        String[] k = ssn();
        negative("bad-check", "SSN (first 5): " + k[0] + "-00\nSSN (last 4): " + k[2] + "\n(flagged: invalid group)");
    }

    private void ssnSpelled() {
        String rule = "pii.us-ssn-spelled";
        add("ssn-spelled", rule, "[call notes] verified caller " + Values.name(r) + ", social security number: "
                + spelled(String.join("", ssn()), false) + ". Address matches.");
        String[] s = ssn();
        add("ssn-spelled", rule, "Agent: what's your SSN?\nCaller: SSN is " + spelled(s[0], true) + ", "
                + spelled(s[1], true) + ", " + spelled(s[2], true) + "\nAgent: thank you");
        add("ssn-spelled", rule, "{\"call_id\": \"c-" + r.digits(6) + "\", \"transcript\": \"Caller read out her Social "
                + "Security #: " + spelled(String.join("", ssn()), true) + ", then her date of birth.\"}");
        add("ssn-spelled", rule, "Voicemail transcription: hi this is " + Values.name(r) + " my SSN: "
                + String.join("-", spelled(String.join("", ssn()), false).split(" ")) + " please call me back");

        negative("no-label", "Caller read out the order number: " + spelled(String.join("", ssn()), false)
                + ". Shipped Tuesday.");
        negative("bad-check", "social security number: " + spelled(String.join("", badSsn()), false)
                + " (caller unsure, could not verify)");
        negative("incomplete", "SSN: " + spelled(String.join("", ssn()).substring(0, 8), false)
                + " ... caller hung up");
    }

    private void ssnMarkup() {
        String rule = "pii.us-ssn";
        String[] a = ssn();
        add("ssn-markup", rule, "<p>Applicant: " + Values.name(r) + "<br>SSN: <span>" + a[0] + "</span>-<span>" + a[1]
                + "</span>-<span>" + a[2] + "</span></p>");
        String[] b = ssn();
        add("ssn-markup", rule, "<table><tr><th>Name</th><th>SSN</th><th>DOB</th></tr><tr><td>" + Values.name(r)
                + "</td><td><b>" + b[0] + "</b>-<b>" + b[1] + "</b>-<b>" + b[2] + "</b></td><td>12/07/1956</td></tr>"
                + "</table>");
        String[] c = ssn();
        add("ssn-markup", rule, "Social Security Number: <font face=\"Arial\">" + c[0] + "</font>-<font face=\"Arial\">"
                + c[1] + "</font>-<font face=\"Arial\">" + c[2] + "</font>");
        String[] d = ssn();
        add("ssn-markup", rule, "<div class=\"card\"><span class=\"lbl\">SSN</span> <span class=\"ssn-a\">" + d[0]
                + "</span>-<span class=\"ssn-g\">" + d[1] + "</span>-<span class=\"ssn-s\">" + d[2]
                + "</span></div>");

        String[] e = badSsn();
        negative("bad-check", "<p>SSN: <span>" + e[0] + "</span>-<span>" + e[1] + "</span>-<span>" + e[2]
                + "</span> (rejected by the form)</p>");
        String[] f = ssn();
        int x = r.between(1, 9000);
        negative("numbering-run", "<ul><li><span>" + f[0] + "</span>-<span>" + f[1] + "</span>-<span>" + four(x)
                + "</span> washer</li><li><span>" + f[0] + "</span>-<span>" + f[1] + "</span>-<span>" + four(x + 1)
                + "</span> nut</li><li><span>" + f[0] + "</span>-<span>" + f[1] + "</span>-<span>" + four(x + 12)
                + "</span> bolt</li></ul>");
    }

    // ---- ITIN ------------------------------------------------------------------------------------------------------

    private void itin() {
        String rule = "pii.us-itin";
        add("itin", rule, "Client file\nTIN " + itinNo() + " (" + Values.name(r) + ", dob 26.04.1989)");
        add("itin", rule, "Preparer notes: spouse has no SSN and uses tin " + itinNo() + " on the joint return.");
        add("itin", rule, "Dependent: " + Values.name(r) + ", TIN " + itinNo() + ", relationship: son");

        negative("bad-check", "Client file\nTIN 9" + r.digits(2) + "-" + r.pick("89", "93", "49") + "-"
                + four(r.between(1, 9999)) + " (rejected: not an ITIN group)");
        negative("no-label", "Dustin's order " + itinNo() + " shipped on Monday.");
    }

    // ---- driver's licences -----------------------------------------------------------------------------------------

    private void driverLicence() {
        String rule = "pii.us-driver-license";
        add("dl", rule, "Driver: " + Values.name(r) + "\nDL#: " + wdl() + " (WA)\nDOB: 3/14/1961");
        add("dl", rule, "Crash report: vehicle 2 operated by " + Values.name(r) + ", OLN " + pa() + " state PA");
        add("dl", rule, "Citation issued. OLN " + nj() + " (NJ), speed 52 in a 35 zone");
        add("dl", rule, "driver's license: " + mi() + " (Michigan), class O");
        add("dl", rule, "first,last,dl_state,dl_number,dob\nMarcus,Roe,FL," + fl() + ",1952-03-20\nAna,Moss,FL," + fl()
                + ",1973-04-25\n");
        add("dl", rule, "Please verify this applicant.\n\n{\"identity\": {\"type\": \"drivers_license\", \"state\": "
                + "\"TX\", \"number\": \"" + tx() + "\"}}");
        addReq("dl", rule, toolUse("kyc_verify", "{\"applicant\": {\"name\": \"" + Values.name(r) + "\", \"identity\": "
                + "{\"type\": \"drivers_license\", \"state\": \"TX\", \"number\": \"" + tx() + "\"}}}"),
                "anthropic-tool-use");

        negative("no-label", "Model " + wdl() + " front-load washer, 2 in stock, ships in 3 days");
        negative("no-label", "SKU " + nj() + " replacement filter, qty 12");
        negative("incomplete", "{\"identity\": {\"type\": \"drivers_license\", \"state\": \"TX\", \"number\": null}, "
                + "\"order_id\": \"" + tx() + "\"}");
    }

    private void driverLicenceState() {
        String rule = "pii.us-driver-license-state";
        add("dl-state", rule, "renter " + Values.name(r) + ", PA driver license " + pa() + ", born August 12, 1961");
        add("dl-state", rule, "Parking appeal: NJ DL " + nj() + ", plate on file");
        add("dl-state", rule, "Michigan driver's license: " + mi() + " (expires 2029)");
        add("dl-state", rule, "Driver license (WA): " + wdl() + "\nName: " + Values.name(r));

        String p = pa();
        negative("incomplete", "PA driver license " + p.substring(0, p.length() - 1) + " (incomplete, ask again)");
        negative("incomplete", "NJ driver license number: pending (applied 2024-03-14)");
    }

    private void driverLicenceColumn() {
        String rule = "pii.us-driver-license-column";
        add("dl-column", rule, "first,last,dl_state,dl_number,dob\nSunita,Roe,NY," + ny() + ",1989-06-04\nOmar,Ito,NY,"
                + ny() + ",1975-01-19\n");
        add("dl-column", rule, "name\tdriver license\tstate\n" + Values.name(r) + "\t" + paCompact() + "\tPA\n"
                + Values.name(r) + "\t" + paCompact() + "\tPA\n");
        add("dl-column", rule, "| Name | DL Number | State |\n|---|---|---|\n| " + Values.name(r) + " | " + pa()
                + " | PA |\n");
        add("dl-column", rule, " name          | dl_number   | dl_state\n---------------+-------------+---------\n "
                + Values.name(r) + "      | " + r.between(1, 9) + r.digits(8) + "   | NY\n(1 row)\n");

        negative("no-label", "first,last,order_no,dob\nSunita,Roe," + r.between(1, 9) + r.digits(8)
                + ",1989-06-04\nOmar,Ito," + r.between(1, 9) + r.digits(8) + ",1975-01-19\n");
        negative("incomplete", "name,employee_no,dl_number\n" + Values.name(r) + "," + r.between(1, 9) + r.digits(6)
                + ",on file\n" + Values.name(r) + "," + r.between(1, 9) + r.digits(6) + ",expired\n");
    }

    private void driverLicenceField() {
        String rule = "pii.us-driver-license-field";
        add("dl-field", rule, "| Name | " + Values.name(r) + " |\n| License No. | " + pa() + " |\n| Issuing state | PA |\n");
        add("dl-field", rule, "| Name | " + Values.name(r) + " |\n| License No. | " + il() + " |\n| Issuing state | IL |\n");
        add("dl-field", rule, "Driver: " + Values.name(r) + "\nLicense number: " + r.between(1, 9) + r.digits(8)
                + "\nClass: D");
        add("dl-field", rule, "Rental agreement\nRenter: " + Values.name(r) + "\nLic. #: " + mi()
                + "\nState of issue: MI\n");

        negative("no-label", "| Contractor | Roe Plumbing |\n| License No. | " + r.between(1, 9) + r.digits(8)
                + " |\n| Board | CSLB |\n");
        negative("no-label", "Software license no: " + r.between(1, 9) + r.digits(8) + " (seat count 40)");
        // Left out (flagged by pii.us-driver-license-field when written, session 40): a nurse's licence in a form that
        // names the issuing state ("| Nurse | ... RN |", "| License No. | RN1234567 |", "| Issuing state | OH |"). A
        // professional licence form asks for the issuing state too; the rule reads it as a driver's licence form.
    }

    // ---- health ids ------------------------------------------------------------------------------------------------

    private void medicaid() {
        String rule = "pii.us-medicaid-id";
        add("medicaid", rule, "Medicaid ID: " + r.between(1, 9) + r.digits(9) + "\nRecipient: " + Values.name(r)
                + "\nDOB: 08/22/1941");
        add("medicaid", rule, "Eligibility check: Medicaid ID: " + r.between(1, 9) + r.digits(8) + "NY, active");
        add("medicaid", rule, "Prior auth for " + Values.name(r) + ", Medicaid recipient id " + r.from(UP, 2)
                + r.digits(5) + r.from(UP, 1) + ", dob 1998-08-19");
        add("medicaid", rule, "{\"member\": {\"name\": \"" + Values.name(r) + "\", \"medicaid_id\": \"" + r.from(UP, 2)
                + r.digits(5) + r.from(UP, 1) + "\"}}");

        negative("incomplete", "Medicaid ID: pending verification, see the card on file");
        negative("no-label", "Medicaid expansion " + r.between(2014, 2024) + " funding " + r.between(10, 99)
                + r.digits(6) + " dollars");
    }

    private void mbi() {
        String rule = "pii.us-mbi";
        add("mbi", rule, "Patient " + Values.name(r) + ", MRN MR" + r.digits(7) + ", Medicare " + mbiNo()
                + ", summarise the chart.");
        add("mbi", rule, "{\"resourceType\": \"Coverage\", \"status\": \"active\", \"payor\": [{\"display\": \"CMS\"}], "
                + "\"subscriberId\": \"" + mbiNo() + "\"}");
        addReq("mbi", rule, toolUse("ehr_update", "{\"resourceType\": \"Coverage\", \"payor\": [{\"display\": \"CMS\"}],"
                + " \"subscriberId\": \"" + mbiNo() + "\"}"), "anthropic-tool-use");
        String m = mbiNo();
        add("mbi", rule, "Medicare: " + m.substring(0, 4) + "-" + m.substring(4, 7) + "-" + m.substring(7)
                + " (Part A and B)");

        negative("incomplete", "Medicare " + mbiNo().substring(0, 10) + " summary (one character missing)");
        negative("no-label", "{\"resourceType\": \"Coverage\", \"payor\": [{\"display\": \"Acme Health\"}], "
                + "\"subscriberId\": \"W" + r.digits(9) + "\"}");
        String bad = mbiNo();
        negative("bad-check", "Medicare " + bad.substring(0, 4) + r.pick("S", "L", "O") + bad.substring(5)
                + " (invalid letter, re-enter)");
    }

    // ---- passports -------------------------------------------------------------------------------------------------

    private void passport() {
        String rule = "pii.passport-grouped";
        add("passport", rule, "- Traveler: " + Values.name(r) + "\n- Passport # " + threes(r.between(1, 9)
                + r.digits(8)) + "\n- D.O.B. 04/02/2004");
        add("passport", rule, "Passport number: " + r.from(UP, 1) + r.digits(2) + " " + r.digits(3) + " " + r.digits(3));
        add("passport", rule, "PASSPORT NO. " + threes(r.between(1, 9) + r.digits(8)) + " (USA), expires 2031");
        add("passport", rule, "Booking for " + Values.name(r) + ", passport: " + threes(r.between(1, 9) + r.digits(8))
                + ", seat 14C");

        negative("no-label", "Passport Agency phone: 877 " + r.digits(3) + " " + r.digits(4) + " (hours 8 to 10)");
        negative("incomplete", "Passport # " + r.between(1, 9) + r.digits(2) + " " + r.digits(3) + " " + r.digits(2)
                + " (missing a digit, ask again)");
    }

    // ---- routing numbers -------------------------------------------------------------------------------------------

    private void routing() {
        String rule = "financial.aba-routing";
        add("aba", rule, "Autopay from: ABA " + threes(Values.aba(r)) + " / acct " + threes(r.between(1, 9)
                + r.digits(8)));
        add("aba", rule, "Direct deposit\nRouting number: " + threes(Values.aba(r)) + "\nAccount number: "
                + r.between(1, 9) + r.digits(9) + "\n");
        add("aba", rule, "Loan disbursement to " + Values.name(r) + ": routing " + threes(Values.aba(r)) + ", account "
                + r.between(1, 9) + r.digits(7));
        add("aba", rule, "| holder | routing | account |\n|---|---|---|\n| " + Values.name(r) + " | "
                + threes(Values.aba(r)) + " | " + r.between(1, 9) + r.digits(9) + " |\n");

        // no account number in these: one is a bank account (financial.bank-account), not a negative
        negative("bad-check", "Autopay from: ABA " + threes(bumpLast(Values.aba(r))) + " / acct on file");
        String first8 = r.between(40, 59) + r.digits(6);
        negative("bad-check", "Direct deposit\nRouting number: " + threes(first8 + Checksums.aba(first8))
                + "\nAccount number: to follow by phone\n");
        negative("no-label", "FAQ: the routing number for First Demo Bank in New York is " + threes(Values.aba(r))
                + " for wires and ACH.");
    }

    private void routingSpelled() {
        String rule = "financial.aba-routing-spelled";
        add("aba-spelled", rule, "refund to their checking: bank routing number is " + spelled(Values.aba(r), false)
                + " and the account ends in " + r.digits(4));
        add("aba-spelled", rule, "Account holder " + Values.name(r) + ", routing: " + spelled(Values.aba(r), true));
        String a = Values.aba(r);
        add("aba-spelled", rule, "Payroll call: ABA: " + spelled(a.substring(0, 3), true) + ", "
                + spelled(a.substring(3, 6), true) + ", " + spelled(a.substring(6), true) + "; acct number to follow");
        add("aba-spelled", rule, "{\"transcript\": \"RTN is " + spelled(Values.aba(r), false) + " and the account "
                + "number is on the voided check\"}");

        negative("bad-check", "refund to their checking: bank routing number is "
                + spelled(bumpLast(Values.aba(r)), false) + " and the account ends in " + r.digits(4));
        negative("no-label", "the routing number is " + spelled(Values.aba(r), false) + " (from the bank's FAQ page)");
        negative("incomplete", "account routing number is " + spelled(Values.aba(r).substring(0, 8), false)
                + " ... line dropped");
    }

    // ---- cards -----------------------------------------------------------------------------------------------------

    private void cards() {
        String rule = "financial.card-pieces";
        String c = card("discover");
        add("card-pieces", rule, "agent: what card would you like to use?\ncustomer: ok the number is "
                + c.substring(0, 4) + "\ncustomer: " + c.substring(4, 8) + "\ncustomer: " + c.substring(8, 12) + " "
                + c.substring(12) + "\ncustomer: expiry 01/27");
        String v = card("visa");
        add("card-pieces", rule, "Caller: my card number is " + v.substring(0, 4) + "\nCaller: " + v.substring(4, 8)
                + "\nCaller: " + v.substring(8, 12) + "\nCaller: " + v.substring(12) + "\nAgent: and the CVV?");
        String m = card("mc");
        add("card-pieces", rule, "Hi, it's " + Values.name(r).split(" ")[0] + ". Card: " + m.substring(0, 8)
                + "\n(continued) " + m.substring(8) + " thanks");
        String x = card("amex");
        add("card-pieces", rule, "new card " + amex(x) + ", expiring 05/28");
        add("card-pieces", rule, "Please update billing: Amex card " + amex(card("amex")) + " exp 09/29, billing zip "
                + r.digits(5));

        String bad = bumpLast(card("discover"));
        negative("bad-check", "customer: ok the card number is " + bad.substring(0, 4) + "\ncustomer: "
                + bad.substring(4, 8) + "\ncustomer: " + bad.substring(8, 12) + " " + bad.substring(12)
                + "\ncustomer: expiry 01/27");
        String t = card("discover");
        negative("no-label", "agent: ticket counts per queue?\ncustomer: " + t.substring(0, 4) + "\ncustomer: "
                + t.substring(4, 8) + "\ncustomer: " + t.substring(8, 12) + " " + t.substring(12));
        negative("bad-check", "new card " + amex(bumpLast(card("amex"))) + ", expiring 05/28");
        String s = bumpLast(card("mc"));
        negative("bad-check", "Card: " + s.substring(0, 8) + "\n(continued) " + s.substring(8) + " thanks");
    }

    // ---- values ----------------------------------------------------------------------------------------------------

    /** An SSN in the issued ranges as area, group and serial. */
    private String[] ssn() {
        return Values.ssn(r).split("-");
    }

    /** An SSN shape that fails the ranges: area 000, 666 or 9xx (group outside the ITIN ranges). */
    private String[] badSsn() {
        String area = r.pick("000", "666", Integer.toString(r.between(900, 999)));
        return new String[] {area, String.format("%02d", r.between(1, 49)), four(r.between(1, 9999))};
    }

    private static String four(int n) {
        return String.format("%04d", n);
    }

    private static String spaced(String[] ssn) {
        return String.join(" ", ssn);
    }

    /** An ITIN: 9xx, a group in the IRS ranges, a serial. */
    private String itinNo() {
        int group = r.pick(List.of(r.between(50, 65), r.between(70, 88), r.between(90, 92), r.between(94, 99)));
        String area = "9" + r.digits(2);
        if (area.equals("987") && group == 65) {
            group = 70; // not SSA's advertising numbers 987-65-4320..4329
        }
        return area + "-" + group + "-" + four(r.between(1, 9999));
    }

    /** Washington: WDL and nine letters or digits. */
    private String wdl() {
        return "WDL" + r.from(UP + Rng.DIGITS, 9);
    }

    /** Pennsylvania: eight digits, printed 2-3-3. */
    private String pa() {
        String d = paCompact();
        return d.substring(0, 2) + " " + d.substring(2, 5) + " " + d.substring(5);
    }

    /** Eight digits not starting 19 or 20 (not a compact date). */
    private String paCompact() {
        return r.pick("0", "1", "3", "4", "5", "6", "7", "8", "9") + r.between(1, 8) + r.digits(6);
    }

    /** New Jersey: a letter and 14 digits, printed 4-5-5 after the letter. */
    private String nj() {
        return r.from(UP, 1) + r.digits(4) + " " + r.digits(5) + " " + r.digits(5);
    }

    /** Michigan: a letter and 12 digits, printed in threes. */
    private String mi() {
        return r.from(UP, 1) + " " + r.digits(3) + " " + r.digits(3) + " " + r.digits(3) + " " + r.digits(3);
    }

    /** Florida: a letter and 12 digits, printed 3-3-2-3-1 after the letter. */
    private String fl() {
        return r.from(UP, 1) + r.digits(3) + "-" + r.digits(3) + "-" + r.digits(2) + "-" + r.digits(3) + "-"
                + r.digits(1);
    }

    /** Illinois: a letter and 11 digits, printed 3-4-4 after the letter. */
    private String il() {
        return r.from(UP, 1) + r.digits(3) + "-" + r.digits(4) + "-" + r.digits(4);
    }

    /** New York: nine digits, printed 3-3-3. */
    private String ny() {
        return threes(r.digits(9));
    }

    /** Texas: eight digits. */
    private String tx() {
        return Integer.toString(r.between(10_000_000, 49_999_999));
    }

    /** A Medicare Beneficiary Identifier: C A AN N A AN N A A N N. */
    private String mbiNo() {
        String alnum = MBI_LETTERS + Rng.DIGITS;
        return r.between(1, 9) + r.from(MBI_LETTERS, 1) + r.from(alnum, 1) + r.digits(1) + r.from(MBI_LETTERS, 1)
                + r.from(alnum, 1) + r.digits(1) + r.from(MBI_LETTERS, 2) + r.digits(2);
    }

    private static String threes(String nine) {
        return nine.substring(0, 3) + " " + nine.substring(3, 6) + " " + nine.substring(6);
    }

    /** A Luhn-valid card of {@code network}: visa, mc, discover or amex. */
    private String card(String network) {
        return switch (network) {
            case "visa" -> Values.cardNumber(r, x -> "4" + x.digits(14), 16);
            case "mc" -> Values.cardNumber(r, x -> "5" + x.between(1, 5) + x.digits(13), 16);
            case "discover" -> Values.cardNumber(r, x -> "6011" + x.digits(11), 16);
            default -> Values.cardNumber(r, x -> x.pick("34", "37") + x.digits(12), 15);
        };
    }

    /** An Amex number typed in groups of four (4-4-4-3), not its printed 4-6-5. */
    private static String amex(String fifteen) {
        return fifteen.substring(0, 4) + " " + fifteen.substring(4, 8) + " " + fifteen.substring(8, 12) + " "
                + fifteen.substring(12);
    }

    private static String bumpLast(String v) {
        char last = v.charAt(v.length() - 1);
        return v.substring(0, v.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    /** {@code digits} as English words, blank-separated; {@code oh} for some zeros when {@code spoken}. */
    private String spelled(String digits, boolean spoken) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(c == '0' && spoken && r.chance(0.5) ? "oh" : WORDS[c - '0']);
        }
        return b.toString();
    }

    // ---- requests --------------------------------------------------------------------------------------------------

    private static String q(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }

    /** An Anthropic conversation of user, assistant and user messages. */
    private static Containers.Req anthropicTurns(String user1, String assistant, String user2) {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\""
                + q(user1) + "\"},{\"role\":\"assistant\",\"content\":\"" + q(assistant) + "\"},{\"role\":\"user\","
                + "\"content\":\"" + q(user2) + "\"}]}";
        return new Containers.Req("POST", "https://api.anthropic.com/v1/messages",
                Containers.headers("Content-Type", "application/json"), Containers.utf8(body), false,
                "body json $.messages[0,2].content (the number over two user messages)");
    }

    /** An OpenAI Chat conversation: system, user, assistant, user. */
    private static Containers.Req openaiTurns(String user1, String assistant, String user2) {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"You are an HR assistant.\"},"
                + "{\"role\":\"user\",\"content\":\"" + q(user1) + "\"},{\"role\":\"assistant\",\"content\":\""
                + q(assistant) + "\"},{\"role\":\"user\",\"content\":\"" + q(user2) + "\"}]}";
        return new Containers.Req("POST", "https://api.openai.com/v1/chat/completions",
                Containers.headers("Content-Type", "application/json"), Containers.utf8(body), false,
                "body json $.messages[1,3].content (the number over two user messages)");
    }

    /** An Anthropic request whose assistant turn calls tool {@code name} with {@code input} (a JSON object). */
    private static Containers.Req toolUse(String name, String input) {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Process this record.\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01P4\","
                + "\"name\":\"" + name + "\",\"input\":" + input + "}]},{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"tool_result\",\"tool_use_id\":\"toolu_01P4\",\"content\":\"ok\"}]}]}";
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
