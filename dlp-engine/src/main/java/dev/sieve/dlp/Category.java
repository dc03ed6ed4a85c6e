package dev.sieve.dlp;

import java.util.Arrays;
import java.util.Optional;

/** What kind of data a rule detects. YAML spelling: {@code pii}, {@code financial}, {@code credential}, {@code source-code}. */
public enum Category {
    PII("pii"),
    FINANCIAL("financial"),
    CREDENTIAL("credential"),
    SOURCE_CODE("source-code");

    private final String yamlName;

    Category(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in rule files. */
    public String yamlName() {
        return yamlName;
    }

    static Optional<Category> fromYaml(String text) {
        return Arrays.stream(values()).filter(c -> c.yamlName.equals(text)).findFirst();
    }
}
