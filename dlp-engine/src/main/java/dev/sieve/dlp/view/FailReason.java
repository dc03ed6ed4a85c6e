package dev.sieve.dlp.view;

/** Why a request could not be turned into views; every reason means "block" under fail-closed. */
public enum FailReason {
    /** A {@code Content-Encoding}, transfer encoding or charset that Sieve cannot decode. */
    UNSUPPORTED_ENCODING,
    /** Compressed, base64 or quoted-printable data that does not decode. */
    CORRUPT_ENCODING,
    /** Decompression exceeded the size or ratio limit (a bomb, or simply too large). */
    DECOMPRESSION_LIMIT,
    /** Declared JSON that does not parse. */
    JSON_INVALID,
    /** JSON nested deeper than {@link ViewLimits#maxJsonDepth()}. */
    JSON_TOO_DEEP,
    /** Text that must be UTF-8 (JSON) is not. */
    INVALID_UTF8,
    /** A multipart body without a boundary, without its closing delimiter, or with broken parts. */
    MULTIPART_INVALID,
    /** More multipart parts than {@link ViewLimits#maxMultipartParts()}. */
    MULTIPART_LIMIT,
    /** A PDF that cannot be opened (corrupt, or encrypted with a user password). */
    PDF_UNREADABLE,
    /** A PDF over the page, size or time limit. */
    PDF_LIMIT,
    /** Embedded encodings (base64 in JSON in base64 ...) nested deeper than allowed. */
    NESTING_TOO_DEEP,
    /** More views than {@link ViewLimits#maxViews()}. */
    TOO_MANY_VIEWS,
    /** Decoded content over {@link ViewLimits#maxDecodedBytes()} or a string over its limit. */
    SIZE_LIMIT,
    /** An archive or document found by magic (zip, tar, OOXML, ODF) that is corrupt, truncated, encrypted or
     * uses a feature Sieve cannot read; also compressed data inside it that does not decode. */
    ARCHIVE_INVALID,
    /** More archive entries than {@link ViewLimits#maxArchiveEntries()}. */
    ARCHIVE_LIMIT,
    /** The decoding graph went over its layer or time budget ({@link ViewLimits#maxDecodeLayers()},
     * {@link ViewLimits#maxDecodeTime()}). */
    DECODE_BUDGET,
    /** An unexpected error inside a decoder; treated like every other failure (block). */
    INTERNAL_ERROR
}
