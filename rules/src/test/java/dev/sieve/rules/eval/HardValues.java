package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Synthetic secrets and identifiers for the held-out {@code hard} families, written from the vendors' published
 * token formats and the standards' check digits, not from the pack's patterns (so the held-out part judges the
 * pack rather than echoing it). Random bodies; checksums computed.
 */
final class HardValues {

    static final Base64.Encoder B64 = Base64.getEncoder();
    static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    static final String UPPER_DIGITS = Rng.UPPER + Rng.DIGITS;

    private HardValues() {
    }

    // ---- vendor tokens -------------------------------------------------------------------------------------------

    /** A GitHub token of the classic shape: prefix, 30 random base62 characters, their CRC32 in base62. */
    static String github(Rng r, String prefix) {
        String body = r.from(Rng.ALNUM, 30);
        return prefix + body + Checksums.githubCrc(body);
    }

    static String githubFineGrained(Rng r) {
        return "github_pat_11" + r.from(UPPER_DIGITS, 20) + "_" + r.from(Rng.ALNUM, 59);
    }

    static String gitlab(Rng r) {
        return "glpat-" + r.from(Rng.URLSAFE, 20);
    }

    static String slackBot(Rng r) {
        return "xoxb-" + r.digits(11) + "-" + r.digits(13) + "-" + r.from(Rng.ALNUM, 24);
    }

    static String slackUser(Rng r) {
        return "xoxp-" + r.digits(11) + "-" + r.digits(11) + "-" + r.digits(13) + "-" + r.from(Rng.HEX, 32);
    }

    static String slackApp(Rng r) {
        return "xapp-1-A" + r.from(UPPER_DIGITS, 10) + "-" + r.digits(13) + "-" + r.from(Rng.HEX, 64);
    }

    static String slackWebhook(Rng r) {
        return "https://hooks.slack.com/services/T" + r.from(UPPER_DIGITS, 8) + "/B" + r.from(UPPER_DIGITS, 10) + "/"
                + r.from(Rng.ALNUM, 24);
    }

    static String stripe(Rng r, String prefix) {
        return prefix + "51" + r.from(Rng.ALNUM, r.between(60, 97));
    }

    static String awsKeyId(Rng r, String prefix) {
        return prefix + r.from(Rng.BASE32, 16);
    }

    static String awsSecret(Rng r) {
        return r.from(Rng.ALNUM + "/+", 40);
    }

    static String awsSessionToken(Rng r) {
        return "IQoJb3JpZ2luX2VjE" + B64.encodeToString(r.bytes(r.between(240, 330)));
    }

    static String anthropic(Rng r) {
        return "sk-ant-api03-" + r.from(Rng.URLSAFE, 93) + "AA";
    }

    static String openai(Rng r) {
        String kind = r.pick("sk-proj-", "sk-svcacct-", "sk-");
        if (kind.equals("sk-")) {
            return "sk-" + r.from(Rng.ALNUM, 20) + "T3BlbkFJ" + r.from(Rng.ALNUM, 20);
        }
        return kind + r.from(Rng.URLSAFE, 74) + "T3BlbkFJ" + r.from(Rng.URLSAFE, 74);
    }

    static String huggingface(Rng r) {
        return "hf_" + r.from(Rng.UPPER + Rng.LOWER, 34);
    }

    static String npm(Rng r) {
        return "npm_" + r.from(Rng.ALNUM, 36);
    }

    static String pypi(Rng r) {
        return "pypi-AgEIcHlwaS5vcmc" + r.from(Rng.URLSAFE, r.between(130, 180));
    }

    static String sendgrid(Rng r) {
        return "SG." + r.from(Rng.URLSAFE, 22) + "." + r.from(Rng.URLSAFE, 43);
    }

    static String shopify(Rng r) {
        return r.pick("shpat_", "shpca_", "shppa_") + r.from(Rng.HEX, 32);
    }

    static String dockerHub(Rng r) {
        return "dckr_pat_" + r.from(Rng.URLSAFE, 27);
    }

    static String grafana(Rng r) {
        return "glsa_" + r.from(Rng.ALNUM, 32) + "_" + r.from(Rng.HEX, 8);
    }

    static String digitalocean(Rng r) {
        return r.pick("dop_v1_", "doo_v1_") + r.from(Rng.HEX, 64);
    }

    static String vault(Rng r) {
        return "hvs." + r.from(Rng.URLSAFE, 90);
    }

    static String terraformCloud(Rng r) {
        return r.from(Rng.ALNUM, 14) + ".atlasv1." + r.from(Rng.ALNUM, 67);
    }

    static String databricks(Rng r) {
        return "dapi" + r.from(Rng.HEX, 32);
    }

    static String gcpApiKey(Rng r) {
        return "AIza" + r.from(Rng.URLSAFE, 35);
    }

    static String gcpOauthSecret(Rng r) {
        return "GOCSPX-" + r.from(Rng.URLSAFE, 28);
    }

    static String azureStorageKey(Rng r) {
        return B64.encodeToString(r.bytes(64));
    }

    static String azureAdSecret(Rng r) {
        return r.from(Rng.ALNUM, 3) + r.digits(1) + "Q~" + r.from(Rng.ALNUM + "_~.-", 34);
    }

    static String twilioSid(Rng r) {
        return "AC" + r.from(Rng.HEX, 32);
    }

    static String twilioKey(Rng r) {
        return "SK" + r.from(Rng.HEX, 32);
    }

    static String ageKey(Rng r) {
        return Checksums.bech32("age-secret-key-", -1, r.bytes(32)).toUpperCase(Locale.ROOT);
    }

    /** A JWT with a realistic header and claims and a random signature. */
    static String jwt(Rng r) {
        String header = "{\"alg\":\"" + r.pick("RS256", "HS256", "ES256", "PS256") + "\",\"typ\":\"JWT\""
                + (r.chance(0.5) ? ",\"kid\":\"" + r.from(Rng.HEX, 16) + "\"" : "") + "}";
        String claims = "{\"iss\":\"https://login." + r.pick("acme", "northwind", "contoso") + ".invalid/\",\"sub\":\""
                + Negatives.uuid(r) + "\",\"aud\":\"" + r.pick("api", "billing", "account") + "\",\"iat\":"
                + (1_750_000_000 + r.nextInt(9_000_000)) + ",\"exp\":" + (1_760_000_000 + r.nextInt(9_000_000))
                + ",\"scope\":\"" + r.pick("openid profile", "read:orders write:orders", "admin") + "\"}";
        return B64URL.encodeToString(utf8(header)) + "." + B64URL.encodeToString(utf8(claims)) + "."
                + B64URL.encodeToString(r.bytes(r.pick(List.of(32, 64, 256))));
    }

    /** A password a person or a generator would set: mixed classes, 14 to 28 characters. */
    static String password(Rng r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.from(Rng.ALNUM, r.between(18, 28));
            case 1 -> r.from(Rng.ALNUM + "!#%^*-_=+", r.between(14, 24));
            default -> r.pick("Winter", "Harbor", "Falcon", "Copper", "Meadow") + r.digits(2) + r.pick("!", "#", "$")
                    + r.from(Rng.ALNUM, r.between(6, 10));
        };
    }

    // ---- private keys --------------------------------------------------------------------------------------------

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Values.wrap(B64.encodeToString(der), 64) + "\n-----END " + label
                + "-----";
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Key formats to PEM-ish text: PKCS#1 RSA, SEC1 EC, DSA, PKCS#8, encrypted PKCS#8, OpenSSH, PuTTY, PGP. */
    static String privateKey(Rng r, String format) {
        return switch (format) {
            case "rsa" -> pem("RSA PRIVATE KEY", concat(new byte[] {0x30, (byte) 0x82, 0x04, (byte) 0xa4, 2, 1, 0,
                    2, (byte) 0x82, 1, 1, 0}, r.bytes(r.between(600, 1180))));
            case "rsa-legacy-encrypted" -> "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: "
                    + "AES-128-CBC," + r.from("0123456789ABCDEF", 32) + "\n\n" + Values.wrap(B64.encodeToString(
                    r.bytes(r.between(600, 1190))), 64) + "\n-----END RSA PRIVATE KEY-----";
            case "ec" -> pem("EC PRIVATE KEY", concat(new byte[] {0x30, 0x77, 2, 1, 1, 4, 0x20}, r.bytes(32),
                    new byte[] {(byte) 0xa0, 0x0a, 6, 8, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 3, 1, 7,
                        (byte) 0xa1, 0x44, 3, 0x42, 0, 4}, r.bytes(64)));
            case "dsa" -> pem("DSA PRIVATE KEY", concat(new byte[] {0x30, (byte) 0x82, 0x01, (byte) 0xbb, 2, 1, 0},
                    r.bytes(r.between(420, 440))));
            case "pkcs8" -> pem("PRIVATE KEY", concat(new byte[] {0x30, (byte) 0x82, 0x04, (byte) 0xbe, 2, 1, 0, 0x30,
                    0x0d, 6, 9, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 1, 1, 5, 0},
                    r.bytes(r.between(600, 1200))));
            case "pkcs8-encrypted" -> pem("ENCRYPTED PRIVATE KEY", concat(new byte[] {0x30, (byte) 0x82, 0x05,
                    (byte) 0x16, 0x30, 0x40, 6, 9, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 5, 0x0d},
                    r.bytes(r.between(600, 1250))));
            case "openssh" -> "-----BEGIN OPENSSH PRIVATE KEY-----\n" + Values.wrap(B64.encodeToString(concat(
                    utf8("openssh-key-v1\0"), new byte[] {0, 0, 0, 4}, utf8("none"), new byte[] {0, 0, 0, 4},
                    utf8("none"), new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x33, 0, 0, 0, 0x0b},
                    utf8("ssh-ed25519"), new byte[] {0, 0, 0, 0x20}, r.bytes(r.between(200, 260)))), 70)
                    + "\n-----END OPENSSH PRIVATE KEY-----";
            case "putty" -> "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-2025"
                    + r.digits(4) + "\nPublic-Lines: 2\n" + Values.wrap(B64.encodeToString(concat(new byte[] {0, 0,
                    0, 0x0b}, utf8("ssh-ed25519"), new byte[] {0, 0, 0, 0x20}, r.bytes(32))), 64)
                    + "\nPrivate-Lines: 1\n" + B64.encodeToString(concat(new byte[] {0, 0, 0, 0x20}, r.bytes(32)))
                    + "\nPrivate-MAC: " + r.from(Rng.HEX, 64);
            case "pgp" -> "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + Values.wrap(B64.encodeToString(concat(
                    new byte[] {(byte) 0x95, 0x03, (byte) 0x98, 4}, r.bytes(r.between(700, 900)))), 64) + "\n="
                    + B64.encodeToString(r.bytes(3)) + "\n-----END PGP PRIVATE KEY BLOCK-----";
            default -> throw new IllegalArgumentException(format);
        };
    }

    static final List<String> KEY_FORMATS = List.of("rsa", "rsa-legacy-encrypted", "ec", "dsa", "pkcs8",
            "pkcs8-encrypted", "openssh", "putty", "pgp");

    /** The rule that owns each key format. */
    static String keyRule(String format) {
        return switch (format) {
            case "rsa", "rsa-legacy-encrypted" -> "credential.private-key-rsa";
            case "ec" -> "credential.private-key-ec";
            case "dsa" -> "credential.private-key-dsa";
            case "pkcs8" -> "credential.private-key-pkcs8";
            case "pkcs8-encrypted" -> "credential.private-key-pkcs8-encrypted";
            case "openssh" -> "credential.private-key-openssh";
            case "putty" -> "credential.private-key-putty";
            case "pgp" -> "credential.private-key-pgp";
            default -> throw new IllegalArgumentException(format);
        };
    }

    // ---- crypto --------------------------------------------------------------------------------------------------

    static String wif(Rng r) {
        byte[] key = r.bytes(32);
        return Checksums.base58check(r.chance(0.6) ? concat(new byte[] {(byte) 0x80}, key, new byte[] {1})
                : concat(new byte[] {(byte) 0x80}, key));
    }

    /** An extended private key: xprv (mainnet) or tprv (testnet), BIP-32 serialisation. */
    static String extendedPrivate(Rng r, boolean testnet) {
        byte[] version = testnet ? new byte[] {4, 0x35, (byte) 0x83, (byte) 0x94}
                : new byte[] {4, (byte) 0x88, (byte) 0xad, (byte) 0xe4};
        return Checksums.base58check(concat(version, new byte[] {(byte) r.between(0, 4)}, r.bytes(4), r.bytes(4),
                r.bytes(32), new byte[] {0}, r.bytes(32)));
    }

    static String bip39(Rng r, int words) {
        return Checksums.bip39(r.bytes(words * 4 / 3), Detectors.BIP39);
    }

    /** A public Bitcoin address: P2PKH, P2SH (Base58Check) or P2WPKH (bech32). */
    static String btcAddress(Rng r) {
        return switch (r.nextInt(3)) {
            case 0 -> Checksums.base58check(concat(new byte[] {0}, r.bytes(20)));
            case 1 -> Checksums.base58check(concat(new byte[] {5}, r.bytes(20)));
            default -> Checksums.bech32("bc", 0, r.bytes(20));
        };
    }

    /** An EIP-55 checksummed Ethereum address. */
    static String ethAddress(Rng r) {
        return eip55(Encodings.hex(r.bytes(20), ""));
    }

    /** EIP-55: a hex letter is upper case where the Keccak-256 of the lower-case address has a nibble of 8 or more. */
    static String eip55(String lower) {
        byte[] hash = keccak256(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < 40; i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            out.append(Character.isLetter(c) && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    private static final long[] RC = {0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL,
        0x8000000080008000L, 0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL, 0x000000008000808bL,
        0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L, 0x8000000000008002L, 0x8000000000000080L,
        0x000000000000800aL, 0x800000008000000aL, 0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L,
        0x8000000080008008L};
    private static final int[] ROT = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39,
        61, 20, 44};
    private static final int[] PI = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9,
        6, 1};

    /**
     * Keccak-256 (the original padding Ethereum uses, not SHA3-256), for EIP-55 address checksums. The JDK has only
     * SHA3-256, and the test class path has no library with Keccak; the permutation is the reference one.
     */
    static byte[] keccak256(byte[] in) {
        int rate = 136;
        int blocks = in.length / rate + 1;
        byte[] padded = java.util.Arrays.copyOf(in, blocks * rate);
        padded[in.length] ^= 0x01;
        padded[padded.length - 1] ^= (byte) 0x80;
        long[] s = new long[25];
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < rate / 8; i++) {
                long lane = 0;
                for (int k = 7; k >= 0; k--) {
                    lane = lane << 8 | (padded[b * rate + i * 8 + k] & 0xff);
                }
                s[i] ^= lane;
            }
            keccakF(s);
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) (s[i / 8] >>> (8 * (i % 8)));
        }
        return out;
    }

    private static void keccakF(long[] s) {
        long[] bc = new long[5];
        for (int round = 0; round < 24; round++) {
            for (int i = 0; i < 5; i++) {
                bc[i] = s[i] ^ s[i + 5] ^ s[i + 10] ^ s[i + 15] ^ s[i + 20];
            }
            for (int i = 0; i < 5; i++) {
                long t = bc[(i + 4) % 5] ^ Long.rotateLeft(bc[(i + 1) % 5], 1);
                for (int j = 0; j < 25; j += 5) {
                    s[j + i] ^= t;
                }
            }
            long t = s[1];
            for (int i = 0; i < 24; i++) {
                int j = PI[i];
                long tmp = s[j];
                s[j] = Long.rotateLeft(t, ROT[i]);
                t = tmp;
            }
            for (int j = 0; j < 25; j += 5) {
                for (int i = 0; i < 5; i++) {
                    bc[i] = s[j + i];
                }
                for (int i = 0; i < 5; i++) {
                    s[j + i] ^= ~bc[(i + 1) % 5] & bc[(i + 2) % 5];
                }
            }
            s[0] ^= RC[round];
        }
    }

    // ---- financial and personal data -----------------------------------------------------------------------------

    /** Card brands: rule id, then prefixes and length. */
    static final List<String[]> CARDS = List.of(
            new String[] {"financial.card-visa", "4", "16"},
            new String[] {"financial.card-mastercard", "51,52,53,54,55,2221,2300,2720", "16"},
            new String[] {"financial.card-amex", "34,37", "15"},
            new String[] {"financial.card-discover", "6011,644,65", "16"},
            new String[] {"financial.card-jcb", "3528,3540,3589", "16"},
            new String[] {"financial.card-diners", "300,305,36,38", "14"});

    /** A Luhn-valid card number of brand {@code brand} (index into {@link #CARDS}), digits only. */
    static String card(Rng r, int brand) {
        String[] b = CARDS.get(brand);
        String prefix = r.pick(List.of(b[1].split(",")));
        int length = Integer.parseInt(b[2]);
        String payload = prefix + r.digits(length - 1 - prefix.length());
        return payload + Checksums.luhn(payload);
    }

    /** A card number printed with {@code sep} in the brand's usual groups (4-6-5 for Amex, 4-6-4 for Diners). */
    static String cardGrouped(String digits, String sep) {
        int[] groups = digits.length() == 15 ? new int[] {4, 6, 5} : digits.length() == 14 ? new int[] {4, 6, 4}
                : new int[] {4, 4, 4, 4};
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int g : groups) {
            if (at > 0) {
                out.append(sep);
            }
            out.append(digits, at, at + g);
            at += g;
        }
        return out.toString();
    }

    /**
     * Country, BBAN shape ({@code n} digit, {@code a} upper letter, {@code c} alphanumeric upper, anything else
     * itself), lengths from the SWIFT IBAN registry.
     */
    static final List<String[]> IBAN_SHAPES = List.of(new String[] {"DE", "nnnnnnnnnnnnnnnnnn"},
            new String[] {"GB", "aaaannnnnnnnnnnnnn"}, new String[] {"FR", "nnnnnnnnnncccccccccccnn"},
            new String[] {"ES", "nnnnnnnnnnnnnnnnnnnn"}, new String[] {"IT", "annnnnnnnnncccccccccccc"},
            new String[] {"NL", "aaaannnnnnnnnn"}, new String[] {"BE", "nnnnnnnnnnnn"},
            new String[] {"CH", "nnnnncccccccccccc"}, new String[] {"AT", "nnnnnnnnnnnnnnnn"},
            new String[] {"PL", "nnnnnnnnnnnnnnnnnnnnnnnn"}, new String[] {"SE", "nnnnnnnnnnnnnnnnnnnn"},
            new String[] {"IE", "aaaannnnnnnnnnnnnn"}, new String[] {"PT", "nnnnnnnnnnnnnnnnnnnnn"},
            new String[] {"DK", "nnnnnnnnnnnnnn"}, new String[] {"FI", "nnnnnnnnnnnnnn"},
            new String[] {"NO", "nnnnnnnnnnn"}, new String[] {"LU", "nnnccccccccccccc"},
            new String[] {"CZ", "nnnnnnnnnnnnnnnnnnnn"}, new String[] {"SA", "nnnnnnnnnnnnnnnnnnnn"},
            new String[] {"AE", "nnnnnnnnnnnnnnnnnnn"}, new String[] {"BR", "nnnnnnnnnnnnnnnnnnnnnnnac"},
            new String[] {"TR", "nnnnn0cccccccccccccccc"}, new String[] {"GR", "nnnnnnncccccccccccccccc"},
            new String[] {"RO", "aaaacccccccccccccccc"});

    /** An IBAN with valid mod-97 check digits, compact. */
    static String iban(Rng r) {
        String[] shape = r.pick(IBAN_SHAPES);
        StringBuilder bban = new StringBuilder();
        for (char c : shape[1].toCharArray()) {
            bban.append(switch (c) {
                case 'n' -> r.from(Rng.DIGITS, 1);
                case 'a' -> r.from(Rng.UPPER, 1);
                case 'c' -> r.from(UPPER_DIGITS, 1);
                default -> String.valueOf(c);
            });
        }
        return shape[0] + Checksums.ibanCheck(shape[0], bban.toString()) + bban;
    }

    /** A US SSN outside the never-issued ranges (area 000, 666, 900-999; group 00; serial 0000). */
    static String ssn(Rng r, String sep) {
        int area;
        do {
            area = r.between(1, 899);
        } while (area == 666);
        return String.format("%03d%s%02d%s%04d", area, sep, r.between(1, 99), sep, r.between(1, 9999));
    }

    static String itin(Rng r) {
        int group = r.pick(List.of(70, 71, 75, 78, 80, 83, 88, 90, 92, 94, 97, 99));
        return "9" + r.digits(2) + "-" + group + "-" + String.format("%04d", r.between(1, 9999));
    }

    /** A UK National Insurance number with a valid prefix and suffix, spaced or not. */
    static String nino(Rng r, boolean spaced) {
        String first = "ABCEGHJKLMNOPRSTWXYZ";
        String second = "ABCEGHJKLMNPRSTWXYZ";
        String prefix;
        do {
            prefix = r.from(first, 1) + r.from(second, 1);
        } while (List.of("GB", "BG", "NK", "KN", "TN", "NT", "ZZ").contains(prefix));
        String d = r.digits(6);
        String suffix = r.from("ABCD", 1);
        return spaced ? prefix + " " + d.substring(0, 2) + " " + d.substring(2, 4) + " " + d.substring(4) + " " + suffix
                : prefix + d + suffix;
    }

    /** A Luhn-valid Canadian SIN (first digit 1-7 or 9). */
    static String sin(Rng r, String sep) {
        String payload = r.from("12345679", 1) + r.digits(7);
        String d = payload + Checksums.luhn(payload);
        return d.substring(0, 3) + sep + d.substring(3, 6) + sep + d.substring(6);
    }

    static String aba(Rng r) {
        String first8 = r.pick("011", "021", "026", "031", "053", "061", "071", "091", "111", "121", "322")
                + r.digits(5);
        return first8 + Checksums.aba(first8);
    }

    static String phone(Rng r) {
        String area = r.between(2, 9) + r.digits(2);
        String exch = r.between(2, 9) + r.digits(2);
        String line = r.digits(4);
        return switch (r.nextInt(6)) {
            case 0 -> "(" + area + ") " + exch + "-" + line;
            case 1 -> area + "-" + exch + "-" + line;
            case 2 -> "+1 " + area + " " + exch + " " + line;
            case 3 -> area + "." + exch + "." + line;
            case 4 -> "+44 7" + r.digits(3) + " " + r.digits(6);
            default -> "+49 30 " + r.digits(8);
        };
    }

    static String first(Rng r) {
        return r.pick("Amelia", "Noah", "Priya", "Mateo", "Chloe", "Kwame", "Yuki", "Lars", "Fatima", "Diego", "Ingrid",
                "Tomasz", "Aisha", "Hugo", "Mei", "Oscar");
    }

    static String last(Rng r) {
        return r.pick("Whitfield", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Castillo", "Brennan", "Nowak",
                "Haddad", "Schulz", "Ferreira", "Kowalczyk", "Abernathy", "Delacroix");
    }

    static String email(Rng r, String first, String last) {
        return (first.charAt(0) + "." + last).toLowerCase(Locale.ROOT) + r.between(1, 99) + "@"
                + r.pick("gmail.demo", "outlook.demo", "proton.demo", "yahoo.demo", "web.demo") + "."
                + r.pick("com", "net", "de", "fr");
    }

    static String uuid(Rng r) {
        return Negatives.uuid(r);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
