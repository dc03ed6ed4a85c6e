package dev.sieve.bench;

import dev.sieve.bench.fixture.Body;

/** Checks that generated bodies carry the findings they were built with, so a benchmark never measures a dud. */
final class Fixtures {

    private Fixtures() {
    }

    /** Parses the {@code findings} parameter: {@code none} or {@code few}. */
    static boolean withFindings(String findings) {
        return switch (findings) {
            case "none" -> false;
            case "few" -> true;
            default -> throw new IllegalArgumentException("findings: '" + findings + "' (expected: none or few)");
        };
    }

    /**
     * Throws unless {@code found} fits the body: none for a clean body; at least the planted count when the
     * scanner can see them ({@code decoded} and {@code inspector} always, {@code raw} on a kind that does not encode them).
     */
    static void check(Body body, String view, int found) {
        boolean visible = !view.equals("raw") || body.kind().findingsVisibleRaw();
        if (body.planted() == 0 && found != 0) {
            throw new IllegalStateException("fixture: clean " + body.kind() + " body has " + found
                    + " findings in view " + view + " (expected: 0; a rule fires on generated text)");
        }
        if (visible && found < body.planted()) {
            throw new IllegalStateException("fixture: " + body.kind() + " body has " + found + " findings in view "
                    + view + " (expected: >= " + body.planted() + " planted)");
        }
    }
}
