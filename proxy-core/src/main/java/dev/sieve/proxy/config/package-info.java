/**
 * The Sieve configuration file: YAML in, validated immutable records out.
 *
 * <p>{@link dev.sieve.proxy.config.ConfigLoader} overlays one user file on the embedded defaults and
 * returns a {@link dev.sieve.proxy.config.SieveConfig}, or throws a
 * {@link dev.sieve.proxy.config.ConfigException} naming file, line, key path and the expected value.
 * The documented example with every key is {@code sieve.example.yaml} at the repository root.
 */
package dev.sieve.proxy.config;
