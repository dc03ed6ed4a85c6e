package dev.sieve.dlp.view;

import dev.sieve.dlp.Finding;
import java.util.Optional;

/**
 * Places an offset of a view in the structured document it came from (a JSON path and the offset within that
 * decoded string, or a form or query parameter name). Asked only for findings: the projection keeps where each
 * segment starts and works out the path when asked, so a request without findings pays nothing for it. Valid only
 * during {@link ViewVisitor#view(String, java.nio.ByteBuffer, ViewLocator)}.
 */
@FunctionalInterface
public interface ViewLocator {

    /** No structured place: views of raw bodies, text, PDF text, headers. */
    ViewLocator NONE = offset -> Optional.empty();

    /** The place of byte {@code offset} of the view, or empty when it has none. */
    Optional<Finding.Location> locate(long offset);

    /**
     * False if a finding at bytes {@code [start, end)} lies inside one of the values a joined view glued together
     * ({@link Boundaries}): such a match is found, or rightly not found, in that value's own view, and the joined
     * view reports only matches that cross a boundary. True for every other view.
     */
    default boolean crossesJoin(long start, long end) {
        return true;
    }

    /** A locator that places every offset at {@code location} (views decoded out of one string). */
    static ViewLocator fixed(Optional<Finding.Location> location) {
        return offset -> location;
    }
}
