package dev.sieve.proxy.config;

/**
 * The {@code inspection:} section.
 *
 * @param maxBodyBytes largest request body buffered and scanned; larger gets 413
 */
public record InspectionSettings(long maxBodyBytes) {}
