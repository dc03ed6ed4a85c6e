package dev.sieve.dlp;

import java.util.List;
import java.util.Map;

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
 * the rest of the view itself. Bounded widths keep Hyperscan's start-of-match and the streamed clean prefix cheap.
 */
final class CodeHints {

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
                description: "Where a view may hold text written as char codes or spaced out."
                patterns:
                  - '(?:[0-9]{1,3}[,; \\t\\r\\n]{1,4}){11}[0-9]{1,3}'
                  - '(?:0[xX][0-9a-fA-F]{1,2}[,; \\t\\r\\n]{1,4}){7}0[xX][0-9a-fA-F]{1,2}'
                  - '[cC][hH][aA]?[rR]\\([0-9]{1,3}\\)'
                  - 'SPACED_WORDS'
                tests:
                  match:
                    - "fromCharCode(103, 104, 112, 95, 97, 98, 99, 100, 101, 102, 103, 104)"
                    - "k = [0x67,0x68,0x70,0x5f,0x61,0x62,0x63,0x64]"
                    - "chr(103) + chr(104)"
                    - "g h p _ a b c d e f g h i j k l"
                    - "x = 'A K I A Q W E R T Y U I O P'"
                    - "p a s s w o r d :   h u n t e r 2"
                  no_match:
                    - "in 2024, 2025 and 2026, 12, 13, 14"
                    - "the quick brown fox jumps over the lazy dog"
                    - "W E L C O M E   T O   T H E   R E L E A S E   R E V I E W"
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

    static final List<Rule> RULES = parse();

    private CodeHints() {
    }

    /**
     * {@link #SPACED_WORDS} spaced out, as one alternation factored by common prefix (a trie: {@code g h (?:p|o|u) _}),
     * YAML single-quoted and regex-escaped. The same words as a flat alternation; factored, java.util.regex (the Java
     * engine tries the branches one by one at every position) compares a third as many first characters.
     */
    private static String spacedWords() {
        java.util.TreeMap<Character, Object> root = new java.util.TreeMap<>();
        for (String word : SPACED_WORDS) {
            java.util.TreeMap<Character, Object> node = root;
            for (int i = 0; i < word.length(); i++) {
                @SuppressWarnings("unchecked")
                java.util.TreeMap<Character, Object> next = (java.util.TreeMap<Character, Object>) node
                        .computeIfAbsent(word.charAt(i), k -> new java.util.TreeMap<Character, Object>());
                node = next;
            }
            node.put(END, END);
        }
        return "(?:" + alternation(root, true) + ") {1,3}[!-~]";
    }

    /** Marks the end of a word in the trie of {@link #spacedWords}. */
    private static final char END = '\0';

    @SuppressWarnings("unchecked")
    private static String alternation(java.util.TreeMap<Character, Object> node, boolean first) {
        List<String> branches = new java.util.ArrayList<>();
        boolean ends = false;
        for (var e : node.entrySet()) {
            if (e.getKey() == END) {
                ends = true;
                continue;
            }
            char c = e.getKey();
            String rest = alternation((java.util.TreeMap<Character, Object>) e.getValue(), false);
            branches.add((first ? "" : " ") + (Character.isLetterOrDigit(c) ? "" : "\\") + c + rest);
        }
        if (branches.isEmpty()) {
            return "";
        }
        String alternatives = branches.size() == 1 ? branches.get(0) : "(?:" + String.join("|", branches) + ")";
        return ends ? (branches.size() == 1 ? "(?:" + alternatives + ")?" : alternatives + "?") : alternatives;
    }

    private static List<Rule> parse() {
        try {
            String yaml = YAML.replace("SPACED_WORDS", spacedWords());
            return RuleSet.parse(Map.of("sieve-internal-hints.yaml", yaml)).rules();
        } catch (RuleLoadException e) {
            throw new IllegalStateException("internal hint rule does not load: " + e.getMessage(), e);
        }
    }
}
