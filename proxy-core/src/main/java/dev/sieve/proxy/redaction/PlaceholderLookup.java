package dev.sieve.proxy.redaction;

import java.util.Optional;

/** The originals of one agent's placeholders, for restoring them in a response. */
@FunctionalInterface
public interface PlaceholderLookup {

    /** The original bytes of {@code placeholder}, or empty when it is not one of this agent's held originals. */
    Optional<byte[]> original(String placeholder);
}
