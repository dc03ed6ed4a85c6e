package dev.sieve.dlp.validate;

/** What a validator may know besides the match itself. Views of the scanned bytes as Latin-1 characters. */
public interface ValidationContext {

    /** Id of the rule whose candidate is being validated. */
    String ruleId();

    /** Up to {@code maxChars} characters immediately before the match (fewer at the start of the view). */
    CharSequence before(int maxChars);

    /** Up to {@code maxChars} characters immediately after the match (fewer at the end of the view). */
    CharSequence after(int maxChars);

    /** A context with no surroundings, for tests and offline checks. */
    static ValidationContext empty(String ruleId) {
        return new ValidationContext() {
            @Override
            public String ruleId() {
                return ruleId;
            }

            @Override
            public CharSequence before(int maxChars) {
                return "";
            }

            @Override
            public CharSequence after(int maxChars) {
                return "";
            }
        };
    }

    /**
     * A context whose text before the match is {@code before} and after it {@code after}, for tests and offline checks.
     */
    static ValidationContext around(String ruleId, String before, String after) {
        return new ValidationContext() {
            @Override
            public String ruleId() {
                return ruleId;
            }

            @Override
            public CharSequence before(int maxChars) {
                return before.substring(Math.max(0, before.length() - maxChars));
            }

            @Override
            public CharSequence after(int maxChars) {
                return after.substring(0, Math.min(after.length(), maxChars));
            }
        };
    }
}
