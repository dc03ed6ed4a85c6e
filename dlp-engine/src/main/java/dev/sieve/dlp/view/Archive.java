package dev.sieve.dlp.view;

import java.util.List;

/**
 * The entries of an archive (zip, tar) or the parts of a document package, each decoded by what it is. Scanned
 * entry by entry; never rewritten: a span in any entry makes redaction escalate to block (rebuilding an archive
 * would have to keep every other byte, compression and checksum of it valid).
 */
final class Archive implements Node {

    private final String path;
    private final String kind;
    private final List<Node> children;

    /**
     * @param path     the archive's path, e.g. {@code multipart:file/a.zip|zip}
     * @param kind     what it is, for the refusal to rewrite: {@code a zip archive}
     * @param children the entries' nodes, in archive order
     */
    Archive(String path, String kind, List<Node> children) {
        this.path = path;
        this.kind = kind;
        this.children = List.copyOf(children);
    }

    /**
     * The view of an archive's names and comments, {@code <archive path>|names}: scanned like an entry (a token used
     * as a file name is still the token); none when there are none.
     */
    static Node names(String archivePath, String names, DecodeContext ctx) throws DecodeException {
        if (names.isEmpty()) {
            return Node.NONE;
        }
        byte[] bytes = names.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ctx.charge(bytes.length, archivePath + "|names");
        return RawView.of(archivePath + "|names", bytes, ctx);
    }

    @Override
    public void emit(ViewVisitor visitor) {
        for (Node c : children) {
            c.emit(visitor);
        }
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        for (Node c : children) {
            if (c.rewrite(plan) != null) {
                throw new CannotRewriteException(path, "an entry of " + kind + " cannot be rewritten");
            }
        }
        return null;
    }
}
