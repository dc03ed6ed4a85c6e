package dev.sieve.dlp;

/** The scanning engine failed; the scanned content must be treated as blocked. Never carries scanned bytes. */
public final class ScanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScanException(String message) {
        super(message);
    }
}
