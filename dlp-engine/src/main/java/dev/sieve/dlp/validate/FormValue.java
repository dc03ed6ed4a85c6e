package dev.sieve.dlp.validate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code form-value {kind, split, trailing, min_length, min_entropy}}: a credential written in a form that has no
 * {@code key = value} shape, where the rule's pattern ends at (or just after) the value.
 *
 * <ul>
 *   <li>{@code last-token} (default): the value is the match's last blank-separated token, after trailing quotes,
 *   {@code ;}, {@code @}, blanks and a written {@code \r} or {@code \n} are dropped, and after up to two last tokens
 *   listed in {@code trailing} are dropped (a pattern that ends on {@code RW} or {@code address} to be sure of its
 *   form); with
 *   {@code split}, only the part after the first of the {@code split} characters in that token ({@code admin:VALUE},
 *   {@code user/VALUE@db}). It must pass the assignment-value checks (length, character classes, entropy, no
 *   placeholder, template, mask or path) and must not be followed by {@code encrypted} or {@code pbkdf2} (a device
 *   config's hash marker).</li>
 *   <li>{@code reversible}: a Cisco type 7 string (even length, two decimal digits 00..15 and hex) or a Junos
 *   {@code $9$} string: obfuscations anyone can reverse, so credentials.</li>
 *   <li>{@code discord}: a Discord token whose first dot-separated part is base64 of a 17..20 digit user id.</li>
 *   <li>{@code cloudflare-tunnel}: base64 of a JSON object with {@code "a"} (account), {@code "t"} (tunnel id) and
 *   {@code "s"} (secret) fields, as {@code cloudflared tunnel token} prints.</li>
 *   <li>{@code vnc-hex}: the eight bytes after the match's last {@code :} or {@code =} (a registry {@code hex:} value
 *   or an ini's 16 hex digits: a VNC password DES-encrypted with a fixed, published key) hold at least four distinct
 *   bytes (an all-zero or filler value is not a password).</li>
 *   <li>{@code cookie}: a session cookie record (a Netscape cookies.txt line or an export's {@code name}/{@code value}
 *   pair); its value (the last token) passes the checks of {@code last-token}, and a CSRF cookie is not a session.
 *   With {@code split} (a header's {@code NAME=value}), the value is the part of the last token after the split
 *   character and only that cookie's name is tested for CSRF.</li>
 *   <li>{@code aligned-column}: a cell of a blank-aligned table (PowerShell Format-Table, sqlcmd): a header line, a
 *   rule line of dash runs separated by blanks and rows of non-blank lines under it. The value (the last token) must
 *   start exactly where a dash run starts (PowerShell left-aligns text), and the header text over that run must end
 *   in a secret word (Password, Passwd, Pwd, Secret, Token, ApiKey, AccessKey, SecretKey, PrivateKey, Passphrase:
 *   DefaultPassword, ClientSecret); then it passes the checks of {@code last-token}.</li>
 * </ul>
 */
final class FormValue implements Validator {

    enum Kind {
        LAST_TOKEN("last-token"), REVERSIBLE("reversible"), DISCORD("discord"), CLOUDFLARE_TUNNEL("cloudflare-tunnel"),
        VNC_HEX("vnc-hex"), COOKIE("cookie"), ALIGNED_COLUMN("aligned-column");

        private final String yamlName;

        Kind(String yamlName) {
            this.yamlName = yamlName;
        }

        String yamlName() {
            return yamlName;
        }

        static Kind of(String name) {
            for (Kind k : values()) {
                if (k.yamlName.equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    private static final Pattern TUNNEL_ID = Pattern.compile("\"t\"\\s*:\\s*\"[0-9a-fA-F-]{32,36}\"");
    private static final Pattern TUNNEL_SECRET = Pattern.compile("\"s\"\\s*:\\s*\"[A-Za-z0-9+/=_-]{16,}\"");
    private static final Pattern TUNNEL_ACCOUNT = Pattern.compile("\"a\"\\s*:\\s*\"[0-9a-fA-F]{32}\"");

    private final Kind kind;
    private final String split;
    private final List<String> trailing;
    private final AssignedValue checks;

    FormValue(Kind kind, String split, List<String> trailing, int minLength, double minEntropy) {
        if (split != null && split.isEmpty()) {
            throw new IllegalArgumentException("split: '' (expected: one or more characters)");
        }
        this.kind = kind;
        this.split = split;
        this.trailing = List.copyOf(trailing);
        this.checks = new AssignedValue(AssignedValue.Form.CELL, minLength, minEntropy);
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String s = match.toString();
        return switch (kind) {
            case LAST_TOKEN -> lastTokenSecret(s, ctx);
            case REVERSIBLE -> reversible(lastToken(s, List.of()));
            case DISCORD -> discord(afterLabel(s.strip()));
            case CLOUDFLARE_TUNNEL -> cloudflareTunnel(lastToken(s, List.of()));
            case VNC_HEX -> vncHex(s);
            case COOKIE -> cookie(s, ctx);
            case ALIGNED_COLUMN -> alignedColumn(s, ctx);
        };
    }

    private boolean lastTokenSecret(String s, ValidationContext ctx) {
        String token = lastToken(s, trailing);
        if (token == null) {
            return false;
        }
        if (split != null) {
            int at = -1;
            for (int i = 0; i < token.length() && at < 0; i++) {
                at = split.indexOf(token.charAt(i)) >= 0 ? i : -1;
            }
            if (at < 0) {
                return false;
            }
            token = token.substring(at + 1);
        }
        if (hashMarkerAfter(ctx)) {
            return false;
        }
        return plausible(token);
    }

    /** The assignment-value checks; a value longer than they allow is checked on its first characters. */
    private boolean plausible(String token) {
        return checks.plausibleSecret(token.length() > AssignedValue.MAX_LENGTH
                ? token.substring(0, AssignedValue.MAX_LENGTH) : token);
    }

    /** The last token of {@code s} after dropping trailing punctuation and up to two {@code skip} words; null if none. */
    static String lastToken(String s, List<String> skip) {
        int end = trimEnd(s, s.length());
        for (int i = 0; i < 2 && end > 0; i++) {
            int start = tokenStart(s, end);
            if (!skip.contains(s.substring(start, end))) {
                break;
            }
            end = trimEnd(s, start);
        }
        int start = tokenStart(s, end);
        return start < end ? s.substring(start, end) : null;
    }

    private static int trimEnd(String s, int end) {
        while (end > 0) {
            char c = s.charAt(end - 1);
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == ';' || c == '@' || c == '`') {
                end--;
            } else if (end >= 2 && s.charAt(end - 2) == '\\' && (c == 'r' || c == 'n')) {
                end -= 2;
            } else {
                break;
            }
        }
        return end;
    }

    private static int tokenStart(String s, int end) {
        int start = end;
        while (start > 0) {
            char c = s.charAt(start - 1);
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '`') {
                break;
            }
            start--;
        }
        return start;
    }

    private static boolean hashMarkerAfter(ValidationContext ctx) {
        return AssignedValue.storedAsHash(ctx.after(24));
    }

    static boolean reversible(String token) {
        if (token == null) {
            return false;
        }
        if (token.startsWith("$9$")) {
            // Junos: the rest is a run of its 65-character alphabet; a real one is at least a few characters
            return token.length() >= 10 && token.substring(3).chars().noneMatch(Character::isWhitespace);
        }
        if (token.length() < 6 || token.length() % 2 != 0 || token.length() > 256) {
            return false;
        }
        if (!Character.isDigit(token.charAt(0)) || !Character.isDigit(token.charAt(1))) {
            return false;
        }
        int seed = Integer.parseInt(token.substring(0, 2));
        if (seed > 15) {
            return false;
        }
        for (int i = 2; i < token.length(); i++) {
            if (Character.digit(token.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The token at the end of {@code s}: what follows its last blank, quote, {@code =}, {@code :} or {@code (}. */
    static String afterLabel(String s) {
        int i = s.length();
        while (i > 0 && " \t\"'=:(".indexOf(s.charAt(i - 1)) < 0) {
            i--;
        }
        return s.substring(i);
    }

    static boolean discord(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].length() != 6 || parts[2].length() < 27) {
            return false;
        }
        String id = decode(parts[0]);
        if (id == null || id.length() < 17 || id.length() > 20) {
            return false;
        }
        return id.chars().allMatch(Character::isDigit);
    }

    static boolean cloudflareTunnel(String token) {
        String json = token == null ? null : decode(token);
        return json != null && TUNNEL_ACCOUNT.matcher(json).find() && TUNNEL_ID.matcher(json).find()
                && TUNNEL_SECRET.matcher(json).find();
    }

    static boolean vncHex(String s) {
        int from = Math.max(s.lastIndexOf(':'), s.lastIndexOf('=')) + 1;
        String hex = s.substring(from).replace(",", "").strip();
        if (hex.length() < 16) {
            return false;
        }
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 16; i += 2) {
            if (Character.digit(hex.charAt(i), 16) < 0 || Character.digit(hex.charAt(i + 1), 16) < 0) {
                return false;
            }
            distinct.add(hex.substring(i, i + 2).toLowerCase(Locale.ROOT));
        }
        return distinct.size() >= 4;
    }

    private boolean cookie(String s, ValidationContext ctx) {
        if (split != null) {
            // a header's NAME=value (Cookie: a=1; sessionid=v): the CSRF test looks at this cookie's name only, as
            // the header's other cookies (csrftoken=...) are not the match's value
            String token = lastToken(s, trailing);
            return token != null && !csrf(token) && lastTokenSecret(s, ctx);
        }
        if (csrf(s)) {
            return false;
        }
        String token = lastToken(s, List.of());
        return token != null && plausible(token);
    }

    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]");
    private static final Pattern SECRET_HEADER = Pattern.compile(
            "(?:password|passwd|pwd|secret|token|apikey|accesskey|secretkey|privatekey|passphrase)$");

    /** How many lines a value may lie under its table's rule line. */
    private static final int ALIGNED_ROWS = 40;

    private boolean alignedColumn(String s, ValidationContext ctx) {
        String token = lastToken(s, List.of());
        if (token == null || !s.endsWith(token)) {
            return false;
        }
        String text = ctx.before(1024).toString() + s;
        int valueStart = text.length() - token.length();
        int lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
        if (lineStart == 0) {
            return false; // the value's line must be under a rule line within the text seen
        }
        int column = valueStart - lineStart;
        int end = lineStart - 1; // the '\n' ending the line above
        for (int rows = 0; rows < ALIGNED_ROWS && end > 0; rows++) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            String line = stripCr(text.substring(start, end));
            if (line.isBlank()) {
                return false; // a blank line ends the table
            }
            if (dashRule(line)) {
                if (start == 0) {
                    return false;
                }
                int headerStart = text.lastIndexOf('\n', start - 2) + 1;
                String header = stripCr(text.substring(headerStart, start - 1));
                return secretHeader(header, line, column) && plausible(token) && !hashMarkerAfter(ctx);
            }
            end = start - 1;
        }
        return false;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** A rule line of a blank-aligned table: dashes, runs of them separated by blanks. */
    static boolean dashRule(String line) {
        String t = line.stripTrailing();
        if (t.length() < 3 || t.charAt(0) != '-') {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) != ' ' && t.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether the dash run of {@code rule} that starts at {@code column} is under a header naming a secret. */
    static boolean secretHeader(String header, String rule, int column) {
        if (column >= rule.length() || rule.charAt(column) != '-' || column > 0 && rule.charAt(column - 1) != ' ') {
            return false;
        }
        int runEnd = column;
        while (runEnd < rule.length() && rule.charAt(runEnd) == '-') {
            runEnd++;
        }
        if (column >= header.length()) {
            return false;
        }
        String cell = header.substring(column, Math.min(runEnd, header.length()));
        if (runEnd < header.length() && header.charAt(runEnd) != ' ') {
            return false; // the header does not line up with the rule
        }
        String stripped = cell.strip();
        if (stripped.isEmpty() || stripped.indexOf(' ') >= 0) {
            return false; // a property name, not a sentence over a Markdown or setext rule
        }
        String name = NOT_ALNUM.matcher(stripped.toLowerCase(Locale.ROOT)).replaceAll("");
        return SECRET_HEADER.matcher(name).find();
    }

    private static boolean csrf(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.contains("csrf") || lower.contains("xsrf");
    }

    /** Base64 (standard or URL-safe, padding optional) of printable ASCII, or null. */
    private static String decode(String b64) {
        String t = b64.replace('-', '+').replace('_', '/');
        while (t.length() % 4 != 0) {
            t = t + "=";
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (byte b : raw) {
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f) {
                return null;
            }
        }
        return new String(raw, StandardCharsets.US_ASCII);
    }
}
