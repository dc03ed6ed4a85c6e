package dev.sieve.dlp.view;

/**
 * Whether bytes may start a raw DEFLATE stream (RFC 1951, no zlib or gzip header: what Java's
 * {@code Deflater(level, true)}, JavaScript's {@code deflateRaw}, PHP's {@code gzdeflate} and SAML's redirect binding
 * write) that holds text. Raw DEFLATE has no magic, so the decoding graph would otherwise take it for random bytes
 * (a hash, an id) and drop it. The test reads the first block's header the way an inflater would and stops at what
 * an inflater would refuse or what is no text: a stored block whose length does not match its complement; a block
 * of the fixed code whose first symbols are no text (literals that are not printable ASCII, white space or UTF-8)
 * or whose back-references reach before the stream's start; a block of dynamic codes whose code-length code is not
 * complete (zlib refuses an incomplete one); the reserved block type. Random bytes pass about one time in four
 * hundred ({@code RawDeflateTest}); the inflater itself then decides. Written here because it must run before any {@code Inflater} is made: it is tried on every
 * base64 run of binary-looking bytes, and a native inflater per run would cost the scan of agent JSON more than
 * its whole candidate pass.
 */
final class RawDeflate {

    /** Fewer bytes than this are no stream worth decoding (a secret and its name compress to more). */
    static final int MIN_BYTES = 16;

    /** The order the code-length code's lengths are written in (RFC 1951, 3.2.7). */
    private static final int[] LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private RawDeflate() {
    }

    /** Whether {@code b} may be a raw DEFLATE stream of text; see the class comment. */
    static boolean mayBe(byte[] b) {
        return b.length >= MIN_BYTES && mayStartWith(b, b.length);
    }

    /**
     * Whether a stream of {@link #MIN_BYTES} or more that starts with {@code b[0, length)} may be raw DEFLATE of text;
     * a test that runs out of bytes passes (24 bytes hold every header and most of the symbols it reads).
     */
    static boolean mayStartWith(byte[] b, int length) {
        if (length < 5) {
            return false;
        }
        Bits in = new Bits(b, length);
        in.read(1); // BFINAL: either
        return switch (in.read(2)) {
            case 0 -> stored(b, length);
            case 1 -> fixed(in);
            case 2 -> dynamic(in);
            default -> false;
        };
    }

    /**
     * A stored block: the header byte's padding bits zero (every encoder writes them so), then LEN and its one's
     * complement NLEN, little-endian.
     */
    private static boolean stored(byte[] b, int length) {
        int len = (b[1] & 0xff) | (b[2] & 0xff) << 8;
        int nlen = (b[3] & 0xff) | (b[4] & 0xff) << 8;
        return (b[0] & 0xf8) == 0 && len == (~nlen & 0xffff) && len > 0;
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

    /** A block of dynamic codes: the counts in range and the code-length code complete. */
    private static boolean dynamic(Bits in) {
        int hlit = in.read(5);
        int hdist = in.read(5);
        int hclen = in.read(4);
        if (hclen < 0 || hlit + 257 > 286 || hdist + 1 > 30) {
            return false;
        }
        int[] lengths = new int[19];
        for (int k = 0; k < hclen + 4; k++) {
            int len = in.read(3);
            if (len < 0) {
                return false;
            }
            lengths[LENGTH_ORDER[k]] = len;
        }
        int space = 0; // in units of 2^-7: a complete code fills 128
        for (int len : lengths) {
            if (len > 0) {
                space += 1 << (7 - len);
            }
        }
        return space == 128;
    }

    /** Reads bits least significant first, as DEFLATE packs them. */
    private static final class Bits {
        private final byte[] b;
        private final int length;
        private int bit;

        Bits(byte[] b, int length) {
            this.b = b;
            this.length = length;
        }

        /** The next {@code n} bits as a number (first bit lowest), or -1 past the end. */
        int read(int n) {
            if (bit + n > length * 8) {
                return -1;
            }
            int v = 0;
            for (int k = 0; k < n; k++, bit++) {
                v |= ((b[bit >>> 3] >>> (bit & 7)) & 1) << k;
            }
            return v;
        }

        /** The next {@code n} bits as a Huffman code (first bit highest), or -1 past the end. */
        int huffman(int n) {
            if (bit + n > length * 8) {
                return -1;
            }
            int v = 0;
            for (int k = 0; k < n; k++, bit++) {
                v = v << 1 | ((b[bit >>> 3] >>> (bit & 7)) & 1);
            }
            return v;
        }
    }
}
