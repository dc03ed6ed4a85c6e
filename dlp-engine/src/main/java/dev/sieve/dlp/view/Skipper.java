package dev.sieve.dlp.view;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link Candidates#find} over one text: skips, eight bytes at a time, the stretches that loop would
 * only step over, which in agent traffic (prose, code, logs) is most of the text. Not thread-safe; one per text.
 *
 * <p>A block {@code [at, at+8)} is skipped when no escape starts in it and the block after it cannot lie inside a
 * run of {@value Candidates#MIN_RUN} alphabet characters or a row of delimited hex pairs: a run or a row starting in
 * a block is long enough to cover the whole next block. The test of the next block is a few word operations (it
 * holds a space, or a byte outside {@code + .. z}); only when it fails are its bytes looked at one by one. Escape
 * lead bytes ({@code % & = \}) are found with {@link String#indexOf(int, int)} on a one-char-per-byte copy of the
 * text: the JDK searches with vector instructions, about 20 times faster than any test per block written here.
 * Skipping stops before the first block that may hold something and goes back to the start of the word it cuts
 * (words in skipped blocks are shorter than a run: the loop would step over them).
 */
final class Skipper {

    /** Shorter texts are only stepped through. */
    static final int MIN_TEXT = 64;

    private static final int BLOCK = Long.BYTES;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOWS = 0x7f7f7f7f7f7f7f7fL;

    private final byte[] t;
    private final int from;
    private final int to;
    private final String chars;
    /** Next position of each escape lead byte at or after the last position asked for; {@code to} when none. */
    private int percent;
    private int amp;
    private int equals;
    private int backslash;
    private int stop;
    private boolean space;

    /** @param chars {@code t[from, to)} as a string of one char per byte, or null to make one */
    Skipper(byte[] t, int from, int to, String chars) {
        this.t = t;
        this.from = from;
        this.to = to;
        this.chars = chars != null ? chars : new String(t, from, to - from, StandardCharsets.ISO_8859_1);
        percent = from - 1;
        amp = from - 1;
        equals = from - 1;
        backslash = from - 1;
    }

    /**
     * From {@code i}, a position {@link Candidates#find}'s loop stops at, the position where that loop goes on:
     * {@code i} itself, or after skipped blocks. Then {@link #stop()} is where skipping may be tried again and
     * {@link #space()} whether white space was seen (before or in the skipped blocks).
     */
    int skip(int i, boolean spaceSeen) {
        space = spaceSeen;
        int at = i;
        int lead = lead(at);
        blocks:
        while (at + 2 * BLOCK <= to) {
            if (space && lead >= at + 2 * BLOCK && at + 3 * BLOCK <= to
                    && prose((long) LONGS.get(t, at + BLOCK)) & prose((long) LONGS.get(t, at + 2 * BLOCK))) {
                at += 2 * BLOCK; // two blocks of prose at once
                continue;
            }
            while (lead < at + BLOCK) {
                if (Candidates.escapeAt(t, lead, to)) {
                    break blocks;
                }
                lead = lead(lead + 1);
            }
            long next = (long) LONGS.get(t, at + BLOCK);
            if (mayContinueRun(next) && runMayStartIn(at)) {
                break;
            }
            if (!space && hasLess((long) LONGS.get(t, at), 0x21)) {
                space = whiteSpaceIn(at);
            }
            at += BLOCK;
        }
        stop = at + BLOCK;
        while (at > i && Candidates.alphabet(t[at - 1])) {
            at--;
        }
        return at;
    }

    int stop() {
        return stop;
    }

    boolean space() {
        return space;
    }

    /** The first escape lead byte at or after {@code at}, or {@code to}. */
    private int lead(int at) {
        if (percent < at) {
            percent = indexOf('%', at);
        }
        if (amp < at) {
            amp = indexOf('&', at);
        }
        if (equals < at) {
            equals = indexOf('=', at);
        }
        if (backslash < at) {
            backslash = indexOf('\\', at);
        }
        return Math.min(Math.min(percent, amp), Math.min(equals, backslash));
    }

    private int indexOf(char c, int at) {
        int k = chars.indexOf(c, at - from);
        return k < 0 ? to : from + k;
    }

    /**
     * Whether a run or a row may start in {@code [at, at+8)}, looking at bytes: the next block is a row's piece
     * (a space or colon every third byte, hex digits between), or all alphabet with the run reaching back into this
     * block and on far enough.
     */
    private boolean runMayStartIn(int at) {
        long next = (long) LONGS.get(t, at + BLOCK);
        long delimiters = equalBytes(next, ' ') | equalBytes(next, ':');
        if (delimiters != 0) {
            return delimiters == 0x0080000080000080L || delimiters == 0x8000008000008000L
                    || delimiters == 0x0000800000800000L;
        }
        int blockEnd = at + BLOCK;
        for (int k = blockEnd; k < blockEnd + BLOCK; k++) {
            if (!Candidates.alphabet(t[k])) {
                return false;
            }
        }
        int before = 0;
        while (before < BLOCK && Candidates.alphabet(t[blockEnd - 1 - before])) {
            before++;
        }
        int after = 0;
        for (int k = blockEnd + BLOCK; k < to && before + BLOCK + after < Candidates.MIN_RUN
                && Candidates.alphabet(t[k]); k++) {
            after++;
        }
        return before > 0 && before + BLOCK + after >= Candidates.MIN_RUN;
    }

    private boolean whiteSpaceIn(int at) {
        for (int k = at; k < at + BLOCK; k++) {
            byte b = t[k];
            if (b == ' ' || b == '\n' || b == '\t' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code w} may continue a run or a row: no byte below {@code +}, above {@code z} or a dot (alphabet characters
     * and a few others), or only hex digits and spaces.
     */
    private static boolean mayContinueRun(long w) {
        if (prose(w)) {
            return false;
        }
        if (!hasLess(w, '+')) {
            return !hasMore(w, 'z') && ((w ^ ('.' * ONES)) - ONES & ~(w ^ ('.' * ONES)) & HIGHS) == 0;
        }
        return !hasMore(w, 'f') && !hasLess(w, ' ');
    }

    /** The common case: {@code w} holds a space (or another byte below {@code +}) and a letter after {@code f}. */
    private static boolean prose(long w) {
        return hasLess(w, '+') & hasMore(w, 'f');
    }

    /** Some byte of {@code w} is below {@code n} (n at most 128). */
    private static boolean hasLess(long w, int n) {
        return ((w - n * ONES) & ~w & HIGHS) != 0;
    }

    /** Some byte of {@code w} is above {@code n} (n below 128). */
    private static boolean hasMore(long w, int n) {
        return (((w + (127 - n) * ONES) | w) & HIGHS) != 0;
    }

    /** 0x80 in each byte of {@code w} equal to {@code c}, 0 in the others. */
    private static long equalBytes(long w, int c) {
        long x = w ^ (c * ONES);
        return ~(((x & LOWS) + LOWS) | x | LOWS);
    }
}
