package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The health-record validator: each kind on a record (synthetic names and dates) and on near misses. */
class HealthRecordTest {

    private static boolean check(String kind, String before, String match, String after) {
        return Validators.create("health-record", Map.of("kind", kind))
                .test(match, ValidationContext.around("r", before, after));
    }

    private static boolean hl7(String segment) {
        return check("hl7-pid", "", segment, "|F");
    }

    @Test
    void hl7PidNeedsAnIdentifierAndAName() {
        assertThat(hl7("PID|1||40817362^^^NORTHVALE^MR||OKAFOR^NNEKA^J||19790412")).isTrue();
        assertThat(hl7("PID|1|A77120|||Roe^Dana||19740620")).isTrue();
        assertThat(hl7("PID|||MR7730218^^^STLUKE^MR~551207743^^^SSA^SS||HALVORSEN^TORBJORN||19821105")).isTrue();
        // no identifier, a placeholder identifier, no name, a template, a placeholder name
        assertThat(hl7("PID|1||||OKAFOR^NNEKA||19790412")).isFalse();
        assertThat(hl7("PID|1||00000000^^^H^MR||OKAFOR^NNEKA||19790412")).isFalse();
        assertThat(hl7("PID|1||40817362^^^NORTHVALE^MR||||19790412")).isFalse();
        assertThat(hl7("PID|1||40817362^^^NORTHVALE^MR||OKAFOR||19790412")).isFalse();
        assertThat(hl7("PID|1||40817362||{last}^{first}||19790412")).isFalse();
        assertThat(hl7("PID|1||40817362||\" + last + \"^\" + first + \"||19790412")).isFalse();
        assertThat(hl7("PID|1||40817362||TEST^PATIENT||19790412")).isFalse();
        assertThat(hl7("PID|1||40817362||DOE^JOHN||19790412")).isFalse();
        assertThat(hl7("PID|1||40817362||Frami345^Abe604||19790412")).isFalse();
    }

    private static boolean fhir(String before, String after) {
        return check("fhir-patient", before, "\"birthDate\": \"1979-04-12\"", after);
    }

    @Test
    void fhirPatientNeedsANameAndAPatient() {
        assertThat(fhir("{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"Okafor\", \"given\": [\"Nneka\"]}], ",
                "}")).isTrue();
        assertThat(fhir("{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"Nneka Okafor\"}],", "}")).isTrue();
        assertThat(fhir("{\"name\": [{\"family\": \"Okafor\", \"given\": [\"Nneka\"]}], ", "}")).isTrue();
        assertThat(fhir("{", ", \"resourceType\": \"Person\", \"name\": [{\"family\": \"Okafor\"}]}")).isTrue();
        // the JSON view's lines
        assertThat(check("fhir-patient", "resourceType\nPatient\nname\nfamily\nOkafor\ngiven\nNneka\n",
                "birthDate\n1979-04-12", "\n")).isTrue();
        assertThat(check("fhir-patient", "resourceType\nPatient\nname\nuse\nofficial\ntext\nNneka Okafor\n",
                "birthDate\n1979-04-12", "\n")).isTrue();
        // XML
        assertThat(check("fhir-patient", "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"Okafor\"/>",
                "<birthDate value=\"1979-04-12\"", "/></Patient>")).isTrue();
        // no name, a family name alone without a Patient, a template, generated names, schema.org's names
        assertThat(fhir("{\"resourceType\": \"Patient\", \"gender\": \"female\", ", "}")).isFalse();
        assertThat(fhir("{\"name\": [{\"family\": \"Okafor\"}], ", "}")).isFalse();
        assertThat(fhir("{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"{{family}}\"}], ", "}")).isFalse();
        assertThat(fhir("{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"Frami345\"}], ", "}")).isFalse();
        assertThat(fhir("{\"@type\": \"Person\", \"familyName\": \"Okafor\", \"givenName\": \"Nneka\", ", "}")).isFalse();
        assertThat(fhir("{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"Doe\", \"given\": [\"John\"]}], ",
                "}")).isFalse();
        // the specification's example patient
        assertThat(check("fhir-patient", "{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"Chalmers\", "
                + "\"given\": [\"Peter\", \"James\"]}], ", "\"birthDate\": \"1974-12-25\"", "}")).isFalse();
        assertThat(check("fhir-patient", "{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"Chalmers\", "
                + "\"given\": [\"Peter\", \"James\"]}], ", "\"birthDate\": \"1979-04-12\"", "}")).isTrue();
    }

    private static boolean dob(String before, String after) {
        return check("dob-label", before, "DOB: 04/12/1979", after);
    }

    private static boolean contact(String before, String after) {
        return check("dob-contact", before, "DOB: 1971-03-09", after);
    }

    @Test
    void dobContactNeedsANameAndTwoWaysToReachThePerson() {
        assertThat(contact("Ticket from dana.roe71@mail.invalid\nCustomer: Dana Roe\n",
                "\nHome address: 42 Birch Ave, Dayton, OH 45402")).as("e-mail and address").isTrue();
        assertThat(contact("Applicant: Priya Raman, ", ", 7 Harbour Rd, Leeds, +44 113 496 0012")).as("address, phone")
                .isTrue();
        assertThat(contact("Cardholder: Tomas Berg\n", "\nEmail: t.berg@post.invalid\nMobile: +46 70 123 45 67"))
                .as("e-mail and labelled phone").isTrue();
        assertThat(contact("Customer: Dana Roe\n", "\nEmail: dana.roe71@mail.invalid\nMessage: update my plan"))
                .as("one way only").isFalse();
        assertThat(contact("Customer: John Doe\n", "\nEmail: john@example.com\nPhone: (555) 555-0100"))
                .as("a placeholder name").isFalse();
        assertThat(contact("Support: (937) 555-0100, help@shop.invalid. ", " was our first store's opening day."))
                .as("no person").isFalse();
    }

    @Test
    void dobLabelNeedsANameAndARecordWord() {
        assertThat(dob("Patient: Nneka Okafor   ", "\nAssessment: major depressive disorder")).isTrue();
        assertThat(dob("Pt: OKAFOR, NNEKA  ", "  Specimen 2231907\nHIV-1/2 Ag/Ab: NON-REACTIVE")).isTrue();
        assertThat(dob("Member: Nneka Okafor\nMember ID: ZKP402118873\n", "")).isTrue();
        assertThat(dob("Referral for Nneka Okafor, ", ". Dx: F32.1")).isTrue();
        assertThat(dob("student_name: Nneka Okafor\n", "\ngpa: 3.4, accommodation: extended time")).isTrue();
        // no name, a placeholder name, no record word, a blank form
        assertThat(dob("Patient: ", "\nDiagnosis: hypertension")).isFalse();
        assertThat(dob("Patient: John Doe  ", "\nDiagnosis: hypertension")).isFalse();
        assertThat(dob("Patient: First Last  ", "\nDiagnosis: hypertension")).isFalse();
        assertThat(dob("Name: Nneka Okafor, ", ", favourite colour: green")).isFalse();
        assertThat(dob("the senator (", ") spoke about hospital funding")).isFalse();
    }

    private static boolean column(String before) {
        return check("dob-column", before, "1979-04-12", "\n");
    }

    @Test
    void dobColumnNeedsAPersonColumn() {
        assertThat(column("mrn,patient_name,dob,diagnosis\n40817362,Nneka Okafor,")).isTrue();
        assertThat(column("| Student | DOB | GPA |\n|---|---|---|\n| Dana Roe | 1974-06-20 | 3.1 |\n| Nneka Okafor | "))
                .isTrue();
        assertThat(column("first_name\tlast_name\tdate_of_birth\nNneka\tOkafor\t")).isTrue();
        assertThat(column("id,dob,visit_date\n1,")).isFalse();
        assertThat(column("no header here\n")).isFalse();
    }

    @Test
    void moreWaysToNameThePerson() {
        assertThat(dob("Patient Mei Vantongeren (64F, ", ") positive pregnancy test")).as("role word").isTrue();
        assertThat(dob("Hi Dr. Vexler, forwarding the ED note for Keisha Quell, ", ". She presented with suicidal ideation"))
                .as("name before the label, psych words").isTrue();
        assertThat(dob("SUSPECT: MORVAN, FERNANDA  ", "  SEX F\nNARRATIVE: Subject arrested.")).as("police").isTrue();
        assertThat(dob("Counselor note: Tomasz Quell (grade 10, ", ") referred to the liaison")).as("note:").isTrue();
        // the UTF-8 em dash as the scanner's Latin-1 text holds it
        assertThat(dob("Transcript request \u00e2\u0080\u0094 Wendell Quell, SID 0861821, ", ", send it"))
                .as("a heading and a dash").isTrue();
        assertThat(contact("{\"firstname\": \"Clement\", \"lastname\": \"Varga\", \"email\": \"cv@post.invalid\", ",
                ", \"address\": \"6801 Old Mill Rd\"}")).as("first and last name keys").isTrue();
        assertThat(contact("Darnell called again. cell 480.796.7247 / email dquell at icloud dot com. ", "."))
                .as("a caller, a spelled e-mail").isTrue();
        // a clinician's biography, a role word before a heading's words, a placeholder
        assertThat(dob("Dr. Caoimhe Vexler (", ") is a cardiologist at Riverbend Hospital")).isFalse();
        assertThat(dob("Patient Portal Team, ", " handles lab results")).isFalse();
        assertThat(dob("Patient A, ", ", presented with asthma")).isFalse();
        assertThat(contact("Support called the vendor. ", " reach us at 480.796.7247 or help@shop.invalid")).isFalse();
    }

    private static boolean sensitive(String before, String match, String after) {
        return check("sensitive-contact", before, match, after);
    }

    @Test
    void sensitiveContactNeedsANamedPersonAndAContactDetail() {
        assertThat(sensitive("Mrs. Quellmann of 6839 Maple Ave, Tacoma, WA 98422 ", "tested positive",
                " for hypertension (I10); please notify her at 214.602.7722.")).as("honorific, address").isTrue();
        assertThat(sensitive("Therapy notes, client Tomasz Vexler, tvexler@mailbox.org: disclosed relapse, ",
                "history of", " HIV disease.")).as("client, e-mail").isTrue();
        assertThat(sensitive("Progress note - Anselm Vexler (MRN E837134269) seen today for ", "follow-up of",
                " alcohol dependence.")).as("heading, MRN").isTrue();
        assertThat(sensitive("Hi, quick one: Ingrid Quellmann is going on ", "FMLA",
                " leave. Her personal cell is 480-250-8754 and personal email iquell80@mailbox.org."))
                .as("a plain name with two details").isTrue();
        // one detail with a plain name, no detail, role mailboxes, a pseudonym, a redacted record
        assertThat(sensitive("Ingrid Quellmann is going on ", "FMLA", " leave; her cell is 480-250-8754.")).isFalse();
        assertThat(sensitive("Mrs. Quellmann ", "tested positive", " for hypertension.")).isFalse();
        assertThat(sensitive("Mrs. Quellmann ", "tested positive", "; write to support@clinic.org or hr-intake@corp.org"))
                .isFalse();
        assertThat(sensitive("Patient A, 54-year-old female, ", "tested positive", " for HIV, 214.602.7722")).isFalse();
        assertThat(sensitive("Customer [REDACTED_NAME] ", "tested positive", "; [REDACTED_EMAIL], [REDACTED_PHONE]"))
                .isFalse();
    }

    @Test
    void homeContactNeedsTheAddressAndOneMoreDetail() {
        assertThat(check("home-contact", "Ticket from Rosalind Vexler <rvexler@mailbox.org>: '", "I live at 4302 ",
                "Quarry St, Eugene, OR 97435'")).isTrue();
        assertThat(check("home-contact", "Ticket from Rosalind Vexler: '", "I live at 4302 ", "Quarry St'")).isFalse();
        assertThat(check("home-contact", "Elizabeth Bennet ", "lives at 4 ", "Longbourn Lane")).isFalse();
    }

    private static boolean recordRow(String before, String after) {
        return check("dob-column-record", before, "1977-12-22", after);
    }

    @Test
    void dobColumnRecordNeedsARecordColumnAndANameInTheRow() {
        assertThat(recordRow("patient_mrn,patient_name,dob,icd10\n35326549,Emeka Vantongeren,", ",O09.523\n")).isTrue();
        assertThat(recordRow("subscriber_id|patient|dob|dx\nW790109774|Bjorn Quell|", "|I10\n")).isTrue();
        assertThat(recordRow("student_id,last,first,dob,gpa\n2780048,Vantongeren,Mei,", ",2.1\n")).isTrue();
        assertThat(recordRow("name,dob,city\nEmeka Vantongeren,", ",Dayton\n")).as("no record column").isFalse();
        assertThat(recordRow("patient_mrn,patient_name,dob,icd10\n<mrn>,<name>,", ",<icd10>\n")).isFalse();
        assertThat(recordRow("patient_mrn,patient_name,dob,icd10\n1,John Doe,", ",E11.9\n")).isFalse();
        assertThat(recordRow("subject_id,age_band,dob,dx\n1281249d604d,50-59,", ",F10.20\n")).isFalse();
    }

    @Test
    void x12DmgNeedsAPersonsNm1() {
        assertThat(check("x12-dmg", "NM1*IL*1*QUELLMANN*DARNELL****MI*797-00-7838-01~\n", "DMG*D8*19880403", "*F~"))
                .isTrue();
        assertThat(check("x12-dmg", "NM1*IL*2*ACME HEALTH PLAN*****PI*12345~\n", "DMG*D8*19880403", "*F~")).isFalse();
        assertThat(check("x12-dmg", "NM1*IL*1*DOE*JOHN****MI*1~\n", "DMG*D8*19880403", "*F~")).isFalse();
        assertThat(check("x12-dmg", "", "DMG*D8*19880403", "*F~")).isFalse();
    }

    @Test
    void badKind() {
        assertThatThrownBy(() -> Validators.create("health-record", Map.of("kind", "hl7")))
                .hasMessageContaining("health-record.kind: 'hl7'");
        assertThatThrownBy(() -> Validators.create("health-record", Map.of()))
                .hasMessageContaining("health-record.kind: missing");
    }
}
