package dev.sieve.dlp;

/** Which matching engine {@link Engines#compile} builds. */
public enum EngineKind {
    /** Hyperscan when its native library loads on this platform, otherwise the java.util.regex engine. */
    AUTO,
    /** Hyperscan only; compiling fails if the native library is unavailable. */
    HYPERSCAN,
    /** The pure-Java engine (java.util.regex), always available. */
    JAVA
}
