package dev.sieve.proxy.config;

/**
 * A configuration that cannot be used: unreadable, not YAML, an unknown key, or a bad value.
 *
 * <p>The message is complete and meant for the user as is: it names the source, the line when
 * known, the key path and what was expected, as in
 * {@code sieve.yaml:7: allow[1].ports[0]: 70000 (expected: 1-65535)}. It never contains a token.
 */
public final class ConfigException extends RuntimeException {

    private final String sourceName;
    private final int line;

    ConfigException(String sourceName, int line, String detail) {
        this(sourceName, line, detail, null);
    }

    ConfigException(String sourceName, int line, String detail, Throwable cause) {
        super(sourceName + (line > 0 ? ":" + line : "") + ": " + detail, cause, false, false);
        this.sourceName = sourceName;
        this.line = line;
    }

    /** The file (or resource) the error is in. */
    public String sourceName() {
        return sourceName;
    }

    /** The 1-based line of the offending key or value, or 0 if unknown. */
    public int line() {
        return line;
    }
}
