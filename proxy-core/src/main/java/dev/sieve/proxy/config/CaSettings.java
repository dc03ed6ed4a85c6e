package dev.sieve.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code ca:} section: the interception CA and the leaves it mints.
 *
 * @param certFile PEM CA certificate to use; empty means create or reuse one under {@code dataDir}
 * @param keyFile PEM private key of {@code certFile}; present exactly when {@code certFile} is
 * @param leafKeyType key algorithm of minted leaves
 * @param leafValidity validity of a minted leaf
 * @param cacheSize maximum number of cached leaves
 */
public record CaSettings(
        Optional<Path> certFile, Optional<Path> keyFile, LeafKeyType leafKeyType, Duration leafValidity, int cacheSize) {}
