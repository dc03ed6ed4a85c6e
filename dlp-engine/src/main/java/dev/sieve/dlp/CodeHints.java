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
 * and indentation before or after it, then a quote before a token character; SQL's {@code 'ghp_' || 'abc'}; a method
 * chain, {@code .append("ghp_").append("abc")}, {@code "ghp_".concat("abc")}), a CDATA section next to another piece
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
 * <p>Two more mark TeX's {@code ^^xx} byte notation (three escapes in a row) and an XML internal DTD's entity
 * declaration ({@code <!ENTITY}); the inspection reads the line in TeX's notation, and the text after the internal
 * subset with its entities expanded (view steps {@code |tex-caret}, {@code |xml-entities}).
 *
 * <p>Four more mark the line shapes of hex and character dumps: {@code xxd} ({@code 00000000: 4749 5448 ...}),
 * {@code hexdump -C} and {@code od -tx1} (an offset, then eight byte pairs), {@code od -c} (an octal offset, then
 * eight cells of four characters); the inspection reads the dump's byte columns across its lines (view step
 * {@code |dump}). One more marks YAML's {@code !!binary} tag; the inspection joins its lines and decodes them
 * ({@code |base64}). Base64 in short lines (8 or 12 characters a line) and {@code od -An -tx1} lines are decoded
 * only where another hint brought the inspection: their hints had no literal and cost a quarter of the scan.
 *
 * <p>The same rule marks text written backwards or in ROT13: the listed words reversed ({@code _phg} for
 * {@code ghp_}) and rotated ({@code tuc_}), literals that cost the scan nothing measurable. The inspection then
 * decodes each line that holds one ({@link #REVERSED_WORDS}, {@link #ROT13_WORDS}; view steps {@code |reversed}
 * and {@code |rot13}).
 *
 * <p>Three more mark Morse (a dot and a dash together, {@code .-} or {@code -.}, then three more letter groups one to
 * three spaces or a {@code /} apart: the literal pair is Hyperscan's anchor, rare outside Morse), four spelled digits or
 * NATO words in a row ({@code four one one one}, {@code sierra kilo underscore lima}; a sentence's number words are
 * rarely four in a row, and the decoder wants eight) and four Braille patterns in a row (UTF-8 {@code E2 A0..A3 xx});
 * the inspection decodes them from there (view steps {@code |morse}, {@code |digit-words}, {@code |nato},
 * {@code |braille}).
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
                description: "Where a view may hold char codes, spaced-out, turned, uu- or xxencoded, Ascii85, 8-bit, octal or U+ text, Morse, spelled words, Braille or TeX ^^xx text, or split literals, CDATA, folded lines or XML entities."
                patterns:
                  - '(?:[0-9]{1,3}[,; \\t\\r\\n]{1,4}){11}[0-9]{1,3}'
                  - '(?:0[xX][0-9a-fA-F]{1,2}[,; \\t\\r\\n]{1,4}){7}0[xX][0-9a-fA-F]{1,2}'
                  - '(?:\\(byte\\) ?0[xX][0-9a-fA-F]{1,2}, ?){7}\\(byte\\)'
                  - '[cC][hH][aA]?[rR]\\([0-9]{1,3}\\)'
                  - 'SPACED_WORDS'
                  - 'SEPARATED_WORDS'
                  - 'WRAPPED_WORDS'
                  - '(?:WRAP_WORDS)[ -~]{0,6}\\r?\\n[ -~]{2,8}\\r?\\n'
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
                  - '[A-Za-z0-9_\\-/+=.]["'']\\)?\\.(?:append|concat)\\(["''][A-Za-z0-9_\\-/+=]'
                  - '[A-Za-z0-9_\\-/+=.]["''] ?\\|\\| ?["''][A-Za-z0-9_\\-/+=]'
                  - '[A-Za-z0-9_\\-/+=.]["'']\\r?\\n[ \\t]{0,64}["''][A-Za-z0-9_\\-/+=]'
                  - '\\]\\]>(?:<!\\[CDATA\\[|[A-Za-z0-9_\\-/+=])'
                  - '[A-Za-z0-9_\\-/+=]<!\\[CDATA\\['
                  - 'BEGIN:VCALENDAR|BEGIN:VCARD|(?:^|\\n)(?:MIME-Version|Message-ID|Subject):'
                  - '"[^"\\r\\n]{1,256}\\\\\\r?\\n[ \\t]{0,64}[!-~]'
                  - '(?:\\.-|-\\.)[.\\-]{0,5}(?: {1,3}| {0,2}/ {0,2})[.\\-]{1,7}(?: {1,3}| {0,2}/ {0,2})[.\\-]{1,7}(?: {1,3}| {0,2}/ {0,2})[.\\-]{1,7}'
                  - '(?i)\\b(?:zero|one|two|three|four|five|six|seven|eight|nine|niner|alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiske?y|x-?ray|yankee|zulu|underscore|dash|hyphen|capital)[ ,\\-]{1,3}(?:zero|one|two|three|four|five|six|seven|eight|nine|niner|alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiske?y|x-?ray|yankee|zulu|underscore|dash|hyphen|capital)[ ,\\-]{1,3}(?:zero|one|two|three|four|five|six|seven|eight|nine|niner|alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiske?y|x-?ray|yankee|zulu|underscore|dash|hyphen|capital)[ ,\\-]{1,3}(?:zero|one|two|three|four|five|six|seven|eight|nine|niner|alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiske?y|x-?ray|yankee|zulu|underscore|dash|hyphen|capital)\\b'
                  - '(?:\\xE2[\\xA0-\\xA3][\\x80-\\xBF]){4}'
                  - '\\^\\^[0-9a-f]{2}\\^\\^[0-9a-f]{2}\\^\\^[0-9a-f]{2}'
                  - '<!ENTITY'
                  - '</(?:span|tspan|b|i|u|s|em|strong|font|code|mark|small|sub|sup|a|tt|kbd|var|ins|del)>[ \\t]{0,3}(?:[-./][ \\t]{0,3})?<(?:span|tspan|b|i|u|s|em|strong|font|code|mark|small|sub|sup|a|tt|kbd|var|ins|del)[ >]'
                  - '</(?:w|a|text):(?:r|t|span)>[ \\t]{0,3}<(?:w|a|text):(?:r|t|span)[ >]'
                  - '(?:ghp_|gho_|ghu_|ghs_|github_pat_|sk-ant-|sk-proj-|sk-svcacct-|sk_live_|rk_live_|xox[bpa]-|xapp-|glpat-|hf_|npm_|AKIA|ASIA)[A-Za-z0-9_\\-]{0,150}\\r?\\n[A-Za-z0-9_\\-]{4}'
                  - 'eyJ[A-Za-z0-9_.\\-]{8,150}\\r?\\n[A-Za-z0-9_.\\-]{20}'
                  - '"(?:text_delta|input_json_delta|thinking_delta|response\\.output_text\\.delta|response\\.function_call_arguments\\.delta)"|"delta": ?\\{"(?:content|tool_calls)"'
                  - '\\| [^|\\r\\n]{1,12} \\| [^|\\r\\n]{1,12} \\| [^|\\r\\n]{1,12} \\| [^|\\r\\n]{1,12} \\|'
                  - '(?i)(?:\\bconcat(?:_ws)?\\([ \\t]{0,4}|\\bimplode\\([ \\t]{0,4}|\\]\\.join\\(|[''"][''"]\\.join\\()[''"\\[(]'
                  - '\\\\''[0-9a-fA-F]{2}\\\\''[0-9a-fA-F]{2}\\\\''[0-9a-fA-F]{2}'
                  - '\\\\char["'']?[0-9A-Fa-f]{1,6}(?:\\{\\}| )?\\\\char'
                  - '\\\\U[0-9A-Fa-f]{8}\\\\U[0-9A-Fa-f]{8}'
                  - 'ROT47_WORDS'
                  - '[A-Za-z_]1 ?:?= ?["''][^"''\\r\\n]{2,32}["''];?[ \\t]{0,4}\\r?\\n[^\\r\\n]{0,48}[A-Za-z_]2 ?:?= ?["'']'
                  - '(?:[ -}]~){8}[ -}]'
                  - '(?:[ -)+-~]\\*){8}[ -)+-~]'
                  - '(?i)\\b(?:cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)[ ,\\-]{1,3}(?:cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)[ ,\\-]{1,3}(?:cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)[ ,\\-]{1,3}(?:cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)\\b'
                  - '0000000[0-9a-fA-F]: [0-9a-fA-F]{2,8} [0-9a-fA-F]{2,8} [0-9a-fA-F]{2,8} [0-9a-fA-F]{2,8} '
                  - '0000000[0-9a-fA-F]?  ?(?:[0-9a-fA-F]{2} ){7}[0-9a-fA-F]{2}'
                  - '0000000 {1,4}(?:[!-~]| ?\\\\[0abfnrtv]| ?[0-7]{3})(?: {3}[ -~]| {2}\\\\[0abfnrtv]| [0-7]{3}){7}'
                  - '!!binary'
                  - '"type": ?"(?:match|context)"'
                  - '<(?:pre|PRE|table|TABLE)[ >\\t\\n]'
                  - '</(?:span|div|td|li|code)>\\r?\\n[ \\t]{0,16}<(?:span|div|td|tr|li|code)[ >]'
                tests:
                  match:
                    - "fromCharCode(103, 104, 112, 95, 97, 98, 99, 100, 101, 102, 103, 104)"
                    - "k = [0x67,0x68,0x70,0x5f,0x61,0x62,0x63,0x64]"
                    - "new byte[]{(byte)0x1f, (byte)0x8b, (byte)0x08, (byte)0x00, (byte)0x00, (byte)0x00, (byte)0x00, (byte)0x00}"
                    - "chr(103) + chr(104)"
                    - "new StringBuilder().append(\\"ghp_\\").append(\\"abc\\")"
                    - "SELECT 'ghp_' || 'abc'"
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
                    - ".--. .- ... ... .-- --- .-. -.. -...- .... ..- -. - . .-. ..---"
                    - "four one one one, one one one one"
                    - "Sierra Kilo underscore Lima India Victor Echo"
                    - "\\u2873\\u286b\\u285f\\u286c\\u2869"
                    - "s.s.n. .1.2.3"
                    - "Token: ^^73^^6b^^5f^^6c"
                    - "<!DOCTYPE c [<!ENTITY p \\"a\\">]>"
                    - "<p><span>SLA</span><span>CK_</span></p>"
                    - "SSN: <span>072</span>-<span>59</span>-<span>8155</span>"
                    - "<text><tspan>aws_</tspan> <tspan>acce</tspan></text>"
                    - "<w:r><w:t>CONFID</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ENTIAL</w:t></w:r>"
                    - "<text:span>gh</text:span><text:span>p_</text:span>"
                    - "WARN auth: using credential ghp_lsJ7JMfFMiaJLYNY\\npxCJ8YsT9sC21E0qOrK1 for upstream"
                    - "data: {\\"type\\":\\"content_block_delta\\",\\"index\\":0,\\"delta\\":{\\"type\\":\\"text_delta\\",\\"text\\":\\"gh\\"}}"
                    - "data: {\\"choices\\":[{\\"delta\\":{\\"content\\":\\"sk\\"}}]}"
                    - "| ANTH | ROPI | C_AP | I_KE |"
                    - "SELECT CONCAT('ghp_', 'abc')"
                    - "const v = ['ghp_', 'abc'].join('')"
                    - "v = ''.join(['ghp_', 'abc'])"
                    - "{\\\\rtf1 \\\\'73\\\\'6b\\\\'5f\\\\'6c}"
                    - "\\\\char\\"73{}\\\\char\\"6B{}"
                    - "s = \\"\\\\U00000073\\\\U0000006B\\""
                    - "2HD02446DD0<6J0:5 l pzxp"
                    - "siete cuatro nueve - tres uno"
                    - "export PART_1=\\"GOOGLE\\"\\nexport PART_2=\\"_MAPS_\\""
                    - "C~a~r~d~ ~n~u~m~b"
                    - "00000000: 4749 5448 5542 5f54 4f4b 454e 3d67 6870  GITHUB_TOKEN=ghp"
                    - "00000000  61 77 73 5f 61 63 63 65  73 73 5f 6b 65 79 5f 69  |aws_access_key_i|"
                    - "0000000   s   k   _   l   i   v   e   _   4   e   C   3   9   H   q   L"
                    - "data: !!binary |\\n  c2tfbGl2ZV80ZUMzOUhxTHlqV0Rhcmp0VDF6ZHA3ZGM="
                    - "jwt = \\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx\\nMDAzIiwiZW1haWwiOiJjaGVuQGFjbWUt\\""
                    - "{\\"type\\":\\"context\\",\\"data\\":{\\"lines\\":{\\"text\\":\\"x\\\\n\\"}}}"
                    - "<div class=\\"highlight\\"><pre><span></span>x</pre></div>"
                    - "<span class=\\"line\\">a</span>\\n<span class=\\"line\\">b</span>"
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
                    - "commit 3f2a1b4: fix the build (see PR 1234 and 5678)"
                    - "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  file.txt"
                    - "role\\nuser\\ntype\\ntext\\nrole\\nuser"
                    - "access_token\\neyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx.c2ln\\nexpires_in\\n3600"
                    - "-- . -- . -- ."
                    - "one or two of the three services"
                    - "the delta between echo and the hotel"
                    - "\\u2813\\u2801 x"
                    - "\\\\catcode`\\\\^^M=13 and caf^^e9"
                    - "<p><span>one</span> and <b>two</b></p>"
                    - "<p><span>one</span>, <b>two</b></p>"
                    - "<w:p><w:r><w:t>one</w:t></w:r></w:p><w:p><w:r><w:t>two</w:t></w:r></w:p>"
                    - "{\\"type\\":\\"message_delta\\",\\"delta\\":{\\"stop_reason\\":\\"end_turn\\"}}"
                    - "| name | value |"
                    - "SELECT CONCAT(first_name, ' ', last_name)"
                    - "parts.join(', ')"
                    - "{\\\\rtf1 caf\\\\'e9}"
                    - "uno, dos, tres y cuatro"
                    - "HOST1=db.internal PORT=5432"
                    - "~/src/app and ~/.config"
                    - "{\\"type\\": \\"text\\", \\"text\\": \\"no match here\\"}"
                    - "<span>one</span>\\n\\n<p>two</p>"
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
            "http://", "postgres", "mysql://", "mongodb", "redis://", "SSN:", "ssn:", "Card", "CARD");

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

    /**
     * Words whose Caesar-shifted and Atbash forms are hints: vendor prefixes and the keywords a secret comes with,
     * each of four or more characters (a three-letter word shifted 24 ways is everyday text somewhere). A Caesar shift
     * by any k (ROT13 aside, above) brute-forced through the whole pack would cost 24 scans of every view; instead the
     * scan looks for these words under each shift and Atbash (some 900 literals, which cost it nothing measurable:
     * {@code CodeHintsTest}, {@code GraphCost}), and only the line that holds one is decoded with that shift.
     */
    static final List<String> SHIFTED_WORDS = List.of("ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-",
            "sk_live_", "sk_test_", "rk_live_", "sk-ant-", "sk-proj-", "xoxb-", "xoxp-", "xapp-", "AKIA", "ASIA", "AIza",
            "GOCSPX-", "npm_", "pypi-", "dop_v1_", "shpat_", "glsa_", "dckr_pat_", "whsec_", "-----BEGIN", "eyJhbGci",
            "eyJ0eXAi", "password", "passwd", "PASSWORD", "Password", "secret", "SECRET", "Secret", "api_key", "apikey",
            "api-key", "API_KEY", "token", "Token", "TOKEN", "Bearer", "private", "credential", "ssn:", "SSN:",
            "social security", "mnemonic", "AccountKey", "Card number", "card number", "CARD NUMBER", "postgres://",
            "DATABASE_URL");

    /** How far each Caesar form is shifted, by form: the shift that turned a word into it (1 to 25, not 13). */
    public static final Map<String, Integer> CAESAR_SHIFTS = caesarForms();

    /** {@link #SHIFTED_WORDS} in Atbash ({@code a} for {@code z}): hints like the Caesar forms. */
    public static final List<String> ATBASH_WORDS = SHIFTED_WORDS.stream().map(CodeHints::atbash)
            .filter(form -> !CAESAR_SHIFTS.containsKey(form)).distinct().toList();

    /**
     * The ROT47 forms (every printable ASCII character but the blank rotated by 47) of {@link #SHIFTED_WORDS} and a few
     * labels, that are hints: forms with two or more characters that are no letter or digit, or one in six or more
     * characters ({@code ghp_} is {@code 89A0}, everyday hex; {@code secret} is {@code D64C6E}). A form with a
     * {@code '} is left out (the hint's YAML quotes with it). The inspection rotates back each line that holds one
     * (view step {@code |rot47}).
     */
    public static final List<String> ROT47_WORDS = Stream.concat(SHIFTED_WORDS.stream(),
                    Stream.of("aws_access_key", "aws_secret", "SSN: ", "Cardholder", "_KEY=", "_TOKEN=", "_SECRET="))
            .map(CodeHints::rot47).filter(CodeHints::rot47Hint).distinct().toList();

    private static boolean rot47Hint(String form) {
        long marks = form.chars().filter(c -> !Character.isLetterOrDigit(c) && c != ' ').count();
        return form.indexOf('\'') < 0 && form.length() >= 4 && (marks >= 2 || marks >= 1 && form.length() >= 6);
    }

    /** {@code s} in ROT47 (its own inverse). */
    public static String rot47(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.chars().forEach(c -> out.append((char) rot47(c)));
        return out.toString();
    }

    /** The character {@code c} rotated by 47 among {@code !} to {@code ~} if it is one of them, else {@code c}. */
    public static int rot47(int c) {
        return c >= '!' && c <= '~' ? '!' + (c - '!' + 47) % 94 : c;
    }

    /** {@code s} with its ASCII letters shifted {@code k} places on ({@code k} may be negative). */
    public static String caesar(String s, int k) {
        StringBuilder out = new StringBuilder(s.length());
        s.chars().forEach(c -> out.append((char) caesar(c, k)));
        return out.toString();
    }

    /** The character {@code c} shifted {@code k} places on if it is an ASCII letter, else {@code c}. */
    public static int caesar(int c, int k) {
        int n = Math.floorMod(k, 26);
        if (c >= 'a' && c <= 'z') {
            return 'a' + (c - 'a' + n) % 26;
        }
        return c >= 'A' && c <= 'Z' ? 'A' + (c - 'A' + n) % 26 : c;
    }

    /** {@code s} in Atbash (its own inverse). */
    public static String atbash(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.chars().forEach(c -> out.append((char) atbash(c)));
        return out.toString();
    }

    /** The ASCII letter {@code c} mirrored in the alphabet ({@code a}-{@code z}, {@code b}-{@code y}), else {@code c}. */
    public static int atbash(int c) {
        if (c >= 'a' && c <= 'z') {
            return 'z' - (c - 'a');
        }
        return c >= 'A' && c <= 'Z' ? 'Z' - (c - 'A') : c;
    }

    private static Map<String, Integer> caesarForms() {
        Map<String, Integer> forms = new java.util.LinkedHashMap<>();
        for (int k = 1; k < 26; k++) {
            if (k == 13) {
                continue; // ROT13_WORDS
            }
            for (String word : SHIFTED_WORDS) {
                String form = caesar(word, k);
                if (!form.equals(word) && !EVERYDAY.contains(form) && !ROT13_WORDS.contains(form)
                        && !REVERSED_WORDS.contains(form)) {
                    forms.putIfAbsent(form, k);
                }
            }
        }
        return java.util.Collections.unmodifiableMap(forms);
    }

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

    /**
     * Separators written between the characters of a word ({@code s.k._.l.i.v.e}, {@code s, k, _}, one a line):
     * each is a pattern of its own whose separators are literals (a character class between the letters would leave
     * Hyperscan no literal to look for). The space has {@link #spacedWords}. A listed word of three or more
     * characters with one of these after each character, and one more character, is a hint ({@code s.s.n. .1}: a
     * blank is a character of the run too, the one after a keyword); {@code e.g.} and {@code U.S.A.} are no listed
     * word.
     */
    public static final List<String> SEPARATORS = List.of(".", "-", "_", ",", ", ", "|", "/", ":", ";", "*", "+", "~", "\t",
            "\n", "\r\n", " . ", " - ", " | ");

    /** {@link #SPACED_WORDS} of three or more characters, one of {@link #SEPARATORS} after each character. */
    private static String separatedWords() {
        TreeMap<Character, Object> root = trie(SPACED_WORDS.stream().filter(w -> w.length() >= 3).toList());
        List<String> patterns = new ArrayList<>();
        for (String separator : SEPARATORS) {
            StringBuilder gap = new StringBuilder();
            for (char c : separator.toCharArray()) {
                gap.append(switch (c) {
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case ' ' -> " ";
                    default -> "\\" + c;
                });
            }
            patterns.add("(?:" + alternation(root, true, gap.toString()) + ")" + gap + "[ -~]");
        }
        return String.join("'\n      - '", patterns); // the YAML's indentation of a pattern
    }

    /**
     * Words a value wrapped every few characters ({@code sk_l\nive_\nDZ2x}: the same width N, 2 to 8, on every line)
     * starts with or comes after: vendor prefixes and keywords of four or more characters. Their wrapped forms (the
     * word with a line break after every N columns, starting at any column) are literal hints; a word that fits its
     * line whole is found by the pattern {@code WRAP_WORDS} then a short line and another.
     */
    public static final List<String> WRAP_WORDS = List.of("ghp_", "gho_", "github_pat_", "glpat-", "sk_live_", "sk_test_",
            "rk_live_", "sk-ant-", "sk-proj-", "xoxb-", "xoxp-", "xapp-", "AKIA", "ASIA", "AIza", "GOCSPX-", "npm_",
            "pypi-", "dop_v1_", "shpat_", "glsa_", "dckr_pat_", "whsec_", "-----BEGIN", "eyJhbGci", "eyJ0eXAi",
            "password", "passwd", "PASSWORD", "Password", "secret", "SECRET", "api_key", "apikey", "api-key", "API_KEY",
            "Bearer", "ssn:", "SSN:", "ssn ", "SSN ");

    /** Widest wrapped line looked for: wider wrapping keeps a prefix or keyword whole on its line. */
    public static final int MAX_WRAP = 8;

    /** A line break in a {@link #wrappedWords} form, before it is written as {@code \r?\n}. */
    private static final char BREAK = '\u0001';

    /** {@link #WRAP_WORDS} with a line break after every N columns (2 to {@link #MAX_WRAP}) from any start column. */
    private static String wrappedWords() {
        Set<String> forms = new LinkedHashSet<>();
        for (String word : WRAP_WORDS) {
            for (int width = 2; width <= MAX_WRAP; width++) {
                for (int column = 0; column < width; column++) {
                    if (column + word.length() <= width) {
                        continue; // fits its line whole
                    }
                    StringBuilder form = new StringBuilder();
                    for (int k = 0; k < word.length(); k++) {
                        if (k > 0 && (column + k) % width == 0) {
                            form.append(BREAK);
                        }
                        form.append(word.charAt(k));
                    }
                    forms.add(form.toString());
                }
            }
        }
        return alternation(trie(List.copyOf(forms)), true, "").replace("\\" + BREAK, "\\r?\\n");
    }

    /** {@link #WRAP_WORDS} as one alternation. */
    private static String wrapWords() {
        return alternation(trie(WRAP_WORDS), true, "");
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

    /** The hint rule; initialised after every list it is made of. */
    static final List<Rule> RULES = parse();

    private static List<Rule> parse() {
        try {
            String yaml = YAML.replace("SEPARATED_WORDS", separatedWords()).replace("WRAPPED_WORDS", wrappedWords())
                    .replace("WRAP_WORDS", wrapWords()).replace("SPACED_WORDS", spacedWords())
                    .replace("TURNED_WORDS", turnedWords(Stream.of(REVERSED_WORDS.stream(), ROT13_WORDS.stream(),
                            CAESAR_SHIFTS.keySet().stream(), ATBASH_WORDS.stream()).flatMap(w -> w).toList()))
                    .replace("ROT47_WORDS", turnedWords(ROT47_WORDS));
            return RuleSet.parse(Map.of("sieve-internal-hints.yaml", yaml)).rules();
        } catch (RuleLoadException e) {
            throw new IllegalStateException("internal hint rule does not load: " + e.getMessage(), e);
        }
    }
}
