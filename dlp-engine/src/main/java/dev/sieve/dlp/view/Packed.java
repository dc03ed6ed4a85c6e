package dev.sieve.dlp.view;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.commons.compress.MemoryLimitException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * An xz, lzma (LZMA_Alone), bzip2 or lz4 stream found by magic ({@link Sniff#packed}) inside a payload, an archive
 * entry or a raw body: decompressed under the limits gzip has ({@link ContentCodings#readBounded}: expanded bytes and
 * ratio enforced while reading, the request's decode time, the embedded depth) and decoded again by what it holds,
 * {@code <path>|xz}, {@code <path>|lzma}, {@code <path>|bzip2}, {@code <path>|lz4} (a tar inside is
 * {@code ...|xz|tar:<entry>}). 7z archives are {@link SevenZ}'s. An SQLite database (magic {@code SQLite format 3})
 * is read as the text of its cells ({@link SqliteText}), {@code <path>|sqlite}: no stream, and its text is never
 * larger than the file (so it needs no ratio limit; its bytes are charged to the request's budget).
 *
 * <p>Read with Apache Commons Compress and XZ for Java rather than decoders of our own: LZMA/LZMA2 and bzip2's
 * block sorting are complex formats where a home-made decoder would be a source of bugs, and both libraries are
 * small, well kept and fuzzed (OSS-Fuzz). They are driven over the bytes already in memory, never trusting a size
 * the stream declares, and with a cap on the decoder memory a crafted header may ask for ({@link #MEMORY_LIMIT_KIB}).
 *
 * <p>The magic is strong (six bytes or more; LZMA_Alone's header is checked as xz-utils does), so it commits like
 * gzip's: a corrupt or truncated stream fails closed ({@link FailReason#CORRUPT_ENCODING}), a bomb fails naming the
 * limit ({@link FailReason#DECOMPRESSION_LIMIT}). The stream is never recompressed: a redaction inside it escalates
 * to block, like one in an archive entry.
 */
final class Packed implements Node {

    /** The formats read through Commons Compress. */
    enum Format {
        XZ("xz", "an xz stream"),
        LZMA("lzma", "an lzma stream"),
        BZIP2("bzip2", "a bzip2 stream"),
        SEVEN_Z("7z", "a 7z archive"),
        /** An lz4 frame (magic {@code 04 22 4D 18}), read by lz4-java's pure-Java safe decompressor. */
        LZ4("lz4", "an lz4 frame"),
        /** An SQLite database file: the text of its table and index cells ({@link SqliteText}). */
        SQLITE("sqlite", "an SQLite database");

        /** The view path step, {@code |xz}. */
        final String step;
        /** What it is, for the refusal to rewrite. */
        final String kind;

        Format(String step, String kind) {
            this.step = step;
            this.kind = kind;
        }
    }

    /**
     * Decoder memory (the LZMA dictionary, 7z's header structures) a stream may ask for: 16 MiB, the dictionary of
     * {@code xz -7} and of 7-Zip's default level (xz's default is 8 MiB). A header asking for more fails closed
     * instead of allocating it: every inspection worker (two lanes of one per core) may hold a decoder, so this
     * bounds their memory at 16 MiB each, and a few-byte stream declaring {@code xz -9}'s 64 MiB is how a sender
     * would try to exhaust the heap. {@code xz -8}/{@code -9} and 7-Zip's ultra level are refused as uninspectable.
     */
    static final int MEMORY_LIMIT_KIB = 16 * 1024;

    private final String path;
    private final Format format;
    private final Node child;

    private Packed(String path, Format format, Node child) {
        this.path = path;
        this.format = format;
        this.child = child;
    }

    /** Decodes {@code data}, which starts with {@code format}'s magic, as {@code <path>|<step>}. */
    static Node decode(Format format, byte[] data, String path, DecodeContext ctx, int depth) throws DecodeException {
        if (format == Format.SEVEN_Z) {
            return SevenZ.decode(data, path, ctx, depth);
        }
        String here = path + "|" + format.step;
        if (format == Format.SQLITE) {
            byte[] text = SqliteText.text(data);
            if (text == null) {
                throw new DecodeException(FailReason.ARCHIVE_INVALID, here + ": not a readable SQLite database");
            }
            ctx.charge(text.length, here);
            ctx.checkDepth(depth + 1, here);
            return new Packed(here, format, Payloads.decode(text, here, null, ctx, depth + 1));
        }
        byte[] plain;
        try (InputStream in = open(format, data)) {
            plain = ContentCodings.readBounded(in, data.length, 0, ctx, here, true);
        } catch (MemoryLimitException | org.tukaani.xz.MemoryLimitException e) {
            throw overMemory(here);
        } catch (IOException | RuntimeException e) {
            // only the exception's type: its message may quote stream bytes
            throw new DecodeException(FailReason.CORRUPT_ENCODING, here
                    + ": does not decode (" + e.getClass().getSimpleName() + ")");
        }
        ctx.checkDepth(depth + 1, here);
        return new Packed(here, format, Payloads.decode(plain, here, null, ctx, depth + 1));
    }

    private static InputStream open(Format format, byte[] data) throws IOException {
        InputStream raw = new ByteArrayInputStream(data);
        return switch (format) {
            // concatenated streams are read like xz(1) reads them; padding and the index are checked
            case XZ -> new XZCompressorInputStream(raw, true, MEMORY_LIMIT_KIB);
            case LZMA -> new LZMACompressorInputStream(raw, MEMORY_LIMIT_KIB);
            // bzip2's memory is bounded by its block size (at most 900 kB)
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
            // the frame's blocks are at most 4 MiB each (its header says which size; the buffer is that size)
            case LZ4 -> new LZ4FrameInputStream(raw, LZ4Factory.safeInstance().safeDecompressor(),
                    XXHashFactory.safeInstance().hash32());
            case SEVEN_Z, SQLITE -> throw new IllegalStateException(format.kind + " is not a stream");
        };
    }

    /** A stream whose header asks for more decoder memory than {@link #MEMORY_LIMIT_KIB}. */
    static DecodeException overMemory(String here) {
        return new DecodeException(FailReason.DECOMPRESSION_LIMIT, here + ": needs more than "
                + (MEMORY_LIMIT_KIB / 1024) + " MiB of decoder memory (expected: a dictionary of at most 16 MiB)");
    }

    @Override
    public void emit(ViewVisitor visitor) {
        child.emit(visitor);
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        if (child.rewrite(plan) != null) {
            throw new CannotRewriteException(path, "the content of " + format.kind + " cannot be rewritten");
        }
        return null;
    }
}
