package dev.sieve.dlp.view;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A gzip or zlib stream found by magic inside a payload or a raw body (a {@code .gz} file uploaded as
 * {@code application/octet-stream}, a gzip file as a multipart part): decompressed with the limits of
 * {@code Content-Encoding} and decoded again by what it holds. Rewriting recompresses with the same format.
 *
 * <p>A gzip member's header may carry an original file name and a comment (RFC 1952 FNAME, FCOMMENT): text the
 * inflater skips, so a token written there would pass unseen. They are the view {@code <path>|gzip|names}, like a
 * zip's names ({@link Archive#names}); a redaction there cannot be written back (block). Only the first member's
 * header is read: the JDK's inflater skips the headers of members after it without saying where they are.
 */
final class Compressed implements Node {

    /** RFC 1952 header flags. */
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    /** Characters of a header name or comment scanned; the rest is dropped (a file name is short). */
    static final int MAX_HEADER_TEXT = 1024;

    private final ContentCodings.Coding coding;
    private final Node child;

    private Compressed(ContentCodings.Coding coding, Node child) {
        this.coding = coding;
        this.child = child;
    }

    /** A stream already decompressed (the decoding graph's gzip/zlib inside a layer): rewriting recompresses. */
    static Node of(ContentCodings.Coding coding, Node child) {
        return new Compressed(coding, child);
    }

    /**
     * Like {@link #of(ContentCodings.Coding, Node)}, with the view of a gzip header's name and comment
     * ({@code <here>|names}) read from {@code compressed}, the stream's bytes; {@code here} is its path
     * ({@code ...|gzip}).
     */
    static Node of(ContentCodings.Coding coding, Node child, byte[] compressed, String here, DecodeContext ctx)
            throws DecodeException {
        return new Compressed(coding, coding == ContentCodings.Coding.GZIP
                ? withHeaderNames(child, headerText(compressed), here, ctx) : child);
    }

    /**
     * {@code body} (the decompressed content) and, after it, the view {@code <here>|names} of a gzip header's name
     * and comment ({@code headerText}, see {@link #headerText}) when it has any; a redaction there cannot be written
     * back (block). Also used for a gzip {@code Content-Encoding} ({@link RequestDecoder}).
     */
    static Node withHeaderNames(Node body, String headerText, String here, DecodeContext ctx) throws DecodeException {
        Node names = Archive.names(here, headerText, ctx);
        if (names == Node.NONE) {
            return body;
        }
        return new Node() {
            @Override
            public void emit(ViewVisitor visitor) {
                body.emit(visitor);
                names.emit(visitor);
            }

            @Override
            public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
                if (names.rewrite(plan) != null) {
                    throw new CannotRewriteException(here, "a gzip header's file name or comment cannot be rewritten");
                }
                return body.rewrite(plan);
            }
        };
    }

    /**
     * The original file name and the comment of the gzip member header at the start of {@code b} (RFC 1952: after
     * the ten fixed bytes, FEXTRA's length-prefixed field is skipped, then FNAME and FCOMMENT are zero-terminated
     * ISO-8859-1), each followed by {@code '\n'} and cut at {@link #MAX_HEADER_TEXT} characters; empty when there
     * are none or the header is not gzip's. A field without its terminating zero is read up to the end of the bytes
     * (the inflater refuses such a stream anyway).
     */
    static String headerText(byte[] b) {
        if (!Sniff.isGzip(b)) {
            return "";
        }
        int flags = b[3] & 0xff;
        if ((flags & (FNAME | FCOMMENT)) == 0) {
            return "";
        }
        int at = 10;
        if ((flags & FEXTRA) != 0) {
            if (at + 2 > b.length) {
                return "";
            }
            at += 2 + ((b[at] & 0xff) | (b[at + 1] & 0xff) << 8);
        }
        StringBuilder out = new StringBuilder();
        for (int field : new int[] {FNAME, FCOMMENT}) {
            if ((flags & field) == 0) {
                continue;
            }
            int end = at;
            while (end < b.length && b[end] != 0) {
                end++;
            }
            if (at < end) {
                int n = Math.min(end - at, MAX_HEADER_TEXT);
                out.append(new String(b, at, n, StandardCharsets.ISO_8859_1)).append('\n');
            }
            at = end + 1;
        }
        return out.toString();
    }

    /**
     * Decodes {@code data} as {@code coding} into {@code <path>|gzip} or {@code <path>|zlib}.
     *
     * @param strongMagic false when the magic is weak (zlib's two header bytes can begin text): then data that
     *                    does not decompress is not this format, and null is returned so it is scanned as what
     *                    it is; limits still fail
     */
    static Node decode(ContentCodings.Coding coding, byte[] data, String path, DecodeContext ctx, int depth,
            boolean strongMagic) throws DecodeException {
        String here = path + (coding == ContentCodings.Coding.GZIP ? "|gzip" : "|zlib");
        byte[] plain;
        try {
            plain = ContentCodings.inflate(coding, data, ctx, here);
        } catch (DecodeException e) {
            if (!strongMagic && e.reason() == FailReason.CORRUPT_ENCODING) {
                return null;
            }
            throw e;
        }
        ctx.checkDepth(depth + 1, here);
        return of(coding, Payloads.decode(plain, here, null, ctx, depth + 1), data, here, ctx);
    }

    @Override
    public void emit(ViewVisitor visitor) {
        child.emit(visitor);
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        byte[] rewritten = child.rewrite(plan);
        return rewritten == null ? null : ContentCodings.encode(List.of(coding), rewritten);
    }
}
