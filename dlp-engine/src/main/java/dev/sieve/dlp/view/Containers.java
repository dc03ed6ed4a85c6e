package dev.sieve.dlp.view;

/**
 * Containers recognised by magic, whatever the headers claim: gzip and zlib streams, xz, lzma and bzip2 streams
 * ({@link Packed}), zip archives (OOXML and ODF documents among them), 7z archives ({@link SevenZ}), tar archives
 * and images (their metadata). Called for every embedded file and for a raw
 * body before it is scanned as bytes.
 *
 * <p>Strong magic (gzip, xz, lzma's checked header, bzip2, zip, 7z, ustar with a valid header checksum, image
 * signatures) commits: a damaged container fails closed ({@link FailReason#ARCHIVE_INVALID} or {@link FailReason#CORRUPT_ENCODING}). zlib's two header
 * bytes are weak magic ({@code x^} can begin text): a stream that does not inflate is scanned as what it is.
 */
final class Containers {

    private Containers() {
    }

    /** The node for {@code data} when it is a container, else null. {@code depth}: enclosing embedded layers. */
    static Node decode(byte[] data, String path, DecodeContext ctx, int depth) throws DecodeException {
        if (Sniff.isGzip(data)) {
            return Compressed.decode(ContentCodings.Coding.GZIP, data, path, ctx, depth, true);
        }
        Packed.Format packed = Sniff.packed(data);
        if (packed != null) {
            return Packed.decode(packed, data, path, ctx, depth);
        }
        if (Sniff.isZip(data)) {
            return ZipDocuments.decode(data, path, ctx, depth);
        }
        if (TarReader.sniff(data)) {
            return tar(data, path, ctx, depth);
        }
        if (Sniff.isImage(data)) {
            return ImageMeta.decode(data, path, ctx, depth);
        }
        if (data.length >= 8 && ContentCodings.looksLikeZlib(data)) {
            return Compressed.decode(ContentCodings.Coding.DEFLATE_ZLIB, data, path, ctx, depth, false);
        }
        return null;
    }

    private static Node tar(byte[] data, String path, DecodeContext ctx, int depth) throws DecodeException {
        java.util.List<TarReader.Entry> entries = TarReader.read(data, path, ctx);
        if (!entries.isEmpty()) {
            ctx.checkDepth(depth + 1, path + "|tar");
        }
        java.util.List<Node> children = new java.util.ArrayList<>();
        StringBuilder names = new StringBuilder();
        for (TarReader.Entry e : entries) {
            String entryPath = ZipReader.entryPath(path, "tar", e.name());
            children.add(Payloads.decode(TarReader.content(data, e, entryPath, ctx), entryPath, null, ctx, depth + 1));
            names.append(e.name()).append('\n');
        }
        children.add(Archive.names(path + "|tar", names.toString(), ctx));
        return new Archive(path + "|tar", "a tar archive", children);
    }
}
