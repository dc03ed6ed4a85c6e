package dev.sieve.dlp.validate;

import java.util.Locale;
import java.util.Set;

/**
 * Names and numbers reserved for documentation and fiction, which never reach a person.
 * <ul>
 *   <li>{@code email-domain} rejects an address at a reserved domain: the RFC 2606 / RFC 6761 top-level names
 *   {@code .test}, {@code .example}, {@code .invalid}, {@code .localhost} (and {@code .localdomain}), and any domain
 *   whose registrable label is {@code example} ({@code example.com}, {@code mail.example.org}, {@code example.co.uk}).
 *   <li>{@code phone-fictional} rejects a number in a range kept for fiction: NANP 555-0100 to 555-0199 in any area
 *   code (with or without +1 and the area code), and Ofcom's drama ranges (020 7946 0xxx, 0113/0114/0115/0116/
 *   0117/0118/0121/0131/0141/0151/0161 496 0xxx, 0191 498 0xxx, 029 2018 0xxx, 01632 960xxx, 07700 900xxx,
 *   08081 570xxx, 0909 879 0xxx, 03069 990xxx), with +44 or a trunk 0.
 * </ul>
 */
final class Reserved {

    private static final Set<String> RESERVED_TLDS = Set.of("test", "example", "invalid", "localhost", "localdomain");

    /** Ofcom's drama number blocks, as national numbers with the trunk 0; each holds 1,000 numbers. */
    private static final String[] OFCOM_DRAMA = {"02079460", "01134960", "01144960", "01154960", "01164960",
        "01174960", "01184960", "01214960", "01314960", "01414960", "01514960", "01614960", "01914980", "02920180",
        "01632960", "07700900", "08081570", "09098790", "03069990"};

    private Reserved() {
    }

    /** True if {@code address} (local part, {@code @}, domain) is at a reserved domain. */
    static boolean reservedEmail(CharSequence address) {
        String s = address.toString();
        int at = s.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        String[] labels = domain.split("\\.");
        if (labels.length == 0) {
            return false;
        }
        if (RESERVED_TLDS.contains(labels[labels.length - 1])) {
            return true;
        }
        // example.com, example.org, example.net, example.co.uk, example.de: "example" as the registrable label
        int n = labels.length;
        boolean twoPartSuffix = n >= 3 && labels[n - 2].length() <= 3 && labels[n - 1].length() == 2
                && Set.of("co", "com", "org", "net", "ac", "gov", "edu").contains(labels[n - 2]);
        int registrable = twoPartSuffix ? n - 3 : n - 2;
        return registrable >= 0 && labels[registrable].equals("example");
    }

    /** True if the phone number {@code match} is in a range reserved for fiction. */
    static boolean fictionalPhone(CharSequence match) {
        StringBuilder d = new StringBuilder(16);
        boolean plus = false;
        for (int i = 0; i < match.length(); i++) {
            char c = match.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            } else if (c == '+' && d.length() == 0) {
                plus = true;
            }
        }
        String digits = d.toString();
        String nanp = null;
        String national = null;
        if (plus) {
            if (digits.startsWith("1")) {
                nanp = digits.substring(1);
            } else if (digits.startsWith("44")) {
                national = "0" + digits.substring(2);
            }
        } else if (digits.startsWith("0")) {
            national = digits;
        } else {
            nanp = digits.length() == 11 && digits.startsWith("1") ? digits.substring(1) : digits;
        }
        if (nanp != null && (nanp.length() == 7 || nanp.length() == 10)) {
            return nanp.substring(nanp.length() - 7).startsWith("55501");
        }
        if (national != null && national.length() == 11) {
            for (String block : OFCOM_DRAMA) {
                if (national.startsWith(block)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code email-domain}: the address is not at a reserved domain, and its top-level domain is not in camel case: a
     * lower-case letter then an upper-case one ({@code acme.exampleMalm}, {@code corp.comJohn}) is an address glued to
     * the next field or word, never a TLD ({@code .com}, {@code .COM} and {@code .Com} are).
     */
    static final class EmailDomain implements Validator {
        @Override
        public boolean test(CharSequence match, ValidationContext ctx) {
            return !reservedEmail(match) && !camelCaseTld(match);
        }
    }

    /** The last label of the address's domain has a lower-case letter followed by an upper-case one. */
    static boolean camelCaseTld(CharSequence address) {
        int end = address.length();
        while (end > 0 && address.charAt(end - 1) == '.') {
            end--;
        }
        for (int i = end - 1; i > 0; i--) {
            char c = address.charAt(i);
            if (c == '.' || c == '@') {
                return false;
            }
            char p = address.charAt(i - 1);
            if (c >= 'A' && c <= 'Z' && p >= 'a' && p <= 'z') {
                return true;
            }
        }
        return false;
    }

    /** Fewest digits of a whole phone number: a national number with its trunk 0 has 7 or more in every plan. */
    static final int MIN_PHONE_DIGITS = 7;

    /**
     * {@code phone-fictional}: the number is not in a fictional range and has {@value #MIN_PHONE_DIGITS} or more
     * digits (the national shape {@code 0x-xx} also matches the month and day of an ISO date, {@code 2025-03-05}).
     */
    static final class PhoneFictional implements Validator {
        @Override
        public boolean test(CharSequence match, ValidationContext ctx) {
            int digits = 0;
            for (int i = 0; i < match.length(); i++) {
                char c = match.charAt(i);
                digits += c >= '0' && c <= '9' ? 1 : 0;
            }
            return digits >= MIN_PHONE_DIGITS && !fictionalPhone(match);
        }
    }
}
