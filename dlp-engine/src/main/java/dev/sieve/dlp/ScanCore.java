package dev.sieve.dlp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * The engine-independent half of a scan session: it turns "a match of pattern k may end in this range" signals
 * (from Hyperscan hits, or "anywhere" for the Java engine) into exact spans by running the pattern's
 * java.util.regex twin on a window of retained bytes, so both engines report exactly the spans that
 * {@code Matcher.find()} iteration over the whole view reports.
 *
 * <h2>Match semantics</h2>
 * Per pattern, the spans are those of repeated {@code find()} over the whole view decoded as ISO-8859-1 (one char
 * per byte), each search starting where the previous match ended. Per rule, spans of all its patterns that
 * survive excludes, validators and context are then reduced to non-overlapping leftmost-longest ones.
 *
 * <p>Patterns of a <em>gated</em> rule (context keyword required) are searched only where a match could keep its
 * keyword: each occurrence of a keyword ending at {@code E} opens the starts {@code [E - w - W, E + w)} ({@code w}
 * the context window, {@code W} the pattern's maximum width), and repeated {@code find()} runs over the union of
 * those ranges, restarting at the beginning of each disjoint range (or where the previous match ended, if later) and
 * ignoring matches that start outside. Every match that passes the keyword check starts in such a range, so this
 * differs from searching the whole view only where two matches of one pattern overlap and the first one has no
 * keyword; it is the same for both engines and for any chunking.
 *
 * <h2>Why windows give the same answer</h2>
 * A pattern of maximum width {@code W} decides a match at start {@code p} by looking at bytes {@code p-1 ..
 * p+W+1} only (one byte of word-boundary context either side). A search from cursor {@code c} is therefore run
 * on a window reaching at least {@code lookAhead = W + max(2, context window)} bytes past every start it
 * accepts; a match found closer to the window's end is deferred until more bytes (or the end of the view)
 * arrive. Positions where no match can start are skipped: every hit carries the earliest possible start of a match
 * ending there (its end minus {@code W}, or Hyperscan's leftmost start-of-match where the pattern was compiled with
 * it), hits are kept as merged spans in {@link PendingEnds} with increasing starts, and the search starts at
 * {@code max(cursor, start of the first pending span)}. That is safe: the next match {@code find()} reports, at
 * {@code p >= cursor}, ends somewhere after the cursor, so its hit is pending and its span starts at or before
 * {@code p}. With an exact start, the search usually succeeds at its first position, which is what keeps wide
 * patterns cheap to confirm; patterns led by a class run (e-mail addresses) get the same from {@link LeadingRun}.
 * A gated pattern's spans are its keyword ranges instead (start bounds, not end bounds), and a match found past
 * the first range closes it.
 *
 * <h2>Memory</h2>
 * A session keeps {@link PatternTable#retention()} bytes of history (largest {@code lookBehind + lookAhead}, at
 * most about 18 KiB), a window buffer of at most {@link #SLICE} plus that, a few pending intervals per pattern,
 * and at most {@link CandidateLog#MAX_CANDIDATES} candidates.
 */
final class ScanCore {

    /** Bytes handed to the matcher between two confirmation passes. */
    static final int SLICE = 64 * 1024;

    private final PatternTable table;
    private final TailBuffer tail;
    private final long[] cursor;
    private final int[] maxWidth;
    private final boolean[] gated;
    private final int longestKeyword;
    private final PendingEnds[] pending;
    private final Matcher[] matchers;
    private final CandidateLog candidates;
    private final Latin1Text text = new Latin1Text();
    private byte[] window = new byte[1024];

    private ByteBuffer chunk;
    private long chunkStart;
    private long end;
    private long searches;

    ScanCore(PatternTable table, String viewPath) {
        this.table = table;
        int n = table.entries().size();
        this.tail = new TailBuffer(table.retention());
        this.cursor = new long[n];
        this.maxWidth = table.maxWidths(); // shared, read only
        this.gated = table.gatedEntries(); // shared, read only
        this.pending = new PendingEnds[n]; // pending[k] is created at its first hit
        this.matchers = new Matcher[n];
        this.longestKeyword = table.longestKeyword();
        this.candidates = new CandidateLog(table, viewPath);
    }

    long end() {
        return end;
    }

    /** Starts a chunk; its remaining bytes follow the bytes seen so far. The reference is dropped by {@link #endChunk}. */
    void beginChunk(ByteBuffer data) {
        this.chunk = data;
        this.chunkStart = end;
    }

    /** Bytes up to absolute offset {@code newEnd} (within the current chunk) have been handed to the hit source. */
    void advance(long newEnd) {
        this.end = newEnd;
    }

    /**
     * A match of pattern {@code index} ends at absolute offset {@code matchEnd}. {@code leftmostStart} is the
     * leftmost start of a match ending there (Hyperscan start-of-match), or negative when unknown; then a match may
     * start up to the pattern's maximum width earlier.
     */
    void hit(int index, long leftmostStart, long matchEnd) {
        if (matchEnd > cursor[index]) {
            long earliest = matchEnd - maxWidth[index];
            pendingFor(index).add(leftmostStart < 0 ? earliest : Math.max(earliest, leftmostStart), matchEnd);
        }
    }

    /**
     * A keyword of gated rule {@code ruleIndex} ends at absolute offset {@code keywordEnd}. A match that has this
     * keyword occurrence within its context window {@code w} starts in {@code [keywordEnd - w - maxWidth,
     * keywordEnd + w)}: each of the rule's patterns is searched there (hits must arrive in increasing end order). A
     * column name ({@code context.columns}) opens {@link Rule#COLUMN_WINDOW} bytes after it instead of {@code w}.
     */
    void keywordHit(PatternTable.GateKeyword keyword, long keywordEnd) {
        PatternTable.RuleData rule = table.ruleData().get(keyword.ruleIndex());
        int w = rule.contextWindow();
        for (int k : rule.patterns()) {
            long startsBefore = keywordEnd + Math.max(w, keyword.after());
            if (startsBefore > cursor[k]) {
                pendingFor(k).add(keywordEnd - w - maxWidth[k], startsBefore);
            }
        }
    }

    /**
     * A match of any pattern may end anywhere in {@code [from, to]} (the Java engine's "hit"). Gated patterns are
     * instead opened around the keyword occurrences that end in that range, found here by a plain search.
     */
    void hitAll(long from, long to) {
        for (int k = 0; k < pending.length; k++) {
            if (!gated[k]) {
                pendingFor(k).add(from - maxWidth[k], to);
            }
        }
        List<PatternTable.GateKeyword> keywords = table.gateKeywords();
        if (keywords.isEmpty()) {
            return;
        }
        long windowFrom = Math.max(0, from - longestKeyword);
        fillWindow(windowFrom, to);
        List<long[]> found = new ArrayList<>();
        for (int j = 0; j < keywords.size(); j++) {
            PatternTable.GateKeyword g = keywords.get(j);
            int length = g.lowerBytes().length;
            int at = (int) Math.max(0, from - length - windowFrom);
            while ((at = CandidateLog.indexOfIgnoreCase(text, at, text.length(), g.lowerBytes())) >= 0) {
                found.add(new long[] {windowFrom + at + length, j});
                at++;
            }
            if (windowFrom == 0 && length - 1 >= from && length - 1 <= to && atViewStart(g.lowerBytes())) {
                found.add(new long[] {length - 1, j}); // a line-start keyword at the view's start (PatternTable)
            }
        }
        found.sort(Comparator.comparingLong(f -> f[0]));
        for (long[] f : found) {
            keywordHit(keywords.get((int) f[1]), f[0]);
        }
    }

    /**
     * Whether {@code keyword} is a line-start keyword ({@code "\npassword,"}: a first column's header cell) whose text
     * after the line break starts the view ({@link #text} holds it from offset 0).
     */
    private boolean atViewStart(byte[] keyword) {
        if (keyword[0] != '\n' || text.length() < keyword.length - 1) {
            return false;
        }
        for (int k = 1; k < keyword.length; k++) {
            char c = text.charAt(k - 1);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != (char) (keyword[k] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** Most sessions (a header, a short view) see hits of few patterns: their pending lists are made on demand. */
    private PendingEnds pendingFor(int k) {
        PendingEnds p = pending[k];
        if (p == null) {
            p = new PendingEnds();
            pending[k] = p;
        }
        return p;
    }

    /** Confirms every pending candidate that can be decided with the bytes seen so far (or all, if finished). */
    void process(boolean finished) {
        for (int k = 0; k < pending.length; k++) {
            if (pending[k] != null && !pending[k].isEmpty()) {
                processPattern(table.entries().get(k), finished);
            }
        }
    }

    private void processPattern(PatternTable.Entry entry, boolean finished) {
        int k = entry.index();
        PendingEnds ends = pending[k];
        while (!ends.isEmpty()) {
            if (ends.firstHi() <= cursor[k]) {
                ends.pop();
                continue;
            }
            long q = Math.max(cursor[k], ends.firstLo());
            if (!finished && q + entry.lookAhead() > end) {
                return;
            }
            long winStart = Math.max(0, q - entry.lookBehind());
            long winEnd = Math.min(end, Math.max(q + 2L * entry.lookAhead(), ends.firstHi() + entry.lookAhead()));
            boolean reachesEnd = finished && winEnd == end;
            fillWindow(winStart, winEnd);
            Matcher m = matcher(entry);
            boolean hint = table.hint(k);
            // Matches are searched for in this window until one needs bytes past it: a window holds the look-behind
            // of every later start, so the next candidate after a match is looked for here, not in a copy made again
            // (a rule with a table-column window would otherwise copy 2 KiB per candidate).
            while (true) {
                searches += hint ? 0 : 1;
                if (find(entry, m, (int) (q - winStart))) {
                    long p = winStart + m.start();
                    if (gated[k] && p >= ends.firstHi()) {
                        cursor[k] = p; // past this keyword's region, which holds no match: it is done
                    } else if (p + entry.lookAhead() <= winEnd || reachesEnd) {
                        long e = winStart + m.end();
                        candidates.evaluate(entry, p, e, text, winStart);
                        cursor[k] = e;
                        if (hint) {
                            // A hint pattern's first match is all it is for (see CodeHints): it is not searched again.
                            cursor[k] = Long.MAX_VALUE;
                            ends.clear();
                            return;
                        }
                        while (!ends.isEmpty() && ends.firstHi() <= cursor[k]) {
                            ends.pop();
                        }
                        if (!ends.isEmpty()) {
                            long next = Math.max(cursor[k], ends.firstLo());
                            if (next + entry.lookAhead() <= winEnd && (finished || next + entry.lookAhead() <= end)) {
                                q = next;
                                continue;
                            }
                        }
                    } else {
                        cursor[k] = p;
                    }
                } else if (reachesEnd) {
                    cursor[k] = end;
                    ends.clear();
                } else {
                    cursor[k] = Math.max(cursor[k], winEnd - entry.lookAhead() + 1);
                }
                break;
            }
        }
    }

    /** {@code find()} from {@code from} in the window, or the same search tried only where a match can start. */
    private boolean find(PatternTable.Entry entry, Matcher m, int from) {
        if (entry.leadingRun() != null) {
            return entry.leadingRun().find(m, text, from);
        }
        if (entry.firstByte() != null) {
            return entry.firstByte().find(m, text, from);
        }
        if (entry.leadingPair() != null) {
            return entry.leadingPair().find(m, text, from);
        }
        m.region(from, text.length());
        return m.find();
    }

    private Matcher matcher(PatternTable.Entry entry) {
        Matcher m = matchers[entry.index()];
        if (m == null) {
            m = entry.javaPattern().matcher(text);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            matchers[entry.index()] = m;
        } else {
            m.reset(text);
        }
        return m;
    }

    /** Copies absolute range {@code [from, to)} from the retained tail and the current chunk into the window. */
    private void fillWindow(long from, long to) {
        int len = (int) (to - from);
        if (window.length < len) {
            window = new byte[Math.max(len, window.length * 2)];
        }
        long tailEnd = Math.min(to, tail.end());
        int out = 0;
        if (from < tailEnd) {
            tail.copy(from, tailEnd, window, 0);
            out = (int) (tailEnd - from);
        }
        long chunkFrom = Math.max(from, chunkStart);
        if (chunkFrom < to) {
            if (chunk == null) {
                throw new IllegalStateException("window: " + from + ".." + to + " (expected: within retained bytes)");
            }
            chunk.get(chunk.position() + (int) (chunkFrom - chunkStart), window, out, (int) (to - chunkFrom));
        }
        text.set(window, 0, len);
    }

    /** Ends the current chunk: keeps its newest bytes as history and drops the reference to it. */
    void endChunk() {
        if (chunk != null) {
            tail.append(chunk);
            chunk = null;
        }
        chunkStart = end;
    }

    /**
     * See {@link ScanSession#firstOpenStart}. A pattern's next match starts at or after its cursor (matches are those
     * of repeated {@code find()}); one already signalled starts at or after its pending span's start; one not signalled
     * yet ends after {@link #end()}, so starts at most its maximum width before it, and a gated pattern's also at most
     * its context window before a keyword that ends after {@link #end()}.
     */
    long firstOpenStart(Predicate<Rule> counts) {
        long first = end;
        List<PatternTable.RuleData> rules = table.ruleData();
        for (int r = 0; r < rules.size(); r++) {
            PatternTable.RuleData data = rules.get(r);
            boolean hint = table.isHintRule(r);
            if (!hint && !counts.test(data.rule())) {
                continue;
            }
            // The hint rule always counts: what it points at may hold a finding of any rule, and may start before it
            // (CodeHints.LOOKBACK): a word written backwards ends its token, a spaced-out keyword may follow the start
            // of its run.
            long back = hint ? CodeHints.LOOKBACK : 0;
            first = Math.min(first, candidates.firstSurvivor(r) - back);
            for (int k : data.patterns()) {
                long open = end - maxWidth[k] - (gated[k] ? data.contextWindow() : 0);
                PendingEnds p = pending[k];
                if (p != null && !p.isEmpty()) {
                    open = Math.min(open, p.firstLo());
                }
                first = Math.min(first, Math.max(cursor[k], open) - back);
            }
        }
        return Math.max(0, first);
    }

    /** See {@link ScanSession#reach()}: a pattern's look-behind and look-ahead, the widest over the table. */
    int reach() {
        return table.retention();
    }

    boolean truncated() {
        return candidates.truncated();
    }

    /**
     * Regex searches run so far for the rules' patterns, the internal hint's not counted (confirmation cost; tests use
     * it to see that gated patterns stay idle).
     */
    long searches() {
        return searches;
    }

    List<Finding> findings(boolean applyMinCount) {
        return candidates.findings(applyMinCount);
    }
}
