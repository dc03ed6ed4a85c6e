package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Family {@code phi33}: personal health information and personal records that session 33 added rules for, with hard
 * negatives for each (names and dates are synthetic, drawn here).
 * <ul>
 *   <li>Positives ({@code phi33:<kind>}): HL7 v2 messages with a PID segment (ADT and ORU, CR or LF separated, a
 *       Python repr); FHIR Patient resources with a name and birthDate (JSON, a Bundle with a Condition, XML, the
 *       name's text); clinical notes, lab reports, insurance cards and student records naming a person with a DOB
 *       label; tables (CSV, TSV, Markdown) of people with a DOB column.</li>
 *   <li>Negatives ({@code neg:phi33}, {@code neg:<kind>}): the HL7 standard's field layout and example patient, code
 *       that builds a PID segment, de-identified segments; FHIR StructureDefinitions, a Patient without a name or
 *       birthDate, templates, Synthea-style generated names, schema.org Person records of public figures, the FHIR
 *       specification's example patient; blank intake forms, HIPAA training text, a doctor's public bio, news about a
 *       politician's birthday, placeholder names, a person's DOB with no record around it, aggregate statistics;
 *       tables with a DOB column but no person, a data dictionary, a table of birth years.</li>
 * </ul>
 * Written with the rules, so not held out.
 */
final class Phi33 {

    static final long SEED = 20_261_233L;
    static final String FAMILY = "phi33";

    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");
    private static final String[] FIRST = {"Nneka", "Torbjorn", "Ilse", "Marisol", "Kofi", "Anneliese", "Rustam",
        "Priya", "Caoimhe", "Tomasz", "Yuki", "Oluwaseun"};
    private static final String[] LAST = {"Okafor", "Halvorsen", "Brandt", "Quintero", "Mensah", "Vogel", "Karimov",
        "Raman", "Byrne", "Wozniak", "Takeda", "Adeyemi"};
    private static final String[] DX = {"E11.9 Type 2 diabetes mellitus", "F32.1 Major depressive disorder",
        "B20 HIV disease", "F11.20 Opioid dependence", "C50.911 Malignant neoplasm of right breast",
        "O09.93 Supervision of high risk pregnancy"};

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Phi33(Rng r) {
        this.r = r;
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        Phi33 c = new Phi33(r);
        c.positives();
        c.negatives();
        return c.out;
    }

    private void positives() {
        for (int i = 0; i < 3; i++) {
            String first = r.pick(FIRST);
            String last = r.pick(LAST);
            int[] d = date();
            String sep = r.pick("\r", "\n");
            pos("hl7-adt", "pii.hl7-patient", "MSH|^~\\&|REGADT|" + facility() + "|||2026" + mmdd() + "0915||ADT^A0"
                    + r.between(1, 8) + "|" + r.digits(8) + "|P|2.5.1" + sep + "EVN|A01|2026" + mmdd() + "0915" + sep
                    + "PID|1||" + r.digits(8) + "^^^" + facility() + "^MR||" + last.toUpperCase() + "^"
                    + first.toUpperCase() + "^" + r.pick("A", "M", "") + "||" + ymd(d, "") + "|" + r.pick("F", "M")
                    + "|||" + r.between(10, 999) + " Elm St^^Dayton^OH^454" + r.digits(2) + sep + "PV1|1|I|4W^412^B");
            pos("hl7-oru", "pii.hl7-patient", "Tool output (hl7 tail -n 3 inbound.hl7):\nMSH|^~\\&|LAB|" + facility()
                    + "|EHR|" + facility() + "|2026" + mmdd() + "1130||ORU^R01|" + r.digits(7) + "|P|2.3\nPID|||"
                    + r.from("ABCDEFGHJKLMNPRSTUVWXYZ", 2) + r.digits(6) + "||" + last + "^" + first + "||"
                    + ymd(d, "") + "|" + r.pick("F", "M") + "\nOBX|1|ST|" + r.pick("HIV-1 RNA", "HCV Ab", "HbA1c")
                    + "||" + r.pick("DETECTED", "Reactive", "9.2 %") + "||||||F");
            pos("hl7-repr", "pii.hl7-patient", "msg = 'MSH|^~\\\\&|ADT|" + facility() + "|||2026" + mmdd()
                    + "||ADT^A08|" + r.digits(6) + "|P|2.4\\rPID|1|" + r.digits(9) + "|||" + last.toUpperCase() + "^"
                    + first.toUpperCase() + "||" + ymd(d, "") + "0000|" + r.pick("F", "M") + "'");

            first = r.pick(FIRST);
            last = r.pick(LAST);
            d = date();
            pos("fhir-json", "pii.fhir-patient", "{\n  \"resourceType\": \"Patient\",\n  \"id\": \"" + r.from("0123456789abcdef", 12)
                    + "\",\n  \"identifier\": [{\"system\": \"urn:oid:2.16.840.1.113883.3." + r.digits(4)
                    + "\", \"value\": \"" + r.digits(8) + "\"}],\n  \"name\": [{\"use\": \"official\", \"family\": \""
                    + last + "\", \"given\": [\"" + first + "\"]}],\n  \"gender\": \"" + r.pick("female", "male")
                    + "\",\n  \"birthDate\": \"" + ymd(d, "-") + "\"\n}");
            pos("fhir-bundle", "pii.fhir-patient", "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                    + "{\"resource\":{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"" + first + " " + last
                    + "\"}],\"birthDate\":\"" + ymd(d, "-") + "\"}},{\"resource\":{\"resourceType\":\"Condition\","
                    + "\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10\",\"code\":\""
                    + r.pick(DX).split(" ")[0] + "\"}]}}}]}");
            pos("fhir-xml", "pii.fhir-patient", "<Patient xmlns=\"http://hl7.org/fhir\">\n  <id value=\"" + r.from("0123456789abcdef", 8)
                    + "\"/>\n  <name>\n    <family value=\"" + last + "\"/>\n    <given value=\"" + first
                    + "\"/>\n  </name>\n  <gender value=\"" + r.pick("female", "male") + "\"/>\n  <birthDate value=\""
                    + ymd(d, "-") + "\"/>\n</Patient>");

            first = r.pick(FIRST);
            last = r.pick(LAST);
            d = date();
            pos("clinical-note", "pii.health-record", "PROGRESS NOTE\nPatient: " + first + " " + last + "    DOB: "
                    + us(d) + "\nCC: " + r.pick("follow-up, depression", "wound check", "medication review")
                    + "\nAssessment: " + r.pick(DX) + ". Plan: " + r.pick("sertraline 50 mg daily",
                    "recheck A1c in 3 months", "refer to behavioral health") + ".");
            pos("lab-report", "pii.health-record", r.pick("NORTHVALE LAB", "CITY DIAGNOSTICS") + "   Pt: "
                    + last.toUpperCase() + ", " + first.toUpperCase() + "   D.O.B. " + us(d) + "   Collected: 2026-"
                    + mmdd().substring(0, 2) + "-1" + r.between(0, 9) + "\n" + r.pick("Chlamydia trachomatis NAAT",
                    "Hepatitis C Ab", "HIV-1/2 Ag/Ab") + ": " + r.pick("DETECTED", "REACTIVE", "POSITIVE") + " (A)");
            pos("insurance-card", "pii.health-record", r.pick("Harborview Health Plan", "Midstate Mutual")
                    + "\nMember: " + first + " " + last + "\nMember ID: " + r.from("ABCDEFGHJKLMNPRSTUVWXYZ", 3)
                    + r.digits(9) + "\nGroup No: " + r.digits(6) + "\nDate of Birth: " + us(d) + "\nRxBIN "
                    + r.digits(6));
            pos("student-record", "pii.health-record", "Student: " + first + " " + last + "\nStudent ID: S"
                    + r.digits(7) + "\nDOB: " + ymd(d, "-") + "\nGPA: " + r.between(20, 40) / 10.0
                    + "\nAccommodation: " + r.pick("extended test time (504 plan)", "IEP - reading support"));
            pos("referral-prose", "pii.health-record", "Please see " + first + " " + last + " (DOB "
                    + r.pick("Jan", "Mar", "Jun", "Sep", "Nov") + " " + r.between(1, 28) + ", " + d[0]
                    + ") for a psychiatry consult; diagnosis " + r.pick(DX) + ".");

            StringBuilder csv = new StringBuilder("patient_name,dob,diagnosis\n");
            StringBuilder tsv = new StringBuilder("student_id\tfirst_name\tlast_name\tdate_of_birth\tiep\n");
            StringBuilder md = new StringBuilder("| Member | DOB | Plan |\n|---|---|---|\n");
            for (int k = 0; k < 4; k++) {
                int[] e = date();
                csv.append(r.pick(FIRST)).append(' ').append(r.pick(LAST)).append(',').append(ymd(e, "-")).append(',')
                        .append(r.pick(DX).split(" ")[0]).append('\n');
                tsv.append('S').append(r.digits(7)).append('\t').append(r.pick(FIRST)).append('\t')
                        .append(r.pick(LAST)).append('\t').append(us(e)).append('\t').append(r.pick("yes", "no"))
                        .append('\n');
                md.append("| ").append(r.pick(FIRST)).append(' ').append(r.pick(LAST)).append(" | ")
                        .append(ymd(e, "-")).append(" | ").append(r.pick("PPO", "HMO", "EPO")).append(" |\n");
            }
            pos("dob-csv", "pii.dob-table", csv.toString());
            pos("dob-tsv", "pii.dob-table", tsv.toString());
            pos("dob-markdown", "pii.dob-table", md.toString());
        }
    }

    private void negatives() {
        for (int i = 0; i < 3; i++) {
            int[] d = date();
            String first = r.pick(FIRST);
            String last = r.pick(LAST);
            neg("hl7-spec-layout", "PID-3 Patient Identifier List (CX), PID-5 Patient Name (XPN), PID-7 Date/Time of "
                    + "Birth (DTM).\nExample: PID|1||<id>^^^<facility>^MR||<family>^<given>||<yyyymmdd>|<sex>");
            neg("hl7-builder", r.pick("def pid(p):\n    return f\"PID|1||{p.mrn}^^^{FAC}^MR||{p.last}^{p.first}||{p.dob:%Y%m%d}|{p.sex}\"",
                    "String pid = \"PID|1||\" + mrn + \"^^^\" + facility + \"^MR||\" + last + \"^\" + first + \"||\" + dob;",
                    "seg = 'PID|1||%s^^^%s^MR||%s^%s||%s|%s' % (mrn, fac, last, first, dob, sex)"));
            neg("hl7-deidentified", "MSH|^~\\&|LAB|" + facility() + "|||2026" + mmdd() + "||ORU^R01|" + r.digits(6)
                    + "|P|2.5\nPID|1||" + r.from("0123456789abcdef", 10) + "^^^STUDY^RI||||" + d[0] + "|" + r.pick("F", "M")
                    + "\nOBX|1|NM|HbA1c||7." + r.between(0, 9) + "|%");
            neg("hl7-placeholder", "PID|1||" + r.digits(8) + "^^^" + facility() + "^MR||TEST^PATIENT^" + r.pick("A", "B")
                    + "||" + ymd(d, "") + "|" + r.pick("F", "M"));
            neg("fhir-structure-definition", "{\"resourceType\": \"StructureDefinition\", \"name\": \"PatientProfile\","
                    + " \"type\": \"Patient\", \"differential\": {\"element\": [{\"path\": \"Patient.name\", \"min\": 1},"
                    + " {\"path\": \"Patient.birthDate\", \"short\": \"The date of birth for the individual\","
                    + " \"mustSupport\": true}]}}");
            neg("fhir-no-name", "{\"resourceType\": \"Patient\", \"id\": \"" + r.from("0123456789abcdef", 10) + "\", \"gender\": \""
                    + r.pick("female", "male") + "\", \"birthDate\": \"" + ymd(d, "-") + "\", \"address\": [{\"state\": \"OH\"}]}");
            neg("fhir-template", "{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"{{ patient.last }}\","
                    + " \"given\": [\"{{ patient.first }}\"]}], \"birthDate\": \"" + ymd(d, "-") + "\"}");
            neg("fhir-synthea", "{\"resourceType\": \"Patient\", \"name\": [{\"use\": \"official\", \"family\": \""
                    + last + r.between(100, 999) + "\", \"given\": [\"" + first + r.between(100, 999) + "\"]}],"
                    + " \"birthDate\": \"" + ymd(d, "-") + "\"}");
            neg("schemaorg-person", "{\"@context\": \"https://schema.org\", \"@type\": \"Person\", \"name\": \"" + first
                    + " " + last + "\", \"familyName\": \"" + last + "\", \"givenName\": \"" + first
                    + "\", \"birthDate\": \"" + ymd(d, "-") + "\", \"jobTitle\": \"" + r.pick("Senator", "Governor",
                    "Mayor") + "\"}");
            neg("blank-form", "PATIENT INTAKE\nPatient: ______________________   DOB: ____/____/______\n"
                    + "Diagnosis: ______________________\nInsurance Member ID: __________");
            neg("hipaa-training", "HIPAA 101: PHI includes patient names, dates of birth (DOB), MRNs, member IDs and "
                    + "diagnoses. Never paste PHI into unapproved tools; report incidents to the privacy office.");
            neg("doctor-bio", "Dr. " + first + " " + last + " (born " + r.pick("March", "July", "October") + " "
                    + r.between(1, 28) + ", " + d[0] + ") is a board-certified cardiologist at " + facility()
                    + " Hospital, where she leads the heart-failure clinic.");
            neg("politician-birthday", "Senator " + first + " " + last + " turns " + r.between(55, 80) + " today (born "
                    + us(d) + "); the hospital-funding bill she sponsored passed the committee on Tuesday.");
            neg("placeholder-patient", "Example record: Patient: John Doe   DOB: 01/01/1980   Diagnosis: essential "
                    + "hypertension (I10). Replace with the real values.");
            neg("dob-no-record", "Name: " + first + " " + last + ", DOB: " + us(d) + ", favourite colour: "
                    + r.pick("green", "blue", "teal") + ", team: " + r.pick("Falcons", "Otters"));
            neg("aggregate-stats", "Cohort summary: 1,284 patients, median date of birth 1961-06-1" + r.between(0, 9)
                    + " (IQR 1952-1970); 38% type 2 diabetes, 12% HIV positive.");
            neg("dob-column-no-person", "visit_id,dob,visit_date,charge\n" + r.digits(6) + "," + ymd(d, "-")
                    + ",2026-0" + r.between(1, 9) + "-11,120.00\n" + r.digits(6) + "," + ymd(date(), "-") + ",2026-0"
                    + r.between(1, 9) + "-12,80.00\n" + r.digits(6) + "," + ymd(date(), "-") + ",2026-10-0"
                    + r.between(1, 9) + ",45.00\n");
            neg("data-dictionary", "column,type,example,notes\npatient_name,text,Jane Roe,legal name\ndob,date,"
                    + "1990-01-01,ISO 8601\ndiagnosis,text,E11.9,ICD-10-CM\n");
            neg("birth-years", "name,born,known_for\nAda Lovelace,1815,analytical engine notes\nAlan Turing,1912,"
                    + "computability\nGrace Hopper,1906,COBOL\n");
        }
        neg("hl7-spec-specimen", "HL7 v2.5 sample message:\nMSH|^~\\&|ADT1|GOOD HEALTH HOSPITAL|GHH LAB|ELAB-3|"
                + "198808181126|SECURITY|ADT^A01|MSG00001|P|2.5\nEVN|A01|200708181123\nPID|1||PATID1234^5^M11^ADT1^MR^"
                + "GOOD HEALTH HOSPITAL~123456789^^^USSSA^SS||EVERYMAN^ADAM^A^III||19610615|M");
        neg("fhir-spec-specimen", "{\"resourceType\": \"Patient\", \"id\": \"example\", \"name\": [{\"use\": "
                + "\"official\", \"family\": \"Chalmers\", \"given\": [\"Peter\", \"James\"]}], \"gender\": \"male\", "
                + "\"birthDate\": \"1974-12-25\"}");
    }

    private String facility() {
        return r.pick("NORTHVALE", "STLUKE", "RIVERBEND", "MERCYWEST", "LAKESIDE");
    }

    /** A birth date: year, month, day. */
    private int[] date() {
        return new int[] {r.between(1938, 2012), r.between(1, 12), r.between(1, 28)};
    }

    private String mmdd() {
        return String.format("%02d%02d", r.between(1, 12), r.between(1, 28));
    }

    private static String ymd(int[] d, String sep) {
        return String.format("%04d%s%02d%s%02d", d[0], sep, d[1], sep, d[2]);
    }

    private static String us(int[] d) {
        return String.format("%02d/%02d/%04d", d[1], d[2], d[0]);
    }

    private void pos(String kind, String rule, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                List.of("family:" + FAMILY, "cat:" + Values.PII, "phi33:" + kind, "container:" + container, "enc:none"),
                ""));
    }

    private void neg(String kind, String text) {
        String container = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(),
                List.of("family:" + FAMILY, "neg:" + FAMILY, "neg:" + kind, "container:" + container, "enc:none"),
                text));
    }
}
