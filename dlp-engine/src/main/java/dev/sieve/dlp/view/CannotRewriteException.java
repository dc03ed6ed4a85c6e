package dev.sieve.dlp.view;

/** Internal signal that the spans of one view cannot be written back into the body. */
final class CannotRewriteException extends Exception {

    private final String viewPath;

    CannotRewriteException(String viewPath, String reason) {
        super(reason, null, false, false);
        this.viewPath = viewPath;
    }

    String viewPath() {
        return viewPath;
    }

    String reason() {
        return getMessage();
    }
}
