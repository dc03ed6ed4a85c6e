package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * For a body that is scanned while it streams: whether the decoders will read it as one raw view {@code body}, and
 * where the decoding graph may find its first encoded value. Fed the body's bytes in order, it keeps a lower bound on
 * the start of every {@link Candidates candidate} that {@link DecodeGraph#expand} can find in the whole body, so
 * every layer (and every finding in a layer) lies at or after {@link #firstCandidateStart()}.
 *
 * <p>The bound over-approximates each kind of candidate with what the bytes so far allow:
 * <ul>
 *   <li>a run of {@value Candidates#MIN_RUN} or more base64/hex alphabet characters (base64, hex, and wrapped
 *       base64, whose first line is such a run) starts a candidate; a run still open at the end may become one;</li>
 *   <li>eight or more hex pairs, each pair followed by one {@code -}, {@code :} or space, starting where a token
 *       starts (a delimited hex candidate); a sequence still open may become one;</li>
 *   <li>two or more escapes of any kind ({@code %XX}, {@code &#} or {@code &} and a letter, {@code =} and a line
 *       break or two upper-case hex digits, a backslash and {@code u}), each within
 *       {@value Candidates#CLUSTER_GAP} bytes of the end of the one before, start a candidate at the token of the first one
 *       (every kind's own clusters need at least two of its escapes, and lumping kinds only merges more); a single
 *       escape may still be joined by another;</li>
 *   <li>a text without white space is one percent candidate as a whole when it holds an escape: until the first
 *       white space, nothing is known.</li>
 * </ul>
 * Not thread-safe; keeps no body bytes beyond the two last ones (and a 16 KiB scratch copy).
 */
public final class RawBodyFrontier {

    /** Bytes of a body's start that decide whether it is a raw view (the tar header is the widest magic). */
    public static final int DECIDING_BYTES = 512;

    /**
     * The longest escape {@code Candidates} reads ({@code &} and a 32-character entity name and {@code ;}): escapes
     * whose starts are {@value Candidates#CLUSTER_GAP} plus this apart may still be within the gap of each other.
     */
    private static final int MAX_ESCAPE = 34;
    /** Escapes are recognised by their first byte and the two after it. */
    private static final int LOOKAHEAD = 2;
    private static final byte ALPHABET = 1;
    private static final byte HEX = 2;
    private static final byte ALNUM = 4;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            byte b = (byte) c;
            if (Candidates.alphabet(b)) {
                CLASS[c] |= ALPHABET;
            }
            if (Character.isLetterOrDigit(c) && c < 128) {
                CLASS[c] |= ALNUM;
            }
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                CLASS[c] |= HEX;
            }
        }
    }

    private final byte[] carry = new byte[LOOKAHEAD];
    private final byte[] scratch = new byte[16 * 1024 + LOOKAHEAD];
    private int carried;
    /** Absolute offset of the next byte to classify. */
    private long pos;
    private byte previous = ' ';
    private boolean sawSpace;
    /** Where the current white-space-delimited token starts. */
    private long tokenStart;
    /** The earliest start of a candidate already certain to be one (a run, a pair sequence, a cluster). */
    private long certain = Long.MAX_VALUE;
    private long runStart = -1;
    private int runLength;
    private long pairsStart = -1;
    private int pairs;
    /** 0: a pair's first digit read; 1: its second; 2: a delimiter read, the next pair's first digit expected. */
    private int pairPhase;
    private byte delimiter;
    private long clusterToken = -1;
    private long lastEscapeStart;
    private int escapes;

    /**
     * True when a body whose first bytes are {@code head} ({@link #DECIDING_BYTES} of them, or the whole body if it is
     * shorter) is decoded as the single raw view {@code body} plus the graph's layers: it has no content coding, its
     * declared type is not JSON, multipart, form or PDF, and it starts with no magic the decoders act on (PDF,
     * image, gzip, zip, tar, zlib) nor, when its type may be sniffed, like JSON. False for anything else, including
     * a head that is all white space (it may still turn out to be JSON).
     */
    public static boolean decodesAsRawView(RequestMeta meta, byte[] head) {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(head, "head");
        if (!ContentCodings.tokens(meta.headers("Content-Encoding")).isEmpty() || head.length == 0) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parse(meta.header("Content-Type"));
        } catch (RuntimeException e) {
            return false;
        }
        if (type != null && (type.isJson() || type.isMultipart() || type.isForm() || type.isPdf())) {
            return false;
        }
        if (Sniff.isPdf(head) || Sniff.isImage(head) || Sniff.isGzip(head) || Sniff.isZip(head)
                || TarReader.sniff(head) || ContentCodings.looksLikeZlib(head)) {
            return false;
        }
        boolean sniffJson = type == null || type.essence().equals("text/plain");
        if (!sniffJson) {
            return true;
        }
        for (byte b : head) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b != '{' && b != '[' && b != (byte) 0xef;
            }
        }
        return false;
    }

    /** Reads the remaining bytes of {@code chunk}, the body's next ones, without moving its position. */
    public void feed(ByteBuffer chunk) {
        ByteBuffer in = chunk.duplicate();
        while (in.hasRemaining()) {
            int n = Math.min(in.remaining(), scratch.length - LOOKAHEAD);
            System.arraycopy(carry, 0, scratch, 0, carried);
            in.get(scratch, carried, n);
            int length = carried + n;
            int stop = length - LOOKAHEAD;
            if (stop > 0) {
                classify(scratch, stop);
                System.arraycopy(scratch, stop, carry, 0, LOOKAHEAD);
                carried = LOOKAHEAD;
            } else {
                System.arraycopy(scratch, 0, carry, 0, length);
                carried = length;
            }
        }
    }

    /**
     * A lower bound on the start of the body's first decoding-graph candidate, given the bytes fed so far: at most
     * the bytes fed, and never decreasing as more are fed.
     */
    public long firstCandidateStart() {
        if (!sawSpace) {
            return 0;
        }
        // An escape later in the current token would widen a cluster back to the token's start.
        long bound = Math.min(certain, tokenStart);
        if (runStart >= 0) {
            bound = Math.min(bound, runStart);
        }
        if (pairsStart >= 0) {
            bound = Math.min(bound, pairsStart);
        }
        if (escapes > 0 && pos - lastEscapeStart <= Candidates.CLUSTER_GAP + MAX_ESCAPE) {
            bound = Math.min(bound, clusterToken);
        }
        return bound;
    }

    /**
     * Classifies {@code t[0, stop)}, the bytes at offsets {@code pos...}; {@code t} holds two more bytes after
     * {@code stop} for escapes to look at. The common bytes (letters, digits, spaces outside any hex pair sequence)
     * take the short paths.
     */
    private void classify(byte[] t, int stop) {
        long base = pos;
        long run = runStart;
        int length = runLength;
        long first = certain;
        int before = CLASS[previous & 0xff];
        for (int i = 0; i < stop; i++) {
            int b = t[i] & 0xff;
            int cls = CLASS[b];
            if ((cls & ALPHABET) != 0) {
                if (run < 0) {
                    run = base + i;
                    length = 0;
                }
                if (++length >= Candidates.MIN_RUN && first > run) {
                    first = run;
                }
                if (pairsStart >= 0 || ((cls & HEX) != 0 && (before & ALNUM) == 0)) {
                    certain = first;
                    pairs(b, cls, base + i, before);
                    first = certain;
                }
                before = cls;
                continue;
            }
            run = -1;
            if (pairsStart >= 0) {
                certain = first;
                pairs(b, cls, base + i, before);
                first = certain;
            }
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                sawSpace = true;
                tokenStart = base + i + 1;
            } else if (b == '%' || b == '&' || b == '=' || b == '\\') {
                certain = first;
                escape(b, t[i + 1], t[i + 2], base + i);
                first = certain;
            }
            before = cls;
        }
        runStart = run;
        runLength = length;
        certain = first;
        previous = t[stop - 1];
        pos = base + stop;
    }

    /** Tracks hex pairs with one delimiter each, as {@code Candidates}' delimited hex reads them. */
    private void pairs(int b, int cls, long at, int before) {
        boolean hex = (cls & HEX) != 0;
        if (pairsStart >= 0) {
            switch (pairPhase) {
                case 0 -> {
                    if (hex) {
                        pairPhase = 1;
                        if (++pairs >= Candidates.MIN_HEX_PAIRS) {
                            certain = Math.min(certain, pairsStart);
                        }
                        return;
                    }
                }
                case 1 -> {
                    if ((b == ' ' || b == '-' || b == ':') && (pairs == 1 || b == delimiter)) {
                        delimiter = (byte) b;
                        pairPhase = 2;
                        return;
                    }
                }
                default -> {
                    if (hex) {
                        pairPhase = 0;
                        return;
                    }
                }
            }
            pairsStart = -1;
        }
        if (hex && (before & ALNUM) == 0) {
            pairsStart = at;
            pairs = 0;
            pairPhase = 0;
        }
    }

    private void escape(int b, byte next1, byte next2, long at) {
        boolean escape = switch (b) {
            case '%' -> (CLASS[next1 & 0xff] & HEX) != 0 && (CLASS[next2 & 0xff] & HEX) != 0;
            case '&' -> next1 == '#' || (next1 >= 'a' && next1 <= 'z') || (next1 >= 'A' && next1 <= 'Z');
            case '=' -> next1 == '\r' || next1 == '\n' || (upperHex(next1) && upperHex(next2));
            default -> next1 == 'u';
        };
        if (!escape) {
            return;
        }
        if (escapes > 0 && at - lastEscapeStart > Candidates.CLUSTER_GAP + MAX_ESCAPE) {
            escapes = 0;
        }
        if (escapes == 0) {
            clusterToken = tokenStart;
        }
        escapes++;
        lastEscapeStart = at;
        if (escapes >= 2) {
            certain = Math.min(certain, clusterToken);
        }
    }

    private static boolean upperHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F');
    }
}
