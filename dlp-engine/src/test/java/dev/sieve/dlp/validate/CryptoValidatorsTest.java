package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** WIF, xprv, BIP-39 and GitHub CRC32 validators, on values built here from random bytes (never real keys). */
class CryptoValidatorsTest {

    private static final String B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private final Random random = new Random(11);

    private static boolean check(String name, String value) {
        return Validators.create(name, Map.of()).test(value, ValidationContext.empty("r"));
    }

    static String base58check(byte[] payload) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] check = sha.digest(sha.digest(payload));
        byte[] full = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(check, 0, full, payload.length, 4);
        StringBuilder out = new StringBuilder();
        BigInteger n = new BigInteger(1, full);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(58));
            out.append(B58.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < full.length && full[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private byte[] wifPayload(int version, boolean compressed) {
        byte[] p = new byte[compressed ? 34 : 33];
        p[0] = (byte) version;
        System.arraycopy(bytes(32), 0, p, 1, 32);
        if (compressed) {
            p[33] = 1;
        }
        return p;
    }

    private static String flip(String s, int fromEnd) {
        int i = s.length() - fromEnd;
        return s.substring(0, i) + (s.charAt(i) == 'z' ? 'y' : 'z') + s.substring(i + 1);
    }

    @Test
    void wifAcceptsMainnetAndTestnetKeysCompressedOrNot() throws Exception {
        for (int version : new int[] {0x80, 0xef}) {
            for (boolean compressed : new boolean[] {true, false}) {
                String wif = base58check(wifPayload(version, compressed));
                assertThat(check("wif", wif)).as("%x %s", version, compressed).isTrue();
                assertThat(check("wif", flip(wif, 3))).as("checksum").isFalse();
            }
        }
        byte[] badFlag = wifPayload(0x80, true);
        badFlag[33] = 2;
        assertThat(check("wif", base58check(badFlag))).as("compression flag").isFalse();
        byte[] address = new byte[21];
        System.arraycopy(bytes(20), 0, address, 1, 20);
        assertThat(check("wif", base58check(address))).as("P2PKH address").isFalse();
        assertThat(check("wif", base58check(wifPayload(0x00, true)))).as("version").isFalse();
        assertThat(check("wif", "L16wNSwct5cJMrhbtV5VHdmkhW7KP5UUg1MK4uyM9vCWnoeX0000")).as("0 is not base58").isFalse();
    }

    private String extended(int version, int keyPrefix) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(78);
        b.putInt(version).put((byte) 0).put(new byte[4]).putInt(0).put(bytes(32)).put((byte) keyPrefix).put(bytes(32));
        return base58check(b.array());
    }

    @Test
    void xprvAcceptsPrivateVersionsOnly() throws Exception {
        for (int version : new int[] {0x0488ade4, 0x04358394, 0x049d7878, 0x04b2430c, 0x045f18bc}) {
            String key = extended(version, 0);
            assertThat(check("xprv", key)).as("%x", version).isTrue();
            assertThat(check("xprv", flip(key, 2))).isFalse();
        }
        assertThat(check("xprv", extended(0x0488b21e, 2))).as("xpub").isFalse();
        assertThat(check("xprv", extended(0x0488ade4, 2))).as("public key data under a private version").isFalse();
    }

    static List<String> words() throws Exception {
        try (InputStream in = Bip39.class.getResourceAsStream("bip39-english.txt")) {
            byte[] data = in.readAllBytes();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)))
                    .as("the word list is the BIP-39 English list").isEqualTo(
                            "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda");
            return List.of(new String(data, java.nio.charset.StandardCharsets.US_ASCII).split("\n"));
        }
    }

    static String mnemonic(byte[] entropy, List<String> words) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(entropy);
        int cs = entropy.length * 8 / 32;
        BigInteger bits = new BigInteger(1, entropy).shiftLeft(cs).or(BigInteger.valueOf((hash[0] & 0xff) >> (8 - cs)));
        int n = (entropy.length * 8 + cs) / 11;
        List<String> out = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            out.add(words.get(bits.shiftRight(i * 11).intValue() & 2047));
        }
        return String.join(" ", out);
    }

    @Test
    void bip39AcceptsEveryLengthWithItsChecksum() throws Exception {
        List<String> words = words();
        assertThat(check("bip39", mnemonic(new byte[16], words))).isTrue();
        assertThat(mnemonic(new byte[16], words)).endsWith("abandon about");
        for (int bytes : new int[] {16, 20, 24, 28, 32}) {
            String m = mnemonic(bytes(bytes), words);
            assertThat(check("bip39", m)).as("%d bytes", bytes).isTrue();
            assertThat(check("bip39", "recovery words\n" + m.toUpperCase() + "\n")).as("around other words").isTrue();
        }
        String[] w = mnemonic(bytes(16), words).split(" ");
        StringBuilder numbered = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            numbered.append(i + 1).append(". ").append(w[i]).append('\n');
        }
        assertThat(check("bip39", numbered.toString())).as("numbered list").isTrue();
    }

    @Test
    void bip39RejectsWrongChecksumsShortRunsAndProse() throws Exception {
        List<String> words = words();
        int wrong = 0;
        for (int i = 0; i < 50; i++) {
            String[] w = mnemonic(bytes(32), words).split(" ");
            String last = w[w.length - 1];
            w[w.length - 1] = words.get((words.indexOf(last) + 1) % 2048); // 24 words: 8 checksum bits
            wrong += check("bip39", String.join(" ", w)) ? 0 : 1;
        }
        assertThat(wrong).as("an 8-bit checksum lets about 1 in 256 through").isGreaterThanOrEqualTo(48);
        String m = mnemonic(bytes(16), words);
        assertThat(check("bip39", m.substring(0, m.lastIndexOf(' ')))).as("11 words").isFalse();
        assertThat(check("bip39", "the quick brown fox jumps over the lazy dog while seven other animals sleep")).isFalse();
    }

    private String githubToken(String prefix) {
        String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            body.append(alnum.charAt(random.nextInt(alnum.length())));
        }
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        long v = crc.getValue();
        StringBuilder check = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            check.append(base62.charAt((int) (v % 62)));
            v /= 62;
        }
        return prefix + body + check.reverse();
    }

    @Test
    void githubCrc32() {
        for (String prefix : new String[] {"ghp_", "gho_", "ghs_", "xghp_"}) {
            String token = githubToken(prefix);
            assertThat(check("github-crc32", token)).as(prefix).isTrue();
            assertThat(check("github-crc32", flip(token, 1))).as("last checksum character").isFalse();
            assertThat(check("github-crc32", flip(token, 10))).as("body character").isFalse();
        }
        assertThat(check("github-crc32", "ghp_short")).isFalse();
    }
}
