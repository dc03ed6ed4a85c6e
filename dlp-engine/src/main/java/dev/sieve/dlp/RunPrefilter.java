package dev.sieve.dlp;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * A cheaper expression for Hyperscan to search in place of a pattern of the shape "one byte class, then a long
 * bounded run of a class that holds it", such as a Bitcoin WIF key ({@code \b[5KLc9][1-9A-HJ-NP-Za-km-z]{50,51}\b}):
 * {@code ^}, {@code \b} or {@code \B} assertions, a one-byte atom L, a one-byte atom R{@code {min,max}} with every
 * byte of L in R and {@code min + 1} at least {@value #MIN_RUN}, then at most a {@code \b} or {@code $}.
 *
 * <p>Hyperscan tracks every L byte of the text as the start of its own run, and L is often a common letter: on agent
 * traffic that one WIF pattern cost a quarter of the whole pack's scan. A run of R alone ({@code R{min+1}}) is what
 * its bounded-repeat engine is fastest at. Every end of a match of the pattern is an end of {@code R{min+1}} (the
 * {@code min + 1} bytes before it are L and R bytes, all in R), so the plain run finds a superset of the ends;
 * {@link ScanCore} confirms each with the pattern itself in java.util.regex, from the pattern's own widths, so the
 * findings do not change. The cost moves to text with runs of R that long, which prose and code rarely have; hence
 * the floor on the run.
 */
final class RunPrefilter {

    /** Shortest run (the lead byte included) the plain run replaces a pattern for. */
    static final int MIN_RUN = 32;

    private RunPrefilter() {
    }

    /** The expression Hyperscan searches instead of {@code pattern} (Hyperscan syntax) under {@code flags}, if any. */
    static Optional<String> of(String pattern, Set<Rule.PatternFlag> flags) {
        if (LeadingRun.hasTopLevelAlternation(pattern)) {
            return Optional.empty();
        }
        int i = LeadingRun.skipAssertions(pattern);
        int leadEnd = LeadingRun.atomEnd(pattern, i);
        int runEnd = leadEnd < 0 ? -1 : LeadingRun.atomEnd(pattern, leadEnd);
        if (runEnd < 0) {
            return Optional.empty();
        }
        Matcher bounds = LeadingRun.BOUNDS.matcher(pattern).region(runEnd, pattern.length());
        if (!bounds.lookingAt()) {
            return Optional.empty();
        }
        String tail = pattern.substring(bounds.end());
        int min = Integer.parseInt(bounds.group(1));
        if (!(tail.isEmpty() || tail.equals("\\b") || tail.equals("$")) || min + 1 < MIN_RUN) {
            return Optional.empty();
        }
        boolean[] lead = LeadingRun.bytes(pattern.substring(i, leadEnd), flags);
        String runAtom = pattern.substring(leadEnd, runEnd);
        boolean[] run = LeadingRun.bytes(runAtom, flags);
        if (lead == null || run == null) {
            return Optional.empty();
        }
        for (int b = 0; b < 256; b++) {
            if (lead[b] && !run[b]) {
                return Optional.empty();
            }
        }
        return Optional.of(runAtom + "{" + (min + 1) + "}");
    }
}
