package dev.sieve.dlp.validate;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code health-record {kind}}: a date of birth that belongs to a named person's health, coverage, school or identity
 * record.
 * A birth date alone is not a finding (public figures' birthdays, schema fields, form templates); each kind asks for
 * the other parts of a record around it:
 * <ul>
 *   <li>{@code hl7-pid}: the match is an HL7 v2 {@code PID} segment from its name to PID-7 (date of birth). PID-2, -3
 *       or -4 holds an identifier (a first component of 4+ characters with 3+ digits, not one digit repeated), and PID-5's
 *       first name is a family and a given name made of letters (not a template, not a placeholder such as
 *       {@code TEST^PATIENT}).</li>
 *   <li>{@code fhir-patient}: the match is a FHIR {@code birthDate} (JSON {@code "birthDate": "..."} or XML
 *       {@code <birthDate value="..."}). Within the reach around it stands a human name ({@code "family"},
 *       {@code "given"} or a name's {@code "text"}, JSON or XML) made of letters, and either a {@code Patient},
 *       {@code Person} or {@code RelatedPerson} resource type or both a family and a given name. The FHIR
 *       specification's own example patients (Peter Chalmers 1974-12-25, US Core's Amy Shaw 1987-02-20) and names with digits (Synthea's
 *       generated names) are not.</li>
 *   <li>{@code dob-label}: the match is a date after its label ({@code DOB}, {@code Date of Birth}). A person's name
 *       stands next to it (after a label such as {@code Patient:}, {@code Name:}, {@code Member:}, {@code Student:},
 *       or right before {@code , DOB} / {@code (DOB}), not a placeholder ({@code John Doe}, {@code First Last}), and a
 *       health, coverage or education-record word (diagnosis, result, medication, member ID, group number, GPA,
 *       accommodation, ...) or an ICD-10 code stands within the reach.</li>
 *   <li>{@code dob-contact}: the match is a date after its label, with a person's name next to it as for
 *       {@code dob-label}, and within the reach at least two of a street address (a number, a street name and its
 *       kind: {@code 358 Elm St}), a phone number (labelled, or written {@code (883) 803-8001} / {@code +44 20 ...}) and
 *       an e-mail address: one person's identity record (a support ticket, a CRM card, a KYC form), what identity theft
 *       needs.</li>
 *   <li>{@code dob-column}: the match is a date in a table column headed as a date of birth (the rule's
 *       {@code context.columns}); the header row above it also names a person ({@code name}, {@code patient},
 *       {@code first_name}, {@code student}, ...).</li>
 *   <li>{@code dob-column-record}: as {@code dob-column}, in one row of a record extract: the header also names a
 *       diagnosis, school or claim column and the row holds a person's name under the name column.</li>
 *   <li>{@code sensitive-contact}: the match is a sensitive fact (a diagnosis, a leave, an arrest, a salary); a person
 *       is named nearby and one contact or record detail stands within the reach (two for a name without a label).</li>
 *   <li>{@code home-contact}: the match is a home phrase and a house number; a person is named nearby and one more
 *       detail besides the address stands within the reach.</li>
 *   <li>{@code x12-dmg}: the match is an X12 {@code DMG*D8} birth date; the NM1 segment before it names a person.</li>
 * </ul>
 * The validator never reports what it read.
 */
final class HealthRecord implements Validator {

    /** What the rule's match is. */
    enum Kind {
        HL7_PID("hl7-pid"), FHIR_PATIENT("fhir-patient"), DOB_LABEL("dob-label"), DOB_COLUMN("dob-column"),
        DOB_CONTACT("dob-contact"), DOB_COLUMN_RECORD("dob-column-record"), SENSITIVE_CONTACT("sensitive-contact"),
        HOME_CONTACT("home-contact"), X12_DMG("x12-dmg");

        private final String yamlName;

        Kind(String yamlName) {
            this.yamlName = yamlName;
        }

        String yamlName() {
            return yamlName;
        }

        static Kind of(String name) {
            for (Kind k : values()) {
                if (k.yamlName.equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    private static final int REACH = 1024;

    /** PID-7: YYYYMMDD (a time may follow). */
    private static final Pattern BIRTH_DATE = Pattern.compile(
            "(?:18[89][0-9]|19[0-9]{2}|20[0-9]{2})(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?:[0-9]{2,8}(?:\\.[0-9]{1,4})?)?(?:[-+][0-9]{4})?(?:\\^[A-Z]{0,2})?$");

    /**
     * Words that are a template's name, not a person's (lower case). The HL7 standard's example patients (EVERYMAN,
     * EVERYWOMAN) are not here: the rule lists them as published examples, logged as such.
     */
    private static final Set<String> PLACEHOLDER_NAMES = Set.of("test", "tester", "testing", "patient", "sample",
            "example", "name", "names", "first", "last", "firstname", "lastname", "surname", "family", "given", "middle",
            "string", "null", "none", "unknown", "anonymous", "redacted", "xxx", "xxxx", "doe",
            "demo", "dummy", "fake", "placeholder", "full", "fullname", "patientname", "member", "student",
            "user", "person", "lorem", "ipsum", "foo", "bar", "baz", "todo", "tbd", "n/a", "na",
            "fname", "lname", "your", "insert", "value", "type", "text", "true", "false", "date", "dob", "birth",
            "name_here", "jdoe", "smith_john", "client", "subscriber", "insured", "resident", "male", "female", "other",
            "qa", "mock", "synthetic", "deidentified", "de-identified", "masked", "hidden", "withheld");

    /** FHIR specification example patients: family name and birth date. */
    private static final Set<String> FHIR_SPECIMENS = Set.of("chalmers|1974-12-25", "shaw|1987-02-20");

    private static final String NAME_WORD = "[A-Za-z\u00c0-\u00ff][A-Za-z\u00c0-\u00ff'.\\-]{0,39}";
    private static final Pattern NAME_VALUE = Pattern.compile(NAME_WORD + "(?:[ ]{1,2}" + NAME_WORD + "){0,4}");

    // Each FHIR pattern reads JSON as written ("family": "Roe") and as the JSON view's lines (family, a line break,
    // Roe), and XML (<family value="Roe"/>).
    private static final String JSON_SEP = "\"?[ \\t]{0,8}(?::[ \\t\\r\\n]{0,8}\\[?[ \\t\\r\\n]{0,8}\"|\\r?\\n)";
    private static final Pattern RESOURCE_TYPE = Pattern.compile("\"?resourceType" + JSON_SEP
            + "(?:Patient|Person|RelatedPerson)\\b|<(?:Patient|Person|RelatedPerson)[\\s>]");
    private static final Pattern FHIR_FAMILY = Pattern.compile(
            "\"?\\bfamily" + JSON_SEP + "([^\"\\\\\\r\\n]{1,80})|<family\\s{1,8}value=\"([^\"]{1,80})\"");
    private static final Pattern FHIR_GIVEN = Pattern.compile(
            "\"?\\bgiven" + JSON_SEP + "([^\"\\\\\\r\\n]{1,80})|<given\\s{1,8}value=\"([^\"]{1,80})\"");
    /** A HumanName's text: {@code "name": [{"use": "official", "text": "Dana Roe"}]} or the view's lines. */
    private static final Pattern FHIR_NAME_TEXT = Pattern.compile(
            "\"name\"\\s{0,8}:\\s{0,8}\\[\\s{0,8}\\{[^\\]\\[{}]{0,200}?\"text\"\\s{0,8}:\\s{0,8}\"([^\"\\\\]{1,80})\""
                    + "|(?:^|\\n)name\\r?\\n(?:[A-Za-z]{1,12}\\r?\\n[^\\r\\n]{0,40}\\r?\\n){0,3}?text\\r?\\n([^\\r\\n]{1,80})");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern US_DATE = Pattern.compile("[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n");
    private static final Pattern BLANKS = Pattern.compile("[ ]+");
    private static final Pattern TRAILING_MARKS = Pattern.compile("[.'\\-]+$");

    /** A label that introduces a person's name, then the name (group 1). */
    private static final Pattern NAME_LABEL = Pattern.compile(
            "(?i:\\b(?:patient(?:[ _]name)?|pt|name|full[ _]?name|member(?:[ _]name)?|subscriber(?:[ _]name)?|insured"
                    + "(?:[ _]name)?|beneficiary|enrollee|student(?:[ _]name)?|client(?:[ _]name)?|resident|re"
                    + "|customer(?:[ _]name)?|contact(?:[ _]name)?|applicant|account[ _]holder|card[ _]?holder"
                    + "|employee(?:[ _]name)?|passenger|tenant|guest|legal[ _]?name|preferred[ _]?name|suspect|defendant"
                    + "|arrestee|offender|petitioner|respondent|minor|juvenile|kunde|kundin|cliente|paciente|patientin"
                    + "|recipient|renter|driver|claimant|notes?)"
                    + "[\"']?(?:[ \\t]{0,3}[:=][ \\t]{0,3}[\"']?|\\r?\\n))"
                    + "([A-Z][A-Za-z\u00c0-\u00ff'\\-]{0,39}(?:,?[ ]{1,2}[A-Z][A-Za-z\u00c0-\u00ff'.\\-]{0,39}){1,3})");
    /** A name right before the match's label: {@code Dana Roe, DOB} or {@code Dana Roe (DOB}. */
    private static final Pattern NAME_BEFORE_LABEL = Pattern.compile(
            "\\b([A-Z][a-z\u00c0-\u00ff'\\-]{1,39}(?: [A-Z][a-z\u00c0-\u00ff'.\\-]{0,39}){1,3})(?:,|\\s\\(|\\s[-\u2013|]|;)?\\s{0,3}$");

    /** A name's word of two or more letters, capitalised (Title case: {@code Grzelak}, {@code O'Neil}). */
    private static final String TITLE_WORD = "[A-Z][a-z\u00e0-\u00ff'\\-]{1,39}";
    private static final String TITLE_NAME = TITLE_WORD + "(?:[ ]{1,2}" + TITLE_WORD + "){1,2}";
    /**
     * A role word, then the person's name with only a blank or a comma between: {@code Patient Mei Strand (},
     * {@code the customer, Marcus Grzelak,}, {@code Kundin Aaliyah Castellanos}, {@code petitioner Anouk Gallagher}.
     * The name is two or three Title-case words (words such as Service, Portal, Team are not names: see NOT_NAME).
     */
    private static final Pattern ROLE_NAME = Pattern.compile(
            "(?i:\\b(?:patient|client|customer|kunde|kundin|cliente|paciente|member|student|employee|applicant|tenant"
                    + "|renter|petitioner|respondent|minor|suspect|defendant|subscriber|insured|recipient|claimant)),?[ ]{1,2}"
                    + "(" + TITLE_NAME + ")\\b");
    /** {@code Mrs. Ferreira}, {@code Mr Tomas Berg}: an honorific makes one surname a person. */
    private static final Pattern HONORIFIC_NAME = Pattern.compile(
            "\\b(?:Mr|Mrs|Ms|Mx|Miss|Herr|Frau)\\.?[ ]{1,2}(" + TITLE_WORD + "(?:[ ]{1,2}" + TITLE_WORD + "){0,2})\\b");
    /**
     * An em or en dash as the scanner's text holds it: one char per byte, so UTF-8's three bytes (a Java string of
     * the decoded dash, as in tests, is matched too).
     */
    private static final String UTF8_DASH = "\u00e2\u0080[\u0093\u0094]";
    /** A record's heading, then the name: {@code Progress note — Anselm Lindqvist}, {@code Performance review 2024 — X}. */
    private static final Pattern HEADING_NAME = Pattern.compile(
            "(?i:\\b(?:note|notes|review|request|report|summary|referral|letter|record|file))[ 0-9]{0,6}[ ]?(?:[\u2014\u2013-]|" + UTF8_DASH + ")"
                    + "[ ]{1,2}(" + TITLE_NAME + ")\\b");
    /** An e-mail's sender: {@code From: Bjorn Strand <...>}, {@code ticket from Nadia Mbeki <...>}. */
    private static final Pattern FROM_NAME = Pattern.compile(
            "(?i:\\bfrom):?[ ]{1,2}(" + TITLE_NAME + ")[ ]{0,2}<");
    /** A caller's given name in a call note: {@code Darnell called again}. */
    private static final Pattern CALLED_NAME = Pattern.compile(
            "\\b([A-Z][a-z]{2,20}(?: [A-Z][a-z]{2,20})?) (?:called|phoned|rang|emailed|texted)\\b");
    /** A CRM's or HRIS's separate name fields: {@code "firstname": "Clement", "lastname": "Roe"} (or the view's lines). */
    private static final String KEY_SEP = "[\"']?(?:[ \\t]{0,3}[:=][ \\t]{0,3}[\"']?|\\r?\\n)";
    private static final Pattern FIRST_NAME_KEY = Pattern.compile(
            "(?i:\\b(?:first[ _]?name|given[ _]?name|fname))" + KEY_SEP + "(" + TITLE_WORD + ")\\b");
    private static final Pattern LAST_NAME_KEY = Pattern.compile(
            "(?i:\\b(?:last[ _]?name|family[ _]?name|surname|lname))" + KEY_SEP + "(" + TITLE_WORD + ")\\b");
    /** Two Title-case words anywhere: a name only with more parts of a record around it (see personWithParts). */
    private static final Pattern PLAIN_NAME = Pattern.compile("\\b(" + TITLE_NAME + ")\\b");
    /** Title-case words that follow a role word or start a sentence but are not names (lower case). */
    private static final Set<String> NOT_NAME = Set.of("service", "services", "support", "care", "portal", "success",
            "team", "experience", "relations", "account", "accounts", "record", "records", "information", "data",
            "satisfaction", "number", "list", "group", "health", "safety", "center", "centre", "advocate", "coordinator",
            "education", "engagement", "feedback", "journey", "management", "intake", "file", "files", "reference",
            "handbook", "policy", "privacy", "rights", "notice", "form", "forms", "survey", "review", "onboarding",
            "details", "profile", "please", "hi", "hello", "dear", "thanks", "the", "this", "our", "your", "all",
            "help", "desk", "helpdesk", "office", "department", "dept", "unit", "ward", "clinic", "hospital", "room",
            "email", "phone", "address", "status", "summary", "note", "notes", "report", "id", "ids", "portfolio",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "june", "july", "august", "september", "october", "november", "december", "new",
            "street", "avenue", "road", "lane", "drive", "court", "way", "plan", "program", "programme");

    /** A date of birth after its label, as one part of a record. */
    private static final Pattern DOB_PART = Pattern.compile(
            "(?i:\\b(?:dob|d\\.o\\.b\\.?|date of birth|born(?: on)?|birthday is|geb\\.?-?datum|geboren am|geburtsdatum"
                    + "|fecha de nacimiento)[ :.-]{0,3}[0-9A-Za-z]{1,9}[ ./-]{1,2}[0-9A-Za-z]{1,9},?[ ./-]{1,2}(?:19|20)[0-9]{2})");
    /** An identifier under its record label: {@code MRN E837134269}, {@code chart no. 327-35-750}, {@code SID 0861821}. */
    private static final Pattern ID_PART = Pattern.compile(
            "(?i:\\b(?:mrn|chart[ ]?(?:no|num|number|#)|medical record (?:no|number|#)|fallnummer|patient[ _]?id|member[ _]?id"
                    + "|sid|student[ _]?id|case[ ]?(?:no|number|#)|emp(?:loyee)?[ _]?(?:id|no|#)?))\\.?[ \\t]{0,2}[:#]?[ \\t]{0,2}"
                    + "[A-Z]{0,3}-?[0-9][0-9-]{4,14}");
    /** An e-mail address spelled out: {@code dadeyemi at icloud dot com}. */
    private static final Pattern SPOKEN_EMAIL = Pattern.compile(
            "(?i:\\b[a-z0-9._-]{2,40} (?:at|\\[at\\]|\\(at\\)) [a-z0-9-]{2,30} (?:dot|\\[dot\\]|\\(dot\\)) [a-z]{2,6}\\b)");
    /** A business function's mailbox (support@, hr-intake@): not a person's contact. */
    private static final Pattern ROLE_MAILBOX = Pattern.compile(
            "(?i:(?:hr|support|info|sales|help|helpdesk|billing|admin|contact|office|noreply|no-reply|orders|accounts?|team"
                    + "|press|media|careers|jobs|service|kontakt|ventas|reception|privacy)(?:[._+-][^@]{0,40})?)@.*");
    /** Reserved documentation domains. */
    private static final Pattern RESERVED_DOMAIN = Pattern.compile(
            "(?i:.*@(?:[a-z0-9-]+\\.)*(?:example\\.[a-z]{2,6}|[a-z0-9-]+\\.(?:test|example|invalid|localhost)))");

    /** Header cells of a table column that makes a DOB table a record extract: a diagnosis, a school or claim field. */
    private static final Pattern RECORD_COLUMN = Pattern.compile(
            "(?i:.*(?:icd|\\bdx\\b|diagnos|condition|gpa|grade|disciplin|mrn|student_id|subscriber_id|member_id|\\bcpt\\b"
                    + "|claim|medication|allerg|\\bsid\\b).*)");
    /** Header cells of a column that holds a person's whole name. */
    private static final Set<String> FULL_NAME_COLUMNS = Set.of("name", "patient", "patient_name", "patient name",
            "full_name", "full name", "fullname", "student", "student_name", "student name", "member", "member_name",
            "employee", "employee_name", "client", "client_name", "subscriber", "subscriber_name", "insured",
            "insured_name");
    private static final Set<String> FIRST_NAME_COLUMNS = Set.of("first", "first_name", "first name", "firstname",
            "given", "given_name", "fname");
    private static final Set<String> LAST_NAME_COLUMNS = Set.of("last", "last_name", "last name", "lastname",
            "surname", "family", "family_name", "lname");

    /** An X12 837 subscriber or patient name segment: entity IL or QC, type 1 (a person), last and first name. */
    private static final Pattern X12_NM1 = Pattern.compile(
            "NM1\\*(?:IL|QC)\\*1\\*([A-Za-z'\\- ]{2,40})\\*([A-Za-z'\\- ]{2,40})[*~\\r\\n]");

    /** A clinician's or academic's title right before a name: the name is a professional's, not a record's subject. */
    private static final Pattern PROVIDER_TITLE = Pattern.compile("(?i:\\b(?:dr|doctor|prof|professor)\\.?[ ]{1,2})$");

    /** A health, coverage or education-record word, or an ICD-10 code. */
    private static final Pattern RECORD_TERM = Pattern.compile(
            "(?i:\\b(?:diagnos|dx\\b|assessment|impression\\b|icd|chief complaint|cc:|hpi\\b|history of|hx\\b|medication"
                    + "|rx\\b|prescri|allerg|labs?\\b|laboratory|specimen|results?\\b|positive\\b|negative\\b|detected\\b"
                    + "|not detected|reactive\\b|non-reactive|mrn\\b|admi(?:t|ssion)|discharg|symptom|treat|follow-up"
                    + "|referr|vaccin|immuniz|blood|a1c\\b|glucose|hiv\\b|hepatitis|pregnan|cancer|carcinoma|tumou?r"
                    + "|diabet|depress|anxiety|bipolar|schizo|ptsd\\b|opioid|substance use|psychiatr|therapy|surgery"
                    + "|procedure|patient|clinic|hospital|physician|insurance|member id|member #|subscriber|group (?:no|num|#)"
                    + "|rxbin|rxpcn|rxgrp|policy (?:no|num|#)|payer|copay|medicaid|medicare|student id|gpa\\b|iep\\b"
                    + "|504 plan|accommodation|disabilit|transcript|vitals|bp:|heart rate|pulse|dosage|\\d{1,4} ?mg\\b"
                    // mental-health, treatment and German clinical words; a school record's grade and counsellor
                    + "|suicid|psych|ideation|consult\\b|chemo|relapse|medikation|grade [0-9]{1,2}\\b|counsel"
                    // a court or police record: what the person is charged with or what the court decided
                    + "|arrest|adjudicat|delinquen|probation|parole|protective order|restraining order|convict"
                    + "|incident report|charged with))"
                    + "|\\b[A-TV-Z][0-9]{2}\\.[0-9A-Z]{1,4}\\b");

    /** A street address: a house number, a street name and its kind ({@code 358 Elm St}, {@code 12 Rue de la Paix}). */
    private static final Pattern STREET_ADDRESS = Pattern.compile(
            "\\b[0-9]{1,6}[A-Za-z]?,?[ ]{1,2}(?:(?:[NSEW]\\.?|[0-9]{1,3}(?:st|nd|rd|th)|[A-Z][A-Za-z.'\\-]{1,30})[ ]{1,2}){1,4}"
                    + "(?i:st|street|ave|avenue|rd|road|blvd"
                    + "|boulevard|dr|drive|ln|lane|way|ct|court|pl|place|ter|terrace|cir|circle|pkwy|parkway|hwy"
                    + "|highway|sq|square)\\b|(?i:\\b(?:home|mailing|street|postal|residential)?[ _]?address[\"']?[ \\t]{0,3}[:=]"
                    + "[ \\t]{0,3}[\"']?[0-9]{1,6}[A-Za-z]?[ ,]{1,3}[A-Za-z])");
    /** A phone number: labelled, or in a national or international written form. */
    private static final Pattern PHONE = Pattern.compile(
            "(?i:\\b(?:phone|tel|telephone|tel(?:\u00e9|\u00c3\u00a9)fono|telefono|telefon|mobile|cell|ph|handy)[\"']?(?:[ \\t]{0,3}[:=#.]?[ \\t]{0,3}[\"']?|\\r?\\n)\\+?[(]?[0-9]"
                    + "[0-9 ().-]{6,18}[0-9])"
                    + "|\\([0-9]{3}\\)[ ]?[0-9]{3}[-. ][0-9]{4}\\b|\\+[1-9][0-9]{0,2}[ .-][0-9][0-9 .-]{6,14}[0-9]\\b"
                    // a North American number written with dots or dashes (617.838.3368, 480-250-8754)
                    + "|\\b[2-9][0-9]{2}([.-])[2-9][0-9]{2}\\1[0-9]{4}\\b");
    private static final Pattern EMAIL = Pattern.compile(
            "\\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,12}\\b");

    private static final Pattern PERSON_HEADER = Pattern.compile(
            "(?i:\\b(?:name|names|patient|patient[ _]?name|first[ _]?name|last[ _]?name|surname|given[ _]?name|family[ _]?name"
                    + "|full[ _]?name|student|student[ _]?name|member|member[ _]?name|employee|employee[ _]?name|client"
                    + "|subscriber|insured|beneficiary|resident|guest|traveler|traveller|applicant)\\b)");
    private static final Pattern DOB_HEADER = Pattern.compile(
            "(?i:\\b(?:dob|d\\.o\\.b\\.?|date[ _]?of[ _]?birth|birth[ _]?date|dateofbirth|birthdate|birth[ _]?day|born)\\b)");

    private final Kind kind;

    HealthRecord(Kind kind) {
        this.kind = kind;
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        try {
            return switch (kind) {
                case HL7_PID -> hl7(match.toString());
                case FHIR_PATIENT -> fhir(match.toString(), ctx);
                case DOB_LABEL -> dobLabel(ctx);
                case DOB_COLUMN -> dobColumn(ctx);
                case DOB_CONTACT -> dobContact(ctx);
                case DOB_COLUMN_RECORD -> dobColumnRecord(ctx);
                case SENSITIVE_CONTACT -> personWithParts(match, ctx, 1);
                case HOME_CONTACT -> personWithParts(match, ctx, 2);
                case X12_DMG -> x12Dmg(ctx);
            };
        } catch (RuntimeException e) {
            return false; // never throw, never say what was read
        }
    }

    @Override
    public int reach() {
        return REACH;
    }

    // ---------------------------------------------------------------- HL7 v2

    private static boolean hl7(String segment) {
        String[] f = segment.split("\\|", -1);
        if (f.length < 8 || !f[0].endsWith("PID")) {
            return false;
        }
        if (!BIRTH_DATE.matcher(f[7]).lookingAt()) {
            return false;
        }
        boolean id = identifier(f[2]) || identifier(f[3]) || identifier(f[4]);
        if (!id) {
            return false;
        }
        String[] name = f[5].split("~", -1)[0].split("\\^", -1);
        return name.length >= 2 && personName(name[0]) && personName(name[1])
                && !(isWord(name[0], "doe") && (isWord(name[1], "john") || isWord(name[1], "jane")));
    }

    /** An HL7 CX list holding a real-looking identifier. */
    private static boolean identifier(String field) {
        for (String rep : field.split("~", -1)) {
            String v = rep.split("\\^", -1)[0].trim();
            if (v.length() < 4 || v.length() > 32) {
                continue;
            }
            int digits = 0;
            boolean clean = true;
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                } else if (!Character.isLetter(c) && c != '-' && c != '.') {
                    clean = false;
                }
            }
            if (clean && digits >= 3 && !placeholderDigits(v)) {
                return true;
            }
        }
        return false;
    }

    /** One digit repeated (0000, 99999999): a field's filler. */
    private static boolean placeholderDigits(String v) {
        return v.chars().filter(c -> c >= '0' && c <= '9').distinct().count() == 1;
    }

    // ---------------------------------------------------------------- FHIR

    private static boolean fhir(String match, ValidationContext ctx) {
        Matcher dm = ISO_DATE.matcher(match);
        String date = dm.find() ? dm.group() : "";
        String around = ctx.before(REACH) + "\u0000" + ctx.after(REACH);
        String family = firstValue(FHIR_FAMILY.matcher(around));
        String given = firstValue(FHIR_GIVEN.matcher(around));
        if ((family != null && !personName(family)) || (given != null && !personName(given))) {
            return false; // a template, a placeholder, a generated name
        }
        String text = null;
        Matcher tm = FHIR_NAME_TEXT.matcher(around);
        while (tm.find()) {
            String t = (tm.group(1) != null ? tm.group(1) : tm.group(2)).trim();
            if (t.indexOf(' ') > 0 && personName(t)) {
                text = t;
                break;
            }
        }
        if (family == null && given == null && text == null) {
            return false;
        }
        String surname = family != null ? family : text != null ? text.substring(text.lastIndexOf(' ') + 1) : given;
        if (FHIR_SPECIMENS.contains(surname.toLowerCase(Locale.ROOT) + "|" + date)
                || isWord(surname, "doe")) {
            return false;
        }
        boolean resource = RESOURCE_TYPE.matcher(around).find();
        return resource || (family != null && given != null);
    }

    /** The first value of a name matcher (group 1 or 2), or null. */
    private static String firstValue(Matcher m) {
        if (!m.find()) {
            return null;
        }
        String v = m.group(1) != null ? m.group(1) : m.group(2);
        return v == null ? null : v.trim();
    }

    // ---------------------------------------------------------------- prose and tables

    private static boolean dobLabel(ValidationContext ctx) {
        String near = namedRecord(ctx, 600);
        return near != null && RECORD_TERM.matcher(near).find();
    }

    private static boolean dobContact(ValidationContext ctx) {
        String near = namedRecord(ctx, 400);
        if (near == null) {
            return false;
        }
        int parts = (STREET_ADDRESS.matcher(near).find() ? 1 : 0) + (PHONE.matcher(near).find() ? 1 : 0)
                + (EMAIL.matcher(near).find() || SPOKEN_EMAIL.matcher(near).find() ? 1 : 0);
        return parts >= 2;
    }

    /** The text {@code n} characters either side of the match when a person is named next to it, else null. */
    private static String namedRecord(ValidationContext ctx, int n) {
        String before = ctx.before(REACH).toString();
        String after = ctx.after(REACH).toString();
        if (!namedNear(before, after)) {
            return null;
        }
        return tail(before, n) + "\u0000" + after.substring(0, Math.min(after.length(), n));
    }

    /** A labelled name up to 300 characters before the match (or 200 after), or a name right before its label. */
    private static boolean namedNear(String before, String after) {
        String b = tail(before, 300);
        Matcher m = NAME_LABEL.matcher(b);
        while (m.find()) {
            if (personName(m.group(1))) {
                return true;
            }
        }
        Matcher a = NAME_LABEL.matcher(after.substring(0, Math.min(after.length(), 200)));
        while (a.find()) {
            if (personName(a.group(1))) {
                return true;
            }
        }
        // "Dana Roe, DOB 1974-06-20": the label is the start of the match; the name ends right before it
        String line = b.substring(b.lastIndexOf('\n') + 1);
        Matcher n = NAME_BEFORE_LABEL.matcher(line);
        // "Dr. Caoimhe Okafor (born July 18, 1941) is a cardiologist at ...": a clinician's biography, not a record
        if (n.find() && personName(n.group(1)) && !PROVIDER_TITLE.matcher(line.substring(0, n.start(1))).find()) {
            return true;
        }
        return namedOtherwise(b) || namedOtherwise(after.substring(0, Math.min(after.length(), 200)));
    }

    /**
     * The ways a person is named in prose, mail and CRM records besides a {@code Name:} label: after a role word
     * ({@code customer, Marcus Grzelak}), an honorific ({@code Mrs. Ferreira}), a record's heading
     * ({@code Progress note — X}), as a mail's sender ({@code From: X <}), as a caller ({@code Darnell called}), or
     * as a first and a last name field of one record.
     */
    private static boolean namedOtherwise(String text) {
        if (anyName(ROLE_NAME, text) || anyName(HONORIFIC_NAME, text) || anyName(HEADING_NAME, text)
                || anyName(FROM_NAME, text) || anyName(CALLED_NAME, text)) {
            return true;
        }
        return anyName(FIRST_NAME_KEY, text) && anyName(LAST_NAME_KEY, text);
    }

    /** Some match of {@code p} whose group 1 is a person's name, not a placeholder nor a heading's words. */
    private static boolean anyName(Pattern p, String text) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            String v = m.group(1);
            if (personName(v) && !notName(v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean notName(String v) {
        for (String w : BLANKS.split(v.trim())) {
            if (NOT_NAME.contains(w.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- a named person's sensitive record

    /**
     * {@code sensitive-contact} and {@code home-contact}: the match is a sensitive fact (a diagnosis, a leave, an arrest,
     * a salary) or a home address phrase; a person is named within 300 bytes before it (or 200 after) and at least
     * {@code minParts} of a street address, a phone number, a person's e-mail address, a date of birth and an
     * identifier under its record label stand within 400 bytes. A name without a label (two Title-case words) needs
     * one part more: "Ingrid Adeyemi is going on FMLA leave ... personal cell ... personal email".
     */
    private static boolean personWithParts(CharSequence match, ValidationContext ctx, int minParts) {
        String before = ctx.before(REACH).toString();
        String after = ctx.after(REACH).toString();
        // the match is read too: a home phrase's match holds the house number of the address after it
        String near = tail(before, 400) + match + after.substring(0, Math.min(after.length(), 400));
        int parts = parts(near);
        if (parts < minParts) {
            return false;
        }
        if (namedNear(before, after)) {
            return true;
        }
        // the street's own words (4243 Old Mill Rd) are not a person's name
        return parts > minParts && anyName(PLAIN_NAME, STREET_ADDRESS.matcher(tail(before, 200)).replaceAll(" "));
    }

    /** How many kinds of a person's contact or record details stand in {@code near}. */
    private static int parts(String near) {
        return (STREET_ADDRESS.matcher(near).find() ? 1 : 0) + (PHONE.matcher(near).find() ? 1 : 0)
                + (personalEmail(near) ? 1 : 0) + (DOB_PART.matcher(near).find() ? 1 : 0)
                + (ID_PART.matcher(near).find() ? 1 : 0);
    }

    /** An e-mail address that is not a business function's mailbox nor at a documentation domain. */
    private static boolean personalEmail(String near) {
        Matcher m = EMAIL.matcher(near);
        while (m.find()) {
            String a = m.group();
            if (!ROLE_MAILBOX.matcher(a).matches() && !RESERVED_DOMAIN.matcher(a).matches()) {
                return true;
            }
        }
        return SPOKEN_EMAIL.matcher(near).find();
    }

    // ---------------------------------------------------------------- X12 837

    /** {@code x12-dmg}: the match is a DMG birth date; the nearest NM1 segment before it names a person. */
    private static boolean x12Dmg(ValidationContext ctx) {
        String before = tail(ctx.before(REACH).toString(), 300);
        int at = before.lastIndexOf("NM1*");
        if (at < 0) {
            return false;
        }
        Matcher m = X12_NM1.matcher(before.substring(at));
        return m.lookingAt() && personName(m.group(1).trim()) && personName(m.group(2).trim())
                && !isWord(m.group(1), "doe");
    }

    private static boolean dobColumn(ValidationContext ctx) {
        String[] lines = LINE_BREAK.split(ctx.before(REACH), -1);
        // the header row: the nearest line above that names a date-of-birth column
        for (int i = lines.length - 2; i >= 0; i--) {
            String line = lines[i];
            if (DOB_HEADER.matcher(line).find() && !ISO_DATE.matcher(line).find()
                    && !US_DATE.matcher(line).find()) {
                return PERSON_HEADER.matcher(line).find();
            }
        }
        return false;
    }

    /**
     * {@code dob-column-record}: a DOB column's date in a row of a record extract: the header row names a person's name
     * column and a diagnosis, school or claim column (icd10, dx, gpa, discipline, subscriber_id...), and the row holds
     * a person's name under the name column (or a first and a last name under theirs). One row is a finding here
     * (dob-table wants three dates of any people table); a format's documentation writes placeholders in its row.
     */
    private static boolean dobColumnRecord(ValidationContext ctx) {
        String before = ctx.before(REACH).toString();
        String[] lines = LINE_BREAK.split(before, -1);
        String after = ctx.after(REACH).toString();
        int eol = after.indexOf('\n');
        String row = lines[lines.length - 1] + "\u0000" + (eol < 0 ? after : after.substring(0, eol));
        for (int i = lines.length - 2; i >= 0; i--) {
            String header = lines[i];
            if (DOB_HEADER.matcher(header).find() && !ISO_DATE.matcher(header).find()
                    && !US_DATE.matcher(header).find()) {
                return recordRow(header, row.replace("\r", ""));
            }
        }
        return false;
    }

    private static boolean recordRow(String header, String row) {
        String sep = header.indexOf('|') >= 0 ? "\\|" : header.indexOf('\t') >= 0 ? "\t"
                : header.indexOf(';') > header.indexOf(',') ? ";" : ",";
        String[] h = header.trim().split(sep, -1);
        String[] r = row.replace("\u0000", "").trim().split(sep, -1);
        boolean recordColumn = false;
        for (String c : h) {
            recordColumn |= RECORD_COLUMN.matcher(c.trim()).matches();
        }
        if (!recordColumn) {
            return false;
        }
        boolean first = false;
        boolean last = false;
        for (int i = 0; i < h.length && i < r.length; i++) {
            String col = h[i].trim().toLowerCase(Locale.ROOT);
            String cell = r[i].trim();
            if (cell.isEmpty() || !personName(cell)) {
                continue;
            }
            if (FULL_NAME_COLUMNS.contains(col) && cell.indexOf(' ') > 0) {
                return true;
            }
            first |= FIRST_NAME_COLUMNS.contains(col);
            last |= LAST_NAME_COLUMNS.contains(col);
        }
        return first && last;
    }

    // ---------------------------------------------------------------- names

    /** A person's name: one to five words of letters, the first capitalised, none of them a placeholder. */
    static boolean personName(String s) {
        String v = s.trim();
        if (v.isEmpty() || v.length() > 80 || !Character.isUpperCase(v.charAt(0))
                || !NAME_VALUE.matcher(v.replace(",", "")).matches()) {
            return false;
        }
        for (String w : BLANKS.split(v.replace(",", " "))) {
            String lw = TRAILING_MARKS.matcher(w.toLowerCase(Locale.ROOT)).replaceAll("");
            if (PLACEHOLDER_NAMES.contains(lw)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWord(String s, String word) {
        return s.trim().equalsIgnoreCase(word);
    }

    private static String tail(String s, int n) {
        return s.substring(Math.max(0, s.length() - n));
    }
}
