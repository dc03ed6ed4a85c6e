package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code records40}: what session 40 closed of the blind round rt40-people's person-record classes: one named
 * person's record without an id number, as classes, each in several layouts, with hard negatives beside them.
 * <ul>
 *   <li>Positives ({@code records40:<kind>}): a named person's DOB (born, geboren am, Fecha de nacimiento, JSON
 *       date_of_birth) with two contact details: a role word's name, a CRM's first and last name fields, a caller,
 *       an e-mail spelled "at ... dot" ({@code contact}, pii.identity-record); a ticket's sender who gives a home
 *       address and a phone ({@code home}); a diagnosis, leave, arrest, probation or salary next to a named person
 *       and one contact or record detail ({@code sensitive}); a DOB with a clinical, court or school word under a
 *       role word, a heading or Geb.-Datum ({@code dob-record}); one row of a patient, claim or class extract
 *       ({@code record-table}); an X12 837 subscriber's DMG date ({@code x12}).</li>
 *   <li>Negatives ({@code neg:records40}, {@code neg:<kind>}): public figures' and clinicians' biographies with a
 *       birth date, an office's address and switchboard, pseudonymised and redacted records, templates, aggregates,
 *       tables without a name or without a record column, an organisation's NM1, a named person with one detail
 *       beside a common phrase ({@code history of}, {@code follow-up of}).</li>
 * </ul>
 * Names, addresses, phone numbers (exchanges never 555) and dates are random combinations. Written with the rules,
 * so not held out.
 */
final class People40Records {

    static final long SEED = 20_261_240L;
    static final String FAMILY = "records40";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-openai-responses", "json-gemini");
    private static final List<String> GIVEN = List.of("Anselm", "Keisha", "Tomasz", "Leilani", "Oksana", "Darnell",
            "Ingrid", "Wendell", "Priya", "Matteo", "Sunita", "Bjorn", "Fernanda", "Hiroshi", "Noor", "Emeka");
    private static final List<String> FAMILY_NAMES = List.of("Vexler", "Quellmann", "Vantongeren", "Morvan",
            "Ostrowska", "Achterberg", "Thornbury", "Lindqvist", "Okonkwo", "Haddad", "Villanueva", "Brennan");
    private static final List<String> STREETS = List.of("Maple Ave", "Old Mill Rd", "W 43rd St", "Juniper Ct",
            "Larkspur Way", "E Colfax Ave", "Cedar Ln", "Harrison Blvd", "Wren Cir", "Lakeview Ter");
    private static final List<String> CITIES = List.of("Dayton, OH 45402", "Tacoma, WA 98422", "Boise, ID 83741",
            "Fresno, CA 93748", "Mesa, AZ 85270", "Eugene, OR 97435");
    private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December");
    private static final List<String> MAIL = List.of("mailbox.org", "posteo.net", "fastmail.com", "proton.me");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private People40Records(Rng r) {
        this.r = r;
    }

    /** Every case of the family. */
    static List<HardCorpus.Out> cases(Rng r) {
        People40Records c = new People40Records(r);
        c.contacts();
        c.sensitive();
        c.dobRecords();
        c.tables();
        c.negatives();
        c.more();
        return c.out;
    }

    // ---- values ----------------------------------------------------------------------------------------------------

    private String given() {
        return r.pick(GIVEN);
    }

    private String surname() {
        return r.pick(FAMILY_NAMES);
    }

    private String address() {
        return r.between(100, 9899) + " " + r.pick(STREETS);
    }

    /** A North American number; the exchange is never 555 (the fictional range). */
    private String phone(String sep) {
        int exchange = r.between(201, 989);
        if (exchange == 555) {
            exchange = 556;
        }
        return r.between(201, 989) + sep + exchange + sep + r.digits(4);
    }

    private String email(String given, String family) {
        return given.toLowerCase() + "." + family.toLowerCase() + r.between(10, 99) + "@" + r.pick(MAIL);
    }

    private int year() {
        return r.between(1940, 2005);
    }

    private String usDate() {
        return r.between(1, 12) + "/" + r.between(1, 28) + "/" + year();
    }

    private String isoDate() {
        return year() + "-" + two(r.between(1, 12)) + "-" + two(r.between(1, 28));
    }

    private String euDate() {
        return two(r.between(1, 28)) + "." + two(r.between(1, 12)) + "." + year();
    }

    private String longDate() {
        return r.pick(MONTHS) + " " + r.between(1, 28) + ", " + year();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    // ---- positives -------------------------------------------------------------------------------------------------

    private void contacts() {
        String id = "pii.identity-record";
        for (int i = 0; i < 2; i++) {
            String g = given();
            String f = surname();
            add("contact", id, "So the customer, " + g + " " + f + ", born " + usDate() + ", lives at " + address()
                    + " in " + r.pick(CITIES) + " and can be reached at " + phone(".") + ". She disputes the late fee.");
            g = given();
            f = surname();
            add("contact", id, "{\"id\": " + r.digits(9) + ", \"properties\": {\"firstname\": \"" + g
                    + "\", \"lastname\": \"" + f + "\", \"email\": \"" + email(g, f) + "\", \"phone\": \"" + phone("-") + "\", \"address\": \"" + address()
                    + "\", \"date_of_birth\": \"" + isoDate() + "\"}}");
            add("contact", id, "Kundin " + given() + " " + surname() + ", geboren am " + euDate() + ", wohnhaft "
                    + address() + ", Tel. " + phone(".") + ", beschwert sich \u00fcber die Rechnung.");
            g = given();
            f = surname();
            add("contact", id, "Cliente: " + g + " " + f + "\nFecha de nacimiento: " + euDate() + "\nDirecci\u00f3n: "
                    + address() + ", " + r.pick(CITIES) + "\nTel\u00e9fono: " + phone(".") + "\nCorreo: " + email(g, f));
            g = given();
            f = surname();
            add("contact", id, g + " called again. cell " + phone(".") + " / email " + f.toLowerCase() + r.between(1, 99)
                    + " at " + r.pick("icloud", "gmail", "fastmail") + " dot com. DOB " + usDate() + ".");
            g = given();
            f = surname();
            add("home", "pii.home-contact-record", "Ticket " + r.digits(7) + " from " + g + " " + f + " <"
                    + email(g, f) + ">: 'My package never came. I live at " + address() + ", " + r.pick(CITIES)
                    + ", call me on +1 " + phone(" ") + ".'");
        }
    }

    private void sensitive() {
        String id = "pii.sensitive-person-record";
        for (int i = 0; i < 2; i++) {
            add("sensitive", id, "Mrs. " + surname() + " of " + address() + ", " + r.pick(CITIES) + " tested positive for "
                    + r.pick("essential hypertension (I10)", "major depressive disorder (F33.1)", "HIV disease (B20)")
                    + "; please notify her at " + phone("-") + ".");
            String g = given();
            String f = surname();
            add("sensitive", id, "Therapy session notes, client " + g + " " + f + ", " + email(g, f)
                    + ": disclosed relapse (alcohol). Next session Tuesday.");
            g = given();
            f = surname();
            add("sensitive", id, "Hi, quick one: " + g + " " + f + " is going on FMLA leave from 4/14. Her personal cell is "
                    + phone("-") + " and personal email " + email(g, f) + ". Please don't share with the team.");
            add("sensitive", id, "Progress note \u2014 " + given() + " " + surname() + " (MRN " + r.pick("E", "MR")
                    + r.digits(8) + ") seen today for " + r.pick("essential hypertension", "alcohol dependence")
                    + ". Plan: recheck in 6 weeks.");
            add("sensitive", id, "Performance review 2024 \u2014 " + given() + " " + surname() + " (emp E" + r.digits(6)
                    + ")\nManager comments: absences linked to her chemotherapy schedule.\nBase salary: $"
                    + r.between(50, 150) + ",000\nHome: " + address() + ", " + r.pick(CITIES));
            add("sensitive", id, "Probation officer notes \u2014 client " + given() + " " + surname() + ", " + address()
                    + ", " + r.pick(CITIES) + ", phone " + phone("-") + "; failed UA on 02/19.");
        }
    }

    private void dobRecords() {
        String id = "pii.health-record";
        for (int i = 0; i < 2; i++) {
            add("dob-record", id, "Patient " + given() + " " + surname() + " (" + r.between(20, 45) + "F, DOB " + usDate()
                    + ") \u2014 positive pregnancy test, wants counselling. Phone " + phone(".") + ".");
            add("dob-record", id, "Arztbrief\nPatient: " + given() + " " + surname() + ", Geb.-Datum " + euDate()
                    + "\nFallnummer: " + r.digits(9) + "\nDiagnose: type 2 diabetes mellitus (E11.9)\nMedikation: metformin");
            add("dob-record", id, "Sealed juvenile record: minor " + given() + " " + surname() + ", born " + longDate()
                    + ", adjudicated delinquent, case JV-" + r.digits(6) + ".");
            add("dob-record", id, "INCIDENT REPORT #" + r.digits(2) + "-" + r.digits(6) + "\nSUSPECT: "
                    + surname().toUpperCase() + ", " + given().toUpperCase() + "  DOB " + usDate() + "  SEX F\nADDR: "
                    + address().toUpperCase() + "\nNARRATIVE: Subject arrested for shoplifting.");
            add("dob-record", id, "Hi Dr. " + surname() + ", forwarding the ED note for " + given() + " " + surname()
                    + ", d.o.b. " + usDate() + ", chart no. E" + r.digits(9) + ". She presented with suicidal ideation.");
            add("dob-record", id, "Transcript request \u2014 " + given() + " " + surname() + ", SID " + r.digits(7)
                    + ", DOB " + usDate() + ", send to the registrar.");
        }
    }

    private void tables() {
        String id = "pii.dob-record-table";
        add("record-table", id, "patient_mrn,patient_name,dob,icd10,visit_date\n" + r.digits(8) + "," + given() + " "
                + surname() + "," + isoDate() + ",E11.9,2025-01-13\n" + "MR" + r.digits(7) + "," + given() + " "
                + surname() + "," + isoDate() + ",F33.1,2025-01-25\n");
        add("record-table", id, "subscriber_id|patient|dob|dx|cpt|paid\nW" + r.digits(9) + "|" + given() + " " + surname()
                + "|" + isoDate() + "|I10|90837|132.50\n");
        add("record-table", id, "student_id,last,first,dob,gpa,discipline_incidents\n" + r.digits(7) + "," + surname()
                + "," + given() + "," + isoDate() + ",2.1,3\n" + r.digits(8) + "," + surname() + "," + given() + ","
                + isoDate() + ",3.7,0\n");
        add("x12", "pii.x12-patient", "ISA*00*~\nNM1*IL*1*" + surname().toUpperCase() + "*" + given().toUpperCase()
                + "****MI*" + r.from(Rng.UPPER, 3) + r.digits(9) + "~\nDMG*D8*" + isoDate().replace("-", "")
                + "*F~\nN3*" + address().toUpperCase() + "~");
    }

    /** More of the kinds with few cases above (each rule wants four), drawn after the rest so theirs stay as they were. */
    private void more() {
        add("record-table", "pii.dob-record-table", " member_id | member_name | dob | dx_code\n-----------+---------"
                + "----+-----+--------\n M" + r.digits(8) + " | " + given() + " " + surname() + " | " + isoDate()
                + " | J45.909\n(1 row)\n");
        for (int i = 0; i < 3; i++) {
            add("x12", "pii.x12-patient", "ST*837*0001~\nNM1*QC*1*" + surname().toUpperCase() + "*"
                    + given().toUpperCase() + "~\nDMG*D8*" + isoDate().replace("-", "") + "*" + r.pick("F", "M")
                    + "~\nN3*" + address().toUpperCase() + "~");
        }
        for (int i = 0; i < 2; i++) {
            String g = given();
            String f = surname();
            add("home", "pii.home-contact-record", "Hi, this is " + g + " " + f + ". My address is "
                    + address() + ", " + r.pick(CITIES) + ". You can text me at " + phone("-") + ".");
        }
    }

    // ---- negatives -------------------------------------------------------------------------------------------------

    private void negatives() {
        for (int i = 0; i < 2; i++) {
            negative("public-figure", r.pick("Serena Williams", "Angela Merkel", "Nelson Mandela") + ", born "
                    + longDate() + ", won " + r.between(2, 30) + " titles and lives at " + address() + ".");
            negative("clinician-bio", "Dr. " + given() + " " + surname() + " (born " + longDate()
                    + ") is a board-certified cardiologist at Riverbend Hospital, where she leads the clinic.");
            negative("business-contact", "Our office moved to " + address() + ", " + r.pick(CITIES) + ". Reception: "
                    + phone("-") + ". Questions: support@riverbend.example. Patients seen today for flu shots.");
            negative("pseudonym", "Patient A, " + r.between(30, 70) + "-year-old female, tested positive for HIV; "
                    + "our clinic line is " + phone("-") + ". Outcome favourable at 6 months.");
            negative("redacted", "Customer [REDACTED_NAME] (DOB [REDACTED]) was diagnosed with asthma. Contact: "
                    + "[REDACTED_EMAIL], [REDACTED_PHONE].");
            negative("template", "Patient: {{patient.name}}\nDOB: {{patient.dob}}\nDiagnosis: {{dx}}\nPhone: {{phone}}\n"
                    + "Address: {{address}}");
            negative("aggregate", "Headcount: Engineering " + r.between(100, 300) + ". Median base salary $"
                    + r.between(70, 99) + ",500; " + r.between(2, 9) + " staff on FMLA leave this quarter.");
            negative("table-no-name", "subject_id,age_band,dob,dx\n" + r.from(Rng.HEX, 12) + ",50-59," + isoDate()
                    + ",F10.20\n");
            negative("table-no-record", "name,dob,city\n" + given() + " " + surname() + "," + isoDate() + ",Dayton\n");
            negative("x12-org", "NM1*IL*2*RIVERBEND HEALTH PLAN*****PI*" + r.digits(5) + "~\nDMG*D8*"
                    + isoDate().replace("-", "") + "*F~");
            String g = given();
            String f = surname();
            negative("one-detail", "The customer, " + g + " " + f + ", asked about the history of our price changes; "
                    + "reply to " + email(g, f) + ".");
            negative("one-detail", "Follow-up of the customer " + given() + " " + surname() + "'s ticket: call her back at "
                    + phone(".") + ".");
            negative("home-no-detail", "Ticket " + r.digits(7) + " from " + given() + " " + surname()
                    + ": 'I live at " + address() + " and my package never came.'");
        }
    }

    // ---- cases -----------------------------------------------------------------------------------------------------

    private void add(String kind, String rule, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(saved(Containers.build(container, text, false, r)), List.of(rule), List.of(),
                List.of("family:" + FAMILY, "cat:" + Values.PII, FAMILY + ":" + kind, "container:" + container,
                        "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(saved(Containers.build(container, text, false, r)), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }

    /** {@code req} as a saved request in {@code cases/} (the manifest is near its 5 MiB cap). */
    private static Containers.Req saved(Containers.Req req) {
        return new Containers.Req(req.method(), req.target(), req.headers(), req.body(), true, req.where(), req.raw());
    }
}
