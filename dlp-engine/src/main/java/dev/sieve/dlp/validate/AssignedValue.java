package dev.sieve.dlp.validate;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code assignment-value {form: assignment|userinfo, min_length: N, min_entropy: bits}}: the value a secret-like
 * label is assigned (or the password of a URL's userinfo) looks like a real secret, not a placeholder, a template or a
 * reference to somewhere else.
 *
 * <p>Where the value is:
 * <ul>
 *   <li>{@code assignment} (default): the match is {@code KEY [quote] [op] [quote] VALUE [quote]}; {@code KEY} is a
 *   run of {@code [A-Za-z0-9_.-]} (so {@code --api-key} and {@code DB_PASSWORD}), {@code op} one of {@code :=},
 *   {@code =>}, {@code =}, {@code :} or blanks alone ({@code --password x}) or one line break (a JSON body is
 *   scanned as its names and values, one per line); a short flag glued to its value
 *   ({@code -pVALUE}) counts as {@code -p} then the value; a match that starts with {@code -u USER} or
 *   {@code sshpass} and holds {@code -p} (a registry login's or sshpass's password flag) has its value after that
 *   flag; a match that starts with {@code echo} or {@code printf} has it in the first argument (a password piped
 *   into {@code --password-stdin}); a name/value pair ({@code "DB_PASSWORD", "value": "v"}, a {@code value:} line
 *   after the name, CloudFormation's {@code ParameterKey=DbPassword,ParameterValue=v}) has it after the value key; a .netrc entry ({@code machine HOST login USER password VALUE}) has it after its last {@code password}
 *   token, and a Terraform variable ({@code variable "NAME" { ... default = "VALUE" }}) after its last
 *   {@code default =}, the variable's name being the key; a match that starts with a {@link #PASSWORD_COMMANDS}
 *   word ({@code redis-cli -a VALUE}, {@code htpasswd -b FILE USER VALUE}, {@code net use \\HOST\SHARE VALUE},
 *   {@code smbclient -U USER%VALUE}) has it in its last argument.</li>
 *   <li>{@code cell}: the match is a table cell's text (the blank, quote, delimiter or line break after it allowed)
 *   and must be a whole cell: after a delimiter ({@code , ; | tab}), a line break or the start of the text, and
 *   before one or the end of the text, blanks and a quote between them allowed. The column it belongs to is the
 *   rule's {@code context.columns}' business.</li>
 *   <li>{@code prose}: the match is a sentence that gives a password ({@code the password is VALUE}, {@code pass
 *   `VALUE`}): the value is its last word, and must look made (a letter, a digit and a symbol, or 12+ characters of
 *   upper case, lower case and digits), see {@link #proseSecret}.</li>
 *   <li>{@code userinfo}: the match holds {@code ://user:VALUE@host}: the value runs from the first {@code :} after
 *   {@code ://} to the last {@code @}.</li>
 * </ul>
 *
 * <p>A value passes when it is {@code min_length} (default 8) to 256 characters, holds a letter, has at least two character classes
 * (lower, upper, digit, other) and at least three when shorter than 16, a Shannon entropy of at least {@code
 * min_entropy} bits per character (default 3.0), and is none of these (the placeholder list follows gitleaks'
 * global allowlist and detect-secrets' {@code is_templated_secret} / {@code is_indirect_reference} filters):
 * a template or variable ({@code ${X}}, {@code $X}, {@code {{ x }}}, {@code %(x)s}, {@code %X%}, {@code <x>},
 * {@code #{x}}), a date or time stamp ({@code 2024-03-05T10:22:01Z}), a dotted or called reference ({@code os.environ[...]}, {@code process.env.X},
 * {@code System.getenv(...)}, {@code settings.DB_PASSWORD}), a constant name ({@code DB_PASSWORD}), a URL or path,
 * a masked or repeated filler ({@code xxxx}, {@code ****}, {@code ....}, one character repeated), or a value containing
 * a placeholder word ({@code changeme}, {@code example}, {@code placeholder}, {@code dummy}, {@code test},
 * {@code sample}, {@code redacted}, {@code your}, {@code replace}, {@code password}, {@code secret}, {@code token}, ...),
 * or a GitHub-format token whose CRC32 fails (a made-up value of a verifiable format), or a client-side key that is
 * public by design ({@code pk_live_}, {@code pk_test_}, Mapbox {@code pk.eyJ}).
 * In the assignment form a key that describes a secret instead of holding one ({@code secret_name}, {@code token_url},
 * {@code API_TOKEN_HEADER}, {@code password_min_length}) fails as well.
 */
final class AssignedValue implements Validator {

    enum Form { ASSIGNMENT, USERINFO, CELL, PROSE }

    /**
     * Commands whose match (a pattern from the command word to its password argument) ends with the password: the
     * value is the match's last argument ({@link #commandArgument}). A name ending in {@code *} is a prefix
     * ({@code ldapsearch}, {@code ldapmodify}, {@code mongosh}, {@code mongodump}).
     */
    static final List<String> PASSWORD_COMMANDS = List.of("smbclient", "rpcclient", "htpasswd", "net", "redis-cli",
            "ipmitool", "rabbitmqctl", "x11vnc", "vncpasswd", "ldap*", "mongo*");
    /** {@link #PASSWORD_COMMANDS}: the whole names, and the prefixes without their {@code *}. */
    private static final Set<String> COMMAND_NAMES = PASSWORD_COMMANDS.stream().filter(c -> !c.endsWith("*"))
            .collect(Collectors.toUnmodifiableSet());
    private static final List<String> COMMAND_PREFIXES = PASSWORD_COMMANDS.stream().filter(c -> c.endsWith("*"))
            .map(c -> c.substring(0, c.length() - 1)).toList();

    /** Cell delimiters of a table (CSV, TSV, psql, Markdown), as {@code context.columns} reads them. */
    private static final String CELL_DELIMITERS = ",;|\t";

    static final int MAX_LENGTH = 256;

    /** Case-insensitive substrings that mark a value as a placeholder. */
    static final List<String> PLACEHOLDER_WORDS = List.of("changeme", "change_me", "change-me", "changeit", "example",
            "placeholder",
            "dummy", "test", "sample", "redacted", "your", "replace", "password", "passwd", "secret", "fake", "xxxx",
            "****", "....", "----", "____", "todo", "fixme", "insert", "enter", "default", "undefined", "null", "none",
            "notset", "not_set", "my_", "mysecret", "abcdef", "123456", "qwerty", "letmein", "s3cr3t", "p@ss", "hunter2",
            "token", "apikey", "api_key", "api-key",
            // how-to placeholders of .env.example files: generate-with-openssl-rand-hex-32, paste-your-key-here
            "generate-", "generate_", "openssl", "-here", "_here",
            // what Windows setup writes over an answer file's passwords
            "*sensitive*data*deleted*",
            // masks a dashboard or a redacting tool prints (bullet, ellipsis, black circle), as characters and as the
            // UTF-8 bytes the engine's Latin-1 view shows
            "\u2022", "\u2026", "\u25cf", "\u00e2\u0080\u00a2", "\u00e2\u0080\u00a6", "\u00e2\u0097\u008f");

    /**
     * Prefixes of client-side keys that vendors publish as public by design (Stripe publishable keys, Mapbox public
     * tokens): assigned in browser code, they are configuration, not secrets.
     */
    static final List<String> PUBLIC_KEY_PREFIXES = List.of("pk_live_", "pk_test_", "pk.eyJ");

    /**
     * Password hashes as frameworks store them (Django {@code pbkdf2_sha256$...}, Werkzeug {@code pbkdf2:sha256:...}
     * and {@code scrypt:...}, LDAP {@code {SSHA}...}; crypt-style {@code $2b$}/{@code $argon2id$} start with a dollar
     * and are templates already): the hash of a password, not one an agent could log in with.
     */
    static final List<String> PASSWORD_HASH_PREFIXES = List.of("pbkdf2_", "pbkdf2:", "argon2", "scrypt:", "bcrypt$",
            "sha1$", "sha256$", "md5$", "{ssha", "{sha", "{bcrypt}", "{pbkdf2");

    /**
     * Key endings that name something about a secret rather than hold one ({@code secret_name}, {@code token_url},
     * {@code password_min_length}, {@code API_TOKEN_HEADER}).
     */
    static final List<String> DESCRIPTIVE_KEY_ENDINGS = List.of("name", "names", "header", "field", "url", "uri",
            "endpoint", "path", "file", "dir", "length", "len", "type", "id", "ids", "prefix", "format", "env", "var",
            "ttl", "timeout", "expiry", "expires", "expiration", "count", "size", "mode", "policy", "version",
            "algorithm", "label", "description", "hint", "ref", "arn", "location", "provider", "store", "enabled",
            // where a credential comes from, not the credential: ~/.aws/config's credential_source = Ec2InstanceMetadata
            "source",
            // a digest of a secret, not the secret: token_fingerprint, password_hash, secret_digest, api_key_sha256
            "fingerprint", "hash", "digest", "checksum", "sha1", "sha256", "sha384", "sha512", "md5");

    /**
     * Key endings (lower case, without {@code _ - .}) of a pagination cursor: an opaque position in a result list
     * ({@code NextToken}, {@code ContinuationToken}, {@code nextPageToken}, {@code page_token}), no credential.
     */
    static final List<String> CURSOR_KEY_ENDINGS = List.of("nexttoken", "continuationtoken", "pagetoken",
            "pagingtoken", "startingtoken", "paginationtoken", "resumptiontoken", "synctoken", "cursortoken",
            "nextcursor", "pagecursor");

    /**
     * Key endings (lower case, without {@code _ - .}) of a value that names no secret though its key says token or
     * credential: an idempotency token (AWS's {@code ClientToken} and {@code x-amz-client-token}, {@code
     * ClientRequestToken}, {@code IdempotencyToken}: a random string the client makes up so a retried call is not done
     * twice) and a SigV4 credential scope ({@code X-Amz-Credential=AKID/20261207/us-east-1/s3/aws4_request}, in a
     * presigned URL or a browser-upload form: the key id, a date, a region and a service; the key id in it is reported
     * by its own rule).
     */
    static final List<String> NOT_A_SECRET_KEY_ENDINGS = List.of("clienttoken", "clientrequesttoken",
            "idempotencytoken", "amzcredential");

    /**
     * Key parts (lower case, without {@code _ - .}) of an anti-forgery token: a per-session value a form or page
     * carries to prove the request came from it (Rails' {@code authenticity_token}, Django's
     * {@code csrfmiddlewaretoken}, ASP.NET's {@code __RequestVerificationToken}), worthless without the session cookie.
     */
    static final List<String> CSRF_KEY_PARTS = List.of("csrf", "xsrf", "authenticitytoken", "antiforgery",
            "requestverificationtoken");

    /**
     * Commands that take a password glued to {@code -p} ({@code mysql -pVALUE}, {@code 7z a -pVALUE}): elsewhere a
     * glued {@code -p} word is an option ({@code -parallelism=20}, {@code -pix_fmt}) or chance bytes in a binary.
     */
    private static final Pattern GLUED_P_COMMAND = Pattern.compile(
            "(?<![A-Za-z0-9_-])(?:mysql[a-z_-]{0,12}|mariadb[a-z_-]{0,12}|mydumper|myloader|mycli|7z[ar]?|(?:un)?rar)"
                    + "(?![A-Za-z0-9])");

    /** A digest with its algorithm in front: {@code sha256:8164af...}, {@code md5=...}, {@code blake3:...}. */
    private static final Pattern ALGORITHM_DIGEST = Pattern.compile(
            "(?:sha(?:1|224|256|384|512)|sha3-(?:224|256|384|512)|md5|blake2[bs]|blake3|xxh(?:32|64|128)|crc32c?)"
                    + "[:=-][A-Za-z0-9+/=_-]{8,}");

    private final Form form;
    private final int minLength;
    private final double minEntropy;

    AssignedValue(Form form, int minLength, double minEntropy) {
        if (minLength < 1 || minLength > MAX_LENGTH) {
            throw new IllegalArgumentException("min_length: " + minLength + " (expected: 1.." + MAX_LENGTH + ")");
        }
        if (!(minEntropy >= 0 && minEntropy <= 8)) {
            throw new IllegalArgumentException("min_entropy: " + minEntropy + " (expected: bits per character in [0, 8])");
        }
        this.form = form;
        this.minLength = minLength;
        this.minEntropy = minEntropy;
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String s = match.toString();
        if (form == Form.PROSE) {
            return proseSecret(proseValue(s)) && !storedAsHash(ctx.after(24));
        }
        if (form == Form.ASSIGNMENT) {
            if (gluedShortP(s) && !gluedShortPWord(s, ctx)) {
                return false;
            }
            String key = fullKey(s, ctx);
            if (descriptiveKey(keyStart(s)) || descriptiveKey(key) || nonSecretKey(key) || inColonIdentifier(ctx)
                    || flagArgument(s, ctx)) {
                return false;
            }
            if (weakKeyWord(key)) {
                String v = assignedValue(s);
                if (v == null || v.length() < 16 || classes(v) < 3) {
                    return false; // ACME_AUTH=, ADYEN_CRED=: a weaker key word asks for a stronger value
                }
            }
        }
        if (form == Form.CELL) {
            String cell = cellValue(s, ctx);
            return cell != null && plausibleSecret(cell);
        }
        String value = form == Form.USERINFO ? userinfoPassword(s) : assignedValue(s);
        if (value != null && form == Form.ASSIGNMENT && value.length() > 0 && s.endsWith(value)) {
            if (grepLineNumber(value) || nextProjectedName(s, value)) {
                return false;
            }
            String more = continuation(ctx);
            value = value + more;
            if (masked(value, ctx.after(more.length() + MASK_TAIL), more.length())) {
                return false;
            }
        }
        return value != null && plausibleSecret(value);
    }

    /** Characters after a value read for a mask that ends it. */
    private static final int MASK_TAIL = 12;

    /** What a tool or a person writes over the rest of a value it masks ({@code sk-ant-api03-[REDACTED]}). */
    private static final List<String> MASK_TAILS = List.of("[redacted", "[masked", "[hidden", "[removed", "[filtered",
            "<redacted", "<hidden", "***", "\u2026", "\u00e2\u0080\u00a6", "\u2022", "\u00e2\u0080\u00a2");

    /**
     * A value a tool masked: a {@link #MASK_TAILS} mask in its last {@link #MASK_TAIL} characters
     * ({@code sk-ant-api03-***}) or right after it, at {@code after[from]} ({@code sk-ant-api03-[REDACTED]}).
     */
    private static boolean masked(String value, CharSequence after, int from) {
        String tail = value.substring(Math.max(0, value.length() - MASK_TAIL)).toLowerCase(Locale.ROOT);
        String next = after.subSequence(Math.min(from, after.length()), after.length()).toString()
                .toLowerCase(Locale.ROOT);
        for (String mask : MASK_TAILS) {
            if (tail.contains(mask) || next.startsWith(mask)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code 2:aws_access_key_id}: what follows a file named like a key in {@code grep -n} output
     * ({@code .aws/credentials:2:...}) is a line number and the line, not a value.
     */
    private static boolean grepLineNumber(String value) {
        int i = 0;
        while (i < value.length() && i < 8 && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            i++;
        }
        return i > 0 && i < value.length() && value.charAt(i) == ':';
    }

    /**
     * A JSON body's view holds each name and value on a line of its own, and a {@code null} value holds no line: the
     * value read after a secret-named name on the next line is then the next name ({@code ses_smtp_password_v4} and
     * {@code sensitive_values}). A lower-case snake_case name after a line break is taken for that, not a value.
     */
    private static boolean nextProjectedName(String s, String value) {
        int at = s.length() - value.length() - 1;
        if (at < 0 || s.charAt(at) != '\n' || value.indexOf('_') < 0
                || !(value.charAt(0) >= 'a' && value.charAt(0) <= 'z')) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * What {@link #test} reads around the match: the value's continuation ({@link #MAX_LENGTH} + 1 after it), the key
     * characters, the command or the flag line before it ({@link #fullKey}, {@link #gluedShortPWord},
     * {@link #flagArgument}, {@link #inColonIdentifier}).
     */
    @Override
    public int reach() {
        return MAX_LENGTH + 1;
    }

    /** Value characters: what the generic assignment patterns accept in an unquoted value. */
    private static boolean valueChar(char c) {
        return !Character.isWhitespace(c) && "\"'`,;<>(){}[]\\".indexOf(c) < 0;
    }

    /**
     * The value characters right after the match: a pattern's length limit ({@code {8,128}}) can cut a long value,
     * and a value longer than {@link #MAX_LENGTH} (an encrypted blob such as a SealedSecret, a certificate, key
     * material the dedicated rules cover) must be judged whole, not by its first 128 characters.
     */
    private static String continuation(ValidationContext ctx) {
        CharSequence after = ctx.after(MAX_LENGTH + 1);
        int i = 0;
        while (i < after.length() && valueChar(after.charAt(i))) {
            i++;
        }
        return after.subSequence(0, i).toString();
    }

    /** The match from its key on: past an XML element's {@code <}, or inside a Terraform variable's quoted name. */
    private static String keyStart(String s) {
        if (s.startsWith("<")) {
            return s.substring(1);
        }
        int quote = s.indexOf('"');
        return hclVariable(s) && quote > 0 ? s.substring(quote + 1) : s;
    }

    /** {@code variable "NAME" { ... default = "VALUE"}}: a Terraform/HCL variable declaration. */
    private static boolean hclVariable(String s) {
        return s.regionMatches(true, 0, "variable", 0, 8) && s.length() > 8
                && (s.charAt(8) == ' ' || s.charAt(8) == '\t');
    }

    /** {@code machine HOST ... password VALUE} or {@code default login USER ... password VALUE}: a .netrc entry. */
    private static boolean netrcEntry(String s) {
        return (s.regionMatches(true, 0, "machine", 0, 7) || s.regionMatches(true, 0, "default", 0, 7))
                && s.length() > 7 && Character.isWhitespace(s.charAt(7));
    }

    /** True if the match's key (its leading key characters) ends with a {@link #DESCRIPTIVE_KEY_ENDINGS} word. */
    static boolean descriptiveKey(String s) {
        int i = 0;
        while (i < s.length() && keyChar(s.charAt(i))) {
            i++;
        }
        String key = s.substring(0, i).toLowerCase(Locale.ROOT);
        for (String ending : DESCRIPTIVE_KEY_ENDINGS) {
            if (key.length() > ending.length() && key.endsWith(ending)) {
                char before = key.charAt(key.length() - ending.length() - 1);
                if (before == '_' || before == '-' || before == '.') {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code -pVALUE}: a short flag glued to its value (not {@code -p 'v'}, {@code -password}, {@code -pwd}). */
    static boolean gluedShortP(String s) {
        return s.startsWith("-p") && s.length() > 2 && " ='\"".indexOf(s.charAt(2)) < 0
                && !s.regionMatches(true, 0, "-pass", 0, 5) && !s.regionMatches(true, 0, "-pwd", 0, 4);
    }

    /**
     * A glued {@code -pVALUE} is a password only as a word of its own (after a blank, a quote or a line start, not the
     * tail of {@code --platform}), without an {@code =} ({@code -parallelism=20}, {@code -pix_fmt=yuv420p} are options),
     * in text (no control characters around it, as chance bytes of a JPEG or a zip have) and after a command that
     * takes its password so ({@link #GLUED_P_COMMAND}: mysql, mariadb, 7z, rar).
     */
    static boolean gluedShortPWord(String s, ValidationContext ctx) {
        CharSequence before = ctx.before(200);
        if (before.length() > 0) {
            char c = before.charAt(before.length() - 1);
            if (!Character.isWhitespace(c) && c != '"' && c != '\'' && c != '`') {
                return false;
            }
        }
        String after = continuation(ctx);
        if (s.indexOf('=') >= 0 || after.indexOf('=') >= 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > '~') {
                return false;
            }
        }
        if (controlCharacters(before) + controlCharacters(ctx.after(64)) > 0) {
            return false;
        }
        return GLUED_P_COMMAND.matcher(before.toString().toLowerCase(Locale.ROOT)).find();
    }

    /** Control characters other than tab, line breaks and ESC (terminal colours): the marks of binary bytes. */
    private static int controlCharacters(CharSequence t) {
        int n = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x1b) || c == 0x7f) {
                n++;
            }
        }
        return n;
    }

    /**
     * The whole key of the match: the quoted name of {@code name="KEY" value=}, the text of {@code <key>KEY</key>},
     * else the match's leading key characters with the key characters right before the match (the key word may sit
     * inside a longer name: {@code ContinuationToken}, {@code x_csrf_token}).
     */
    static String fullKey(String s, ValidationContext ctx) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<key>")) {
            int end = lower.indexOf("</key>");
            return end > 5 ? s.substring(5, end).strip() : "";
        }
        if (attributePair(lower)) {
            int q = s.indexOf('"') >= 0 ? s.indexOf('"') : s.indexOf('\'');
            int q2 = q < 0 ? -1 : s.indexOf(s.charAt(q), q + 1);
            return q2 > q ? s.substring(q + 1, q2) : "";
        }
        String k = keyStart(s);
        int i = 0;
        while (i < k.length() && (keyChar(k.charAt(i)) || k.charAt(i) == '/')) {
            i++;
        }
        String key = k.substring(0, i);
        if (k == s && i > 0 && !s.startsWith("-")) {
            CharSequence before = ctx.before(64);
            int b = before.length();
            while (b > 0 && (keyChar(before.charAt(b - 1)) || before.charAt(b - 1) == '/')) {
                b--;
            }
            key = before.subSequence(b, before.length()) + key;
        }
        return key.substring(key.lastIndexOf('/') + 1); // a parameter path's last segment: /prod/api/jwt_secret
    }

    /**
     * A pagination cursor's, an idempotency token's, a credential scope's or an anti-forgery token's key
     * ({@link #CURSOR_KEY_ENDINGS}, {@link #NOT_A_SECRET_KEY_ENDINGS}, {@link #CSRF_KEY_PARTS}).
     */
    static boolean nonSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
        for (String ending : CURSOR_KEY_ENDINGS) {
            if (k.endsWith(ending)) {
                return true;
            }
        }
        for (String ending : NOT_A_SECRET_KEY_ENDINGS) {
            if (k.endsWith(ending)) {
                return true;
            }
        }
        for (String part : CSRF_KEY_PARTS) {
            if (k.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** A key that ends in {@code auth}, {@code cred} or {@code creds} after a separator: {@code ACME_PROD_AUTH}. */
    static boolean weakKeyWord(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String w : List.of("auth", "cred", "creds")) {
            if (k.length() > w.length() && k.endsWith(w) && "_.-".indexOf(k.charAt(k.length() - w.length() - 1)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The match's key is a segment of a colon-separated identifier, {@code arn:aws:secretsmanager:...:secret:NAME} or
     * {@code urn:...}: a resource name, not an assignment.
     */
    static boolean inColonIdentifier(ValidationContext ctx) {
        CharSequence before = ctx.before(160);
        int b = before.length();
        if (b == 0 || before.charAt(b - 1) != ':') {
            return false;
        }
        while (b > 0 && !Character.isWhitespace(before.charAt(b - 1)) && "\"'`=,([{".indexOf(before.charAt(b - 1)) < 0) {
            b--;
        }
        String token = before.subSequence(b, before.length()).toString().toLowerCase(Locale.ROOT);
        // In a view of sibling values joined without separators (|joined-fields) the ARN follows the value before
        // it ("Allow" "arn:aws:...": allowarn:aws:...), so an AWS partition's ARN is looked for inside the token.
        return token.startsWith("arn:") || token.startsWith("urn:") || token.contains("arn:aws:")
                || token.contains("arn:aws-");
    }

    /**
     * A JSON projection's name line that is an element of an argument list right after a flag: {@code "-e",
     * "GITHUB_TOKEN", "ghcr.io/github/github-mcp-server"} is {@code docker run -e GITHUB_TOKEN IMAGE} (the variable
     * passed through from the environment), not a name and its value.
     */
    static boolean flagArgument(String s, ValidationContext ctx) {
        int i = 0;
        while (i < s.length() && keyChar(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i >= s.length() || (s.charAt(i) != '\n' && s.charAt(i) != '\r')) {
            return false;
        }
        String before = ctx.before(80).toString();
        if (!before.isEmpty() && !before.endsWith("\n")) {
            return false;
        }
        String head = before.isEmpty() ? "" : before.substring(0, before.length() - 1);
        String previous = head.substring(head.lastIndexOf('\n') + 1).strip();
        return previous.startsWith("-") && previous.length() <= 40 && previous.indexOf(' ') < 0
                && previous.indexOf('=') < 0;
    }

    /**
     * The value of a key element and the element after it: KeePass' {@code <Key>Password</Key><Value
     * ProtectInMemory="True">VALUE</Value>}, a property list's {@code <key>RefreshToken</key> <string>VALUE</string>}.
     */
    private static String siblingElementValue(String s) {
        int close = s.lastIndexOf("</");
        int open = close < 0 ? -1 : s.lastIndexOf('>', close);
        if (open < 0 || close <= open + 1) {
            return null;
        }
        String value = s.substring(open + 1, close).strip();
        return value.isEmpty() ? null : value;
    }

    /**
     * The password of a sentence ({@code the password is VALUE}, {@code pw for HOST is VALUE}, {@code pass `VALUE`},
     * {@code login is USER / VALUE}): the match's last word without quotes, backticks and a full stop after it.
     */
    /**
     * The word after a device configuration's password says the value is a hash, not the password ({@code password
     * XR10gD6E encrypted}, {@code password ... pbkdf2}: Cisco ASA).
     */
    static boolean storedAsHash(CharSequence after) {
        String a = after.toString().stripLeading().toLowerCase(Locale.ROOT);
        return a.startsWith("encrypted") || a.startsWith("pbkdf2") || a.startsWith("nt-encrypted");
    }

    static String proseValue(String s) {
        String t = s.strip();
        int cut = Math.max(t.lastIndexOf(' '), t.lastIndexOf('\t'));
        String v = t.substring(cut + 1);
        while (!v.isEmpty() && "`'\"".indexOf(v.charAt(0)) >= 0) {
            v = v.substring(1);
        }
        while (!v.isEmpty() && "`'\".,:;".indexOf(v.charAt(v.length() - 1)) >= 0) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }

    /**
     * A password in prose must look made: a letter, a digit and a symbol, or 12+ characters of upper case, lower
     * case and digits; words ({@code stored}, {@code required}) and identifiers ({@code userId12}) are not.
     */
    boolean proseSecret(String v) {
        if (!plausibleSecret(v)) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            symbol |= "!@#$%^&*+=?~".indexOf(c) >= 0;
        }
        return (upper || lower) && digit && (symbol || (upper && lower && v.length() >= 12));
    }

    /** The value of {@code KEY [quote] [op] [quote] VALUE [quote]}, or null when the match has not that shape. */
    static String assignedValue(String s) {
        if (s.regionMatches(true, 0, "<key>", 0, 5)) {
            return siblingElementValue(s);
        }
        if (s.startsWith("<")) {
            return xmlElementValue(s);
        }
        int i = 0;
        int n = s.length();
        int shortP = s.lastIndexOf(" -p");
        String lower = s.toLowerCase(Locale.ROOT);
        if (netrcEntry(s)) {
            i = lower.lastIndexOf("password") + "password".length(); // the value follows the last password token
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        } else if (hclVariable(s)) {
            i = skipBlanks(s, lower.lastIndexOf("default") + "default".length()); // default = "VALUE"
            if (i >= n || s.charAt(i) != '=') {
                return null;
            }
            i = skipBlanks(s, i + 1);
        } else if (lower.startsWith("echo ") || lower.startsWith("printf ")) {
            return echoedArgument(s); // echo 'VALUE' | docker login ... --password-stdin: the first argument
        } else if (passwordCommand(lower)) {
            return commandArgument(s, lower); // redis-cli -a VALUE, htpasswd -b FILE USER VALUE, smbclient -U USER%VALUE
        } else if (shortP > 0 && (s.startsWith("-u") || s.startsWith("--username")
                || s.regionMatches(true, 0, "sshpass", 0, 7))) {
            i = skipBlanks(s, shortP + 3); // docker login -u USER -p VALUE, sshpass -p VALUE: the value follows -p
        } else if (s.startsWith("-p") && n > 2 && s.charAt(2) != ' ' && s.charAt(2) != '='
                && !s.regionMatches(true, 0, "-pass", 0, 5) && !s.regionMatches(true, 0, "-pwd", 0, 4)) {
            i = 2; // mysql -pSECRET (a glued short flag); -password / -pwd are keys
        } else if (lower.startsWith("identified") && lower.indexOf("by", 10) > 0) {
            i = skipBlanks(s, lower.indexOf("by", 10) + 2); // SQL: IDENTIFIED BY 'VALUE'
        } else if (attributePair(lower)) {
            // <add key="DbPassword" value="VALUE" />: the value attribute of a key or name attribute
            i = skipBlanks(s, lower.lastIndexOf("value") + "value".length());
            if (i >= n || s.charAt(i) != '=') {
                return null;
            }
            i = skipBlanks(s, i + 1);
        } else {
            boolean path = s.startsWith("/"); // a parameter path as a name: /prod/api/jwt_secret
            while (i < n && (keyChar(s.charAt(i)) || (path && s.charAt(i) == '/'))) {
                i++;
            }
            if (i == 0) {
                return null;
            }
            String key = s.substring(0, i).toLowerCase(Locale.ROOT);
            i = skipEscapes(s, i); // JSON escaped inside a string: {\"password\": \"v\"}
            boolean quotedKey = i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'');
            if (quotedKey) {
                i++;
                if (i < n && s.charAt(i) == ']') {
                    i++; // a subscript: config["SECRET_KEY"] = "v", ENV['API_TOKEN'] = 'v'
                }
            }
            int blanks = i;
            i = skipBlanks(s, i);
            boolean blank = i > blanks;
            if (!blank && i + 1 < n && s.charAt(i) == '\r' && s.charAt(i + 1) == '\n') {
                i++; // a CRLF line break
            }
            if (!blank && i < n && s.charAt(i) == '\n') {
                i++; // a JSON body's projection: the name, a line break, the value
                blank = true;
            }
            if (s.startsWith(":=", i) || s.startsWith("=>", i)) {
                i += 2;
            } else if (i < n && (s.charAt(i) == '=' || s.charAt(i) == ':')) {
                i++;
            } else if (i < n && s.charAt(i) == ',' && (quotedKey || skipValueKey(s, i + 1) > i + 1)) {
                i++; // define('DB_PASSWORD', 'v'), ("api_key", "v"): a quoted name, a comma, the value; or
                     // ParameterKey=DbPassword,ParameterValue=v: a name, a comma and a value key
            } else if (!blank && !quotedKey && i + 1 < n && s.charAt(i) == '('
                    && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\'')) {
                i++; // a call with a literal: .password("v"), setApiKey('v')
            } else if (!blank) {
                return null;
            }
            i = skipBlanks(s, i);
            i = skipValueKey(s, i);
            i = skipBlockScalarHeader(s, i);
            if (key.equals("-u") || key.equals("--user")) {
                int colon = s.indexOf(':', i);
                if (colon < 0) {
                    return null; // curl -u user:password; a user alone holds no secret
                }
                i = colon + 1;
            }
        }
        i = skipEscapes(s, i);
        char open = i < n ? s.charAt(i) : 0;
        if (open == '"' || open == '\'') {
            i++;
        }
        int end = n;
        if (end > i && (s.charAt(end - 1) == '"' || s.charAt(end - 1) == '\'')) {
            end--;
        }
        return end > i ? s.substring(i, end) : null;
    }

    /**
     * The first argument of {@code echo} or {@code printf} (after {@code -n}/{@code -e} flags and a {@code '%s'}
     * format), without its quotes: the password piped into a registry login's {@code --password-stdin}.
     */
    private static String echoedArgument(String s) {
        for (String token : s.split("[ \t]+")) {
            String t = unquoted(token);
            if (t.isEmpty() || t.equals("echo") || t.equals("printf") || t.startsWith("-") || t.contains("%s")) {
                continue;
            }
            return t;
        }
        return null;
    }

    /** True if the match starts with a {@link #PASSWORD_COMMANDS} word followed by a blank. */
    static boolean passwordCommand(String lower) {
        int blank = 0;
        while (blank < lower.length() && lower.charAt(blank) != ' ' && lower.charAt(blank) != '\t') {
            blank++;
        }
        if (blank == lower.length()) {
            return false;
        }
        String word = lower.substring(0, blank);
        return COMMAND_NAMES.contains(word) || COMMAND_PREFIXES.stream().anyMatch(word::startsWith);
    }

    /**
     * The last argument of a password command's match, without its quotes: the value after {@code --flag=}, and for
     * smbclient's and rpcclient's {@code USER%PASSWORD} the part after the first {@code %} (null without one: a user
     * alone, the password is prompted for).
     */
    private static String commandArgument(String s, String lower) {
        String token = s.substring(Math.max(s.lastIndexOf(' '), s.lastIndexOf('\t')) + 1);
        if (token.startsWith("<<<")) {
            token = token.substring(3); // a here-string: vncpasswd -f <<<VALUE
        }
        if (lower.startsWith("smbclient") || lower.startsWith("rpcclient")) {
            int percent = token.indexOf('%');
            return percent < 0 ? null : unquoted(token.substring(percent + 1));
        }
        int eq = token.indexOf('=');
        if (token.startsWith("-") && eq > 0) {
            token = token.substring(eq + 1); // --password=VALUE
        }
        token = unquoted(token);
        return token.isEmpty() ? null : token;
    }

    /** {@code v} without one quote character at either end. */
    private static String unquoted(String v) {
        if (!v.isEmpty() && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            v = v.substring(1);
        }
        if (!v.isEmpty() && (v.endsWith("\"") || v.endsWith("'"))) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }

    /**
     * The value of a table cell ({@code form: cell}): the match without the blank, quote ({@link #quote}), delimiter or
     * line break that ends it, or null when the match is no whole cell: the text before it, past blanks and a quote,
     * must be a delimiter, a line break or the start of the text (a word inside a sentence is no cell), and the text
     * after its value, past blanks and a quote, a delimiter, a line break or the end of the text.
     */
    static String cellValue(String s, ValidationContext ctx) {
        CharSequence before = ctx.before(64);
        int b = before.length() - 1;
        if (b >= 0 && quote(before.charAt(b))) {
            b--;
        }
        while (b >= 0 && before.charAt(b) == ' ') {
            b--;
        }
        if (b >= 0 && !cellEnd(before.charAt(b))) {
            return null;
        }
        int end = s.length();
        while (end > 0 && (cellEnd(s.charAt(end - 1)) || s.charAt(end - 1) == ' ' || quote(s.charAt(end - 1)))) {
            end--;
        }
        String after = s.substring(end) + ctx.after(40);
        int a = 0;
        while (a < after.length() && (after.charAt(a) == ' ' || quote(after.charAt(a)))) {
            a++;
        }
        if (a < after.length() && !cellEnd(after.charAt(a))) {
            return null; // the run goes on after a blank or a quote: a phrase, not a cell
        }
        return end > 0 ? s.substring(0, end) : null;
    }

    /** A quote around a cell's text: CSV's {@code "}, {@code '}, and Markdown's inline code {@code `}. */
    private static boolean quote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    /** A cell delimiter ({@code , ; | tab}) or a line break. */
    private static boolean cellEnd(char c) {
        return CELL_DELIMITERS.indexOf(c) >= 0 || c == '\n' || c == '\r';
    }

    /**
     * Past the {@code value} key of a name/value pair, where the secret's name is itself a value: {@code {"name":
     * "DB_PASSWORD", "value": "v"}} (ECS and Kubernetes env lists), and its projection {@code DB_PASSWORD\nvalue\nv}.
     * Anything else is left alone.
     */
    private static int skipValueKey(String s, int i) {
        int n = s.length();
        int j = i;
        while (j < n && Character.isWhitespace(s.charAt(j))) {
            j++; // a pretty-printed pair: "name": "DB_PASSWORD",<line break> "value": "v"
        }
        j = j < n && (s.charAt(j) == '"' || s.charAt(j) == '\'') ? j + 1 : j;
        if (s.regionMatches(true, j, "parameter", 0, 9)) {
            j += 9; // CloudFormation's ParameterKey / ParameterValue
        }
        if (!s.regionMatches(true, j, "value", 0, 5)) {
            return i;
        }
        j += 5;
        if (j < n && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
            j++;
        }
        j = skipBlanks(s, j);
        if (j >= n || (s.charAt(j) != ':' && s.charAt(j) != '=' && s.charAt(j) != '\n')) {
            return i;
        }
        return skipBlanks(s, j + 1);
    }

    /**
     * The text of {@code <KEY>VALUE</KEY>}, trimmed, or null; also of {@code <KEY><Value>VALUE</Value>}, the form
     * Windows answer files (unattend.xml) give a password.
     */
    private static String xmlElementValue(String s) {
        int open = s.indexOf('>');
        int close = s.lastIndexOf("</");
        if (open < 0 || close <= open) {
            return null;
        }
        String value = s.substring(open + 1, close).strip();
        if (value.regionMatches(true, 0, "<value>", 0, 7)) {
            value = value.substring(7).strip();
        }
        return value.isEmpty() ? null : value;
    }

    /** {@code key="NAME" value=}, {@code name='NAME' value=}: an XML element's key or name attribute, then its value. */
    private static boolean attributePair(String lower) {
        if (!lower.startsWith("key") && !lower.startsWith("name")) {
            return false;
        }
        int i = skipBlanks(lower, lower.startsWith("key") ? 3 : 4);
        return i < lower.length() && lower.charAt(i) == '=' && lower.lastIndexOf("value") > i;
    }

    /**
     * Past a YAML block scalar header ({@code |}, {@code >}, with a chomping or indentation indicator) and the line
     * break and indentation after it: {@code password: >-\n    VALUE}. Anything else is left alone.
     */
    private static int skipBlockScalarHeader(String s, int i) {
        int n = s.length();
        if (i >= n || (s.charAt(i) != '|' && s.charAt(i) != '>')) {
            return i;
        }
        int j = i + 1;
        while (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-' || Character.isDigit(s.charAt(j)))) {
            j++;
        }
        j = skipBlanks(s, j);
        if (j < n && s.charAt(j) == '\r') {
            j++;
        }
        if (j >= n || s.charAt(j) != '\n') {
            return i;
        }
        return skipBlanks(s, j + 1);
    }

    /** The password of {@code scheme://user:password@host}, or null. */
    static String userinfoPassword(String s) {
        int scheme = s.indexOf("://");
        int at = s.lastIndexOf('@');
        int colon = scheme < 0 ? -1 : s.indexOf(':', scheme + 3);
        if (colon < 0 || at < colon) {
            return null;
        }
        return s.substring(colon + 1, at);
    }

    private static boolean keyChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '-';
    }

    /** Past backslashes that escape a quote at {@code i} ({@code \\"}); anything else is left alone. */
    private static int skipEscapes(String s, int i) {
        int j = i;
        while (j < s.length() && s.charAt(j) == '\\') {
            j++;
        }
        return j > i && j < s.length() && (s.charAt(j) == '"' || s.charAt(j) == '\'') ? j : i;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    boolean plausibleSecret(String value) {
        int n = value.length();
        if (appPassword(value)) {
            return !placeholder(value.replace(" ", "")); // a Google app password: 16 random lower-case letters
        }
        if (n < minLength || n > MAX_LENGTH || placeholder(value) || timestamp(value) || digest(value)
                || lowercasePath(value) || naturalWords(value) || encodedPlaceholder(value)) {
            return false;
        }
        int classes = classes(value);
        return hasLetter(value) && classes >= 2 && (classes >= 3 || n >= 16) && Entropy.shannon(value) >= minEntropy;
    }

    /**
     * A Google (Gmail) app password: 16 lower-case letters, bare or in four groups of four split by single blanks
     * ({@code bxfy yfsh fmlt eqgm}), drawn at random: at most six vowels and a run of five or more consonants, which
     * words joined together ({@code notapplicablehere}) rarely have.
     */
    static boolean appPassword(String value) {
        String v = value.strip();
        String letters;
        if (v.length() == 19 && v.charAt(4) == ' ' && v.charAt(9) == ' ' && v.charAt(14) == ' ') {
            letters = v.replace(" ", "");
        } else {
            letters = v;
        }
        if (letters.length() != 16) {
            return false;
        }
        int vowels = 0;
        int run = 0;
        int longest = 0;
        for (int i = 0; i < 16; i++) {
            char c = letters.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
            if ("aeiou".indexOf(c) >= 0) {
                vowels++;
                run = 0;
            } else {
                longest = Math.max(longest, ++run);
            }
        }
        return vowels <= 6 && longest >= 5;
    }

    /** {@code sha256:8164af...}: a digest with its algorithm in front, the hash of a secret. */
    static boolean digest(String v) {
        return ALGORITHM_DIGEST.matcher(v.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * A relative path or image name in lower case ({@code ghcr.io/github/github-mcp-server},
     * {@code @modelcontextprotocol/server-github}): a slash and nothing but lower-case letters, digits and
     * {@code . _ - @ :}, more letters than digits.
     */
    static boolean lowercasePath(String v) {
        if (v.indexOf('/') < 0) {
            return false;
        }
        int letters = 0;
        int digits = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letters++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else if ("/._-@:".indexOf(c) < 0) {
                return false;
            }
        }
        return letters > digits;
    }

    /**
     * Words of a language, as a translation file holds under secret-named keys ({@code "api_key": "API-Schlüssel"},
     * {@code "secret_question": "Sicherheitsfrage"}): letters only (UTF-8 read back from the Latin-1 view), in parts
     * split by {@code -} or {@code '}, each all lower case, all upper case or capitalised.
     */
    static boolean naturalWords(String v) {
        String t = utf8(v);
        boolean longPart = false;
        for (String part : t.split("[-']", -1)) {
            if (part.isEmpty()) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (!Character.isLetter(part.charAt(i))) {
                    return false;
                }
            }
            String rest = part.substring(1);
            boolean word = part.equals(part.toLowerCase(Locale.ROOT)) || part.equals(part.toUpperCase(Locale.ROOT))
                    || (Character.isUpperCase(part.charAt(0)) && rest.equals(rest.toLowerCase(Locale.ROOT)));
            if (!word) {
                return false;
            }
            longPart |= part.length() >= 4;
        }
        return longPart;
    }

    /** {@code v} read as UTF-8 when its characters are bytes of valid UTF-8 (the Latin-1 view of it), else itself. */
    private static String utf8(String v) {
        boolean high = false;
        byte[] bytes = new byte[v.length()];
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c > 0xff) {
                return v;
            }
            high |= c > 0x7f;
            bytes[i] = (byte) c;
        }
        if (!high) {
            return v;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return v;
        }
    }

    private static final Pattern PADDED_BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    /**
     * Base64 of a placeholder, as a Kubernetes Secret's {@code data:} holds its values ({@code Y2hhbmdlbWU=} is
     * {@code changeme}, {@code JHtBUElfVE9LRU59} is {@code ${API_TOKEN}}): the decoded text, printable ASCII, judged
     * by the same placeholder rules.
     */
    static boolean encodedPlaceholder(String v) {
        if (v.length() % 4 != 0 || !PADDED_BASE64.matcher(v).matches()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (bytes.length == 0) {
            return false;
        }
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        String decoded = new String(bytes, StandardCharsets.US_ASCII);
        if (decoded.length() > 64 || decoded.startsWith("{\"") || decoded.startsWith("[")) {
            return false; // a JSON document (an ECR login's payload) is no placeholder
        }
        return placeholder(decoded) || oneCharacter(decoded);
    }

    /**
     * A date or time stamp ({@code 2024-03-05T10:22:01Z}, {@code 2024-03-05T10:22:01.123+01:00}): digits and date
     * separators, its only letters a {@code T} between date and time and a {@code Z} for UTC. A table column such as
     * {@code password_changed_at} holds these.
     */
    static boolean timestamp(String v) {
        if (v.isEmpty() || !Character.isDigit(v.charAt(0))) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && "-:./+TZ".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLetter(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (Character.isLetter(v.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A template, a reference, a constant name, a URL or path, a filler, or a value holding a placeholder word. */
    static boolean placeholder(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        char first = value.charAt(0);
        char last = value.charAt(value.length() - 1);
        if (first == '$' || first == '<' || first == '{' || first == '[' || first == '('
                || (first == '/' && path(value))
                || value.startsWith("~/") || (first == '%' && (last == '%' || value.startsWith("%("))) || value.startsWith("#{")
                || value.startsWith("./") || lower.contains("://") || value.contains("{{") || value.contains("${")
                || value.contains("$(") || value.contains("%(")) {
            return true;
        }
        if (reference(value) || constantName(value) || oneCharacter(value)) {
            return true;
        }
        for (String prefix : PUBLIC_KEY_PREFIXES) {
            if (value.startsWith(prefix)) {
                return true;
            }
        }
        for (String prefix : PASSWORD_HASH_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        if (value.endsWith("...")) {
            return true; // a value cut short in documentation: sk-ant-api03-...
        }
        for (String word : PLACEHOLDER_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A value that starts with {@code /} is a file path ({@code /etc/app/secret.key}, {@code /run/secrets/db}), unless
     * it is base64 that happens to start with {@code /} (one in 64 keys do: Phoenix's {@code secret_key_base:
     * "/6+eG..."}): a {@code +}, a padding {@code =} at the end, a segment of 24+ characters holding upper-case,
     * lower-case letters and digits, which no directory or file name is, or 32+ characters of those classes without a
     * {@code . - _} (base64 with more slashes in it).
     */
    private static boolean path(String v) {
        if (v.indexOf('+') >= 0 || v.endsWith("=")) {
            return false;
        }
        if (v.length() >= 32 && mixed(v, 0, v.length()) && v.indexOf('.') < 0 && v.indexOf('-') < 0
                && v.indexOf('_') < 0) {
            return false; // 32+ characters of mixed classes and no name punctuation: base64 with slashes in it
        }
        int start = 1;
        while (start < v.length()) {
            int end = v.indexOf('/', start);
            end = end < 0 ? v.length() : end;
            if (end - start >= 24 && mixed(v, start, end)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /** True if {@code v[from, to)} holds an upper-case letter, a lower-case letter and a digit. */
    private static boolean mixed(String v, int from, int to) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit;
    }

    /**
     * {@code a.b.c}, {@code a.b(}, {@code a[}: an identifier path, possibly called or indexed. Each part is a word of
     * letters and underscores with at most two digits at its end ({@code config.db2}), so a random value with dots
     * ({@code h3Jd9.Kq2Lm}) is not one.
     */
    private static boolean reference(String v) {
        int i = 0;
        int dots = 0;
        int n = v.length();
        while (i < n) {
            int start = i;
            while (i < n && (Character.isLetter(v.charAt(i)) || v.charAt(i) == '_')) {
                i++;
            }
            if (i == start) {
                return false;
            }
            int digits = i;
            while (i < n && Character.isDigit(v.charAt(i))) {
                i++;
            }
            if (i - digits > 2) {
                return false;
            }
            if (i == n) {
                return dots > 0;
            }
            char c = v.charAt(i);
            if (c == '(' || c == '[') {
                // a call or an index: getenv(, getenv("X"), os.environ['X']; not a random value with a bracket inside
                String rest = v.substring(i + 1);
                return rest.isEmpty() || rest.endsWith(")") || rest.endsWith("]") || rest.endsWith(");");
            }
            if (c != '.') {
                return false;
            }
            dots++;
            i++;
        }
        return false;
    }

    /** {@code DB_PASSWORD}, {@code API_KEY_2}: upper-case words joined by underscores. */
    private static boolean constantName(String v) {
        boolean underscore = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '_') {
                underscore = true;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return underscore;
    }

    /** At most two different characters ({@code aaaa}, {@code abab}); a loop, not a stream of boxed chars. */
    private static boolean oneCharacter(String v) {
        char a = v.charAt(0);
        char b = a;
        for (int i = 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != a && c != b) {
                if (a != b) {
                    return false;
                }
                b = c;
            }
        }
        return true;
    }

    static int classes(String v) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
