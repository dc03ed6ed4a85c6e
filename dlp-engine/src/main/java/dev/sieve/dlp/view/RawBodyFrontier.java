package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * For a body that is scanned while it streams: whether the decoders will read it as one raw view {@code body}, and
 * how far into it the decoding graph is known to find nothing. Fed the body's bytes in order, it keeps a lower bound
 * on the start of every {@link Candidates candidate} that {@link DecodeGraph#expand} can find in the whole body, so
 * every layer (and every finding in a layer) lies at or after {@link #firstCandidateStart()}.
 *
 * <p>It runs {@link Candidates#find} itself, on windows of the body cut where no candidate can cross: in the
 * middle of a <em>prose stretch</em>, at white space with {@value #SETTLE} or more stretch bytes on either side. A
 * stretch holds printable ASCII and white space but no escape character ({@code % & = \}), in tokens (between white
 * space) of any length, and none of: a run of {@value Candidates#MIN_RUN} base64-alphabet
 * characters; two runs of two hex digits one delimiter apart; two short numbers (three digits at most, or
 * {@code 0x} and hex) fewer than {@value #NUMBER_GAP} bytes apart; two tokens of one byte in a row; three tokens of
 * one width (4 to 15 alphabet characters) in a row, each followed by a space. No kind of candidate can hold more of a
 * stretch than its first or last token:
 * <ul>
 *   <li>base64, base32 and hex runs need {@value Candidates#MIN_RUN} alphabet characters in a row (a wrapped base64
 *       run's next lines are as wide as its first: only its last, shorter line can be a stretch's first token);</li>
 *   <li>base64 in groups one space apart is a candidate only at a text's start or end, and the body's end is after
 *       the last cut, never searched; at its start, groups of 16 or more characters are runs, and narrower ones
 *       break the stretch from their third on, so no cut falls inside them or fewer than {@value #SETTLE} bytes
 *       after the second;</li>
 *   <li>delimited hex needs hex pairs one delimiter apart; spaced-out text needs one-byte tokens in a row;
 *       char-code lists need numbers a separator or a {@code chr(} call apart; escapes and Unicode tag characters
 *       do not occur in a stretch, and the tokens an escape cluster widens to end at white space;</li>
 *   <li>the one percent candidate of a text without white space needs a text without white space.</li>
 * </ul>
 * A window's candidates are therefore the body's candidates in it; the first one found fixes the bound. Bytes after
 * the last cut are not known yet. A window that grows past {@value #MAX_WINDOW} bytes without a cut (a body of one
 * long token, a large encoded blob) ends the tracking: the bound stays at its last cut.
 *
 * <p>A new kind of candidate must keep to this (see {@link #REASONED}). Not thread-safe.
 */
public final class RawBodyFrontier {

    /** Bytes of a body's start that decide whether it is a raw view (the tar header is the widest magic). */
    public static final int DECIDING_BYTES = 512;

    /** Stretch bytes needed on each side of a cut (more than a token and an escape cluster's reach). */
    static final int SETTLE = 96;
    static final int MAX_WINDOW = 1 << 20;
    /**
     * The window is searched once it reaches this many bytes up to a settled cut, and at the end of each feed: one
     * {@link Candidates#find} per 64 KiB or per chunk, not one per cut (cuts come every hundred bytes of prose, and
     * each search has a set-up cost).
     */
    static final int SEARCH_FROM = 64 * 1024;

    /**
     * The kinds of candidate the stretch argument above covers; a test checks that it covers them all. Char-code lists,
     * spaced-out text, lines written backwards or in ROT13, uuencoded blocks and Ascii85 are not found by
     * {@link Candidates#find} but after the scan ({@link Views#decodeCodes}); the stretch argument holds for the first
     * two, and for all six the scan's code hint bounds the clean prefix of the raw view: it stops
     * {@code CodeHints.LOOKBACK} bytes before the hint, and nothing decoded from a hint starts earlier than that (a
     * uuencoded block starts after its {@code begin} line, Ascii85 after its {@code <~}, where their hints match).
     * What {@link Joins} joins (string literals, CDATA, folded lines) is found the same way, from
     * {@code CodeHints.LOOKBACK} bytes before the hint on, and every such candidate starts there or later.
     * A seed-word layer ({@link SeedWords}) is a whole text of at most {@link SeedWords#MAX_TEXT} bytes: until more
     * than that has been fed the bound is the body's start. Base58 is a run like base64's; CSS escapes and IIS
     * {@code %uXXXX} are escapes; base85 and Z85 are a text's first or last token only, which at a window's edge is a
     * candidate the body may not have (an earlier bound, never a later one) and at the body's end lies after the last
     * cut. xxencoded blocks, 8-bit groups, octal dumps and {@code U+} lists are found after the scan, like uuencode,
     * from {@code CodeHints.LOOKBACK} bytes before their hint on. Caesar and Atbash lines, separated and wrapped runs
     * and continued YAML scalars are found after the scan too, from {@code CodeHints.LOOKBACK} bytes before the hint on.
     * A UTF-7 token is a run of {@value Candidates#MIN_RUN}+ alphabet characters read with at most 64 bytes of its line
     * before it (less than {@value #SETTLE}: no cut falls there); a Markdown-escaped token holds a backslash, which no
     * stretch does, and ends at its token's edges. Decimal and base36 numbers are runs like base58's; Morse, spelled
     * words and Braille are found after the scan, from {@code CodeHints.LOOKBACK} bytes before their hint on.
     * A TeX {@code ^^xx} line is found after the scan and starts at most {@code CodeHints.LOOKBACK} bytes before
     * the escapes its hint matches; an XML internal subset's candidate starts at the {@code <!ENTITY} its hint
     * matches. A hex or base64 run read under a one-byte XOR key is a run like the others. {@link Pieces}' lines and
     * lists are found after the scan, from {@code CodeHints.LOOKBACK} bytes before their hint on. A dump block ({@link Dumps}) starts at its first line, which its hint matches.
     * RFC 2047 encoded words start at their {@code =}, an escape's lead byte, like a QP escape. A Python bytes literal
 * read as {@link Candidates.Kind#JSON_U} starts at most four bytes before a {@code \x} escape, inside the token the
 * escape cluster widens to, so never before that cluster's candidate; PostgreSQL's {@code \x} hex follows a
 * backslash; a base64 run joined across escaped line breaks ({@code \r\n}) holds backslashes, which no stretch
 * does; and a byte list with a file's magic is a char-code list found after the scan's hint, like the others. A glued file name
     * ({@link FileNames}) is one token (no white space in it), and the window search looks for it too.
     */
    static final List<Candidates.Kind> REASONED = List.of(Candidates.Kind.BASE64, Candidates.Kind.BASE32,
            Candidates.Kind.HEX, Candidates.Kind.HEX_DELIMITED, Candidates.Kind.CHAR_CODES, Candidates.Kind.SPACED,
            Candidates.Kind.REVERSED, Candidates.Kind.ROT13, Candidates.Kind.UUENCODE, Candidates.Kind.ASCII85,
            Candidates.Kind.PERCENT, Candidates.Kind.HTML, Candidates.Kind.QP, Candidates.Kind.JSON_U,
            Candidates.Kind.SEED_WORDS, Candidates.Kind.CONCAT, Candidates.Kind.CDATA, Candidates.Kind.UNFOLDED,
            Candidates.Kind.BASE58, Candidates.Kind.BASE85, Candidates.Kind.Z85, Candidates.Kind.CSS,
            Candidates.Kind.XXENCODE, Candidates.Kind.BITS, Candidates.Kind.OCTAL, Candidates.Kind.CODE_POINTS,
            Candidates.Kind.CAESAR, Candidates.Kind.ATBASH, Candidates.Kind.SEPARATED, Candidates.Kind.WRAPPED,
            Candidates.Kind.CONTINUED, Candidates.Kind.UTF7, Candidates.Kind.MD_ESCAPE, Candidates.Kind.DECIMAL,
            Candidates.Kind.BASE36, Candidates.Kind.MORSE, Candidates.Kind.WORDS, Candidates.Kind.BRAILLE,
            Candidates.Kind.TEX_CARET, Candidates.Kind.XML_ENTITIES, Candidates.Kind.PIECES,
            Candidates.Kind.DUMP, Candidates.Kind.B64_JOINED, Candidates.Kind.HEX_JOINED, Candidates.Kind.MIME_WORDS,
            Candidates.Kind.SPLIT_NAME);

    /** Short numbers closer than this may belong to one char-code list. */
    static final int NUMBER_GAP = 12;

    private static final byte ALPHABET = 1;
    private static final byte HEX = 2;
    private static final byte DIGIT = 4;
    private static final byte SPACE = 8;
    private static final byte TEXT = 16;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = 0x21; c < 0x7f; c++) {
            CLASS[c] = Candidates.alphabet((byte) c) ? ALPHABET : TEXT;
        }
        for (int c = '0'; c <= '9'; c++) {
            CLASS[c] |= HEX | DIGIT;
        }
        for (int c = 'a'; c <= 'f'; c++) {
            CLASS[c] |= HEX;
            CLASS[c - 32] |= HEX;
        }
        for (char c : " \t\r\n".toCharArray()) {
            CLASS[c] = SPACE;
        }
        for (char c : "%&=\\".toCharArray()) {
            CLASS[c] = 0;
        }
    }

    /** The body's bytes from {@link #windowStart} on (the window not yet searched). */
    private byte[] window = new byte[16 * 1024];
    private int length;
    private long windowStart;
    private long certain = Long.MAX_VALUE;
    /** No more tracking: a candidate was found, or a window grew too large. */
    private boolean done;
    /** Window offset where the current stretch starts (after white space), or -1 outside a stretch. */
    private int stretchStart = -1;
    /** Window offset of the cut being settled (white space inside the stretch), or -1. */
    private int cut = -1;
    /** Window offset of the last settled cut, where the window may be searched up to, or -1. */
    private int settled = -1;
    /** The current alphabet run: its window offset and length; whether all hex, all digits. */
    private int runStart;
    private int run;
    private boolean runHex;
    private boolean runDigits;
    /** Absolute end of the last run of two hex digits, and of the last short number. */
    private long lastPairEnd = Long.MIN_VALUE;
    private long lastNumberEnd = Long.MIN_VALUE;
    private int token;
    private boolean previousTokenSingle;
    /** The length of the last alphabet run; the width of the last group and how many of that width came in a row. */
    private int lastRun;
    private int groupWidth;
    private int groupsInRow;
    /** Bytes fed so far. */
    private long fed;

    /**
     * True when a body whose first bytes are {@code head} ({@link #DECIDING_BYTES} of them, or the whole body if it is
     * shorter) is decoded as the single raw view {@code body} plus the graph's layers: it has no content coding, its
     * declared type is not JSON, multipart, form, PDF or gRPC, and it starts with no magic the decoders act on (PDF,
     * image, gzip, zip, tar, zlib, xz, lzma, bzip2, 7z, RTF, SVG), is not UTF-16 ({@link Utf16}) nor in a declared
     * charset that is transcoded ({@link DeclaredCharset}), nor like JSON (whatever its declared type). False for
     * anything else, including
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
        if (type != null && (type.isJson() || type.isMultipart() || type.isForm() || type.isPdf() || Grpc.declared(type))) {
            return false;
        }
        if (Sniff.isPdf(head) || Sniff.isImage(head) || Sniff.isGzip(head) || Sniff.isZip(head)
                || TarReader.sniff(head) || ContentCodings.looksLikeZlib(head) || Sniff.packed(head) != null
                || RtfText.sniff(head) || SvgText.sniff(head)) {
            return false;
        }
        String charset = type == null ? null : type.param("charset");
        if (Utf16.detect(head, Utf16.declared(type) ? charset : null) != null
                || DeclaredCharset.declared(charset)) {
            return false; // its tokens are in a transcoded view, which the raw view's clean prefix says nothing of
        }
        for (byte b : head) { // any type may be sniffed as JSON (RequestDecoder)
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b != '{' && b != '[' && b != (byte) 0xef;
            }
        }
        return false;
    }

    /** Reads the remaining bytes of {@code chunk}, the body's next ones, without moving its position. */
    public void feed(ByteBuffer chunk) {
        fed += chunk.remaining();
        ByteBuffer in = chunk.duplicate();
        while (!done && in.hasRemaining()) {
            if (length == window.length) {
                if (length >= MAX_WINDOW) {
                    stop();
                    return;
                }
                window = Arrays.copyOf(window, Math.min(MAX_WINDOW, length * 2));
            }
            int n = Math.min(in.remaining(), window.length - length);
            int from = length;
            in.get(window, from, n);
            length += n;
            follow(from);
        }
        if (!done && settled > 0) {
            search(settled);
        }
    }

    /**
     * A lower bound on the start of the body's first decoding-graph candidate, given the bytes fed so far: at most
     * the bytes fed, and never decreasing as more are fed.
     */
    public long firstCandidateStart() {
        if (fed <= SeedWords.MAX_TEXT) {
            return 0; // the whole body may still be a seed phrase
        }
        return certain < Long.MAX_VALUE ? certain : windowStart; // every window before the one that found it was clean
    }

    /** Follows the stretch through the window's new bytes {@code [from, length)}, cutting where it may. */
    private void follow(int from) {
        for (int i = from; i < length; i++) {
            int cls = CLASS[window[i] & 0xff];
            if ((cls & ALPHABET) != 0) {
                if (run == 0) {
                    runStart = i;
                    runHex = true;
                    runDigits = true;
                }
                run++;
                runHex &= (cls & HEX) != 0;
                runDigits &= (cls & DIGIT) != 0;
                token++;
                if (run >= Candidates.MIN_RUN) {
                    breakStretch();
                }
            } else {
                if (run > 0) {
                    endRun(i);
                }
                if (cls == 0) {
                    breakStretch();
                } else if (cls == TEXT) {
                    token++;
                } else {
                    endToken(i);
                }
            }
            if (cut >= 0 && stretchStart >= 0 && i + 1 - cut >= SETTLE) {
                settled = cut;
                cut = -1;
                if (settled >= SEARCH_FROM) {
                    int at = settled;
                    search(at);
                    if (done) {
                        return;
                    }
                    i -= at;
                }
            }
        }
    }

    /** The alphabet run ends before {@code i}: a hex pair next to another, or a number near another, ends a stretch. */
    private void endRun(int i) {
        long start = windowStart + runStart;
        long end = windowStart + i;
        if (run == 2 && runHex) {
            if (start - lastPairEnd <= 1) {
                breakStretch();
            }
            lastPairEnd = end;
        }
        boolean hexByte = (run == 3 || run == 4) && window[runStart] == '0' && (window[runStart + 1] | 0x20) == 'x';
        if ((runDigits && run <= 3) || hexByte) {
            if (start - lastNumberEnd < NUMBER_GAP) {
                breakStretch();
            }
            lastNumberEnd = end;
        }
        lastRun = run;
        run = 0;
    }

    /** White space at {@code i}: the token before it ends; a stretch starts or goes on after it. */
    private void endToken(int i) {
        if (token > 0) {
            boolean group = token == lastRun && token >= Candidates.MIN_GROUP && token < Candidates.MIN_RUN
                    && window[i] == ' ';
            groupsInRow = !group ? 0 : token == groupWidth ? groupsInRow + 1 : 1;
            groupWidth = group ? token : 0;
            if ((token == 1 && previousTokenSingle) || groupsInRow >= 3) {
                breakStretch();
            }
            previousTokenSingle = token == 1;
            token = 0;
            lastRun = 0;
        }
        if (stretchStart < 0) {
            stretchStart = i + 1;
        } else if (cut < 0 && i + 1 - stretchStart >= SETTLE) {
            cut = i + 1;
        }
    }

    private void breakStretch() {
        stretchStart = -1;
        cut = -1; // a settled cut stays: the bytes after it that settled it are still stretch bytes
        token = 2; // the token goes on to the next white space, outside any stretch, and is not a one-byte token
        previousTokenSingle = false;
    }

    /** Searches the window up to {@code at}, a settled cut, and moves the window on to it. */
    private void search(int at) {
        List<Candidates.Candidate> found = Candidates.find(window, 0, at);
        List<Candidates.Candidate> named = FileNames.find(window, 0, at, null); // DecodeGraph#expand's other kind
        if (named != null) {
            found = new java.util.ArrayList<>(found);
            found.addAll(named);
        }
        if (!found.isEmpty()) {
            certain = windowStart + found.stream().mapToInt(Candidates.Candidate::start).min().orElseThrow();
            stop();
            return;
        }
        System.arraycopy(window, at, window, 0, length - at);
        length -= at;
        windowStart += at;
        runStart -= at;
        if (stretchStart >= 0) {
            stretchStart = Math.max(0, stretchStart - at); // the stretch goes on; a next cut needs its bytes anew
        }
        if (cut >= 0) {
            cut -= at; // a cut still settling lies after the last settled one
        }
        settled = -1;
    }

    private void stop() {
        done = true;
        window = null;
        length = 0;
    }
}
