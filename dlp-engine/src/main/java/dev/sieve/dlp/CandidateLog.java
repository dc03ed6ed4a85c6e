package dev.sieve.dlp;

import dev.sieve.dlp.validate.KeyPair;
import dev.sieve.dlp.validate.SampleTokens;
import dev.sieve.dlp.validate.ValidationContext;
import dev.sieve.dlp.validate.Validator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates confirmed pattern matches of one session (excludes, validators, context) and turns the survivors
 * into findings (overlap normalisation, keypair, distinct-value counting, min_count). Keeps only offsets, masked
 * samples and salted 64-bit hashes of values, never the values. At most {@value #MAX_CANDIDATES} candidates are
 * kept per session; past that {@link #truncated()} is true and callers must fail closed.
 */
final class CandidateLog {

    static final int MAX_CANDIDATES = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(CandidateLog.class);
    private static final byte[] SALT = new SecureRandom().generateSeed(16);

    private record Candidate(long start, long end, String masked, long hash, boolean example) {
    }

    private final PatternTable table;
    private final String viewPath;
    /** Per rule, its candidates; null until its first (most sessions have none: they are made on demand). */
    private final List<Candidate>[] byRule;
    /** Per rule, the earliest start of a candidate that passed its checks (published examples aside). */
    private final long[] firstSurvivor;
    private int total;
    private boolean truncated;
    /** Made at the first candidate: a session is opened per view and decoded layer, and most find nothing. */
    private MessageDigest sha;

    @SuppressWarnings("unchecked")
    CandidateLog(PatternTable table, String viewPath) {
        this.table = table;
        this.viewPath = viewPath;
        this.byRule = (List<Candidate>[]) new List<?>[table.ruleData().size()];
        this.firstSurvivor = new long[table.ruleData().size()];
        Arrays.fill(firstSurvivor, Long.MAX_VALUE);
    }

    boolean truncated() {
        return truncated;
    }

    /**
     * Evaluates match {@code [start, end)} of {@code entry}. {@code window} holds the bytes of absolute range
     * {@code [windowStart, windowStart + window.length())}, which covers the rule's context window around the match
     * (clipped at the ends of the view).
     */
    void evaluate(PatternTable.Entry entry, long start, long end, Latin1Text window, long windowStart) {
        PatternTable.RuleData data = table.ruleData().get(entry.ruleIndex());
        Rule rule = data.rule();
        int from = (int) (start - windowStart);
        int to = (int) (end - windowStart);
        CharSequence value = window.subSequence(from, to);
        boolean published = isPublishedExample(rule, value);
        for (byte[] exclude : published ? new byte[0][] : data.excludes()) {
            if (indexOfIgnoreCase(window, from, to, exclude) >= 0) {
                return;
            }
        }
        ValidationContext ctx = new WindowContext(rule.id(), window, from, to);
        for (Validator v : rule.validatorInstances()) {
            if (!(v instanceof KeyPair) && !passes(rule, v, value, ctx)) {
                return;
            }
        }
        // a credential holding a published sample token (a re-signed jwt.io sample), whichever rule matched it
        published = published || (rule.category() == Category.CREDENTIAL && SampleTokens.within(window, from, to));
        if (rule.context().isPresent() && rule.context().get().required()) {
            int w = rule.context().get().window();
            int lo = Math.max(0, from - w);
            int hi = Math.min(window.length(), to + w);
            boolean found = false;
            for (byte[] keyword : data.keywords()) {
                if (indexOfIgnoreCase(window, lo, hi, keyword) >= 0) {
                    found = true;
                    break;
                }
            }
            ColumnHeader.Names columns = data.columns();
            if (!found && (columns.isEmpty()
                    || !ColumnHeader.inNamedColumn(window, from, Math.max(0, from - Rule.COLUMN_WINDOW), columns))) {
                return;
            }
        }
        boolean example = published && rule.ignoreExamples();
        if (!example) {
            firstSurvivor[entry.ruleIndex()] = Math.min(firstSurvivor[entry.ruleIndex()], start);
        }
        if (total >= MAX_CANDIDATES) {
            truncated = true;
            return;
        }
        total++;
        if (byRule[entry.ruleIndex()] == null) {
            byRule[entry.ruleIndex()] = new ArrayList<>(2);
        }
        byRule[entry.ruleIndex()].add(new Candidate(start, end, Masking.mask(rule.category(), value), hash(value),
                example));
    }

    /** The earliest start of a candidate of rule {@code ruleIndex} that passed its checks, or Long.MAX_VALUE. */
    long firstSurvivor(int ruleIndex) {
        return firstSurvivor[ruleIndex];
    }

    /** True if {@code value} contains one of the rule's published examples (case-insensitive, separators ignored). */
    private static boolean isPublishedExample(Rule rule, CharSequence value) {
        if (rule.publishedExamples().isEmpty()) {
            return false;
        }
        String compact = Rule.compactExample(value);
        for (String example : rule.publishedExamples()) {
            if (compact.contains(Rule.compactExample(example))) {
                return true;
            }
        }
        return false;
    }

    private static boolean passes(Rule rule, Validator v, CharSequence value, ValidationContext ctx) {
        try {
            return v.test(value, ctx);
        } catch (RuntimeException e) {
            LOG.warn("rule '{}': validator {} failed with {}; keeping the candidate (fail closed)", rule.id(),
                    v.getClass().getSimpleName(), e.getClass().getName());
            return true;
        }
    }

    private long hash(CharSequence value) {
        if (sha == null) {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 unavailable", e);
            }
        }
        sha.reset();
        sha.update(SALT);
        for (int k = 0; k < value.length(); k++) {
            sha.update((byte) value.charAt(k));
        }
        byte[] d = sha.digest();
        long h = 0;
        for (int k = 0; k < 8; k++) {
            h = (h << 8) | (d[k] & 0xff);
        }
        return h;
    }

    /** Findings sorted by start, end, rule id; {@code applyMinCount=false} ignores min_count (rule examples). */
    List<Finding> findings(boolean applyMinCount) {
        int n = byRule.length;
        List<List<Candidate>> normalized = new ArrayList<>(n);
        for (List<Candidate> list : byRule) {
            normalized.add(list == null ? List.of() : leftmostLongest(list));
        }
        List<Finding> out = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            PatternTable.RuleData data = table.ruleData().get(r);
            Rule rule = data.rule();
            List<Candidate> kept = normalized.get(r);
            if (data.keyPairPartner() >= 0) {
                KeyPair pair = rule.keyPair().orElseThrow();
                List<Candidate> partners = normalized.get(data.keyPairPartner());
                kept = kept.stream().filter(c -> partners.stream()
                        .anyMatch(o -> pair.near(c.start(), c.end(), o.start(), o.end()))).toList();
            }
            if (kept.isEmpty()) {
                continue;
            }
            Set<Long> distinct = new HashSet<>();
            kept.forEach(c -> distinct.add(c.hash()));
            if (applyMinCount && distinct.size() < rule.minCount()) {
                continue;
            }
            for (Candidate c : kept) {
                out.add(new Finding(rule.id(), rule.category(), rule.severity(), c.example() ? Action.LOG : rule.action(),
                        viewPath, c.start(), c.end(), c.masked(), distinct.size(), c.example()));
            }
        }
        out.sort(Comparator.comparingLong(Finding::start).thenComparingLong(Finding::end).thenComparing(Finding::ruleId));
        return out;
    }

    /** Sorted by start, longer first; then keeps each candidate that does not overlap the previously kept one. */
    private static List<Candidate> leftmostLongest(List<Candidate> list) {
        if (list.size() <= 1) {
            return list;
        }
        List<Candidate> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingLong(Candidate::start).thenComparing(Comparator.comparingLong(Candidate::end).reversed()));
        List<Candidate> kept = new ArrayList<>();
        long lastEnd = Long.MIN_VALUE;
        for (Candidate c : sorted) {
            if (c.start() >= lastEnd) {
                kept.add(c);
                lastEnd = c.end();
            }
        }
        return kept;
    }

    static int indexOfIgnoreCase(CharSequence text, int from, int to, byte[] lowerNeedle) {
        int n = lowerNeedle.length;
        outer:
        for (int at = from; at <= to - n; at++) {
            for (int k = 0; k < n; k++) {
                char c = text.charAt(at + k);
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != (char) (lowerNeedle[k] & 0xff)) {
                    continue outer;
                }
            }
            return at;
        }
        return -1;
    }

    private static final class WindowContext implements ValidationContext {
        private final String ruleId;
        private final Latin1Text window;
        private final int from;
        private final int to;

        WindowContext(String ruleId, Latin1Text window, int from, int to) {
            this.ruleId = ruleId;
            this.window = window;
            this.from = from;
            this.to = to;
        }

        @Override
        public String ruleId() {
            return ruleId;
        }

        @Override
        public CharSequence before(int maxChars) {
            return window.subSequence(Math.max(0, from - Math.max(0, maxChars)), from);
        }

        @Override
        public CharSequence after(int maxChars) {
            return window.subSequence(to, (int) Math.min(window.length(), (long) to + Math.max(0, maxChars)));
        }
    }
}
