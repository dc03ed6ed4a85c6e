package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CacheFileTest {

    private static final byte[] KEY = filled(32, 7);
    private static final byte[] OTHER_KEY = filled(32, 8);
    private static final byte[] PAYLOAD = "a serialized database".getBytes(StandardCharsets.UTF_8);

    @Test
    void anEncodedEntryDecodesToItsPayloadUnderItsKey() throws Exception {
        assertThat(CacheFile.decode(CacheFile.encode(KEY, PAYLOAD), KEY)).isEqualTo(PAYLOAD);
        assertThat(CacheFile.decode(CacheFile.encode(KEY, new byte[0]), KEY)).isEmpty();
    }

    @Test
    void everySingleFlippedBitIsRefused() {
        byte[] file = CacheFile.encode(KEY, PAYLOAD);
        for (int i = 0; i < file.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = file.clone();
                damaged[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> CacheFile.decode(damaged, KEY)).as("byte %d bit %d", i, bit)
                        .isInstanceOf(CacheFile.Invalid.class);
            }
        }
    }

    @Test
    void aFlippedPayloadByteIsAChecksumMismatch() {
        byte[] file = CacheFile.encode(KEY, PAYLOAD);
        file[60] ^= 1;

        assertThatThrownBy(() -> CacheFile.decode(file, KEY)).hasMessage("checksum mismatch (corrupt)");
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] file = CacheFile.encode(KEY, PAYLOAD);
        for (int length = 0; length < file.length; length++) {
            byte[] cut = Arrays.copyOf(file, length);
            assertThatThrownBy(() -> CacheFile.decode(cut, KEY)).as("length %d", length)
                    .isInstanceOf(CacheFile.Invalid.class).hasMessageStartingWith("truncated");
        }
    }

    @Test
    void bytesAfterTheChecksumAreRefused() {
        byte[] longer = Arrays.copyOf(CacheFile.encode(KEY, PAYLOAD), CacheFile.encode(KEY, PAYLOAD).length + 1);

        assertThatThrownBy(() -> CacheFile.decode(longer, KEY)).hasMessage("trailing bytes after the checksum");
    }

    @Test
    void anIntactEntryOfAnotherKeyIsRefused() {
        assertThatThrownBy(() -> CacheFile.decode(CacheFile.encode(OTHER_KEY, PAYLOAD), KEY))
                .hasMessage("stored under another key (other rules, Hyperscan version or CPU)");
    }

    @Test
    void aForeignFileIsRefusedWithoutQuotingIt() {
        byte[] foreign = ("-----BEGIN RSA PRIVATE KEY-----\n" + "A".repeat(200)).getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> CacheFile.decode(foreign, KEY)).hasMessage("not a Sieve compiled-rules cache file");
    }

    @Test
    void anotherFormatVersionIsRefused() {
        byte[] file = CacheFile.encode(KEY, PAYLOAD);
        file[11] = (byte) (CacheFile.FORMAT + 1);

        assertThatThrownBy(() -> CacheFile.decode(file, KEY))
                .hasMessage("format version " + (CacheFile.FORMAT + 1) + " (expected: " + CacheFile.FORMAT + ")");
    }

    @Test
    void aKeyOfTheWrongSizeIsAProgrammingError() {
        assertThatThrownBy(() -> CacheFile.encode(new byte[31], PAYLOAD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key: 31 bytes (expected: 32)");
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
