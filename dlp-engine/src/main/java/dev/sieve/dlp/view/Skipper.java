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
 * a block is long enough to cover the whole next block; nor may the next block be a piece of a list of char codes
 * (or of {@code chr(N)} calls), of spaced-out text or of Unicode tag characters.
 * The test of the next block is a few word operations (it holds a space, or a byte outside {@code + .. z}); only
 * when it fails are its bytes looked at one by one. Escape
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
            long w1;
            long w2;
            if (space && lead >= at + 2 * BLOCK && at + 3 * BLOCK <= to
                    && prose(w1 = (long) LONGS.get(t, at + BLOCK)) & prose(w2 = (long) LONGS.get(t, at + 2 * BLOCK))
                    && !rareCandidate(w1) && !rareCandidate(w2)) {
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
            if ((mayContinueRun(next) && runMayStartIn(at)) || numberList(next)
                    || rareCandidate(next)) {
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

    /**
     * {@code w} may be a piece of a list of char codes ({@link Candidates#charCodesEnd}): no byte above {@code 9},
     * at least four digits and a comma or line break.
     */
    private static boolean numberList(long w) {
        if (hasMore(w, '9')) {
            return false;
        }
        int digits = Long.bitCount((w + (0x80 - '0') * ONES) & HIGHS); // bytes of '0' and up (none above '9')
        return digits >= 4 && (equalBytes(w, ',') | equalBytes(w, '\n')) != 0; // not a date, a version, an IP
    }

    /** {@code w} may be a piece of a list of {@code 0x41, 0x42} byte literals: {@code 0x} and a separator. */
    private static boolean hexList(long w) {
        return ((equalBytes(w, '0') << 8) & (equalBytes(w, 'x') | equalBytes(w, 'X'))) != 0 && hasLess(w, '0');
    }

    /**
     * {@code w} may be a piece of spaced-out text ({@link Candidates#spacedEnd}): a space every other byte (word gaps
     * add more), at least three other bytes, two of them letters or digits.
     */
    private static boolean spacedOut(long w) {
        long spaces = equalBytes(w, ' ');
        if (((spaces & ODD_SPACES) != ODD_SPACES && (spaces & EVEN_SPACES) != EVEN_SPACES)
                || Long.bitCount(spaces) > 5) {
            return false;
        }
        long low = w & LOWS;
        long lowerCase = low | 0x2020202020202020L;
        long letters = (lowerCase + (0x80 - 'a') * ONES) & ~(lowerCase + (0x7f - 'z') * ONES);
        long digits = (low + (0x80 - '0') * ONES) & ~(low + (0x7f - '9') * ONES);
        return Long.bitCount((letters | digits) & ~w & HIGHS) >= 2; // letters, not code's "a = b + c"
    }

    /**
     * The one test of a block for the rarer candidates (a hex byte list, spaced-out text, tag characters, char
     * calls): an {@code x}, a {@code (}, a byte F3, or four spaces. Only then are they tested one by one.
     */
    private static boolean rare(long w) {
        return (equalBytes(w, 'x') | equalBytes(w, '(') | equalBytes(w, 0xf3)) != 0
                || Long.bitCount(equalBytes(w, ' ')) >= 4;
    }

    /** {@link #rare} and then one of the rarer candidates' tests. */
    private static boolean rareCandidate(long w) {
        return rare(w) && (hexList(w) || spacedOut(w) || tags(w) || charCall(w));
    }

    /**
     * {@code w} may be a piece of a list of char-code calls ({@code chr(103) + chr(104)}, {@code CHAR(103)}):
     * {@code hr(} or {@code ar(} in either case. Skipping may then stop a few bytes into such a list: the loop finds
     * its start again ({@link Candidates#charCodesStart}).
     */
    private static boolean charCall(long w) {
        long open = equalBytes(w, '(');
        if (open == 0) {
            return false;
        }
        long r = equalBytes(w, 'r') | equalBytes(w, 'R');
        long before = equalBytes(w, 'h') | equalBytes(w, 'H') | equalBytes(w, 'a') | equalBytes(w, 'A');
        return ((before << 16) & (r << 8) & open) != 0;
    }

    /** {@code w} may hold Unicode tag characters ({@link Candidates#tagAt}): bytes F3 and A0. */
    private static boolean tags(long w) {
        return equalBytes(w, 0xf3) != 0 && equalBytes(w, 0xa0) != 0;
    }

    private static final long ODD_SPACES = 0x8000800080008000L;
    private static final long EVEN_SPACES = 0x0080008000800080L;

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
