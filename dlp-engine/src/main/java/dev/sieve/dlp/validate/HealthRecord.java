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
 * </ul>
 * The validator never reports what it read.
 */
final class HealthRecord implements Validator {

    /** What the rule's match is. */
    enum Kind {
        HL7_PID("hl7-pid"), FHIR_PATIENT("fhir-patient"), DOB_LABEL("dob-label"), DOB_COLUMN("dob-column"),
        DOB_CONTACT("dob-contact");

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
                    + "|employee(?:[ _]name)?|passenger|tenant|guest)"
                    + "[\"']?(?:[ \\t]{0,3}[:=][ \\t]{0,3}[\"']?|\\r?\\n))"
                    + "([A-Z][A-Za-z\u00c0-\u00ff'\\-]{0,39}(?:,?[ ]{1,2}[A-Z][A-Za-z\u00c0-\u00ff'.\\-]{0,39}){1,3})");
    /** A name right before the match's label: {@code Dana Roe, DOB} or {@code Dana Roe (DOB}. */
    private static final Pattern NAME_BEFORE_LABEL = Pattern.compile(
            "\\b([A-Z][a-z\u00c0-\u00ff'\\-]{1,39}(?: [A-Z][a-z\u00c0-\u00ff'.\\-]{0,39}){1,3})(?:,|\\s\\(|\\s[-\u2013|]|;)?\\s{0,3}$");

    /** A health, coverage or education-record word, or an ICD-10 code. */
    private static final Pattern RECORD_TERM = Pattern.compile(
            "(?i:\\b(?:diagnos|dx\\b|assessment|impression\\b|icd|chief complaint|cc:|hpi\\b|history of|hx\\b|medication"
                    + "|rx\\b|prescri|allerg|labs?\\b|laboratory|specimen|results?\\b|positive\\b|negative\\b|detected\\b"
                    + "|not detected|reactive\\b|non-reactive|mrn\\b|admi(?:t|ssion)|discharg|symptom|treat|follow-up"
                    + "|referr|vaccin|immuniz|blood|a1c\\b|glucose|hiv\\b|hepatitis|pregnan|cancer|carcinoma|tumou?r"
                    + "|diabet|depress|anxiety|bipolar|schizo|ptsd\\b|opioid|substance use|psychiatr|therapy|surgery"
                    + "|procedure|patient|clinic|hospital|physician|insurance|member id|member #|subscriber|group (?:no|num|#)"
                    + "|rxbin|rxpcn|rxgrp|policy (?:no|num|#)|payer|copay|medicaid|medicare|student id|gpa\\b|iep\\b"
                    + "|504 plan|accommodation|disabilit|transcript|vitals|bp:|heart rate|pulse|dosage|\\d{1,4} ?mg\\b))"
                    + "|\\b[A-TV-Z][0-9]{2}\\.[0-9A-Z]{1,4}\\b");

    /** A street address: a house number, a street name and its kind ({@code 358 Elm St}, {@code 12 Rue de la Paix}). */
    private static final Pattern STREET_ADDRESS = Pattern.compile(
            "\\b[0-9]{1,6}[A-Za-z]?,?[ ]{1,2}(?:[A-Z][A-Za-z.'\\-]{1,30}[ ]{1,2}){1,4}(?i:st|street|ave|avenue|rd|road|blvd"
                    + "|boulevard|dr|drive|ln|lane|way|ct|court|pl|place|ter|terrace|cir|circle|pkwy|parkway|hwy"
                    + "|highway|sq|square)\\b|(?i:\\b(?:home|mailing|street|postal|residential)?[ _]?address[\"']?[ \\t]{0,3}[:=]"
                    + "[ \\t]{0,3}[\"']?[0-9]{1,6}[A-Za-z]?[ ,]{1,3}[A-Za-z])");
    /** A phone number: labelled, or in a national or international written form. */
    private static final Pattern PHONE = Pattern.compile(
            "(?i:\\b(?:phone|tel|telephone|mobile|cell|ph)[\"']?(?:[ \\t]{0,3}[:=#.]?[ \\t]{0,3}[\"']?|\\r?\\n)\\+?[(]?[0-9]"
                    + "[0-9 ().-]{6,18}[0-9])"
                    + "|\\([0-9]{3}\\)[ ]?[0-9]{3}[-. ][0-9]{4}\\b|\\+[1-9][0-9]{0,2}[ .-][0-9][0-9 .-]{6,14}[0-9]\\b");
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
                + (EMAIL.matcher(near).find() ? 1 : 0);
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
        return n.find() && personName(n.group(1));
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
