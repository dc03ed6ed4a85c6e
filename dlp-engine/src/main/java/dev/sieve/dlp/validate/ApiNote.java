package dev.sieve.dlp.validate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code api-note}: an "internal use only" phrase in code is, far more often than a marking, an open-source API's note
 * that a function or class is not public ({@code """For internal use only. This function is not part of the public
 * API."""}, JSDoc's {@code @internal For internal use only}). A match that says only that (no confidential,
 * proprietary, secret, restricted, privileged or distribution word in it) fails when
 * <ul>
 *   <li>its comment or paragraph (up to a blank line either side) speaks of an API's visibility ({@code public API},
 *       {@code not part of}, {@code subject to change}, {@code @internal}, {@code @hide}, {@code @private}), or</li>
 *   <li>it documents a definition: the line before it is a {@code def}/{@code class} signature (a docstring), or it
 *       stands in a doc comment ({@code /**}, {@code *}, {@code ///}, a docstring) and the first line after the comment
 *       that is not a comment's line is a declaration ({@code export function}, {@code public static}, {@code def},
 *       {@code class}, {@code fn}, an annotation). A plain {@code // Internal Only} above a function may be a banner
 *       and passes.</li>
 * </ul>
 * A file's banner ({@code // INTERNAL USE ONLY} above the imports, a document's header) and every confidential marking
 * pass, also when the marking word is on the rest of the phrase's line ({@code <b>INTERNAL USE ONLY.</b> Property of
 * Kestrel Robotics; not for external distribution.} in a class's Javadoc). A bare "API" does not count: an internal API's own document says it.
 */
final class ApiNote implements Validator {

    private static final int REACH = 240;

    /** A word that makes the phrase more than an API's visibility note. */
    private static final Pattern MARKING_WORD = Pattern.compile(
            "confiden|proprietar|secret|restricted|distribut|privileged|do\\s+not\\s+(?:share|forward|copy|disclose)");

    /** An owner named on the phrase's line: the text is someone's property. */
    private static final Pattern OWNER = Pattern.compile("\\bproperty\\s+of\\b");

    /** An API's visibility vocabulary. */
    private static final Pattern API_WORDS = Pattern.compile(
            "\\b(?:public|stable|official|supported|documented|published)\\s+(?:api|interface)|not\\s+part\\s+of"
                    + "|subject\\s+to\\s+change|may\\s+change|can\\s+change|without\\s+(?:prior\\s+)?notice"
                    + "|@(?:internal|hide|private|api\\b|protected)|\\bsemver\\b|backwards?[ -]compat"
                    + "|\\bdo\\s+not\\s+(?:use|call|rely|import)|\\bdon'?t\\s+(?:use|call|rely|import)"
                    + "|\\bnot\\s+(?:be\\s+)?(?:used|called|imported)\\s+directly|\\bimplementation\\s+detail");

    /** A def or class signature on the line right before the phrase's line (a docstring's opening quotes allowed). */
    private static final Pattern SIGNATURE_BEFORE = Pattern.compile(
            "(?:^|\\n)[ \\t]*(?:async[ \\t]+)?(?:def|class)[ \\t]+[A-Za-z_][^\\n]*:[ \\t]*\\r?\\n[ \\t]*(?:[rRuU]?(?:\"\"\"|'''))?[^\\n]{0,12}$");

    /** The phrase's line in a doc comment: a Javadoc / JSDoc / KDoc block's line, a C# or Rust doc line, a docstring. */
    private static final Pattern DOC_COMMENT = Pattern.compile("^[ \\t]*(?:/\\*\\*|\\*(?!/)|///|//!|\"\"\"|''')");

    /** A comment's line (a leader first, or a comment's closer) that may stand between the phrase and a declaration. */
    private static final Pattern COMMENT_LINE = Pattern.compile("^[ \\t]*(?:\\*|//|#|\"\"\"|'''|-->)");

    /** A declaration: the code line a doc comment documents. */
    private static final Pattern DECLARATION = Pattern.compile(
            "^[ \\t]*(?:@[A-Za-z]|(?:export[ \\t]+)?(?:default[ \\t]+)?(?:async[ \\t]+)?"
                    + "(?:function|class|interface|def|fn|func|enum|struct|trait|type|const|let|var)\\b"
                    + "|(?:public|private|protected|internal|static|abstract|final|override|open|sealed|pub)\\b)");

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String m = match.toString().toLowerCase(Locale.ROOT);
        if (!m.contains("internal") || MARKING_WORD.matcher(m).find()) {
            return true;
        }
        String before = ctx.before(REACH).toString();
        String after = ctx.after(REACH).toString();
        if (API_WORDS.matcher(block(before, m, after).toLowerCase(Locale.ROOT)).find()) {
            return false;
        }
        // a marking word or an owner on the rest of the phrase's line: a marking, not an API's note
        int eol = after.indexOf('\n');
        String restOfLine = (eol < 0 ? after : after.substring(0, eol)).toLowerCase(Locale.ROOT);
        String tail = m.endsWith("\n") ? m : m + restOfLine;
        if (MARKING_WORD.matcher(tail).find() || OWNER.matcher(tail).find()) {
            return true;
        }
        // the phrase's line: the match may start with the newline before it (a line-start pattern)
        String head = before + match.subSequence(0, m.indexOf("internal"));
        if (SIGNATURE_BEFORE.matcher(head).find()) {
            return false;
        }
        // a doc comment (/** ... */, ///, a docstring) documents the declaration after it; a plain comment line (// Internal
        // Only above a func) may be the file's or the section's banner
        String line = head.substring(head.lastIndexOf('\n') + 1);
        return !(DOC_COMMENT.matcher(line).find() && documentsDeclaration(after, m.endsWith("\n")));
    }

    @Override
    public int reach() {
        return REACH;
    }

    /**
     * The first line after the rest of the match's line (after the match, if it took its line's end) that is not a
     * comment's line is a declaration (at most six comment lines in between; a blank line ends the comment).
     */
    private static boolean documentsDeclaration(String after, boolean matchEndsLine) {
        String[] lines = after.split("\\r?\\n", -1);
        int first = matchEndsLine ? 0 : 1;
        for (int i = first; i < lines.length && i <= first + 6; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                return false;
            }
            if (DECLARATION.matcher(line).find()) {
                return true;
            }
            if (!COMMENT_LINE.matcher(line).find()) {
                return false;
            }
        }
        return false;
    }

    /** The match with the text around it up to a blank line on either side (the comment or paragraph it is in). */
    private static String block(String before, String m, String after) {
        int b = Math.max(before.lastIndexOf("\n\n"), before.lastIndexOf("\n\r\n"));
        return before.substring(Math.max(b, 0)) + m + after.substring(0, blankLine(after));
    }

    private static int blankLine(String s) {
        int a = s.indexOf("\n\n");
        int b = s.indexOf("\n\r\n");
        if (a < 0) {
            return b < 0 ? s.length() : b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
