package dev.sieve.dlp.view;

import java.nio.ByteBuffer;

/**
 * Receives each leaf view of a request, in a deterministic order (query first, then the body from
 * the outside in). The same request always yields the same view paths, which is what lets
 * {@link Redactor} map spans found in a view back into the body.
 */
@FunctionalInterface
public interface ViewVisitor {

    /**
     * Called once per view.
     *
     * @param viewPath unique within the request, e.g. {@code json} or
     *                 {@code json:$.messages[0].content[1].source.data|base64|pdf}; see the
     *                 package documentation for the grammar
     * @param content  the view's bytes (UTF-8 for text views), read-only and positioned at 0;
     *                 finding offsets are byte offsets into it. Valid only during the call.
     */
    void view(String viewPath, ByteBuffer content);

    /**
     * Called instead of {@link #view(String, ByteBuffer)} for a view that has a place in a structured document
     * (JSON, form, query, and every view decoded out of one of their strings); the default ignores
     * {@code locator}.
     */
    default void view(String viewPath, ByteBuffer content, ViewLocator locator) {
        view(viewPath, content);
    }
}
