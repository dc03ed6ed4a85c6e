package dev.sieve.dlp.view;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * {@code Content-Encoding} layers: decoded with the size and ratio limits enforced while
 * decompressing (a bomb fails after at most the allowed output, never after allocating it all),
 * and re-encoded in the original order for a rewritten body.
 */
final class ContentCodings {

    /** One content coding as applied by the sender; deflate remembers whether it had a zlib wrapper. */
    enum Coding { GZIP, DEFLATE_ZLIB, DEFLATE_RAW, BR, ZSTD }

    /** The body with every coding removed, and the codings in the order the sender applied them. */
    record Decoded(byte[] body, List<Coding> codings) {
    }

    /** Output the ratio limit never refuses, so that small, highly compressible bodies pass. */
    static final int RATIO_FLOOR_BYTES = 1024 * 1024;
    /** zstd window log limit (8 MiB, the RFC 8878 recommendation for HTTP) bounding decoder memory. */
    private static final int ZSTD_WINDOW_LOG_MAX = 23;
    private static final int CHUNK = 64 * 1024;

    private ContentCodings() {
    }

    /** Parses the {@code Content-Encoding} header values (all of them, in order). */
    static List<String> tokens(List<String> headerValues) {
        List<String> tokens = new ArrayList<>();
        for (String value : headerValues) {
            for (String t : value.split(",")) {
                String token = t.trim().toLowerCase(Locale.ROOT);
                if (!token.isEmpty() && !token.equals("identity")) {
                    tokens.add(token);
                }
            }
        }
        return tokens;
    }

    static Decoded decode(List<String> tokens, byte[] body, DecodeContext ctx) throws DecodeException {
        List<Coding> codings = new ArrayList<>();
        for (String token : tokens) {
            codings.add(coding(token, body));
        }
        byte[] current = body;
        for (int i = codings.size() - 1; i >= 0; i--) {
            Coding c = codings.get(i);
            if (c == Coding.DEFLATE_ZLIB || c == Coding.DEFLATE_RAW) {
                c = looksLikeZlib(current) ? Coding.DEFLATE_ZLIB : Coding.DEFLATE_RAW;
                codings.set(i, c);
            }
            current = inflate(c, current, ctx, "Content-Encoding " + name(c));
        }
        return new Decoded(current, Collections.unmodifiableList(codings));
    }

    static byte[] encode(List<Coding> codings, byte[] body) {
        byte[] current = body;
        for (Coding c : codings) {
            current = compress(c, current);
        }
        return current;
    }

    private static Coding coding(String token, byte[] body) throws DecodeException {
        switch (token) {
            case "gzip", "x-gzip":
                return Coding.GZIP;
            case "deflate":
                return Coding.DEFLATE_ZLIB; // the variant is decided by sniffing the layer's input
            case "br":
                if (!Brotli4jLoader.isAvailable()) {
                    throw new DecodeException(FailReason.UNSUPPORTED_ENCODING,
                            "Content-Encoding: br (native brotli library unavailable on this platform)");
                }
                return Coding.BR;
            case "zstd":
                return Coding.ZSTD;
            default:
                String shown = token.length() > 32 ? token.substring(0, 32) + "..." : token;
                throw new DecodeException(FailReason.UNSUPPORTED_ENCODING, "Content-Encoding: " + shown
                        + " (expected: gzip, x-gzip, deflate, br, zstd or identity)");
        }
    }

    /** RFC 1950 header: CM = 8, CINFO <= 7, FCHECK makes the first two bytes a multiple of 31. */
    static boolean looksLikeZlib(byte[] b) {
        if (b.length < 2) {
            return false;
        }
        int cmf = b[0] & 0xff;
        int flg = b[1] & 0xff;
        return (cmf & 0x0f) == 8 && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }

    /**
     * Decompresses one layer with the size and ratio limits enforced while decompressing, and charges the output
     * to the request's budget. Also used for compressed streams found by magic (gzip files, zlib, zip entries).
     *
     * @param name how failures name the layer: {@code Content-Encoding gzip}, {@code multipart:f/a.gz|gzip}
     */
    static byte[] inflate(Coding coding, byte[] input, DecodeContext ctx, String name) throws DecodeException {
        Inflater inflater = needsInflater(coding);
        try (InputStream in = open(coding, input, inflater)) {
            return readBounded(in, input.length, 0, ctx, name, false);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException(FailReason.CORRUPT_ENCODING, name
                    + ": does not decode (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    /**
     * Like {@link #inflate} for a stream cut short (a gzip without its 8-byte CRC and size trailer, a zlib stream
     * without its Adler-32 or its last bytes): what inflates before the cut, or null when nothing does. The limits
     * hold as in {@link #inflate}; a stream that is corrupt rather than short still fails.
     */
    static byte[] inflateTruncated(Coding coding, byte[] input, DecodeContext ctx, String name) throws DecodeException {
        Inflater inflater = needsInflater(coding);
        try (InputStream in = new CutShort(open(coding, input, inflater))) {
            byte[] out = readBounded(in, input.length, 0, ctx, name, false);
            return out.length == 0 ? null : out;
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    /** A stream whose unexpected end ({@link java.io.EOFException}) is its end. */
    private static final class CutShort extends java.io.FilterInputStream {
        CutShort(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (java.io.EOFException e) {
                return -1;
            }
        }
    }

    /**
     * Reads a decompressing stream to its end with the size and ratio limits enforced while reading (never
     * trusting a size the format declares), and charges the output to the request's budget. Shared by every
     * compressed layer: {@code Content-Encoding}, gzip/zlib by magic, and xz, lzma, bzip2 and 7z entries
     * ({@link Packed}, {@link SevenZ}).
     *
     * @param inputLength the compressed bytes the output is measured against for the ratio limit
     * @param before      output already taken from the same compressed bytes (earlier entries of one 7z
     *                    archive), counted against the same ratio limit
     * @param timed       also check the request's decode time ({@link ViewLimits#maxDecodeTime()}) at every
     *                    64 KiB of output
     */
    static byte[] readBounded(InputStream in, long inputLength, long before, DecodeContext ctx, String name,
            boolean timed) throws IOException, DecodeException {
        long ratioLimit = (long) Math.min(Long.MAX_VALUE / 2.0, ctx.limits().maxDecompressionRatio() * inputLength);
        long byRatio = Math.max(RATIO_FLOOR_BYTES, ratioLimit) - before;
        long limit = Math.max(0, Math.min(ctx.remainingBytes(), byRatio));
        ViewLimits.Limit bound = byRatio < ctx.remainingBytes()
                ? ViewLimits.Limit.MAX_DECOMPRESSION_RATIO : ViewLimits.Limit.MAX_DECODED_BYTES;
        long initial = Math.min(Math.max(CHUNK, inputLength * 4L), 4L * 1024 * 1024);
        byte[] out = new byte[(int) Math.min(initial, limit + 1)];
        int size = 0;
        while (true) {
            if (size == out.length) {
                if (size > limit) {
                    throw limitExceeded(name, limit + before, bound, ctx);
                }
                out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, limit + 1));
            }
            if (timed) {
                ctx.checkGraphTime(name);
            }
            int n = in.read(out, size, Math.min(out.length - size, CHUNK));
            if (n < 0) {
                break;
            }
            size += n;
            if (size > limit) {
                throw limitExceeded(name, limit + before, bound, ctx);
            }
        }
        ctx.charge(size, name);
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    private static DecodeException limitExceeded(String name, long limit, ViewLimits.Limit bound, DecodeContext ctx) {
        return new DecodeException(FailReason.DECOMPRESSION_LIMIT, bound, name
                + ": decompressed size over " + limit + " bytes (expected: <= maxDecodedBytes "
                + ctx.limits().maxDecodedBytes() + " and maxDecompressionRatio " + ctx.limits().maxDecompressionRatio() + ")");
    }

    private static Inflater needsInflater(Coding coding) {
        return switch (coding) {
            case DEFLATE_ZLIB -> new Inflater(false);
            case DEFLATE_RAW -> new Inflater(true);
            default -> null;
        };
    }

    private static InputStream open(Coding coding, byte[] input, Inflater inflater) throws IOException {
        InputStream raw = new ByteArrayInputStream(input);
        return switch (coding) {
            case GZIP -> new GZIPInputStream(raw, CHUNK);
            case DEFLATE_ZLIB, DEFLATE_RAW -> new StrictInflaterInputStream(raw, inflater);
            case BR -> new BrotliInputStream(raw);
            case ZSTD -> new ZstdInputStream(raw).setLongMax(ZSTD_WINDOW_LOG_MAX);
        };
    }

    private static byte[] compress(Coding coding, byte[] body) {
        try {
            switch (coding) {
                case GZIP: {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 64);
                    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                        gz.write(body);
                    }
                    return out.toByteArray();
                }
                case DEFLATE_ZLIB:
                case DEFLATE_RAW: {
                    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, coding == Coding.DEFLATE_RAW);
                    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 64);
                    try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater)) {
                        d.write(body);
                    } finally {
                        deflater.end();
                    }
                    return out.toByteArray();
                }
                case BR:
                    return Encoder.compress(body);
                case ZSTD:
                    return Zstd.compress(body);
                default:
                    throw new IllegalStateException("coding: " + coding);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(Coding coding) {
        return switch (coding) {
            case GZIP -> "gzip";
            case DEFLATE_ZLIB, DEFLATE_RAW -> "deflate";
            case BR -> "br";
            case ZSTD -> "zstd";
        };
    }

    /** An inflater stream that reports a truncated stream instead of returning what it has. */
    private static final class StrictInflaterInputStream extends InflaterInputStream {
        StrictInflaterInputStream(InputStream in, Inflater inflater) {
            super(in, inflater, CHUNK);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0 && !inf.finished()) {
                throw new java.io.EOFException("deflate stream truncated");
            }
            return n;
        }
    }
}
