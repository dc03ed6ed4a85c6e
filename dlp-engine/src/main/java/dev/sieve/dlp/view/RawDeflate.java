package dev.sieve.dlp.view;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Whether bytes may start a raw DEFLATE stream (RFC 1951, no zlib or gzip header: what Java's
 * {@code Deflater(level, true)}, JavaScript's {@code deflateRaw}, PHP's {@code gzdeflate} and SAML's redirect binding
 * write) that holds text. Raw DEFLATE has no magic, so the decoding graph would otherwise take it for random bytes
 * (a hash, an id) and drop it. The test reads the first block's header the way an inflater would and stops at what
 * an inflater would refuse or what is no text: a stored block whose length does not match its complement; a block
 * of the fixed code whose first symbols are no text (literals that are not printable ASCII, white space or UTF-8)
 * or whose back-references reach before the stream's start; a block of dynamic codes whose code-length code is not
 * complete (zlib refuses an incomplete one); the reserved block type. Random bytes pass about one time in four
 * hundred ({@code RawDeflateTest}); a trial inflation of their first bytes ({@link #startsText}) then decides.
 *
 * <p>Written here, not left to {@link Inflater}: it runs on every base64 run whose bytes do not look like text
 * (hundreds per agent request: ids, hashes, ciphertext), and a native inflater per run, even reused, would cost
 * the decoding of agent JSON more than its whole candidate pass.
 */
final class RawDeflate {

    /** Fewer bytes than this are no stream worth decoding (a secret and its name compress to more). */
    static final int MIN_BYTES = 16;

    private RawDeflate() {
    }

    /** Whether {@code b} may be a raw DEFLATE stream of text, by its header alone; see the class comment. */
    static boolean mayBe(byte[] b) {
        return b.length >= MIN_BYTES && mayStartWith(b, b.length);
    }

    /** Less text than this is not worth a layer (no secret is that short). */
    static final int MIN_TEXT = 8;

    /** Output of the trial inflation in {@link #startsText}. */
    private static final int TRIAL = 256;

    /**
     * An inflater per thread for the trials, reset before each: making one per trial costs more than the trial. Its
     * native state (about 40 KiB with the window) lives as long as the thread; the inspection pool's threads do.
     */
    private static final ThreadLocal<Inflater> TRIALS = ThreadLocal.withInitial(() -> new Inflater(true));

    /**
     * Whether {@code b} passes {@link #mayBe} and its first {@value #TRIAL} inflated bytes are text: a trial before
     * {@code ContentCodings#inflate}, which sets up buffers for a whole layer (64 KiB and more) and would do so for
     * every random value that passes the header test.
     */
    static boolean startsText(byte[] b) {
        if (!mayBe(b)) {
            return false;
        }
        Inflater inflater = TRIALS.get();
        inflater.reset();
        inflater.setInput(b);
        byte[] out = new byte[TRIAL];
        int n;
        try {
            n = inflater.inflate(out);
        } catch (DataFormatException e) {
            return false;
        }
        // A stream that ends after a few bytes of output, or leaves input behind it, is random bytes that happened to
        // start like one ("X" out of 30 bytes): an encoder's stream is the whole value and a secret is longer.
        if (n < MIN_TEXT || (inflater.finished() && inflater.getRemaining() > 2)) {
            return false;
        }
        int controls = 0;
        int due = 0;
        for (int k = 0; k < n; k++) {
            int c = out[k] & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                controls++;
                continue;
            }
            due = utf8(c, due);
            if (due < 0) {
                return false;
            }
        }
        return controls * 32 <= n;
    }

    /**
     * Whether a stream of {@link #MIN_BYTES} or more that starts with {@code b[0, length)} may be raw DEFLATE of text;
     * a test that runs out of bytes passes.
     */
    static boolean mayStartWith(byte[] b, int length) {
        return length >= 5 && header(new Bits(b, length));
    }

    /**
     * {@link #mayStartWith} for the stream that the base64 characters {@code t[from, to)} decode to (line breaks,
     * spaces and padding skipped): its first {@value #HEAD} bytes at most, decoded as far as the test reads.
     */
    static boolean base64MayStartWith(byte[] t, int from, int to) {
        return header(new Bits(t, from, to));
    }

    /**
     * The part of {@link #mayStartWith} that the stream's first two bytes decide: the block type, a stored block's
     * padding, a fixed block's first symbol (a text literal), a dynamic block's code counts. Cheap, no allocation:
     * run first on every candidate run; about a third of random starts pass.
     */
    static boolean firstBytesMayStart(int b0, int b1) {
        int bits = b0 | b1 << 8;
        return switch ((bits >>> 1) & 3) {
            case 0 -> (b0 & 0xf8) == 0;
            case 1 -> {
                int code = 0;
                for (int k = 3; k < 10; k++) {
                    code = code << 1 | ((bits >>> k) & 1);
                }
                if (code <= 0b0010111) {
                    yield false; // a length or the end of the block first
                }
                code = code << 1 | ((bits >>> 10) & 1);
                if (code >= 0b00110000 && code <= 0b10111111) {
                    yield utf8(code - 0b00110000, 0) >= 0;
                }
                yield code >= 0b11001000; // a 9-bit literal (0x90-0xff): its UTF-8 role is read later
            }
            case 2 -> ((bits >>> 3) & 31) <= 29 && ((bits >>> 8) & 31) <= 29;
            default -> false;
        };
    }

    /** Bytes of the stream read at most: every header this reads and the first symbols (a multiple of three). */
    private static final int HEAD = 15;

    private static boolean header(Bits in) {
        return switch (in.read(3) >>> 1) { // BFINAL (either), then the block type
            case 0 -> stored(in);
            case 1 -> fixed(in);
            case 2 -> dynamic(in);
            default -> false;
        };
    }

    /**
     * A stored block: the header byte's padding bits zero (every encoder writes them so), then LEN and its one's
     * complement NLEN, little-endian.
     */
    private static boolean stored(Bits in) {
        int b0 = in.byteAt(0);
        int len = in.byteAt(1) | in.byteAt(2) << 8;
        int nlen = in.byteAt(3) | in.byteAt(4) << 8;
        return in.byteAt(4) >= 0 && (b0 & 0xf8) == 0 && len == (~nlen & 0xffff) && len > 0;
    }

    /**
     * A block of the fixed code, read for up to {@value #SYMBOLS} symbols: literals must be text (ASCII printable, tab,
     * line breaks, or UTF-8 sequences), a back-reference must reach no further back than what came out before it.
     */
    private static boolean fixed(Bits in) {
        int out = 0;
        int continuations = 0; // UTF-8 continuation bytes still due
        for (int k = 0; k < SYMBOLS; k++) {
            int symbol = fixedSymbol(in);
            if (symbol < 0) {
                return true; // the head read so far is fine
            }
            if (symbol < 256) {
                continuations = utf8(symbol, continuations);
                if (continuations < 0) {
                    return false;
                }
                out++;
                continue;
            }
            if (symbol == 256 || symbol > 285 || continuations > 0) {
                return symbol == 256 && out > 0 && continuations == 0; // an end of block after text; else invalid
            }
            int length = lengthOf(symbol, in);
            int code = in.huffman(5);
            if (length < 0 || code < 0) {
                return true;
            }
            if (code > 29) {
                return false;
            }
            int distance = distanceOf(code, in);
            if (distance < 0) {
                return true;
            }
            if (distance > out) {
                return false; // too far back: zlib's "invalid distance too far back"
            }
            out += length;
        }
        return true;
    }

    /** Symbols of a fixed block read before it is taken for DEFLATE. */
    private static final int SYMBOLS = 8;

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};

    /** The length of length symbol {@code symbol} (257-285) with its extra bits, or -1 at the end of the input. */
    private static int lengthOf(int symbol, Bits in) {
        int index = symbol - 257;
        int extra = index < 8 || index == 28 ? 0 : (index - 4) / 4;
        int bits = in.read(extra);
        return bits < 0 ? -1 : LENGTH_BASE[index] + bits;
    }

    /** The distance of distance code {@code code} (0-29) with its extra bits, or -1 at the end of the input. */
    private static int distanceOf(int code, Bits in) {
        int extra = code < 4 ? 0 : code / 2 - 1;
        int bits = in.read(extra);
        return bits < 0 ? -1 : DISTANCE_BASE[code] + bits;
    }

    /**
     * The UTF-8 continuation bytes due after byte {@code b} of text, given {@code due} before it; -1 when {@code b} is
     * no text there (a control character, a stray continuation, an invalid lead byte).
     */
    private static int utf8(int b, int due) {
        if (due > 0) {
            return b >= 0x80 && b <= 0xbf ? due - 1 : -1;
        }
        if ((b >= 0x20 && b < 0x7f) || b == '\t' || b == '\n' || b == '\r') {
            return 0;
        }
        if (b >= 0xc2 && b <= 0xdf) {
            return 1;
        }
        if (b >= 0xe0 && b <= 0xef) {
            return 2;
        }
        return b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    }

    /** The next symbol of the fixed literal/length code (RFC 1951, 3.2.6), or -1 at the end of the input. */
    private static int fixedSymbol(Bits in) {
        int code = in.huffman(7);
        if (code < 0) {
            return -1;
        }
        if (code <= 0b0010111) {
            return 256 + code;
        }
        int bit = in.read(1);
        if (bit < 0) {
            return -1;
        }
        code = code << 1 | bit;
        if (code >= 0b00110000 && code <= 0b10111111) {
            return code - 0b00110000;
        }
        if (code >= 0b11000000 && code <= 0b11000111) {
            return 280 + code - 0b11000000;
        }
        bit = in.read(1);
        return bit < 0 ? -1 : 144 + ((code << 1 | bit) - 0b110010000);
    }

    /**
     * A block of dynamic codes: the counts in range and the code-length code complete (its lengths, whichever symbols
     * they belong to, fill the code space exactly).
     */
    private static boolean dynamic(Bits in) {
        int counts = in.read(14);
        if (counts < 0 || (counts & 31) > 29 || (counts >>> 5 & 31) > 29) {
            return false; // more than 286 literal/length or 30 distance codes
        }
        int hclen = (counts >>> 10) + 4;
        int space = 0; // in units of 2^-7: a complete code fills 128
        for (int k = 0; k < hclen; k++) {
            int len = in.read(3);
            if (len < 0) {
                return false;
            }
            if (len > 0) {
                space += 1 << (7 - len);
                if (space > 128) {
                    return false; // over-subscribed already
                }
            }
        }
        return space == 128;
    }

    /** Reads bits least significant first, as DEFLATE packs them. */
    private static final class Bits {
        /** The stream's first {@code length} bytes read so far (at most {@value #HEAD}), least significant first. */
        private long lo;
        private long hi;
        private int length;
        private int bit;
        /** A base64 source not yet decoded, {@code src[pos, end)}, or null. */
        private final byte[] src;
        private int pos;
        private final int end;

        Bits(byte[] b, int length) {
            this.length = Math.min(length, HEAD);
            for (int k = 0; k < this.length; k++) {
                put(k, b[k] & 0xff);
            }
            this.src = null;
            this.end = 0;
        }

        /** The bytes the base64 characters {@code t[from, to)} decode to, decoded as far as they are read. */
        Bits(byte[] t, int from, int to) {
            this.src = t;
            this.pos = from;
            this.end = to;
        }

        /** Whether {@code bits} bits are there, decoding base64 a quad (three bytes) at a time as far as needed. */
        private boolean has(int bits) {
            while (length * 8 < bits && src != null && pos < end && length + 3 <= HEAD) {
                int acc = 0;
                int n = 0;
                while (n < 4 && pos < end) {
                    int v = Candidates.base64Value(src[pos++]);
                    if (v >= 0) { // line breaks, spaces and padding are not data
                        acc = acc << 6 | v;
                        n++;
                    }
                }
                acc <<= 6 * (4 - n);
                for (int k = 0; k < n - 1; k++) {
                    put(length++, (acc >>> (16 - 8 * k)) & 0xff);
                }
            }
            return bits <= length * 8;
        }

        private void put(int k, int value) {
            if (k < 8) {
                lo |= (long) value << (8 * k);
            } else {
                hi |= (long) value << (8 * (k - 8));
            }
        }

        /** Byte {@code k} of the stream, or -1 past its end or {@value #HEAD}. */
        int byteAt(int k) {
            return !has(8 * k + 8) ? -1 : (int) ((k < 8 ? lo >>> (8 * k) : hi >>> (8 * (k - 8))) & 0xff);
        }

        /** {@code n} (at most 16) bits from bit {@code at}, first bit lowest. */
        private int bits(int at, int n) {
            long v = at < 64 ? lo >>> at | (at == 0 ? 0 : hi << (64 - at)) : hi >>> (at - 64);
            return (int) (v & ((1L << n) - 1));
        }

        /** The next {@code n} bits as a number (first bit lowest), or -1 past the end. */
        int read(int n) {
            if (!has(bit + n)) {
                return -1;
            }
            int v = bits(bit, n);
            bit += n;
            return v;
        }

        /** The next {@code n} bits as a Huffman code (first bit highest), or -1 past the end. */
        int huffman(int n) {
            int v = read(n);
            return v < 0 ? -1 : Integer.reverse(v) >>> (32 - n);
        }
    }
}
