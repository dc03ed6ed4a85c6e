package dev.sieve.dlp.validate;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code phone-person-line}: the phone number's line does not name it as a company's switchboard or department line
 * only. A line whose words are all switchboard or department labels ({@code Switchboard: +44 ...}, {@code Zentrale},
 * {@code Fax}, {@code Customer service}, {@code Accueil}, {@code Centralita}, {@code 代表}, {@code 총무팀}), with at
 * most neutral words beside them ({@code tel}, {@code phone}, {@code no}, {@code ext}, {@code 電話}) and other numbers,
 * holds a company's number, not a person's: a company's contact page of ten such lines is not a list of people. Any
 * other word on the line (a person's name, a city, a note) makes the number count, so a staff list
 * ({@code Anna Roe, Sales, +49 ...}) still counts in full: a department label alone on a line is told apart soundly
 * from a name, a department next to a name or a city is not, and counts.
 *
 * <p>A number alone on its line takes the line above as its label ({@code Zentrale} then the number: a JSON view puts
 * an object's name and value on lines of their own). The line is read within {@value #WINDOW} characters either side
 * of the number (the rule's context window, or its column window, must be at least that before it); a line longer
 * than that counts, and so does a view's last line when no line break ends it. A JSON-escaped line break ({@code \n}) ends a line too. Words are
 * compared lower-case and without accents ({@code Téléphone}, {@code Växel}, {@code Müşteri}).
 */
final class SwitchboardLine implements Validator {

    /** Characters read on each side of the number; the rules' context window must be at least this. */
    static final int WINDOW = 96;

    /** Switchboard and department labels (compared as {@link #fold} leaves them). */
    static final Set<String> LABELS = folded(
            // en
            "switchboard", "main", "reception", "fax", "telefax", "hotline", "helpline", "helpdesk", "help", "desk",
            "customer", "customers", "service", "services", "care", "sales", "support", "office", "headquarters",
            "hq", "general", "enquiries", "inquiries", "information", "info", "operator", "front", "orders",
            "billing", "accounts", "accounting", "finance", "hr", "human", "resources", "press", "media",
            "marketing", "purchasing", "procurement", "logistics", "warehouse", "shipping", "dispatch", "returns",
            "technical", "tech", "it", "legal", "department", "dept", "centre", "center", "contact", "bookings",
            "reservations", "administration", "admin", "facilities", "head", "branch",
            // de
            "zentrale", "vermittlung", "empfang", "rezeption", "kundenservice", "kundendienst", "vertrieb", "verkauf",
            "einkauf", "buchhaltung", "personalabteilung", "presse", "lager", "versand", "technik", "sekretariat",
            "abteilung", "bestellannahme", "auftragsannahme", "kundenbetreuung", "telefonzentrale",
            // fr
            "standard", "accueil", "client", "clients", "clientele", "commercial", "ventes", "comptabilite",
            "facturation", "assistance", "technique", "achats", "direction", "secretariat", "siege", "ressources",
            "humaines", "telecopie", "renseignements", "apres", "vente",
            // es, pt, it
            "centralita", "recepcion", "atencion", "cliente", "ventas", "soporte", "contabilidad", "facturacion",
            "compras", "administracion", "oficina", "oficinas", "central", "almacen", "prensa", "rrhh", "recursos",
            "humanos", "pedidos", "informacion", "atendimento", "recepcao", "vendas", "suporte", "financeiro",
            "sac", "escritorio", "centralino", "vendite", "clienti", "commerciale", "amministrazione", "ufficio",
            "acquisti", "magazzino", "contabilita", "assistenza",
            // nl, pl, sv, tr, cs, ro, el
            "receptie", "klantenservice", "verkoop", "algemeen", "administratie", "inkoop", "magazijn", "centrala",
            "recepcja", "biuro", "obsluga", "obslugi", "klienta", "faks", "sprzedaz", "vaxel", "kundtjanst", "forsaljning", "ekonomi",
            "santral", "musteri", "hizmetleri", "satis", "destek", "muhasebe", "resepsiyon", "cagri", "merkezi",
            "ustredna", "recepce", "podpora", "obchod", "zakaznicka", "linka", "receptie", "vanzari", "suport",
            "relatii", "υποδοχη", "κεντρο", "πωλησεις", "εξυπηρετηση", "πελατων",
            // zh, ja, ko
            "总机", "總機", "代表", "代表电话", "前台", "客服", "客服电话", "客户服务", "销售", "销售部", "售后", "财务", "人事",
            "传真", "傳真", "热线", "熱線", "办公室", "代表電話", "受付", "総務", "総務部", "営業", "営業部", "経理", "窓口",
            "本社", "サポート", "ファックス", "대표", "대표번호", "대표전화", "총무", "총무팀", "고객센터", "영업", "영업팀", "인사팀",
            "팩스", "안내");

    /** Words that may stand beside a label without naming anyone. */
    static final Set<String> NEUTRAL = folded("tel", "telephone", "phone", "ph", "no", "nr", "number", "num", "ext",
            "extension", "line", "the", "and", "of", "for", "de", "du", "des", "la", "le", "el", "der", "die", "das",
            "und", "et", "y", "e", "i", "al", "telefon", "telefono", "telefone", "telefoon", "numero", "nummer",
            "电话", "電話", "전화", "번호", "号码", "號碼", "番号");

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        CharSequence before = ctx.before(WINDOW);
        CharSequence after = ctx.after(WINDOW);
        int from = lineStart(before, before.length());
        int to = lineEnd(after);
        if (from < 0 || to < 0) {
            return true; // the line is longer than what is read: count the number
        }
        Words words = words(utf8(before.subSequence(from, before.length()) + " " + after.subSequence(0, to)));
        if (words == Words.NONE) {
            // a number alone on its line: its label is the line above (a JSON view puts a name and its value on
            // lines of their own: "Zentrale\n+49 30 ...")
            int end = from == 0 ? -1 : from - (before.charAt(from - 1) == '\n' || before.charAt(from - 1) == '\r'
                    ? 1 : 2);
            if (end > 0 && before.charAt(end - 1) == '\r') {
                end--; // CR LF
            }
            int above = end < 0 ? -1 : lineStart(before, end);
            return above < 0 || words(utf8(before.subSequence(above, end).toString())) != Words.LABELS;
        }
        return words != Words.LABELS;
    }

    /**
     * Where the line that ends at {@code end} of {@code before} starts, or -1 if no line start is within it. A line
     * break is {@code \n}, {@code \r} or a JSON-escaped one.
     */
    private static int lineStart(CharSequence before, int end) {
        for (int i = end - 1; i >= 0; i--) {
            char c = before.charAt(i);
            if (c == '\n' || c == '\r') {
                return i + 1;
            }
            if ((c == 'n' || c == 'r') && i > 0 && before.charAt(i - 1) == '\\') {
                return i + 1;
            }
        }
        return before.length() < WINDOW ? 0 : -1;
    }

    /** Where the line that starts {@code after} ends, or -1 if no line break is within it. */
    private static int lineEnd(CharSequence after) {
        for (int i = 0; i < after.length(); i++) {
            char c = after.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
            if (c == '\\' && i + 1 < after.length() && (after.charAt(i + 1) == 'n' || after.charAt(i + 1) == 'r')) {
                return i;
            }
        }
        return -1; // the view's end, or past what is read: a last line without its break counts
    }

    /** The scanned bytes (one char per byte) read as UTF-8. */
    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** What the words of a line are. */
    enum Words {
        /** No words (numbers and punctuation only). */
        NONE,
        /** Labels and neutral words, one label at least. */
        LABELS,
        /** Neutral words only, or any other word. */
        OTHER
    }

    /** What the words of {@code line} are ({@link Words}). */
    static Words words(String line) {
        boolean label = false;
        boolean any = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            int c = line.codePointAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            boolean letters = false;
            while (i < n && Character.isLetterOrDigit(line.codePointAt(i))) {
                letters |= Character.isLetter(line.codePointAt(i));
                i += Character.charCount(line.codePointAt(i));
            }
            if (!letters) {
                continue; // a number: the one validated, another on the line, an extension, a row's index
            }
            any = true;
            String word = fold(line.substring(start, i));
            if (LABELS.contains(word)) {
                label = true;
            } else if (!NEUTRAL.contains(word)) {
                return Words.OTHER;
            }
        }
        return label ? Words.LABELS : any ? Words.OTHER : Words.NONE;
    }

    private static Set<String> folded(String... words) {
        Set<String> out = new HashSet<>();
        for (String w : words) {
            out.add(fold(w));
        }
        return Set.copyOf(out);
    }

    /** Lower case without accents ({@code Växel} -> {@code vaxel}, {@code Müşteri} -> {@code musteri}). */
    static String fold(String word) {
        String s = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            out.append(switch (c) {
                case 'ł' -> 'l';
                case 'ø' -> 'o';
                case 'ı' -> 'i';
                case 'ς' -> 'σ';
                default -> c;
            });
        }
        return out.toString();
    }
}
