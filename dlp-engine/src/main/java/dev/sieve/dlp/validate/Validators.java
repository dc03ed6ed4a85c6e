package dev.sieve.dlp.validate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The closed registry of named validators that rule files may use. Parameters come from YAML as
 * {@code String}, {@code Number} or {@code Boolean} values and are checked when the validator is created, so a
 * bad parameter is a load-time error, never a scan-time surprise.
 *
 * <table>
 *   <caption>Validators</caption>
 *   <tr><th>name</th><th>parameters</th></tr>
 *   <tr><td>luhn, ssn, iban, aba, jwt, pem, sin, nino, national-id, wif, xprv, bip39, github-crc32, track-data, host-end, bech32, base64-credential</td><td>none</td></tr>
 *   <tr><td>assignment-value</td><td>{@code form}: assignment (default) or userinfo; {@code min_length}: default 8;
 *   {@code min_entropy}: bits per character, default 3.0 (see {@link AssignedValue})</td></tr>
 *   <tr><td>entropy</td><td>{@code min}: bits per character, (0, 8]</td></tr>
 *   <tr><td>keypair</td><td>{@code with}: rule id; {@code window}: bytes, 0..65536, default 256</td></tr>
 * </table>
 */
public final class Validators {

    private static final Map<String, Function<Params, Validator>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("luhn", p -> p.none(new Luhn()));
        FACTORIES.put("ssn", p -> p.none(new Ssn()));
        FACTORIES.put("iban", p -> p.none(new Iban()));
        FACTORIES.put("aba", p -> p.none(new Aba()));
        FACTORIES.put("jwt", p -> p.none(new Jwt()));
        FACTORIES.put("pem", p -> p.none(new Pem()));
        FACTORIES.put("sin", p -> p.none(new Sin()));
        FACTORIES.put("nino", p -> p.none(new Nino()));
        FACTORIES.put("national-id", p -> p.none(new NationalId()));
        FACTORIES.put("wif", p -> p.none(new Wif()));
        FACTORIES.put("xprv", p -> p.none(new ExtendedPrivateKey()));
        FACTORIES.put("bip39", p -> p.none(new Bip39()));
        FACTORIES.put("github-crc32", p -> p.none(new GithubChecksum()));
        FACTORIES.put("track-data", p -> p.none(new TrackData()));
        FACTORIES.put("host-end", p -> p.none(new HostEnd()));
        FACTORIES.put("bech32", p -> p.none(new Bech32()));
        FACTORIES.put("base64-credential", p -> p.none(new Base64Credential()));
        FACTORIES.put("assignment-value", p -> {
            p.onlyKeys("form", "min_length", "min_entropy");
            return new AssignedValue(p.optionalForm("form"), p.optionalInt("min_length", 8),
                    p.optionalNumber("min_entropy", 3.0));
        });
        FACTORIES.put("entropy", p -> {
            p.onlyKeys("min");
            return new Entropy(p.requiredNumber("min"));
        });
        FACTORIES.put("keypair", p -> {
            p.onlyKeys("with", "window");
            return new KeyPair(p.requiredString("with"), p.optionalInt("window", KeyPair.DEFAULT_WINDOW));
        });
    }

    private Validators() {
    }

    /** Names of all validators, sorted. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(FACTORIES.keySet()));
    }

    /**
     * Creates validator {@code name} with {@code params}.
     *
     * @throws IllegalArgumentException for an unknown name, an unknown or missing parameter, or a bad value; the
     *     message names the offending item and what was expected
     */
    public static Validator create(String name, Map<String, ?> params) {
        Objects.requireNonNull(name, "name");
        Function<Params, Validator> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException(
                    "validator: '" + name + "' (expected: one of " + String.join(", ", names()) + ")");
        }
        return factory.apply(new Params(name, params == null ? Map.of() : params));
    }

    private record Params(String validator, Map<String, ?> values) {

        Validator none(Validator v) {
            if (!values.isEmpty()) {
                throw new IllegalArgumentException(validator + ": parameters " + new TreeSet<>(values.keySet())
                        + " (expected: none)");
            }
            return v;
        }

        void onlyKeys(String... allowed) {
            Set<String> known = Set.of(allowed);
            for (String key : values.keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException(validator + "." + key + ": unknown parameter (expected: one of "
                            + String.join(", ", new TreeSet<>(known)) + ")");
                }
            }
        }

        double requiredNumber(String key) {
            Object v = values.get(key);
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException(validator + "." + key + ": " + describe(v) + " (expected: a number)");
            }
            return n.doubleValue();
        }

        double optionalNumber(String key, double defaultValue) {
            return values.get(key) == null ? defaultValue : requiredNumber(key);
        }

        AssignedValue.Form optionalForm(String key) {
            Object v = values.get(key);
            if (v == null || "assignment".equals(v)) {
                return AssignedValue.Form.ASSIGNMENT;
            }
            if ("userinfo".equals(v)) {
                return AssignedValue.Form.USERINFO;
            }
            throw new IllegalArgumentException(validator + "." + key + ": " + describe(v)
                    + " (expected: assignment or userinfo)");
        }

        String requiredString(String key) {
            Object v = values.get(key);
            if (!(v instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException(validator + "." + key + ": " + describe(v) + " (expected: a rule id)");
            }
            return s;
        }

        int optionalInt(String key, int defaultValue) {
            Object v = values.get(key);
            if (v == null) {
                return defaultValue;
            }
            if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.longValue() > Integer.MAX_VALUE || n.longValue() < Integer.MIN_VALUE) {
                throw new IllegalArgumentException(validator + "." + key + ": " + describe(v) + " (expected: an integer)");
            }
            return n.intValue();
        }

        private static String describe(Object v) {
            return v == null ? "missing" : "'" + v + "'";
        }
    }
}
