package dev.sieve.dlp.view;

/**
 * One decoded layer of a request: it knows the views it contributes and how to write spans in
 * those views back into its own encoded bytes. Decoding and rewriting build the same tree, so
 * view paths always agree.
 */
interface Node {

    /** Delivers this node's views, then its children's, to the visitor. */
    void emit(ViewVisitor visitor);

    /**
     * Applies the spans addressed to this subtree and returns this node's new encoded bytes, or
     * null when nothing in the subtree changed.
     */
    byte[] rewrite(SpanPlan plan) throws CannotRewriteException;

    /** A node that contributes no views (images, empty payloads). */
    Node NONE = new Node() {
        @Override
        public void emit(ViewVisitor visitor) {
        }

        @Override
        public byte[] rewrite(SpanPlan plan) {
            return null;
        }
    };
}
