package dev.sieve.dlp.validate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code marking}: a confidentiality phrase ({@code Highly Confidential}, {@code Internal Use Only}) is a marking of
 * the text it stands in, not a mention of a classification level. Text that talks about levels names them the way a
 * policy or code does, and those positions fail:
 * <ul>
 *   <li>quoted: a quote right before the match and the same quote in or right after it ({@code label="Internal Use
 *       Only"}, {@code ["Public", "Confidential"]}, a policy's {@code "Highly Confidential" documents});</li>
 *   <li>one item of a list of levels: a comma, a semicolon, {@code and} or {@code or} right before it, or a comma and
 *       another level word right after it ({@code Public, Internal Use Only, Confidential and Highly
 *       Confidential}; an "and" after it is left alone: {@code privileged and confidential} is one marking);</li>
 *   <li>a definition: the first thing of a bullet ({@code - **Internal Use Only**: documents for employees}) or of a
 *       table row ({@code | Highly Confidential | board papers |}) followed by a colon or a dash;</li>
 *   <li>a level used as an adjective in a sentence: a word before it on its line and a noun of a level or of what a
 *       level applies to after it ({@code ... Highly Confidential data must be encrypted}, {@code the Internal Only
 *       label}).</li>
 *   <li>a field of an object that code sets to a string literal: a label field right after {@code this.}, {@code
 *       doc.} or {@code $doc->}, and {@code =} and a quote in the match ({@code this.sensitivity = "Confidential"}):
 *       code that handles labels; a labelled file's own {@code classification: Restricted} has no object before it.</li>
 *   <li>the value of a key that is itself a level, in a table of labels: a properties line, an object literal, a map
 *       ({@code label.classification.internal=Internal use only}, {@code internal: "Internal use only"}, {@code
 *       Sensitivity.RESTRICTED: "RESTRICTED - do not distribute"}), or a JSON value (Sieve scans a JSON document with
 *       its names and values on lines of their own) whose name is a level or a label's name ({@code "name": "Highly
 *       Confidential"});</li>
 *   <li>one of levels separated by bars ({@code --classification (public|internal|confidential)});</li>
 *   <li>people under NDA ({@code any employee or contractor under NDA}): what binds them, not a marking;</li>
 *   <li>what something is called or kept as: after a verb of labelling or keeping in the same clause ({@code Your files
 *       stay private and confidential}, {@code the letterhead says Privileged & Confidential}, {@code mark the e-mail
 *       as private and confidential}).</li>
 * </ul>
 * A marking at the start of a line, after a comment leader or a heading mark, after a separator of a header or a
 * footer ({@code Acme | Highly Confidential | Page 3}, {@code Q3 plan - Strictly Confidential}) or in a sentence
 * ({@code This document contains highly confidential information}) passes. The surroundings are read as the engine
 * gives them (Latin-1 characters of the scanned bytes, so a typographic quote is three characters).
 */
final class Marking implements Validator {

    /** Characters looked at on either side of the match. */
    private static final int REACH = 120;

    /** A level word that, after a comma or semicolon, makes the match one item of a list. */
    private static final Pattern NEXT_LEVEL = Pattern.compile(
            "^[ \\t]{0,3}[,;][ \\t*_\"'`]{0,6}(?:(?:level|tier|class|category|grade)[ \\t]{0,2}\\d{1,2}[ \\t]{0,2}[:.)=-]?[ \\t]{0,3}|\\d{1,2}[.):][ \\t]{0,3})?(?:public|internal|confidential|restricted|secret|sensitive"
                    + "|general|private|highly|strictly|top|personal|official|proprietary|unclassified)\\b");

    /** A bullet or a table row's first cell, with emphasis, before the match on its line. */
    private static final Pattern ITEM_START = Pattern.compile("^[ \\t]{0,8}(?:[-*+]|\\d{1,2}[.)]|\\|)[ \\t*_]{0,6}$");

    /** A definition after the phrase: a colon, or a dash or a table cell's end with blanks around it. */
    private static final Pattern DEFINITION = Pattern.compile("^[^\\n:|]{0,48}?[*_\"'`]{0,3}[ \\t]{0,2}(?::|\\||[ \\t](?:-|\u00e2\u0080[\u0093\u0094])[ \\t])");

    /**
     * The same two inside a match that holds the rest of its line (the internal-use pattern does, for its API
     * excludes): another level, or a noun, right after "only" or "use".
     */
    private static final Pattern INNER_LIST = Pattern.compile(
            "\\b(?:only|use)[*_\"'`]{0,3}[ \\t]{0,3}[,;][ \\t*_\"'`]{0,6}(?:(?:level|tier|class|category|grade)[ \\t]{0,2}\\d{1,2}[ \\t]{0,2}[:.)=-]?[ \\t]{0,3}|\\d{1,2}[.):][ \\t]{0,3})?(?:public|internal"
                    + "|confidential|restricted|secret|sensitive|general|private|highly|strictly|top|personal|official"
                    + "|proprietary|unclassified)\\b");
    private static final Pattern INNER_NOUN = Pattern.compile(
            "\\b(?:only|use)[*_\"'`]{0,3}[ \\t]{1,3}(?:levels?|labels?|labell?ed|classifications?|category|categories"
                    + "|tiers?|markings?|data|documents?|files?|items?|assets?|records?|workloads?|setting|option|value)\\b");

    /** A noun after a level used as an adjective in a sentence. */
    private static final Pattern LEVEL_NOUN = Pattern.compile(
            "^[*_\"'`]{0,3}[ \\t]{1,3}(?:levels?|labels?|labell?ed|classifications?|category|categories|tiers?|markings?"
                    + "|data|documents?|files?|items?|assets?|records?|workloads?|level|setting|option|value)\\b");

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String m = match.toString();
        String before = ctx.before(REACH).toString();
        String after = ctx.after(REACH).toString();
        String line = before.substring(before.lastIndexOf('\n') + 1);
        return !quoted(before, m, after) && !listItem(before, m, after) && !definition(before, line, m, after)
                && !adjective(line, m, after) && !memberAssignment(before, m) && !predicate(line)
                && !levelKeyed(before, line, m, after) && !barList(before, m) && !peopleUnderNda(line, m);
    }

    /**
     * A key that is a level (a properties key, an object's or a map's key, a constant), then = or : and maybe a quote;
     * groups: the key's path before the level, the quote after the key, the separator, the quote after it.
     */
    private static final Pattern LEVEL_KEY = Pattern.compile(
            "(?:^|[^a-z0-9_])((?:[a-z0-9_-]{1,40}[._])*)(?:public|internal|confidential|restricted|secret|top_secret"
                    + "|sensitive|private|highly_confidential|strictly_confidential|official|unclassified"
                    + "|official_sensitive)([\"'`]?)[ \t]{0,3}([:=])[ \t]{0,3}([\"'`]?)$");

    /** A JSON name on the line before a value's line: a level, or the name of a label object's field. */
    private static final Pattern JSON_LEVEL_NAME = Pattern.compile(
            "(?:^|\n)[ \t]{0,8}(?:public|internal|confidential|restricted|secret|top_secret|sensitive|private|official"
                    + "|unclassified|name|label|display_?name|displayname|tooltip|badge|caption)\r?\n$");

    /**
     * The value of a key that is a level (a table of labels): on the match's line after a level key and = or :, or, in
     * a JSON document scanned as names and values on lines of their own, the whole of a line whose name (the line
     * before) is a level or a label's name.
     */
    private static boolean levelKeyed(String before, String line, String m, String after) {
        String l = line.toLowerCase(Locale.ROOT);
        Matcher key = LEVEL_KEY.matcher(l);
        if (key.find() && (!key.group(1).isEmpty() || !key.group(2).isEmpty() || key.group(3).equals("=")
                || !key.group(4).isEmpty() || lowerCaseKey(line, key))) {
            return true;
        }
        if (!line.isEmpty()) {
            return false;
        }
        int eol = after.indexOf('\n');
        String rest = eol < 0 ? after : after.substring(0, eol);
        if (!m.contains("\n") && !rest.strip().isEmpty()) {
            return false;
        }
        return JSON_LEVEL_NAME.matcher(before.toLowerCase(Locale.ROOT)).find();
    }

    /**
     * A bare key with a colon and no quote (YAML's {@code internal: Internal use only}) counts only as written in lower
     * case: a heading in a comment or a document ({@code Confidential: contains trade secrets of ...}) is capitalised.
     */
    private static boolean lowerCaseKey(String line, Matcher key) {
        if (line.length() != key.regionEnd()) {
            return false; // lower-casing changed the length (a letter outside ASCII): no safe way back to the text
        }
        String written = line.substring(key.start(), key.end());
        return written.equals(written.toLowerCase(Locale.ROOT));
    }

    /** A diff's {@code +} or {@code -} before a block comment's {@code *}. */
    private static final Pattern DIFF_MARK = Pattern.compile("^[+-][ \t]{0,4}(?=\\*)");

    /** A level and a bar right before the match, which is itself two levels joined by a bar (public|internal|...). */
    private static final Pattern BAR_LIST_BEFORE = Pattern.compile(
            "(?:\\b(?:public|internal|confidential|restricted|secret|general|private|sensitive)\\||[(\\[{])$");

    private static boolean barList(String before, String m) {
        return m.indexOf('|') > 0 && m.chars().noneMatch(c -> c == ' ' || c == '\t')
                && BAR_LIST_BEFORE.matcher(before.toLowerCase(Locale.ROOT)).find();
    }

    /** People before "under NDA": the agreement binds them, the text is not marked. */
    private static final Pattern PEOPLE_BEFORE = Pattern.compile(
            "\\b(?:employees?|contractors?|staff|personnel|people|persons|individuals|anyone|someone|consultants?"
                    + "|candidates?|interns?|visitors?|workers?)[ \t]{1,3}(?:(?:who|that)[ \t]{1,3}(?:is|are)[ \t]{1,3})?$");

    private static boolean peopleUnderNda(String line, String m) {
        return m.regionMatches(true, 0, "under", 0, 5) && PEOPLE_BEFORE.matcher(line.toLowerCase(Locale.ROOT)).find();
    }

    /** An assignment of a quoted value (= then a quote in the match). */
    private static final Pattern ASSIGNS_LITERAL = Pattern.compile("^[A-Za-z_][A-Za-z0-9_ -]{0,40}=[ \t]{0,3}[\"']");

    /**
     * An object's field set to a string literal in code: the match starts with the field's name right after
     * {@code identifier.} (or {@code )}, {@code ]} before the dot) or after {@code ->}, and assigns a quoted value.
     */
    private static boolean memberAssignment(String before, String m) {
        if (!ASSIGNS_LITERAL.matcher(m).find()) {
            return false;
        }
        int n = before.length();
        if (n >= 2 && before.charAt(n - 1) == '>' && before.charAt(n - 2) == '-') {
            return true;
        }
        if (n < 2 || before.charAt(n - 1) != '.') {
            return false;
        }
        char c = before.charAt(n - 2);
        return Character.isLetterOrDigit(c) || c == '_' || c == ')' || c == ']';
    }

    /** A quote right before the match, and the same quote in the match or within three characters after it. */
    private static boolean quoted(String before, String m, String after) {
        String b = stripEnd(before, " \t");
        if (b.isEmpty()) {
            return false;
        }
        char q = b.charAt(b.length() - 1);
        if (q == '"' || q == '\'' || q == '`') {
            // the closing quote: in the match (a pattern that takes the rest of the line) or right after it
            return m.indexOf(q) >= 0 || after.substring(0, Math.min(3, after.length())).indexOf(q) >= 0;
        }
        // typographic quotes as UTF-8 bytes: a left quote (\u201c or \u2018, E2 80 9C / 98) before, a right one
        // (\u201d or \u2019, E2 80 9D / 99) after
        if (b.endsWith("\u00e2\u0080\u009c") || b.endsWith("\u00e2\u0080\u0098")) {
            return (m + after.substring(0, Math.min(6, after.length()))).contains("\u00e2\u0080\u009d")
                    || (m + after.substring(0, Math.min(6, after.length()))).contains("\u00e2\u0080\u0099");
        }
        return false;
    }

    /** An HTML character reference at the end of the text before the match ({@code &mdash;}, {@code &#8212;}). */
    private static final Pattern HTML_ENTITY = Pattern.compile("&(?:[a-z]{2,8}|#[0-9]{2,5}|#x[0-9a-f]{2,4});$");

    /** A level's number at the end of the text before a level (Level 2, Tier 3:, 2.). */
    private static final Pattern NUMBERED_ITEM = Pattern.compile(
            "(?:\\b(?:level|tier|class|category|grade)[ \\t]{0,2}\\d{1,2}[ \\t]{0,2}[:.)=-]?|(?:^|[ \\t,;])\\d{1,2}[.):])$");

    /**
     * The phrase as what something is called or kept as, after a verb of labelling or keeping on its line, in the same
     * clause and at most four words before it: {@code Your files stay private and confidential}, {@code The letterhead
     * says Privileged & Confidential}, {@code Mark the email as private and confidential}, {@code Marking an email
     * privileged and confidential}. A marking stands before its text, or after a colon ({@code Marked: Confidential}).
     */
    private static final Pattern PREDICATE = Pattern.compile(
            "\\b(?:(?:we|they|will|always|to)[ \\t]{1,3}keep|stays?|stayed|staying|remains?|remained|remaining|kept|mark|marks|marked|marking|labels?|label(?:l)?ed"
                    + "|label(?:l)?ing|stamps?|stamped|stamping|says|said|reads|called|deemed|considered|treated|held)"
                    + "(?:[ \\t]{1,3}[a-z'-]{1,20}){0,4}[ \\t]{1,3}$");

    /** A verb of labelling or keeping before the phrase, in its clause (see {@link #PREDICATE}). */
    private static boolean predicate(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        int clause = Math.max(Math.max(l.lastIndexOf(':'), l.lastIndexOf('.')), Math.max(l.lastIndexOf(';'), l.lastIndexOf('|')));
        return PREDICATE.matcher(l.substring(clause + 1)).find();
    }

    /** A comma, semicolon, "and" or "or" before the match, or a comma and another level after it. */
    private static boolean listItem(String before, String m, String after) {
        String b = stripEnd(before, " \t*_\"'`").toLowerCase(Locale.ROOT);
        // a numbered level (Level 1 Public; Level 2 Internal Use Only): the list's separator is before the number
        b = stripEnd(NUMBERED_ITEM.matcher(b).replaceFirst(""), " \t*_\"'`");
        // an HTML entity's semicolon (Acme &mdash; Confidential) is a separator, not a list's
        b = stripEnd(HTML_ENTITY.matcher(b).replaceFirst(" -"), " \t");
        if (b.endsWith(",") || b.endsWith(";") || endsWithWord(b, "and") || endsWithWord(b, "or")) {
            return true;
        }
        String a = stripStart(after, "*_\"'`").toLowerCase(Locale.ROOT);
        return NEXT_LEVEL.matcher(a).find() || INNER_LIST.matcher(m.toLowerCase(Locale.ROOT)).find();
    }

    /** The first thing of a bullet or a table row, followed by a colon, a cell end or a dash. */
    private static boolean definition(String before, String line, String m, String after) {
        boolean cellInMatch = m.startsWith("|") && line.isBlank();
        if (!cellInMatch && !ITEM_START.matcher(line).find()) {
            return false;
        }
        // a " * " line inside a block comment (/* ... */ opened before it, not closed) is the comment's, not a bullet
        // (also in a diff, where the line starts with the diff's + or -)
        if (!cellInMatch && DIFF_MARK.matcher(line.strip()).replaceFirst("").startsWith("*")
                && before.lastIndexOf("/*") > before.lastIndexOf("*/")) {
            return false;
        }
        // the match may hold the rest of the line (the internal-use pattern): look from its start
        return DEFINITION.matcher(cellInMatch ? m.substring(1) + after : m + after).find();
    }

    /** A word before the match on its line (not only a comment leader) and a level's or data's noun after it. */
    private static boolean adjective(String line, String m, String after) {
        boolean wordBefore = line.chars().anyMatch(Character::isLetter);
        return wordBefore && (LEVEL_NOUN.matcher(after.toLowerCase(Locale.ROOT)).find()
                || INNER_NOUN.matcher(m.toLowerCase(Locale.ROOT)).find());
    }

    private static boolean endsWithWord(String s, String word) {
        return s.endsWith(word) && (s.length() == word.length() || !Character.isLetter(s.charAt(s.length() - word.length() - 1)));
    }

    private static String stripEnd(String s, String chars) {
        int end = s.length();
        while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String stripStart(String s, String chars) {
        int start = 0;
        while (start < s.length() && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        return s.substring(start);
    }
}
