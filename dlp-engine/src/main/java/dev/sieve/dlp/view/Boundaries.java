package dev.sieve.dlp.view;

import dev.sieve.dlp.Finding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The boundaries between consecutive values of one container, joined, so that a value an agent split over several
 * places of a request is seen whole: adjacent text blocks of one message ({@code json:$.messages[0].content|joined}),
 * sibling string fields of JSON objects ({@code json:$|joined-fields}), the texts of consecutive messages of one role
 * ({@code json:$.messages|joined-user}), the pieces of a streamed tool call's arguments, the scanned header values
 * ({@code headers|joined}), the text parts of a multipart body ({@code multipart|joined}) and the fields of a form
 * ({@code form|joined}).
 *
 * <p>Each boundary of a <em>run</em> of consecutive values is its own line: a window of up to {@code window} units
 * (characters of a string, bytes of a byte value) from the end of the earlier value glued, with nothing between, to a
 * window from the start of the later one, then {@code '\n'}; so a secret's piece keeps what was before it in its own
 * value ({@code \b} before a vendor prefix holds). A value short enough to be kept whole between its neighbours also
 * gives the line of the three, for a secret cut in three. The view costs a few windows per boundary whatever the
 * values' size, and nothing is copied for a container with a single value: a value is only kept by reference until
 * the next one comes.
 *
 * <p>Gluing unrelated values can make a match that is in neither of them ({@code toolu_01...} then {@code bash}), and
 * a match inside one value is found, or rightly not found, in that value's own view. So the view's locator
 * ({@link #locator}) says a finding counts only when it {@linkplain ViewLocator#crossesJoin crosses a boundary}. Each
 * boundary is placed at the later value (a finding that reaches into a value is placed where it ends, so a new value
 * that completes an old one counts as new content). Never rewritten: a finding here cannot be redacted in place, so
 * redact escalates to block.
 */
public final class Boundaries {

    /**
     * Units taken from each side of a boundary between values that are not text blocks: the pack's longest
     * single-line vendor token (a Stripe key, up to 255 characters; an OpenAI project key, about 170) fits on either
     * side twice. PEM blocks are not joined this way (their lines are white-space separated, and a key split over two
     * values is beyond a window's scope); adjacent text blocks keep {@link #TEXT_WINDOW}.
     */
    public static final int WINDOW = 512;
    /** Units taken from each side of a boundary between adjacent text blocks of one message (a PEM key fits). */
    static final int TEXT_WINDOW = 4096;
    /**
     * Units kept before the run of non-white-space units that ends the earlier value (a keyword: {@code password:
     * }), and half as many after the run that starts the later one (a card number's other groups), by
     * {@link #ofValues}.
     */
    public static final int MARGIN = 32;
    /** Shorter values cannot hold a useful part of a secret and are not joined. */
    public static final int MIN_VALUE = 4;

    private final int window;
    /** Units kept beside a value's edge run of non-white-space units, or -1 for whole windows. */
    private final int margin;
    private byte[] content = new byte[64];
    private int length;
    /** Per boundary: where the later value's bytes start in the content (the glue), and its source place. */
    private int[] glues = new int[4];
    private int[] places = new int[4];
    private int boundaries;
    /** The last value of the open run (a String or a byte[]), its range and place; the value before it, its range. */
    private Object last;
    private int lastFrom;
    private int lastTo;
    private int lastPlace;
    private Object prev;
    private int prevFrom;
    private int prevTo;

    /** @param window units taken from each side of a boundary */
    public Boundaries(int window) {
        this(window, -1);
    }

    /**
     * @param window units taken from each side of a boundary at most
     * @param margin each side keeps only the run of non-white-space units at the boundary and this many units beside
     *               it (a keyword before a value, a card's groups), within the window
     */
    public Boundaries(int window, int margin) {
        this.window = window;
        this.margin = margin;
    }

    /**
     * The boundaries of values that are not text blocks: {@link #WINDOW} units at most, of which the run of
     * non-white-space units at the boundary and {@link #MARGIN} units beside it. A secret cut in two has no white space
     * at the cut; what matters beside it is a keyword before it (or a card number's other groups), so prose around a
     * boundary costs a few dozen bytes, not two windows. A value that ends with white space or closing punctuation
     * ({@link #closed}) ends its run: most prose does, so most boundaries between messages cost nothing.
     */
    public static Boundaries ofValues() {
        return new Boundaries(WINDOW, MARGIN);
    }

    /** Adds the next value of the run, placed at {@code place} (a source offset, or a number the caller reads back). */
    public void add(String text, int place) {
        next(text, 0, text.length(), place);
    }

    /** Adds bytes {@code [from, to)} of {@code bytes} (UTF-8 text) as the next value of the run. */
    public void add(byte[] bytes, int from, int to, int place) {
        next(bytes, from, to, place);
    }

    private void next(Object value, int from, int to, int place) {
        if (from >= to) {
            return; // an empty value (a tool's empty output) holds no piece of a secret and leaves the run as it was
        }
        if (last != null && margin >= 0 && closed(last, lastTo - 1)) {
            breakRun(); // the earlier value ends a sentence or a quote: no secret is cut there
        }
        if (last != null) {
            // The pair: the end of the earlier value and the start of the later one.
            append(last, tailStart(last, lastFrom, lastTo), lastTo);
            glue(place);
            int head = headEnd(value, from, to);
            append(value, from, head);
            appendByte('\n');
            // The pair again past a short label that starts the later value ("Part 2: ", "2/2 - ", "rest=").
            int label = margin >= 0 ? labelEnd(value, from, to) : from;
            if (label > from) {
                append(last, tailStart(last, lastFrom, lastTo), lastTo);
                glue(place);
                append(value, label, headEnd(value, label, to));
                appendByte('\n');
            }
            // The three: a value short enough to be kept whole between its two neighbours (a secret cut in three).
            if (prev != null && tailStart(last, lastFrom, lastTo) == lastFrom
                    && headEnd(last, lastFrom, lastTo) == lastTo) {
                append(prev, tailStart(prev, prevFrom, prevTo), prevTo);
                glue(lastPlace);
                append(last, lastFrom, lastTo);
                glue(place);
                append(value, from, head);
                appendByte('\n');
            }
        }
        prev = last;
        prevFrom = lastFrom;
        prevTo = lastTo;
        last = value;
        lastFrom = from;
        lastTo = to;
        lastPlace = place;
    }

    private void glue(int place) {
        if (boundaries == glues.length) {
            glues = Arrays.copyOf(glues, boundaries * 2);
            places = Arrays.copyOf(places, boundaries * 2);
        }
        glues[boundaries] = length;
        places[boundaries] = place;
        boundaries++;
    }

    /**
     * Where the tail window of {@code value[from, to)} starts: {@link #window} units back, or, with a margin, the run
     * of non-white-space units that ends the value and {@link #margin} units before it.
     */
    private int tailStart(Object value, int from, int to) {
        int limit = Math.max(from, to - window);
        int i = limit;
        if (margin >= 0) {
            i = to;
            while (i > limit && !space(value, i - 1)) {
                i--;
            }
            i = Math.max(limit, i - margin);
        }
        return cutForward(value, i);
    }

    /** Where the head window of {@code value[from, to)} ends (the mirror of {@link #tailStart}). */
    private int headEnd(Object value, int from, int to) {
        int limit = Math.min(to, from + window);
        int i = limit;
        if (margin >= 0) {
            i = from;
            while (i < limit && !space(value, i)) {
                i++;
            }
            i = Math.min(limit, i + margin / 2);
        }
        return cutBack(value, i);
    }

    /**
     * True if unit {@code at} is white space or ends a sentence, a clause or a quotation ({@code . , ; ! ? ) ] } " '
     * `}): no credential of the pack ends with one (a JWT cut right after one of its dots is the exception this
     * accepts), and prose ends with one, so a boundary after one is not kept.
     */
    private static boolean closed(Object value, int at) {
        int c = value instanceof String s ? s.charAt(at) : ((byte[]) value)[at] & 0xff;
        return c <= ' ' || c == '.' || c == ',' || c == ';' || c == '!' || c == '?' || c == ')' || c == ']'
                || c == '}' || c == '"' || c == '\'' || c == '`'; // every ASCII white space is <= ' '
    }

    /** The longest label {@link #labelEnd} skips, its separator and the spaces after it included. */
    static final int MAX_LABEL = 24;

    /**
     * Where the value starts after a short label, or {@code from} if it has none: at most {@link #MAX_LABEL} units of
     * letters, digits, spaces and {@code # / ( ) .} (at most three words), then {@code :}, {@code =}, {@code -} or
     * {@code >} and at least one space, and then a run of {@link #MIN_VALUE}+ non-white-space units. An agent that pastes a secret
     * in parts labels them ({@code Part 2: ...}, {@code 2/2 - ...}, {@code second half: ...}); the label would
     * otherwise sit at the cut.
     */
    private static int labelEnd(Object value, int from, int to) {
        int limit = Math.min(to, from + MAX_LABEL);
        int words = 0;
        boolean inWord = false;
        for (int i = from; i < limit; i++) {
            int c = value instanceof String s ? s.charAt(i) : ((byte[]) value)[i] & 0xff;
            if (c == ':' || c == '=' || c == '-' || c == '>') {
                if (i == from || words == 0) {
                    return from;
                }
                int start = i + 1;
                while (start < to && space(value, start)) {
                    start++;
                }
                if (start == i + 1) {
                    return from; // a separator without a space after it is part of a token: sk-proj-, id=x
                }
                int run = start;
                while (run < to && run - start < MIN_VALUE && !space(value, run)) {
                    run++;
                }
                return run - start == MIN_VALUE ? start : from;
            }
            if (c == ' ') {
                inWord = false;
            } else if (c < 128 && (Character.isLetterOrDigit(c) || c == '#' || c == '/' || c == '(' || c == ')'
                    || c == '.')) {
                if (!inWord && ++words > 3) {
                    return from;
                }
                inWord = true;
            } else {
                return from;
            }
        }
        return from;
    }

    private static boolean space(Object value, int at) {
        if (value instanceof String s) {
            return Character.isWhitespace(s.charAt(at));
        }
        return (((byte[]) value)[at] & 0xff) <= ' ';
    }

    /** Ends the run: the next value starts a new one. */
    public void breakRun() {
        last = null;
        prev = null;
    }

    /** Ends the run; true if there is at least one boundary to scan. */
    public boolean finish() {
        breakRun();
        return boundaries > 0;
    }

    /** Moves a cut at unit {@code at} forward to the start of a character. */
    private static int cutForward(Object value, int at) {
        if (value instanceof String s) {
            return at > 0 && at < s.length() && Character.isLowSurrogate(s.charAt(at)) ? at + 1 : at;
        }
        byte[] b = (byte[]) value;
        while (at < b.length && (b[at] & 0xc0) == 0x80) {
            at++;
        }
        return at;
    }

    /** Moves a cut at unit {@code at} back to the start of a character. */
    private static int cutBack(Object value, int at) {
        if (value instanceof String s) {
            return at > 0 && at < s.length() && Character.isLowSurrogate(s.charAt(at)) ? at - 1 : at;
        }
        byte[] b = (byte[]) value;
        while (at > 0 && at < b.length && (b[at] & 0xc0) == 0x80) {
            at--;
        }
        return at;
    }

    private void append(Object value, int from, int to) {
        if (to <= from) {
            return;
        }
        if (value instanceof String s) {
            byte[] bytes = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
            append(bytes, 0, bytes.length);
        } else {
            append((byte[]) value, from, to - from);
        }
    }

    private void append(byte[] bytes, int from, int n) {
        if (length + n > content.length) {
            content = Arrays.copyOf(content, Math.max(content.length * 2, length + n));
        }
        System.arraycopy(bytes, from, content, length, n);
        length += n;
    }

    private void appendByte(int b) {
        if (length == content.length) {
            content = Arrays.copyOf(content, content.length * 2);
        }
        content[length++] = (byte) b;
    }

    /** Appends the finished runs of {@code other} (a container's boundaries gathered into its document's view). */
    public void addAll(Boundaries other) {
        other.finish();
        int shift = length;
        append(other.content, 0, other.length);
        if (boundaries + other.boundaries > glues.length) {
            glues = Arrays.copyOf(glues, Math.max(glues.length * 2, boundaries + other.boundaries));
            places = Arrays.copyOf(places, glues.length);
        }
        for (int i = 0; i < other.boundaries; i++) {
            glues[boundaries] = other.glues[i] + shift;
            places[boundaries] = other.places[i];
            boundaries++;
        }
    }

    /** Bytes of the view. */
    public int length() {
        return length;
    }

    /** Boundaries added. */
    public int count() {
        return boundaries;
    }

    /** The joined bytes, read-only (no copy). */
    public ByteBuffer content() {
        return ByteBuffer.wrap(content, 0, length).asReadOnlyBuffer();
    }

    /** The place of the boundary a finding that starts at byte {@code offset} crosses: the first glue after it. */
    public int placeOf(long offset) {
        int i = firstGlueAfter(offset);
        return places[Math.min(i, boundaries - 1)];
    }

    /** True if bytes {@code [start, end)} hold both sides of a boundary: the glue lies strictly inside them. */
    public boolean crosses(long start, long end) {
        int i = firstGlueAfter(start);
        return i < boundaries && glues[i] < end;
    }

    /** The first boundary whose glue is after {@code offset}, or {@link #boundaries}. */
    private int firstGlueAfter(long offset) {
        int lo = 0;
        int hi = boundaries;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (glues[mid] <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The view's locator: a finding is placed by {@code place} given the place of the boundary it crosses, and counts
     * only if it crosses one.
     */
    public ViewLocator locator(IntFunction<Optional<Finding.Location>> place) {
        return new ViewLocator() {
            @Override
            public Optional<Finding.Location> locate(long offset) {
                return boundaries == 0 ? Optional.empty() : place.apply(placeOf(offset));
            }

            @Override
            public boolean crossesJoin(long start, long end) {
                return crosses(start, end);
            }
        };
    }
}
