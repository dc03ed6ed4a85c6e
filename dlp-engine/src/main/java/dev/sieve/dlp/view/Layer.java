package dev.sieve.dlp.view;

/**
 * One value the decoding graph decoded out of a text: where it sits in that text, how it was encoded, and the
 * node of its bytes. Rewriting re-encodes the child's new bytes the way they were encoded (base64 alphabet,
 * padding and wrapping; hex case and delimiter; escapes re-escaped only where the content changed).
 */
final class Layer implements Node {

    private final TextCodecs.Decoded decoded;
    private final Node child;

    Layer(TextCodecs.Decoded decoded, Node child) {
        this.decoded = decoded;
        this.child = child;
    }

    /** Start of the encoded value in the parent text. */
    int start() {
        return decoded.start();
    }

    /** End of the encoded value in the parent text. */
    int end() {
        return decoded.end();
    }

    @Override
    public void emit(ViewVisitor visitor) {
        child.emit(visitor);
    }

    /** The encoded value's new text, or null when nothing inside it changed. */
    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        byte[] rewritten = child.rewrite(plan);
        return rewritten == null ? null : decoded.style().reencode(decoded.bytes(), rewritten);
    }
}
