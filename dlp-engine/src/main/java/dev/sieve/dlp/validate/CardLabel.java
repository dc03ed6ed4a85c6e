package dev.sieve.dlp.validate;

import java.util.List;
import java.util.Set;

/**
 * {@code card-label}: negative context for payment-card numbers found by shape and Luhn alone. One random number in
 * ten passes Luhn, so 16-digit ids (order and trace ids, tracking numbers, Kafka offsets, snowflake-style keys) pass
 * it often. The number is rejected when
 * <ul>
 *   <li>its table column's header names an id and no card ({@code order_id}, {@code Tracking No}), or
 *   <li>the nearest label before it (past the list's earlier items and filler words such as {@code number}) names an
 *   id and no card: {@code order_ref: ...}, {@code "trace_id": ...}, {@code invoice: INV-...}, {@code request ...
 *   completed}, {@code ids = [..., ...]}, or
 *   <li>it is one of a run of at least four same-length compact numbers nearby of which most fail Luhn: an id list,
 *   where a list of cards would all pass.
 * </ul>
 * A label naming a card ({@code card_id}, {@code Card number}, {@code pan}) always keeps the number, and so does a
 * number with no label at all.
 */
final class CardLabel implements Validator {

    /** Words of labels that name an identifier other than a card. */
    static final Set<String> ID_WORDS = Set.of("id", "ids", "uuid", "guid", "ref", "refs", "reference", "order",
            "orders", "invoice", "inv", "trace", "traceid", "span", "spanid", "tracking", "shipment", "parcel", "awb",
            "offset", "offsets", "seq", "sequence", "request", "req", "requestid", "msg", "message", "event", "job",
            "build", "run", "commit", "snowflake", "ticket", "case", "incident", "sku", "ean", "upc", "gtin", "isbn",
            "imei", "serial", "batch", "lot", "hash", "nonce", "timestamp", "ts", "epoch", "ns", "pid", "tid",
            "partition", "cursor", "version", "idx", "index", "txn", "txid", "correlation", "session", "row", "record",
            "key", "checksum", "crc", "barcode", "consignment", "waybill", "po", "rma", "confirmation", "booking", "p/n", "s/n");

    /** Words of labels that name a payment card: such a label keeps the number whatever else it says. */
    static final Set<String> CARD_WORDS = Set.of("card", "cards", "cc", "ccn", "pan", "pans", "visa", "mastercard",
            "mc", "amex", "discover", "jcb", "diners", "unionpay", "maestro", "credit", "debit", "cardnumber",
            "creditcard", "kreditkarte", "karte", "tarjeta", "carte", "carta", "cartao", "payment", "cvv", "cvc",
            "expiry", "exp", "billing");

    /** Bytes around the number looked at for its label, its column header and its neighbours. */
    static final int REACH = 768;
    private static final int MIN_SIBLINGS = 4;

    @Override
    public int reach() {
        return REACH;
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        if (ctx == null) {
            return true;
        }
        CharSequence before = ctx.before(REACH);
        CharSequence after = ctx.after(REACH);
        List<String> header = Label.columnHeader(before, after);
        if (header.isEmpty()) {
            if (namesId(Label.nearest(before, 40))) {
                return false;
            }
        } else if (namesId(header)) {
            return false; // in a table the column's header labels the number, not the cell before it
        } else if (namesCard(header)) {
            return true;
        }
        return !inFailingRun(match, before, after);
    }

    static boolean namesId(List<String> words) {
        boolean id = false;
        for (String w : words) {
            if (CARD_WORDS.contains(w)) {
                return false;
            }
            id |= ID_WORDS.contains(w);
        }
        return id || namesIdShifted(words);
    }

    /**
     * The label read through a Caesar-shift view: the decoder shifts the letters of a whole line, so the label before
     * a number it did not change ({@code order_ref} in a line it turned) arrives shifted too. Only words of five
     * letters or more count, which a random word matches under some shift one time in a million.
     */
    private static boolean namesIdShifted(List<String> words) {
        for (int shift = 1; shift < 26; shift++) {
            boolean id = false;
            for (String w : words) {
                String turned = shift(w, shift);
                if (turned.length() >= 4 && CARD_WORDS.contains(turned)) {
                    return false;
                }
                id |= turned.length() >= 5 && ID_WORDS.contains(turned);
            }
            if (id) {
                return true;
            }
        }
        return false;
    }

    private static String shift(String w, int k) {
        StringBuilder b = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < 'a' || c > 'z') {
                return "";
            }
            b.append((char) ('a' + (c - 'a' + k) % 26));
        }
        return b.toString();
    }

    static boolean namesCard(List<String> words) {
        for (String w : words) {
            if (CARD_WORDS.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** At least {@link #MIN_SIBLINGS} other compact numbers of the match's length nearby, most of them failing Luhn. */
    private static boolean inFailingRun(CharSequence match, CharSequence before, CharSequence after) {
        for (int i = 0; i < match.length(); i++) {
            char c = match.charAt(i);
            if (c < '0' || c > '9') {
                return false; // grouped: ids are not printed in groups of four
            }
        }
        int len = match.length();
        int[] counts = new int[2]; // siblings, siblings passing Luhn
        siblings(before, len, counts);
        siblings(after, len, counts);
        return counts[0] >= MIN_SIBLINGS && counts[1] * 2 < counts[0];
    }

    private static void siblings(CharSequence s, int len, int[] counts) {
        int i = 0;
        while (i < s.length()) {
            if (!isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            boolean bounded = (start == 0 || !Character.isLetter(s.charAt(start - 1)))
                    && (i == s.length() || !Character.isLetter(s.charAt(i)));
            if (i - start == len && bounded && start > 0 && i < s.length()) {
                int[] d = Digits.of(s.subSequence(start, i));
                counts[0]++;
                if (d != null && Digits.luhn(d)) {
                    counts[1]++;
                }
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
