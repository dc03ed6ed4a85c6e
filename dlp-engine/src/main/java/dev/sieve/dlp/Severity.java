package dev.sieve.dlp;

/** How bad a finding is, weakest first. YAML spelling is the lower-case name. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
