package dev.sieve.dlp;

import static com.gliwka.hyperscan.jni.hyperscan.HS_FLAG_CASELESS;
import static com.gliwka.hyperscan.jni.hyperscan.HS_FLAG_DOTALL;
import static com.gliwka.hyperscan.jni.hyperscan.HS_FLAG_MULTILINE;
import static com.gliwka.hyperscan.jni.hyperscan.HS_FLAG_SOM_LEFTMOST;
import static com.gliwka.hyperscan.jni.hyperscan.HS_MODE_SOM_HORIZON_SMALL;
import static com.gliwka.hyperscan.jni.hyperscan.HS_MODE_STREAM;
import static com.gliwka.hyperscan.jni.hyperscan.HS_SUCCESS;
import static com.gliwka.hyperscan.jni.hyperscan.hs_alloc_scratch;
import static com.gliwka.hyperscan.jni.hyperscan.hs_clone_scratch;
import static com.gliwka.hyperscan.jni.hyperscan.hs_close_stream;
import static com.gliwka.hyperscan.jni.hyperscan.hs_compile_multi;
import static com.gliwka.hyperscan.jni.hyperscan.hs_free_compile_error;
import static com.gliwka.hyperscan.jni.hyperscan.hs_free_database;
import static com.gliwka.hyperscan.jni.hyperscan.hs_free_scratch;
import static com.gliwka.hyperscan.jni.hyperscan.hs_open_stream;
import static com.gliwka.hyperscan.jni.hyperscan.hs_scan_stream;

import com.gliwka.hyperscan.jni.hs_compile_error_t;
import com.gliwka.hyperscan.jni.hs_database_t;
import com.gliwka.hyperscan.jni.hs_scratch_t;
import com.gliwka.hyperscan.jni.hs_stream_t;
import com.gliwka.hyperscan.jni.match_event_handler;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The Hyperscan engine: all patterns of the rule set in one streaming database, one Hyperscan stream per session.
 * Hits say where a match may end and, for patterns compiled with start-of-match, where the leftmost match ending
 * there starts; spans still come from {@link ScanCore}, which is why this engine and {@link JavaEngine} agree.
 *
 * <p>Start-of-match ({@code HS_FLAG_SOM_LEFTMOST}) is used only for wide patterns whose start the Java side would
 * otherwise search for longest (see {@link #wantsStartOfMatch}); a pattern Hyperscan cannot compile with
 * start-of-match ("Pattern is too large") silently falls back to end-only hits.
 *
 * <p>Scratch space comes from a pool (one per concurrently scanning thread, cloned on demand), borrowed for the
 * duration of one {@code feed}/{@code finish} call. Heap chunks are copied slice by slice into a per-thread
 * direct buffer; direct chunks are scanned in place. Native memory is freed when the engine is closed and its
 * last session is closed.
 *
 * <p>With a {@link CompiledCache}, the database (and the start-of-match choice it was compiled with) is read from
 * the cache when an entry for exactly the same expressions, Hyperscan version and CPU verifies, and stored there
 * after a compile otherwise. The cache is keyed before the start-of-match probes, which cost as much as the compile.
 */
final class HyperscanEngine implements CompiledRules {

    private final PatternTable table;
    /**
     * Version of how a rule set becomes a database (the expressions, their ids, flags and mode, and the cache
     * payload). Part of the cache key: bump it when any of that changes, so no older cache entry is used.
     */
    static final int LAYOUT = 2;

    private final boolean[] startOfMatch;
    private final hs_database_t database;
    private final hs_scratch_t prototype;
    private final boolean fromCache;
    private final ConcurrentLinkedQueue<hs_scratch_t> scratchPool = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private int references = 1;
    private boolean closed;

    private static final ThreadLocal<ByteBuffer> HEAP_COPY =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(ScanCore.SLICE));
    private static final ThreadLocal<BytePointer> HEAP_COPY_POINTER =
            ThreadLocal.withInitial(() -> new BytePointer(HEAP_COPY.get()));

    HyperscanEngine(RuleSet rules) {
        this(rules, CompiledCache.none());
    }

    /**
     * Compiles {@code rules}, or reads the database {@code cache} holds for exactly the same expressions, Hyperscan
     * version and CPU; a compiled database is stored there for the next start.
     */
    HyperscanEngine(RuleSet rules, CompiledCache cache) {
        this.table = new PatternTable(rules);
        List<PatternTable.Entry> entries = table.entries();
        boolean[] candidates = new boolean[entries.size()];
        for (PatternTable.Entry e : entries) {
            candidates[e.index()] = !table.gated(e.index()) && startOfMatchCandidate(e);
        }
        List<Expression> expressions = expressions(table);
        if (expressions.isEmpty()) {
            this.startOfMatch = new boolean[entries.size()];
            this.database = null;
            this.prototype = null;
            this.fromCache = false;
            return;
        }
        Optional<byte[]> key = cache.directory().isEmpty() ? Optional.empty()
                : HyperscanDatabases.platform().map(platform -> cacheKey(platform, expressions, candidates));
        Cached cached = key.flatMap(k -> readCache(cache, k, candidates)).orElse(null);
        if (cached != null) {
            this.startOfMatch = cached.startOfMatch();
            this.database = cached.database();
            this.fromCache = true;
        } else {
            this.startOfMatch = new boolean[entries.size()];
            for (PatternTable.Entry e : entries) {
                startOfMatch[e.index()] = candidates[e.index()] && compilesWithStartOfMatch(e);
            }
            this.database = compileWithFallback(table, expressions, startOfMatch);
            this.fromCache = false;
            key.ifPresent(k -> writeCache(cache, k, startOfMatch, database));
        }
        hs_scratch_t scratch = new hs_scratch_t();
        int rc = hs_alloc_scratch(database, scratch);
        if (rc != HS_SUCCESS) {
            hs_free_database(database);
            throw new ScanException("hyperscan: hs_alloc_scratch returned " + rc + " (expected: 0)");
        }
        this.prototype = scratch;
    }

    /** A database read from the cache, with the start-of-match choice it was compiled with. */
    private record Cached(boolean[] startOfMatch, hs_database_t database) {
    }

    /**
     * The cache key: a SHA-256 of everything the compile consumes, in order. The expressions as
     * {@link #expressions} derives them before start-of-match is decided (id, flags, pattern), which patterns are
     * start-of-match candidates (whether Hyperscan then accepts them depends only on the pattern, its flags and the
     * library), the number of patterns (gate-keyword ids follow it), the mode, {@link #LAYOUT}, Hyperscan's version
     * and the CPU ({@code platform}).
     */
    static byte[] cacheKey(String platform, PatternTable table, boolean[] candidates) {
        return cacheKey(platform, expressions(table), candidates);
    }

    private static byte[] cacheKey(String platform, List<Expression> expressions, boolean[] candidates) {
        MessageDigest digest = CacheFile.sha256();
        try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), digest))) {
            out.writeUTF("sieve hyperscan streaming database");
            out.writeInt(LAYOUT);
            out.writeUTF(platform);
            out.writeInt(HS_MODE_STREAM);
            out.writeInt((int) HS_MODE_SOM_HORIZON_SMALL);
            out.writeInt(HS_FLAG_SOM_LEFTMOST);
            out.writeInt(candidates.length);
            out.writeInt(expressions.size());
            for (Expression e : expressions) {
                byte[] pattern = e.pattern().getBytes(StandardCharsets.UTF_8);
                out.writeInt(e.id());
                out.writeInt(e.flags());
                out.writeInt(pattern.length);
                out.write(pattern);
                out.writeBoolean(e.id() < candidates.length && candidates[e.id()]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a digest stream over a null stream does not fail
        }
        return digest.digest();
    }

    /**
     * The cached database for {@code key}, if the cache has a verified entry whose content is usable: one
     * start-of-match flag per pattern (set only for candidates), then a streaming database Hyperscan accepts.
     * Payload: {@code int n, n bytes (0|1), serialized database}.
     */
    private static Optional<Cached> readCache(CompiledCache cache, byte[] key, boolean[] candidates) {
        Optional<byte[]> payload = cache.load(key);
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(payload.get());
        int n = in.remaining() >= Integer.BYTES ? in.getInt() : -1;
        if (n != candidates.length || in.remaining() < n) {
            cache.unusable(key, "start-of-match flags for " + n + " patterns (expected: " + candidates.length + ")");
            return Optional.empty();
        }
        boolean[] som = new boolean[n];
        for (int k = 0; k < n; k++) {
            byte b = in.get();
            if (b != 0 && (b != 1 || !candidates[k])) {
                cache.unusable(key, "start-of-match flag " + k + " is " + b + " (expected: 0, or 1 for a candidate)");
                return Optional.empty();
            }
            som[k] = b == 1;
        }
        byte[] serialized = new byte[in.remaining()];
        in.get(serialized);
        try {
            return Optional.of(new Cached(som, HyperscanDatabases.deserialize(serialized)));
        } catch (HyperscanDatabases.Refused e) {
            cache.unusable(key, e.getMessage());
            return Optional.empty();
        }
    }

    private static void writeCache(CompiledCache cache, byte[] key, boolean[] startOfMatch, hs_database_t database) {
        HyperscanDatabases.serialize(database).ifPresent(serialized -> {
            ByteBuffer payload = ByteBuffer.allocate(Integer.BYTES + startOfMatch.length + serialized.length);
            payload.putInt(startOfMatch.length);
            for (boolean b : startOfMatch) {
                payload.put((byte) (b ? 1 : 0));
            }
            payload.put(serialized);
            cache.store(key, payload.array());
        });
    }

    /**
     * One expression of the database. Its id is the pattern's entry index, or, for a keyword of a gated rule, the
     * number of entries plus the keyword's index in {@link PatternTable#gateKeywords()}.
     */
    private record Expression(int id, String pattern, int flags) {
    }

    /**
     * The patterns of all rules except gated ones, and the keywords of gated rules as case-insensitive literals:
     * a gated rule's patterns are searched only around its keywords (see {@link ScanCore#keywordHit}), so
     * Hyperscan looks for the cheap literals instead of, say, every nine-digit number. Without start-of-match:
     * {@link #withStartOfMatch} adds it where chosen.
     */
    private static List<Expression> expressions(PatternTable table) {
        List<Expression> out = new ArrayList<>();
        for (PatternTable.Entry e : table.entries()) {
            if (!table.gated(e.index())) {
                out.add(new Expression(e.index(), e.hyperscanPattern(), hsFlags(e.rule())));
            }
        }
        List<PatternTable.GateKeyword> keywords = table.gateKeywords();
        for (int j = 0; j < keywords.size(); j++) {
            byte[] keyword = keywords.get(j).lowerBytes();
            // A keyword that starts with a line break (a first column's header cell, "\npassword,") also matches at
            // the view's start: "^" with HS_FLAG_MULTILINE, which matches there and after every line break.
            boolean lineStart = keyword[0] == '\n' && keyword.length > 1;
            StringBuilder literal = new StringBuilder(lineStart ? "^" : "");
            for (int k = lineStart ? 1 : 0; k < keyword.length; k++) {
                literal.append(String.format("\\x%02x", keyword[k] & 0xff));
            }
            out.add(new Expression(table.entries().size() + j, literal.toString(),
                    lineStart ? HS_FLAG_CASELESS | HS_FLAG_MULTILINE : HS_FLAG_CASELESS));
        }
        return out;
    }

    /** {@code expressions} with {@code HS_FLAG_SOM_LEFTMOST} added for every pattern {@code som} marks. */
    private static List<Expression> withStartOfMatch(List<Expression> expressions, boolean[] som) {
        List<Expression> out = new ArrayList<>(expressions.size());
        for (Expression e : expressions) {
            boolean wanted = e.id() < som.length && som[e.id()];
            out.add(wanted ? new Expression(e.id(), e.pattern(), e.flags() | HS_FLAG_SOM_LEFTMOST) : e);
        }
        return out;
    }

    /**
     * Start-of-match for the patterns whose start the Java side would search for longest: variable width of
     * {@value #START_OF_MATCH_MIN_WIDTH} bytes or more (for a fixed-width pattern the start is the end minus the
     * width), no {@link FirstByte} (the Java search then tries only positions holding a byte a match can start
     * with), no {@link LeadingRun} (the Java side finds its start cheaply, and Hyperscan's start tracking over a
     * wide class run costs it a third of its speed on the default pack) and no {@link RunPrefilter} (Hyperscan
     * searches another expression, whose starts are not the pattern's). Start tracking is not free even for
     * literal-led patterns: on all 94 variable-width patterns of the default pack it cost the scan of agent JSON
     * 12 % (bench/README.md), more than the Java searches it spared, which are made only where a pattern matched.
     * Patterns Hyperscan cannot compile with start-of-match alone ("Pattern is too large") go without it; checking
     * them one by one keeps the full compile to a single attempt in the usual case. The internal code hint
     * ({@link CodeHints}) goes without: it is only where to look.
     */
    static boolean wantsStartOfMatch(PatternTable.Entry e) {
        return startOfMatchCandidate(e) && compilesWithStartOfMatch(e);
    }

    /** Narrowest pattern (its maximum width) given start-of-match; see {@link #wantsStartOfMatch}. */
    static final int START_OF_MATCH_MIN_WIDTH = 128;

    private static boolean startOfMatchCandidate(PatternTable.Entry e) {
        return wouldTrackStarts(e.minWidth(), e.maxWidth(), e.firstByte() != null || e.leadingRun() != null
                || e.prefiltered(), e.rule());
    }

    /**
     * Whether a pattern of these widths is a start-of-match candidate ({@link #wantsStartOfMatch}): variable width of
     * {@value #START_OF_MATCH_MIN_WIDTH}+ bytes, {@code startFound} false (no first byte, leading run or prefilter
     * finds its start for the Java side), not the hint rule. {@link LiteralSuffix} asks it too.
     */
    static boolean wouldTrackStarts(int minWidth, int maxWidth, boolean startFound, Rule rule) {
        return minWidth < maxWidth && maxWidth >= START_OF_MATCH_MIN_WIDTH && !startFound
                && !PatternTable.hintRule(rule);
    }

    private static boolean compilesWithStartOfMatch(PatternTable.Entry e) {
        try {
            hs_free_database(compile(List.of(new Expression(0, e.pattern(), hsFlags(e.rule()) | HS_FLAG_SOM_LEFTMOST))));
            return true;
        } catch (CompileFailure f) {
            return false;
        }
    }

    /**
     * Compiles with start-of-match where wanted; a pattern Hyperscan cannot compile with start-of-match in the
     * whole set is compiled without it.
     */
    private static hs_database_t compileWithFallback(PatternTable table, List<Expression> base, boolean[] som) {
        while (true) {
            List<Expression> expressions = withStartOfMatch(base, som);
            try {
                return compile(expressions);
            } catch (CompileFailure f) {
                int id = f.index >= 0 && f.index < expressions.size() ? expressions.get(f.index).id() : -1;
                if (id >= 0 && id < som.length && som[id]) {
                    som[id] = false;
                    continue;
                }
                throw compileError(table.entries(), id, f.getMessage());
            }
        }
    }

    private static final class CompileFailure extends RuntimeException {
        final int index;

        CompileFailure(int index, String message) {
            super(message, null, false, false);
            this.index = index;
        }
    }

    private static hs_database_t compile(List<Expression> list) {
        int n = list.size();
        boolean anySom = false;
        int[] flags = new int[n];
        int[] ids = new int[n];
        try (PointerPointer<BytePointer> expressions = new PointerPointer<>(n);
                PointerPointer<hs_database_t> db = new PointerPointer<>(1);
                PointerPointer<hs_compile_error_t> error = new PointerPointer<>(1)) {
            BytePointer[] keep = new BytePointer[n];
            for (int k = 0; k < n; k++) {
                Expression e = list.get(k);
                keep[k] = new BytePointer(e.pattern(), StandardCharsets.UTF_8);
                expressions.put(k, keep[k]);
                flags[k] = e.flags();
                anySom |= (e.flags() & HS_FLAG_SOM_LEFTMOST) != 0;
                ids[k] = e.id();
            }
            int mode = HS_MODE_STREAM | (anySom ? (int) HS_MODE_SOM_HORIZON_SMALL : 0);
            try (IntPointer flagPointer = new IntPointer(flags); IntPointer idPointer = new IntPointer(ids)) {
                int rc = hs_compile_multi(expressions, flagPointer, idPointer, n, mode, null, db, error);
                if (rc != HS_SUCCESS) {
                    hs_compile_error_t err = error.get(hs_compile_error_t.class);
                    String message = err.isNull() ? "hs_compile_multi returned " + rc : err.message().getString();
                    int index = err.isNull() ? -1 : err.expression();
                    if (!err.isNull()) {
                        hs_free_compile_error(err);
                    }
                    throw new CompileFailure(index, message);
                }
            } finally {
                for (BytePointer p : keep) {
                    if (p != null) {
                        p.close();
                    }
                }
            }
            return db.get(hs_database_t.class);
        }
    }

    private static RuleCompileException compileError(List<PatternTable.Entry> entries, int index, String message) {
        if (index < 0 || index >= entries.size()) {
            return new RuleCompileException(null, "", "hyperscan: " + message + " (expected: a rule set Hyperscan can compile)");
        }
        PatternTable.Entry e = entries.get(index);
        Rule rule = e.rule();
        int k = rule.patterns().indexOf(e.pattern());
        return new RuleCompileException(rule.id(), rule.file() + ":" + rule.patternLine(k) + ": rule '" + rule.id() + "': ",
                "patterns[" + k + "]: Hyperscan: " + message
                + " (expected: a pattern Hyperscan compiles; bound repeats tightly and anchor on literals)");
    }

    static int hsFlags(Rule rule) {
        int f = 0;
        if (rule.flags().contains(Rule.PatternFlag.CASELESS)) {
            f |= HS_FLAG_CASELESS;
        }
        if (rule.flags().contains(Rule.PatternFlag.MULTILINE)) {
            f |= HS_FLAG_MULTILINE;
        }
        if (rule.flags().contains(Rule.PatternFlag.DOTALL)) {
            f |= HS_FLAG_DOTALL;
        }
        return f;
    }

    @Override
    public boolean fromCache() {
        return fromCache;
    }

    /** Whether pattern {@code index} was compiled with start-of-match (after any fallback). */
    boolean startOfMatch(int index) {
        return startOfMatch[index];
    }

    @Override
    public RuleSet rules() {
        return table.rules();
    }

    @Override
    public String engineName() {
        return "hyperscan";
    }

    @Override
    public ScanSession open(String viewPath) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("engine: closed (expected: open CompiledRules)");
            }
            references++;
        }
        try {
            return new Session(viewPath);
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        release();
    }

    private void release() {
        synchronized (lock) {
            if (--references > 0) {
                return;
            }
        }
        if (database != null) {
            hs_scratch_t s;
            while ((s = scratchPool.poll()) != null) {
                hs_free_scratch(s);
            }
            hs_free_scratch(prototype);
            hs_free_database(database);
        }
    }

    private hs_scratch_t borrowScratch() {
        hs_scratch_t s = scratchPool.poll();
        if (s != null) {
            return s;
        }
        hs_scratch_t clone = new hs_scratch_t();
        int rc = hs_clone_scratch(prototype, clone);
        if (rc != HS_SUCCESS) {
            throw new ScanException("hyperscan: hs_clone_scratch returned " + rc + " (expected: 0)");
        }
        return clone;
    }

    /** Receives every Hyperscan match of every session; routes it to the session scanning on this thread. */
    private static final class Dispatch extends match_event_handler {
        static final Dispatch INSTANCE = new Dispatch();
        static final ThreadLocal<Session> CURRENT = new ThreadLocal<>();

        @Override
        public int call(int id, long from, long to, int flags, Pointer context) {
            Session session = CURRENT.get();
            if (session != null) {
                session.hit(id, from, to);
            }
            return 0;
        }
    }

    private final class Session extends AbstractSession {
        private hs_stream_t stream;
        private boolean released;

        Session(String viewPath) {
            super(table, viewPath);
            if (database != null) {
                hs_stream_t s = new hs_stream_t();
                int rc = hs_open_stream(database, 0, s);
                if (rc != HS_SUCCESS) {
                    throw new ScanException("hyperscan: hs_open_stream returned " + rc + " (expected: 0)");
                }
                stream = s;
            }
        }

        /** Hyperscan's {@code from} is a start only for patterns compiled with start-of-match. */
        void hit(int id, long from, long to) {
            if (id < startOfMatch.length) {
                core.hit(id, startOfMatch[id] ? from : -1, to);
            } else {
                core.keywordHit(table.gateKeywords().get(id - startOfMatch.length), to);
            }
        }

        @Override
        void scanSlice(ByteBuffer chunk, int from, int to, long absFrom) {
            if (stream == null) {
                return;
            }
            BytePointer data;
            if (chunk.isDirect()) {
                data = new BytePointer(chunk);
                data.position(from);
            } else {
                ByteBuffer copy = HEAP_COPY.get();
                copy.clear();
                copy.put(0, chunk, from, to - from);
                data = HEAP_COPY_POINTER.get();
                data.position(0);
            }
            hs_scratch_t scratch = borrowScratch();
            Dispatch.CURRENT.set(this);
            try {
                int rc = hs_scan_stream(stream, data, to - from, 0, scratch, Dispatch.INSTANCE, null);
                if (rc != HS_SUCCESS) {
                    throw new ScanException("hyperscan: hs_scan_stream returned " + rc + " (expected: 0)");
                }
            } finally {
                Dispatch.CURRENT.remove();
                scratchPool.add(scratch);
            }
        }

        @Override
        void endStream() {
            if (stream == null) {
                return;
            }
            hs_scratch_t scratch = borrowScratch();
            Dispatch.CURRENT.set(this);
            try {
                int rc = hs_close_stream(stream, scratch, Dispatch.INSTANCE, null);
                stream = null;
                if (rc != HS_SUCCESS) {
                    throw new ScanException("hyperscan: hs_close_stream returned " + rc + " (expected: 0)");
                }
            } finally {
                Dispatch.CURRENT.remove();
                scratchPool.add(scratch);
            }
        }

        @Override
        void release() {
            if (released) {
                return;
            }
            released = true;
            if (stream != null) {
                hs_close_stream(stream, null, null, null);
                stream = null;
            }
            HyperscanEngine.this.release();
        }
    }
}
