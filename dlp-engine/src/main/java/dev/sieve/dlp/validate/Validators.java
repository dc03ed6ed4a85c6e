package dev.sieve.dlp.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 *   <tr><td>luhn, ssn, iban, aba, jwt, pem, sin, nino, national-id, wif, xprv, bip39, github-crc32, track-data, host-end, mrz, dea, nacha-entry, swift-account, bech32, base64-credential, aba-account, micr, split-card, split-ssn, ssn-pieces, card-pieces, spelled-ssn, spelled-aba, card-label, email-domain, personal-mailbox, phone-fictional, phone-person-line, recipient-list, marking, api-note, banner-term, closed-header, public-key, pem-truncated</td><td>none</td></tr>
 *   <tr><td>assignment-value</td><td>{@code form}: assignment (default), userinfo, cell or prose; {@code min_length}: default 8;
 *   {@code min_entropy}: bits per character, default 3.0 (see {@link AssignedValue})</td></tr>
 *   <tr><td>european-id</td><td>{@code kind}: de-tax-id, fr-nir, it-codice-fiscale, nl-bsn, be-national-number,
 *   pl-pesel, se-personnummer, fi-hetu, no-fodselsnummer, dk-cpr, ie-ppsn, tr-kimlik, de-id-card, ch-ahv,
 *   at-sv-nummer, cz-rodne-cislo, gr-amka, ro-cnp, pt-nif, es-dni (see {@link EuropeanId})</td></tr>
 *   <tr><td>form-value</td><td>{@code kind}: last-token (default), reversible, discord, cloudflare-tunnel, vnc-hex,
 *   cookie or aligned-column; {@code split}: characters; {@code trailing}: words separated by blanks; {@code min_length}, {@code min_entropy} as
 *   assignment-value (see {@link FormValue})</td></tr>
 *   <tr><td>entropy</td><td>{@code min}: bits per character, (0, 8]</td></tr>
 *   <tr><td>keypair</td><td>{@code with}: rule id; {@code window}: bytes, 0..65536, default 256</td></tr>
 *   <tr><td>health-record</td><td>{@code kind}: hl7-pid, fhir-patient, dob-label, dob-contact, dob-column, dob-column-record, sensitive-contact, home-contact or x12-dmg: a birth
 *   date that belongs to a named person's record (see {@link HealthRecord})</td></tr>
 *   <tr><td>intl-id</td><td>{@code kind}: which national identifier's check digit or structure (see {@link IntlId})
 *   </td></tr>
 *   <tr><td>machine-number</td><td>{@code kind}: emv-tlv, iso8583, hex-card, hex-ssn or ssn-lost-zeros (a card number
 *   or SSN as a message format or a machine wrote it; see {@link MachineNumber})</td></tr>
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
        FACTORIES.put("european-id", p -> {
            p.onlyKeys("kind");
            return new EuropeanId(p.requiredKind("kind", EuropeanId.Kind::of,
                    Arrays.stream(EuropeanId.Kind.values()).map(EuropeanId.Kind::yamlName).toList()));
        });
        FACTORIES.put("wif", p -> p.none(new Wif()));
        FACTORIES.put("xprv", p -> p.none(new ExtendedPrivateKey()));
        FACTORIES.put("bip39", p -> p.none(new Bip39()));
        FACTORIES.put("github-crc32", p -> p.none(new GithubChecksum()));
        FACTORIES.put("track-data", p -> p.none(new TrackData()));
        FACTORIES.put("host-end", p -> p.none(new HostEnd()));
        FACTORIES.put("marking", p -> p.none(new Marking()));
        FACTORIES.put("api-note", p -> p.none(new ApiNote()));
        FACTORIES.put("banner-term", p -> p.none(new BannerTerm()));
        FACTORIES.put("closed-header", p -> p.none(new ClosedHeader()));
        FACTORIES.put("public-key", p -> p.none(new PublicKey()));
        FACTORIES.put("pem-truncated", p -> p.none(new PemTruncated()));
        FACTORIES.put("mrz", p -> p.none(new Mrz()));
        FACTORIES.put("dea", p -> p.none(new Dea()));
        FACTORIES.put("nacha-entry", p -> p.none(new NachaEntry()));
        FACTORIES.put("swift-account", p -> p.none(new SwiftAccount()));
        FACTORIES.put("bech32", p -> p.none(new Bech32()));
        FACTORIES.put("base64-credential", p -> p.none(new Base64Credential()));
        FACTORIES.put("aba-account", p -> p.none(new AbaAccount()));
        FACTORIES.put("micr", p -> p.none(new Micr()));
        FACTORIES.put("split-card", p -> p.none(new SplitCard()));
        FACTORIES.put("split-ssn", p -> p.none(new SplitSsn()));
        FACTORIES.put("ssn-pieces", p -> p.none(new NumberPieces(false)));
        FACTORIES.put("card-pieces", p -> p.none(new NumberPieces(true)));
        FACTORIES.put("spelled-ssn", p -> p.none(new SpelledDigits(false)));
        FACTORIES.put("spelled-aba", p -> p.none(new SpelledDigits(true)));
        FACTORIES.put("card-label", p -> p.none(new CardLabel()));
        FACTORIES.put("email-domain", p -> p.none(new Reserved.EmailDomain()));
        FACTORIES.put("personal-mailbox", p -> p.none(new RoleMailbox()));
        FACTORIES.put("phone-fictional", p -> p.none(new Reserved.PhoneFictional()));
        FACTORIES.put("phone-person-line", p -> p.none(new SwitchboardLine()));
        FACTORIES.put("recipient-list", p -> p.none(new RecipientList()));
        FACTORIES.put("assignment-value", p -> {
            p.onlyKeys("form", "min_length", "min_entropy");
            return new AssignedValue(p.optionalForm("form"), p.optionalInt("min_length", 8),
                    p.optionalNumber("min_entropy", 3.0));
        });
        FACTORIES.put("form-value", p -> {
            p.onlyKeys("kind", "split", "trailing", "min_length", "min_entropy");
            FormValue.Kind kind = p.values().get("kind") == null ? FormValue.Kind.LAST_TOKEN
                    : p.requiredKind("kind", FormValue.Kind::of,
                            Arrays.stream(FormValue.Kind.values()).map(FormValue.Kind::yamlName).toList());
            Object split = p.values().get("split");
            if (split != null && !(split instanceof String)) {
                throw new IllegalArgumentException("form-value.split: '" + split + "' (expected: characters)");
            }
            Object trailing = p.values().get("trailing");
            if (trailing != null && !(trailing instanceof String)) {
                throw new IllegalArgumentException("form-value.trailing: '" + trailing
                        + "' (expected: words separated by blanks)");
            }
            List<String> words = trailing == null ? List.of() : List.of(((String) trailing).trim().split("\\s+"));
            return new FormValue(kind, (String) split, words, p.optionalInt("min_length", 8),
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
        FACTORIES.put("health-record", p -> {
            p.onlyKeys("kind");
            return new HealthRecord(p.requiredKind("kind", HealthRecord.Kind::of,
                    Arrays.stream(HealthRecord.Kind.values()).map(HealthRecord.Kind::yamlName).toList()));
        });
        FACTORIES.put("intl-id", p -> {
            p.onlyKeys("kind");
            return new IntlId(p.requiredKind("kind", IntlId.Kind::of,
                    Arrays.stream(IntlId.Kind.values()).map(IntlId.Kind::yamlName).toList()));
        });
        FACTORIES.put("machine-number", p -> {
            p.onlyKeys("kind");
            return new MachineNumber(p.requiredKind("kind", MachineNumber.Kind::of,
                    Arrays.stream(MachineNumber.Kind.values()).map(MachineNumber.Kind::yamlName).toList()));
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
            if ("cell".equals(v)) {
                return AssignedValue.Form.CELL;
            }
            if ("prose".equals(v)) {
                return AssignedValue.Form.PROSE;
            }
            throw new IllegalArgumentException(validator + "." + key + ": " + describe(v)
                    + " (expected: assignment, userinfo, cell or prose)");
        }

        /** The {@code kind} parameter of a validator that checks one of several identifiers. */
        <K> K requiredKind(String key, Function<String, K> of, List<String> names) {
            Object v = values.get(key);
            K kind = v instanceof String s ? of.apply(s) : null;
            if (kind == null) {
                throw new IllegalArgumentException(validator + "." + key + ": " + describe(v) + " (expected: one of "
                        + String.join(", ", names) + ")");
            }
            return kind;
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
