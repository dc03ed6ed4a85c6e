package dev.sieve.rules.eval;

import java.util.List;
import java.util.Objects;

/**
 * A sensitive value in the text around it (a config line, a JSON fragment, a table), as an agent would send it.
 *
 * @param rules      rule ids of the default pack expected to fire on the text (empty for detectors still to come)
 * @param category   the category expected
 * @param detector   for detectors that do not exist yet, their name ({@code generic-assignment}, ...); else null
 * @param text       the whole snippet
 * @param value      the sensitive part of {@code text} (what value-level encodings such as zero-width characters
 *                   touch); occurs in {@code text}
 */
record Snippet(List<String> rules, String category, String detector, String text, String value) {

    Snippet {
        rules = List.copyOf(rules);
        Objects.requireNonNull(category, "category");
        if (!text.contains(value)) {
            throw new IllegalArgumentException("snippet value not in its text: " + rules + " " + detector);
        }
    }

    static Snippet of(String rule, String category, String template, String value) {
        return new Snippet(List.of(rule), category, null, template.replace("{}", value), value);
    }

    boolean multiline() {
        return text.indexOf('\n') >= 0;
    }

    boolean ascii() {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n');
    }

    /** The same snippet with {@code value} replaced (by an encoding of it) in the text. */
    Snippet withValue(String newValue) {
        return new Snippet(rules, category, detector, text.replace(value, newValue), newValue);
    }

    /** The same snippet with a new text (an encoding of the whole text); the value is then the whole text. */
    Snippet withText(String newText) {
        return new Snippet(rules, category, detector, newText, newText);
    }
}
