package dev.sieve.dlp.validate;

/** Validation contexts for tests: given text after the match, nothing before it. */
final class TestContexts {

    private TestContexts() {
    }

    static ValidationContext after(String ruleId, String after) {
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
                return after.substring(0, Math.min(maxChars, after.length()));
            }
        };
    }
}
