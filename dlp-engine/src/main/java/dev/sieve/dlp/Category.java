package dev.sieve.dlp;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What kind of data a rule detects, by name. Four categories are well known ({@code pii}, {@code financial},
 * {@code credential}, {@code source-code}: the built-in pack uses them and {@link Masking} masks them by their
 * shape); a DLP team may declare its own ({@code confidential}, {@code customer-data}): a lower-case letter, then
 * up to 31 lower-case letters, digits or {@code -}. Categories come from the rule files, so the set in use is
 * bounded by the rule set (they label metrics). Immutable; equal names are equal categories.
 */
public final class Category implements Comparable<Category> {

    public static final Category PII = new Category("pii");
    public static final Category FINANCIAL = new Category("financial");
    public static final Category CREDENTIAL = new Category("credential");
    public static final Category SOURCE_CODE = new Category("source-code");

    /** What a category name must look like. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** Human-readable form of {@link #NAME} for error messages ({@code (expected: ...)}). */
    public static final String EXPECTED = "pii, financial, credential, source-code or a name of your own: a lower-case"
            + " letter, then up to 31 lower-case letters, digits or '-'";

    private static final List<Category> WELL_KNOWN = List.of(PII, FINANCIAL, CREDENTIAL, SOURCE_CODE);
    private static final Map<String, Category> BY_NAME = Map.of(PII.name, PII, FINANCIAL.name, FINANCIAL,
            CREDENTIAL.name, CREDENTIAL, SOURCE_CODE.name, SOURCE_CODE);

    private final String name;

    private Category(String name) {
        this.name = name;
    }

    /**
     * The category named {@code name}; the well-known ones are the constants above.
     *
     * @throws IllegalArgumentException if {@code name} does not match {@link #NAME}
     */
    public static Category of(String name) {
        return parse(name).orElseThrow(() -> new IllegalArgumentException("category: '" + name + "' (expected: "
                + EXPECTED + ")"));
    }

    /** The category named {@code name}, or empty if it is not a valid name. */
    public static Optional<Category> parse(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Category known = BY_NAME.get(name);
        return Optional.of(known != null ? known : new Category(name));
    }

    /** The four categories Sieve knows by their shape, in this order: pii, financial, credential, source-code. */
    public static List<Category> wellKnown() {
        return WELL_KNOWN;
    }

    /** True for the four categories of {@link #wellKnown()}. */
    public boolean isWellKnown() {
        return BY_NAME.containsKey(name);
    }

    /** The spelling used in rule files, config, audit records and metric labels. */
    public String yamlName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Category c && c.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public int compareTo(Category other) {
        return name.compareTo(Objects.requireNonNull(other, "other").name);
    }

    @Override
    public String toString() {
        return name;
    }
}
