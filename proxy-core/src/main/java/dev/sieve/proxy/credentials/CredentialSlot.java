package dev.sieve.proxy.credentials;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a credential goes in a request: a header (with an optional value prefix such as {@code "Bearer "}) or a URL
 * query parameter. Header names are kept lower-case (HTTP header names are case-insensitive).
 *
 * @param header true for a header, false for a query parameter
 * @param name   the header name (lower-case) or the query parameter name (as written)
 * @param prefix what precedes the value in a header ({@code ""} for none); always empty for a query parameter
 */
public record CredentialSlot(boolean header, String name, String prefix) {

    public CredentialSlot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        if (header) {
            name = name.toLowerCase(Locale.ROOT);
        } else if (!prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix: " + prefix + " (expected: none for a query parameter)");
        }
    }

    public static CredentialSlot header(String name, String prefix) {
        return new CredentialSlot(true, name, prefix);
    }

    public static CredentialSlot query(String name) {
        return new CredentialSlot(false, name, "");
    }

    /** {@code header x-api-key} or {@code query parameter key}: how errors and logs name the slot (never a value). */
    public String describe() {
        return header ? "header " + name : "query parameter " + name;
    }
}
