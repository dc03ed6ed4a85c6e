package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Family {@code cred-cli}: credential and PII forms an outside red team found passing Sieve (synthetic values), as
 * classes, with the hard negatives beside them. Positives are tagged {@code rt3:<kind>}:
 * <ul>
 *   <li>{@code cli-password}: a password on the command line of a tool that takes one (smbclient/rpcclient
 *       {@code -U USER%PASS}, {@code htpasswd -b}, {@code net use}, {@code redis-cli -a/--pass}, the OpenLDAP tools'
 *       {@code -w}, {@code ipmitool -P}, the mongo shells and tools, {@code rabbitmqctl add_user}, {@code x11vnc
 *       -passwd}, {@code vncpasswd -f <<<}), in a shell history, a script or a README;
 *       {@code cli-password-known}: the forms other rules already read (mysql, PGPASSWORD, wget, openssl pass:,
 *       sshpass, docker login), kept so they stay read;</li>
 *   <li>{@code tin-column}: an unformatted SSN in a column headed TIN; {@code dl-numeric}: an all-digit US driver's
 *       licence number right after a strict licence keyword; {@code mrn}: a medical record number after its
 *       label;</li>
 *   <li>{@code sensitivity-label}: a Microsoft Purview (MSIP) label of a confidential level in a DOCX or XLSX's
 *       custom properties, pasted as XML, or in an msip_labels header.</li>
 * </ul>
 * Hard negatives ({@code neg:cred-cli}, {@code neg:<kind>}): a password flag with nothing after it (mysql -p
 * prompts), ports ({@code -p 3306}, {@code ssh -p 22}, {@code ipmitool -p 623}), variables, templates and masks after
 * the flags, {@code htpasswd -B} (prompts), prose about the commands; tables (the table rule written with this
 * family cost the scan of auth code a fifth and was left out; {@code credential.table-secret-column} came back with
 * the {@code cred3} family, gated on delimiter-bounded header cells) with {@code password_changed_at} dates,
 * {@code token_count} numbers, masked, empty and redacted password cells, no secret column; nine digits near
 * {@code String tin} and under another column; licence dates and prose; mRNA lots and patient numbers without an id
 * label; Public and General labels. Written with the rules, so not held out.
 */
final class CredCli {

    static final long SEED = 20_261_208L;
    static final String FAMILY = "cred-cli";

    private static final List<String> ROTATION = List.of("json-anthropic", "text", "json-openai-chat",
            "json-anthropic-tool", "multipart", "json-gemini", "json-openai-responses", "gzip-octet");
    private static final String ALNUM = Rng.ALNUM;

    private static final String CLI = "credential.command-line-password";
    private static final String GENERIC = "credential.generic-secret-assignment";
    private static final String LOGIN = "credential.login-command-password";
    private static final String SSN = "pii.us-ssn-unformatted";
    private static final String DL = "pii.us-driver-license";
    private static final String MRN = "pii.medical-record-number";
    private static final String LABEL = "source-code.sensitivity-label";

    private final FamilyCases cases;
    private final Rng r;

    private CredCli(Rng r) {
        this.r = r;
        this.cases = new FamilyCases(FAMILY, ROTATION, r);
    }

    /** Every case of the family, positives first. */
    static List<HardCorpus.Out> cases(Rng r) {
        CredCli c = new CredCli(r);
        c.commandLines();
        c.pii();
        c.labels();
        c.negatives();
        return c.cases.all();
    }

    // ---- positives: command lines ----------------------------------------------------------------------------------

    /** The command templates: a user name and a password in, a command line out. */
    private List<Function<String, String>> commands(String user) {
        String share = r.pick("finance", "backup", "scans", "hr$");
        int host = r.between(2, 250);
        return List.of(
                pw -> "smbclient //fs01.corp.invalid/" + share + " -U " + user + "%" + pw + " -c 'get report.xlsx'",
                pw -> "rpcclient -U \"CORP\\" + user + "%" + pw + "\" 10.0.4." + host,
                pw -> "htpasswd -b /etc/nginx/.htpasswd " + user + " " + pw,
                pw -> "sudo htpasswd -bc /etc/apache2/.htpasswd " + user + " '" + pw + "'",
                pw -> "htpasswd -nbB " + user + " " + pw + " >> users.htpasswd",
                pw -> "net use \\\\fs01\\" + share + " /user:CORP\\" + user + " " + pw + " /persistent:no",
                pw -> "NET USE Z: \\\\fs01\\" + share + " " + pw + " /USER:CORP\\" + user,
                pw -> "redis-cli -h cache-1 -p 6379 -a " + pw + " --no-auth-warning INFO keyspace",
                pw -> "redis-cli --pass '" + pw + "' -h cache-" + host + " FLUSHDB",
                pw -> "ldapsearch -x -H ldaps://dc1.corp.invalid -D \"cn=admin,dc=corp\" -w " + pw
                        + " -b dc=corp \"(uid=" + user + ")\"",
                pw -> "ldapmodify -x -D cn=admin,dc=corp -w '" + pw + "' -f change.ldif",
                pw -> "ipmitool -I lanplus -H 10.0.9." + host + " -U ADMIN -P " + pw + " chassis power status",
                pw -> "mongo admin -u " + user + " -p " + pw + " --authenticationDatabase admin",
                pw -> "mongodump --host db-1 -u " + user + " -p '" + pw + "' --out /backup/$(date +%F)",
                pw -> "rabbitmqctl add_user " + user + " " + pw,
                pw -> "rabbitmqctl change_password " + user + " '" + pw + "'",
                pw -> "x11vnc -display :0 -passwd " + pw + " -forever -shared",
                pw -> "vncpasswd -f <<< '" + pw + "' > ~/.vnc/passwd");
    }

    private void commandLines() {
        List<Function<String, String>> templates = commands(user());
        for (int i = 0; i < templates.size() + 6; i++) {
            String line = templates.get(i % templates.size()).apply(password());
            text("cli-password", CLI, wrapCommand(line, i));
        }
        // the forms the other rules read, so that they stay read
        List<String> known = List.of(
                "mysql -h db-1 -u app -p'" + password() + "' orders < dump.sql",
                "PGPASSWORD=" + password() + " psql -h db-1 -U app -d orders -c 'select 1'",
                "wget --user=ops --password=" + password() + " https://files.demo.invalid/export.tgz",
                "openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:" + password());
        for (int i = 0; i < known.size(); i++) {
            text("cli-password-known", GENERIC, wrapCommand(known.get(i), i));
        }
        text("cli-password-known", LOGIN, wrapCommand("sshpass -p '" + password() + "' ssh deploy@10.0.0."
                + r.between(2, 250) + " uptime", 1));
        text("cli-password-known", LOGIN, wrapCommand("docker login -u ci-bot -p " + password()
                + " registry.demo.invalid", 2));
    }

    /** A command line as an agent pastes it: a shell history, a script or a README's code block. */
    private String wrapCommand(String line, int i) {
        return switch (i % 3) {
            case 0 -> "  " + r.between(500, 999) + "  cd /srv/app\n  " + r.between(1000, 1999) + "  " + line + "\n  "
                    + r.between(2000, 2999) + "  exit\n";
            case 1 -> "#!/usr/bin/env bash\nset -euo pipefail\n# nightly job\n" + line + "\necho done\n";
            default -> "## Setup\n\nRun this once on the admin host:\n\n```sh\n" + line + "\n```\n";
        };
    }

    /**
     * A table in one of four styles: 0 CSV, 1 TSV, 2 psql output (padded cells, a rule line, a row count), 3 Markdown.
     */
    static String table(int style, String[] header, List<String[]> rows) {
        StringBuilder s = new StringBuilder();
        switch (style) {
            case 0, 1 -> {
                String d = style == 0 ? "," : "\t";
                s.append(String.join(d, header)).append('\n');
                rows.forEach(row -> s.append(String.join(d, row)).append('\n'));
            }
            case 2 -> {
                int[] width = new int[header.length];
                for (int c = 0; c < header.length; c++) {
                    width[c] = header[c].length();
                    for (String[] row : rows) {
                        width[c] = Math.max(width[c], row[c].length());
                    }
                }
                appendPsqlRow(s, header, width);
                for (int c = 0; c < header.length; c++) {
                    s.append(c == 0 ? "" : "+").append("-".repeat(width[c] + 2));
                }
                s.append('\n');
                rows.forEach(row -> appendPsqlRow(s, row, width));
                s.append('(').append(rows.size()).append(" rows)\n");
            }
            default -> {
                s.append("| ").append(String.join(" | ", header)).append(" |\n|");
                s.append("---|".repeat(header.length)).append('\n');
                rows.forEach(row -> s.append("| ").append(String.join(" | ", row)).append(" |\n"));
            }
        }
        return s.toString();
    }

    private static void appendPsqlRow(StringBuilder s, String[] cells, int[] width) {
        for (int c = 0; c < cells.length; c++) {
            s.append(c == 0 ? " " : " | ").append(cells[c]).append(" ".repeat(width[c] - cells[c].length()));
        }
        s.append('\n');
    }

    // ---- positives: PII --------------------------------------------------------------------------------------------

    private void pii() {
        for (int i = 0; i < 6; i++) {
            List<String[]> rows = new ArrayList<>();
            for (int k = 0; k < r.between(2, 3); k++) {
                rows.add(new String[] {r.pick("Acme Supply", "Bolt Ltd", "Dana Park", "Omar Ito", "Ravi Iyer"),
                        Values.ssn(r).replace("-", ""), r.between(10, 9999) + "." + r.digits(2)});
            }
            String header = r.pick("TIN", "tin", "Payee TIN");
            text("tin-column", SSN, table(i % 4, new String[] {"payee", header, "amount"}, rows));
        }
        for (int i = 0; i < 8; i++) {
            String number = switch (i % 3) {
                case 0 -> r.between(1, 9) + r.digits(6);
                case 1 -> r.between(3, 9) + r.digits(7); // not 19.../20...: a compact date is not taken
                default -> r.between(1, 9) + r.digits(8);
            };
            String text = r.pick("Driver's License No: " + number + " (" + r.pick("NY", "PA", "TX", "GA") + ")",
                    "Applicant: Dana Roe\nDL# " + number + "\nClass: C",
                    "driver license no. " + number + ", exp. 2029-04-30",
                    "{\"name\": \"Omar Ito\", \"dl_number\": \"" + number + "\"}",
                    "Licence number: " + number, "DRIVER'S LICENSE " + number);
            text("dl-numeric", DL, text);
        }
        for (int i = 0; i < 8; i++) {
            String mrn = r.between(1, 9) + r.digits(r.between(5, 9));
            String text = r.pick("Pt: Dana Roe, MRN: " + mrn + ", DOB 1974-06-20, ward B2",
                    "{\"patient_id\": \"" + mrn + "\", \"encounter\": \"ER\"}",
                    "Medical record number " + mrn + " transferred to radiology",
                    "Discharge summary\nMRN# " + mrn + "\nAdmitted 2026-11-02",
                    "patient id=" + mrn + " labs=CBC,BMP");
            text("mrn", MRN, text);
        }
    }

    // ---- positives: sensitivity labels -----------------------------------------------------------------------------

    private void labels() {
        List<String> levels = List.of("Confidential", "Highly Confidential", "Internal", "Restricted",
                "Confidential - Finance", "Strictly Confidential");
        for (int i = 0; i < 6; i++) {
            String level = levels.get(i);
            String guid = guid();
            if (i < 4) {
                Binary.Office kind = i % 2 == 0 ? Binary.Office.DOCX : Binary.Office.XLSX;
                byte[] doc = Binary.office(kind, List.of("Q3 plan", "Revenue by region"), n -> n / 2,
                        Map.of("docProps/custom.xml", utf8(customXml(guid, level))));
                String name = kind == Binary.Office.DOCX ? "plan.docx" : "plan.xlsx";
                String type = kind == Binary.Office.DOCX
                        ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                Containers.Req req = new Containers.Req("PUT", "https://uploads.demo.invalid/v1/files/" + name,
                        Containers.headers("Content-Type", type), doc, true, "body " + kind
                        + " docProps/custom.xml MSIP_Label_..._Name");
                positive("sensitivity-label", List.of(LABEL), req, kind.name().toLowerCase());
            } else if (i == 4) {
                text("sensitivity-label", LABEL, "cat docProps/custom.xml\n" + customXml(guid, level));
            } else {
                text("sensitivity-label", LABEL, "From: Dana Roe <dana@corp.invalid>\nmsip_labels: MSIP_Label_" + guid
                        + "_Enabled=True;MSIP_Label_" + guid + "_SiteId=" + guid() + ";MSIP_Label_" + guid + "_Name="
                        + level + ";\nSubject: Q3 numbers\n\nSee attached.");
            }
        }
    }

    /** A {@code docProps/custom.xml} with the properties Office writes for a sensitivity label. */
    private String customXml(String guid, String level) {
        String fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas."
                + "openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats"
                + ".org/officeDocument/2006/docPropsVTypes\">"
                + "<property fmtid=\"" + fmtid + "\" pid=\"2\" name=\"MSIP_Label_" + guid + "_Enabled\"><vt:lpwstr>"
                + "true</vt:lpwstr></property>"
                + "<property fmtid=\"" + fmtid + "\" pid=\"3\" name=\"MSIP_Label_" + guid + "_SetDate\"><vt:lpwstr>"
                + "2026-11-30T09:12:44Z</vt:lpwstr></property>"
                + "<property fmtid=\"" + fmtid + "\" pid=\"4\" name=\"MSIP_Label_" + guid + "_Method\"><vt:lpwstr>"
                + "Privileged</vt:lpwstr></property>"
                + "<property fmtid=\"" + fmtid + "\" pid=\"5\" name=\"MSIP_Label_" + guid + "_Name\"><vt:lpwstr>"
                + level + "</vt:lpwstr></property>"
                + "<property fmtid=\"" + fmtid + "\" pid=\"6\" name=\"MSIP_Label_" + guid + "_SiteId\"><vt:lpwstr>"
                + guid() + "</vt:lpwstr></property></Properties>";
    }

    // ---- hard negatives --------------------------------------------------------------------------------------------

    private void negatives() {
        String user = user();
        neg("flag-prompts", "mysql -h db-1 -u " + user + " -p\nEnter password:\n");
        neg("flag-prompts", "htpasswd -B /etc/nginx/.htpasswd " + user + "\nNew password:\nRe-type new password:\n");
        neg("flag-prompts", "ldapsearch -x -D cn=admin,dc=corp -W -b dc=corp \"(uid=" + user + ")\"");
        neg("flag-prompts", "smbclient //fs01.corp.invalid/finance -U " + user + "\nPassword for [CORP\\" + user
                + "]:\n");
        neg("flag-prompts", "net use \\\\fs01\\finance * /user:CORP\\" + user);
        neg("port", "mysql -h db-1 -P 3306 -u " + user + " -p orders");
        neg("port", "redis-cli -h cache-1 -p 6379 ping\nssh -p 22 deploy@10.0.0." + r.between(2, 250));
        neg("port", "ipmitool -I lanplus -H 10.0.9." + r.between(2, 250) + " -p 623 -U ADMIN chassis status");
        neg("port", "mongosh --host db-1 --port 27017 -u " + user + " -p");
        neg("variable", "redis-cli -h cache-1 -a \"$REDIS_PASSWORD\" ping");
        neg("variable", "ipmitool -I lanplus -H \"$BMC_HOST\" -U ADMIN -P \"$IPMI_PASSWORD\" sol activate");
        neg("variable", "smbclient //fs01/finance -U \"$SMB_USER%$SMB_PASS\" -c ls");
        neg("variable", "net use \\\\fs01\\finance %SMB_PASS% /user:CORP\\" + user);
        neg("template", "ldapsearch -x -D cn=admin,dc=corp -w <password> -b dc=corp\nrabbitmqctl add_user " + user
                + " '********'\nx11vnc -display :0 -passwd {{ vnc_password }}\nredis-cli --pass ${REDIS_PASS} ping\n");
        neg("template", "htpasswd -b /etc/nginx/.htpasswd admin <password>\nmongo admin -u root -p %s\n");
        neg("prose", "Run `mysql -p` and type your password when asked; redis-cli -a takes the password on the "
                + "command line, so prefer REDISCLI_AUTH, and ldapsearch -W prompts for the bind password.");
        neg("prose", "smbclient -U user%password works but leaves the password in your shell history; htpasswd -b "
                + "does the same, so use htpasswd -B and type it.");
        // tables
        List<String[]> changed = new ArrayList<>();
        List<String[]> counts = new ArrayList<>();
        List<String[]> masked = new ArrayList<>();
        List<String[]> plain = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            changed.add(new String[] {String.valueOf(k + 1), user(), "2026-0" + r.between(1, 9) + "-1"
                    + r.between(0, 9) + "T" + r.between(10, 23) + ":" + r.between(10, 59) + ":" + r.between(10, 59)
                    + "Z"});
            counts.add(new String[] {r.pick("gpt-x", "claude-y", "gemini-z") + "-" + k, String.valueOf(
                    r.between(1000, 200000)), r.digits(6)});
            masked.add(new String[] {String.valueOf(k + 1), user(), List.of("********", "", "<redacted>").get(k)});
            plain.add(new String[] {String.valueOf(k + 1), user(), r.pick("admin", "developer", "operator"),
                    "2026-11-" + r.between(10, 30)});
        }
        for (int style = 0; style < 4; style++) {
            neg("table-dates", table(style, new String[] {"id", "username", "password_changed_at"}, changed));
        }
        neg("table-numbers", table(0, new String[] {"model", "token_count", "request_id"}, counts));
        neg("table-numbers", table(2, new String[] {"model", "token_count", "request_id"}, counts));
        neg("table-masked", table(0, new String[] {"id", "username", "password"}, masked));
        neg("table-masked", table(3, new String[] {"id", "username", "password"}, masked));
        neg("table-no-column", table(0, new String[] {"id", "username", "role", "created"}, plain));
        neg("table-no-column", table(2, new String[] {"id", "username", "role", "created"}, plain));
        // PII near misses
        String nine = Values.ssn(r).replace("-", "");
        neg("tin-substring", "String tin = lookup(customer); // row " + nine + "\nsetting testing " + Values.ssn(r)
                .replace("-", ""));
        neg("tin-other-column", table(0, new String[] {"payee", "TIN", "order_no"}, List.of(
                new String[] {"Acme Supply", "pending", nine}, new String[] {"Bolt Ltd", "n/a", Values.ssn(r)
                        .replace("-", "")})));
        neg("dl-date", "Driver's License issued 20" + r.between(10, 26) + "0" + r.between(1, 9) + r.between(10, 28)
                + ", class C, endorsements none");
        neg("dl-prose", "Bring your driver's license and one recent utility bill to the front desk; order " + r.between(3, 9) + r.digits(7)
                + " ships Monday.");
        neg("dl-prose", "DL: see the scanned form, ticket " + r.between(3, 9) + r.digits(8));
        neg("mrn-near-miss", "mRNA-1273 lot " + r.digits(7) + " was shipped cold; patient " + r.digits(7)
                + " (room) asked about it; MRN: pending");
        neg("mrn-near-miss", "the medical record number field holds up to 10 digits, e.g. 12345");
        // labels that are not confidential
        for (String level : List.of("Public", "General", "Non-Business")) {
            byte[] doc = Binary.office(Binary.Office.DOCX, List.of("Lunch menu", "Soup of the day"), n -> n / 2,
                    Map.of("docProps/custom.xml", utf8(customXml(guid(), level))));
            Containers.Req req = new Containers.Req("PUT", "https://uploads.demo.invalid/v1/files/menu.docx",
                    Containers.headers("Content-Type",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), doc, true,
                    "body DOCX docProps/custom.xml");
            cases.negative("label-public", req, "docx", "MSIP label " + level);
        }
        neg("label-prose", "Our documents carry MSIP sensitivity labels (Public, General, Confidential); set them in "
                + "the Sensitivity menu.");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** A password a person or a generator would set: letters, digits and a symbol or two. */
    private String password() {
        return r.from(ALNUM, 6) + r.pick("!", "#", "~", "+", "^", "@") + r.from(ALNUM, 5) + r.pick(".", "-", "*", "=")
                + r.from(ALNUM, 4);
    }

    private String user() {
        return r.pick("ana", "dana", "omar", "ravi", "lee", "svc") + r.pick(".", "-", "_") + r.pick("moss", "park",
                "ito", "iyer", "backup", "deploy");
    }

    private String guid() {
        return r.from(Rng.HEX, 8) + "-" + r.from(Rng.HEX, 4) + "-4" + r.from(Rng.HEX, 3) + "-" + r.pick("8", "9", "a",
                "b") + r.from(Rng.HEX, 3) + "-" + r.from(Rng.HEX, 12);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // The cases are written by FamilyCases (shared with CredMore).

    private void text(String kind, String rule, String text) {
        cases.text(kind, rule, text);
    }

    private void positive(String kind, List<String> rules, Containers.Req req, String container) {
        cases.positive(kind, rules, req, container);
    }

    private void neg(String kind, String text) {
        cases.neg(kind, text);
    }
}
