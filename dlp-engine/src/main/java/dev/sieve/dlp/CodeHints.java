package dev.sieve.dlp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Internal patterns every compiled rule set carries after its own rules: the shapes of text written as character
 * codes ({@code String.fromCharCode(103, 104, ...)}, {@code bytes([...])}, {@code {0x67, 0x68, ...}},
 * {@code chr(103) + chr(104)}, SQL {@code CHAR(103)}) and of spaced-out text ({@code g h p _ 1 2 3}). They are no
 * rule: a session reports where the first match of this rule lies ({@link ScanSession#codeHint()}), never as a
 * finding, and the inspection decodes the view from there (view steps {@code |char-codes} and {@code |spaced}).
 *
 * <p>Why in the scan and not in the decoding graph's own pass ({@code Candidates}): testing every number and every
 * space of every text for these shapes cost that pass 5-9 % of its throughput on agent JSON, while the scan, which
 * reads every byte anyway, finds them for almost nothing. Only the first match counts: after it the pattern is no
 * longer searched (a long list of small numbers would otherwise be confirmed number by number), and the decoder reads
 * the rest of the view itself. Bounded widths keep the streamed clean prefix cheap.
 *
 * <p>More mark texts that split a value for {@code Joins} to join: adjacent string literals ({@code "ghp_" + "abc"},
 * {@code 'ghp_' . 'abc'}, {@code 'ghp_' .. 'abc'}, {@code "ghp_" "abc"}, {@code "ghp_""abc"}: a quote after a token
 * character, an optional {@code +}, {@code .} or {@code ..} with at most one space on either side, or a line break
 * and indentation before or after it, then a quote before a token character), a CDATA section next to another piece
 * of character data, and the start of an iCalendar or vCard object or of a mail header (folded lines). Ordinary code
 * ({@code "Hello, " + name}) and argument lists ({@code 'a', 'b'}) do not match. One pattern for all the literal
 * forms ({@code ["'][ \t]{0,8}...}) cost the scan of agent JSON 5 %: none of its bytes is a literal Hyperscan can
 * look for; split into five whose quotes, operator and single spaces are literals, they cost nothing measurable.
 * Wider gaps ({@code "a"   +   "b"}) are joined only when another hint brought the inspection there. A first literal
 * longer than {@link #LOOKBACK} bytes is not read whole (the inspection reads from that far before the hint).
 *
 * <p>Two more mark uu- or xxencoded blocks ({@code begin 644 NAME} and an encoded line) and Adobe Ascii85 ({@code <~}
 * and ten Ascii85 characters); three more 8-bit groups ({@code 01110011 01101011 ...}, or 32 bits in a row) and
 * {@code U+0073 U+006B} lists. Octal byte dumps ({@code 163 153 137}, {@code od -b}) are lists of short numbers the
 * char-code hint finds. The inspection decodes them from there (view steps {@code |uuencode}, {@code |xxencode},
 * {@code |ascii85}, {@code |bits}, {@code |octal}, {@code |code-points}).
 *
 * <p>The same rule marks text written backwards or in ROT13: the listed words reversed ({@code _phg} for
 * {@code ghp_}) and rotated ({@code tuc_}), literals that cost the scan nothing measurable. The inspection then
 * decodes each line that holds one ({@link #REVERSED_WORDS}, {@link #ROT13_WORDS}; view steps {@code |reversed}
 * and {@code |rot13}).
 */
public final class CodeHints {

    /**
     * How far before a hint what it points at may start: the inspection reads from there ({@code Views.decodeCodes}),
     * and a streamed body's clean prefix stops there ({@link ScanSession#firstOpenStart}).
     */
    public static final int LOOKBACK = 256;

    /** The hint rule's id; {@link PatternTable} refuses a rule set that has a rule of its own with it. */
    static final String ID = "sieve.internal.code-hint";

    /** Fewer char codes than the graph decodes ({@code Candidates.MIN_RUN}): the hint is only where to look. */
    private static final String YAML = """
            rules:
              - id: sieve.internal.code-hint
                name: Char codes or spaced-out text (internal hint, never a finding)
                category: credential
                severity: low
                action: log
                description: "Where a view may hold char codes, spaced-out, turned, uu- or xxencoded, Ascii85, 8-bit, octal or U+ text, or split literals, CDATA or folded lines."
                patterns:
                  - '(?:[0-9]{1,3}[,; \\t\\r\\n]{1,4}){11}[0-9]{1,3}'
                  - '(?:0[xX][0-9a-fA-F]{1,2}[,; \\t\\r\\n]{1,4}){7}0[xX][0-9a-fA-F]{1,2}'
                  - '[cC][hH][aA]?[rR]\\([0-9]{1,3}\\)'
                  - 'SPACED_WORDS'
                  - 'TURNED_WORDS'
                  - 'begin[ \\t]{1,4}[0-7]{3,4}[ \\t]{1,4}[^\\r\\n]{1,128}\\r?\\n[!-z]'
                  - '[01]{8}[ ,;]{1,2}[01]{8}[ ,;]{1,2}[01]{8}[ ,;]{1,2}[01]{8}'
                  - '[01]{32}'
                  - '[Uu]\\+[0-9A-Fa-f]{4,6}[ ,;]{0,3}[Uu]\\+[0-9A-Fa-f]{4,6}'
                  - '<~[!-uz \\t\\r\\n]{10}'
                  - '[A-Za-z0-9_\\-/+=.]["''] ?(?:\\+|\\.\\.?) ?["''][A-Za-z0-9_\\-/+=]'
                  - '[A-Za-z0-9_\\-/+=.]["''] ?(?:\\+|\\.\\.?)\\r?\\n[ \\t]{0,64}["''][A-Za-z0-9_\\-/+=]'
                  - '[A-Za-z0-9_\\-/+=.]["'']\\r?\\n[ \\t]{0,64}(?:\\+|\\.\\.?) ?["''][A-Za-z0-9_\\-/+=]'
                  - '[A-Za-z0-9_\\-/+=.]["''] ?["''][A-Za-z0-9_\\-/+=]'
                  - '[A-Za-z0-9_\\-/+=.]["'']\\r?\\n[ \\t]{0,64}["''][A-Za-z0-9_\\-/+=]'
                  - '\\]\\]>(?:<!\\[CDATA\\[|[A-Za-z0-9_\\-/+=])'
                  - '[A-Za-z0-9_\\-/+=]<!\\[CDATA\\['
                  - 'BEGIN:VCALENDAR|BEGIN:VCARD|(?:^|\\n)(?:MIME-Version|Message-ID|Subject):'
                tests:
                  match:
                    - "fromCharCode(103, 104, 112, 95, 97, 98, 99, 100, 101, 102, 103, 104)"
                    - "k = [0x67,0x68,0x70,0x5f,0x61,0x62,0x63,0x64]"
                    - "chr(103) + chr(104)"
                    - "g h p _ a b c d e f g h i j k l"
                    - "x = 'A K I A Q W E R T Y U I O P'"
                    - "p a s s w o r d :   h u n t e r 2"
                    - "tuc_n1o2p3q4r5s6t7u8i9w0k1y2z3a4b5p6q7r8"
                    - "8r7q6p5b4a3z2y1k0w9i8u7t6s5r4q3p2o1n_phg"
                    - "begin 644 secrets.env\\nM4TQ!0TM?0D]47U1/2T5./7AO>&(M"
                    - "<~9jqo^BlbD-BleB1DJ+*+F(f,q~>"
                    - "begin 644 k.txt\\nhNalVRK"
                    - "01110011 01101011 01011111 01101100"
                    - "0111001101101011010111110110110001101001"
                    - "U+0073 U+006B U+005F"
                    - "163 153 137 154 151 166 145 137 064 145 103 063"
                    - "t = \\"sk_live_\\" + \\"4eC39HqLyjWDarjtT1zdp7dc\\""
                    - "t = 'ghp_' . 'abc'"
                    - "t = ('ghp_'\\n     'abc')"
                    - "<v><![CDATA[ghp_]]><![CDATA[abc]]></v>"
                    - "BEGIN:VCALENDAR\\r\\nDESCRIPTION:x"
                  no_match:
                    - "in 2024, 2025 and 2026, 12, 13, 14"
                    - "the quick brown fox jumps over the lazy dog"
                    - "W E L C O M E   T O   T H E   R E L E A S E   R E V I E W"
                    - "begin 644 is a file mode, and so is 0644"
                    - "a <~ b ~> c"
                    - "flags 0101 and 1100 and 10"
                    - "U+0041 is A"
                    - "greeting = \\"Hello, \\" + name + \\"!\\""
                    - "print('a', 'b')"
                    - "<v><![CDATA[if (a < b) return;]]></v>"
            """;

    /**
     * Words whose spaced-out form ({@code g h p _}) is a hint: the prefixes of the vendor tokens in the pack and the
     * keywords a spaced-out password, secret or identity number comes with. A hint for spaced-out text in general
     * ({@code (?:[!-~] ){15}}) would be simpler, but no byte can start it that Hyperscan may skip, and it cost the
     * scan 15 % on agent JSON; these literals cost it nothing measurable. Spaced-out digits (a card number) are
     * found through the number hint. Kept in step with the pack by {@code CodeHintsTest}.
     */
    static final List<String> SPACED_WORDS = List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
            "glpat-", "glrt-", "gldt-", "glptt-", "sk-", "sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_",
            "xoxb-", "xoxp-", "xoxa-", "xoxe-", "xoxs-", "xapp-", "AKIA", "ASIA", "AIza", "ya29.", "GOCSPX-",
            "dop_v1_", "doo_v1_", "dor_v1_", "npm_", "pypi-", "hf_", "SG.", "hvs.", "hvb.", "dapi", "shpat_",
            "shpss_", "shpca_", "shppa_", "glsa_", "glc_", "sq0atp-", "sq0csp-", "EAAA", "AC", "SK", "key-",
            "xkeysib-", "pat", "lin_api_", "ntn_", "secret_", "dckr_pat_", "atlasv1", "ops_", "figd_", "-----BEGIN",
            "eyJ", "ssh-", "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key", "key",
            "ssn", "SSN", "iban", "IBAN", "card", "PASSWORD", "SECRET", "TOKEN", "KEY", "://", "Bearer", "bearer",
            "Authorization", "authorization", "xprv", "yprv", "zprv", "tprv", "WIF", "wif", "seed", "mnemonic", "kty",
            "sig", "AccountKey", "SharedAccessKey", "hooks", "PRIVATE", "private", "credential", "auth", "login");

    /**
     * Words whose turned forms are hints besides {@link #SPACED_WORDS}': where a listed word is too short to turn
     * ({@code sk-}, {@code ://}, {@code KEY}), a longer one that comes with it. Not spaced-out hints: there the short
     * words serve, and each spaced word costs the scan (these ten cost it 30 % on agent JSON).
     */
    static final List<String> TURNED_ONLY_WORDS = List.of("sk-ant-", "sk-proj-", "sk-svcacct-", "API_KEY", "https://",
            "http://", "postgres", "mysql://", "mongodb", "redis://");

    /** Turned forms that are everyday words ({@code dapi} reversed), declared before the lists made with it. */
    private static final Set<String> EVERYDAY = Set.of("ipad");

    /**
     * The {@link #SPACED_WORDS} and {@link #TURNED_ONLY_WORDS} written backwards ({@code _phg} for {@code ghp_}) that
     * are a hint, and {@link #ROT13_WORDS} the same in ROT13 ({@code tuc_}): forms of four or more characters, three
     * of them different, that are no everyday word. Shorter forms ({@code yek}) are everyday text, {@code AAAE}
     * everyday base64 and {@code ipad} ({@code dapi} reversed) an everyday word. A form equal to its word
     * ({@code ://} in ROT13) is none.
     */
    public static final List<String> REVERSED_WORDS = turned(w -> new StringBuilder(w).reverse().toString());

    /** See {@link #REVERSED_WORDS}. */
    public static final List<String> ROT13_WORDS = turned(CodeHints::rot13);

    static final List<Rule> RULES = parse();

    /** {@code s} with its ASCII letters rotated by 13 (ROT13 is its own inverse). */
    public static String rot13(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.chars().forEach(c -> out.append((char) rot13(c)));
        return out.toString();
    }

    /** The character {@code c} rotated by 13 if it is an ASCII letter, else {@code c}. */
    public static int rot13(int c) {
        if (c >= 'a' && c <= 'z') {
            return 'a' + (c - 'a' + 13) % 26;
        }
        return c >= 'A' && c <= 'Z' ? 'A' + (c - 'A' + 13) % 26 : c;
    }

    private static List<String> turned(UnaryOperator<String> turn) {
        Set<String> forms = new LinkedHashSet<>();
        for (String word : Stream.concat(SPACED_WORDS.stream(), TURNED_ONLY_WORDS.stream()).toList()) {
            String form = turn.apply(word);
            if (!form.equals(word) && form.length() >= 4 && form.chars().distinct().count() >= 3
                    && !EVERYDAY.contains(form)) {
                forms.add(form);
            }
        }
        return List.copyOf(forms);
    }

    private CodeHints() {
    }

    /**
     * {@link #SPACED_WORDS} spaced out, as one alternation factored by common prefix (a trie: {@code g h (?:p|o|u) _}),
     * YAML single-quoted and regex-escaped. The same words as a flat alternation; factored, java.util.regex (the Java
     * engine tries the branches one by one at every position) compares a third as many first characters.
     */
    private static String spacedWords() {
        TreeMap<Character, Object> root = trie(SPACED_WORDS);
        return "(?:" + alternation(root, true, " ") + ") {1,3}[!-~]";
    }

    /** {@code words} as one alternation factored by common prefix, YAML single-quoted and regex-escaped. */
    private static String turnedWords(List<String> words) {
        return alternation(trie(words), true, "");
    }

    private static TreeMap<Character, Object> trie(List<String> words) {
        TreeMap<Character, Object> root = new TreeMap<>();
        for (String word : words) {
            TreeMap<Character, Object> node = root;
            for (int i = 0; i < word.length(); i++) {
                @SuppressWarnings("unchecked")
                TreeMap<Character, Object> next = (TreeMap<Character, Object>) node
                        .computeIfAbsent(word.charAt(i), k -> new TreeMap<Character, Object>());
                node = next;
            }
            node.put(END, END);
        }
        return root;
    }

    /** Marks the end of a word in a {@link #trie}. */
    private static final char END = '\0';

    @SuppressWarnings("unchecked")
    private static String alternation(TreeMap<Character, Object> node, boolean first, String gap) {
        List<String> branches = new ArrayList<>();
        boolean ends = false;
        for (var e : node.entrySet()) {
            if (e.getKey() == END) {
                ends = true;
                continue;
            }
            char c = e.getKey();
            String rest = alternation((TreeMap<Character, Object>) e.getValue(), false, gap);
            branches.add((first ? "" : gap) + (Character.isLetterOrDigit(c) ? "" : "\\") + c + rest);
        }
        if (branches.isEmpty()) {
            return "";
        }
        String alternatives = branches.size() == 1 ? branches.get(0) : "(?:" + String.join("|", branches) + ")";
        return ends ? (branches.size() == 1 ? "(?:" + alternatives + ")?" : alternatives + "?") : alternatives;
    }

    private static List<Rule> parse() {
        try {
            String yaml = YAML.replace("SPACED_WORDS", spacedWords())
                    .replace("TURNED_WORDS", turnedWords(Stream.concat(REVERSED_WORDS.stream(),
                            ROT13_WORDS.stream()).toList()));
            return RuleSet.parse(Map.of("sieve-internal-hints.yaml", yaml)).rules();
        } catch (RuleLoadException e) {
            throw new IllegalStateException("internal hint rule does not load: " + e.getMessage(), e);
        }
    }
}
