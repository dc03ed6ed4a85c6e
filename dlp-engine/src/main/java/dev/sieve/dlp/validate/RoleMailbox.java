package dev.sieve.dlp.validate;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code personal-mailbox}: the address is not a role account, the shared mailbox of a function rather than of a
 * person ({@code info@}, {@code sales@}, {@code support@}, {@code invoices@}). A supplier list or a company's contact
 * page names such mailboxes by the dozen and none of them is a person's, so a bulk or column count of e-mail
 * addresses (a contact list, a CRM export) does not count them.
 *
 * <p>The list is small and closed: the mailbox names of RFC 2142 (info, marketing, sales, support, abuse, noc,
 * security, postmaster, hostmaster, usenet, news, webmaster, www, uucp, ftp), the no-reply senders, and the business
 * functions a company publishes a mailbox for (contact, office, orders, billing, invoices, accounts, hr, jobs, press,
 * privacy, legal, ...), also in the languages the pack's other rules read (German, French, Spanish, Portuguese,
 * Italian, Dutch, Polish, Swedish, Turkish: kontakt, vertrieb, accueil, ventas, contato, vendite, verkoop, biuro,
 * kundtjanst, destek ...), ASCII-folded as local parts are written ({@code comptabilite}, {@code sprzedaz}). A local
 * part is a role account when, lower-cased and without a {@code +tag}, it is one of these words, written with or
 * without separators ({@code customer.service}, {@code customerservice}), optionally followed by digits or by a
 * separator and a two-letter country code ({@code sales2}, {@code support-uk}, {@code info.de}). Two-letter words
 * other than {@code hr} are left out (initials: {@code pr@}, {@code it@}, {@code ap@} are as often a person's).
 * A name with a role word in it ({@code anna.sales@}, {@code infoanna@}) is a person's and counts.
 */
final class RoleMailbox implements Validator {

    private static final Pattern SEPARATORS = Pattern.compile("[._-]");

    static final Set<String> ROLES = Set.of(
            // RFC 2142 and no-reply senders
            "info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster", "hostmaster",
            "usenet", "news", "webmaster", "www", "uucp", "ftp", "noreply", "donotreply", "mailerdaemon",
            // general contact and front desk
            "information", "contact", "contacts", "hello", "office", "mail", "enquiries", "enquiry", "inquiries",
            "inquiry", "general", "reception", "frontdesk", "team", "admin", "administrator", "root", "webadmin",
            // sales, orders, bookings
            "orders", "order", "shop", "store", "bookings", "booking", "reservations", "quotes", "export",
            "purchasing", "procurement", "partners",
            // service and support
            "help", "helpdesk", "service", "services", "servicedesk", "customerservice", "customercare", "care",
            "feedback", "techsupport", "customersupport",
            // finance
            "billing", "invoices", "invoice", "accounts", "accounting", "accountspayable", "finance", "payments",
            "payroll",
            // people, press, legal
            "hr", "jobs", "careers", "recruiting", "recruitment", "press", "media", "newsletter", "events",
            "privacy", "dpo", "gdpr", "legal", "compliance",
            // de
            "kontakt", "vertrieb", "verkauf", "bestellung", "bestellungen", "buchhaltung", "rechnung", "rechnungen",
            "zentrale", "empfang", "presse", "karriere", "bewerbung", "datenschutz", "kundenservice", "einkauf",
            // fr
            "accueil", "commercial", "commande", "commandes", "compta", "comptabilite", "facturation", "recrutement",
            "serviceclient",
            // es, pt, it
            "ventas", "contacto", "pedidos", "facturacion", "administracion", "soporte", "informacion", "contato",
            "vendas", "comercial", "financeiro", "atendimento", "suporte", "faturamento", "vendite", "commerciale",
            "amministrazione", "ordini", "assistenza", "contatti", "fatture",
            // nl, pl, sv, tr
            "verkoop", "klantenservice", "administratie", "facturen", "bestellingen", "biuro", "sprzedaz",
            "faktury", "zamowienia", "kundtjanst", "ekonomi", "satis", "destek", "iletisim", "muhasebe");

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        return !isRole(match);
    }

    /** True if the local part of {@code address} (all of it when there is no {@code @}) names a role account. */
    static boolean isRole(CharSequence address) {
        String s = address.toString();
        int at = s.lastIndexOf('@');
        String local = (at < 0 ? s : s.substring(0, at)).toLowerCase(Locale.ROOT);
        local = local.substring(local.lastIndexOf(':') + 1); // a mailto: link's scheme
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        if (local.isEmpty()) {
            return false;
        }
        String[] parts = SEPARATORS.split(local, -1);
        // the words and, after them, a country code (support-uk, info.de)
        int words = parts.length;
        if (words > 1 && parts[words - 1].length() == 2 && isLetters(parts[words - 1])) {
            words--;
        }
        StringBuilder joined = new StringBuilder(local.length());
        for (int k = 0; k < words; k++) {
            joined.append(parts[k]);
        }
        int end = joined.length();
        while (end > 0 && Character.isDigit(joined.charAt(end - 1))) {
            end--;
        }
        return end > 0 && ROLES.contains(joined.substring(0, end));
    }

    private static boolean isLetters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
