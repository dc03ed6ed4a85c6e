package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Bech32Test {

    private static final Validator V = Validators.create("bech32", Map.of());
    private static final ValidationContext CTX = ValidationContext.empty("credential.nostr-private-key");

    /** A synthetic nsec1 key: 52 random data characters (32 bytes) and their checksum. */
    static String nsec(long seed) {
        Random r = new Random(seed);
        int[] data = new int[52];
        StringBuilder s = new StringBuilder("nsec1");
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextInt(i == 51 ? 2 : 32) << (i == 51 ? 4 : 0); // 256 bits: the last character's low bits are 0
            s.append(Bech32.ALPHABET.charAt(data[i]));
        }
        return s.append(Bech32.checksum("nsec", data)).toString();
    }

    @Test
    void theBip173TestVectorsPass() {
        assertThat(V.test("A12UEL5L", CTX)).isTrue();
        assertThat(V.test("a12uel5l", CTX)).isTrue();
        assertThat(V.test("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", CTX)).isTrue();
        assertThat(V.test("split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", CTX)).isTrue();
    }

    @Test
    void syntheticKeysPassAndEveryOneCharacterChangeFails() {
        for (long seed = 1; seed <= 20; seed++) {
            String key = nsec(seed);
            assertThat(key).hasSize(63);
            assertThat(V.test(key, CTX)).as(key).isTrue();
            assertThat(V.test(key.toUpperCase(), CTX)).isTrue();
            for (int i = 5; i < key.length(); i++) {
                char c = key.charAt(i);
                char other = Bech32.ALPHABET.charAt((Bech32.ALPHABET.indexOf(c) + 1) % 32);
                assertThat(V.test(key.substring(0, i) + other + key.substring(i + 1), CTX)).isFalse();
            }
        }
    }

    @Test
    void malformedStringsFail() {
        String key = nsec(7);
        assertThat(V.test("nsec1" + key.substring(5).toUpperCase(), CTX)).isFalse(); // mixed case
        assertThat(V.test("npub1" + key.substring(5), CTX)).isFalse(); // the checksum covers the prefix
        assertThat(V.test(key.replace('q', 'b'), CTX)).isFalse(); // b is not in the alphabet
        assertThat(V.test("nsec1qqqqq", CTX)).isFalse();
        assertThat(V.test("1qpzry9", CTX)).isFalse(); // no human-readable part
        assertThat(V.test("", CTX)).isFalse();
    }
}
