package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static byte[] reference(byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] hash(Hmac hmac, byte[] data) {
        Mac mac = hmac.mac();
        mac.update(data);
        return mac.doFinal();
    }

    @Test
    void aReusedMacHashesLikeAFreshOne() throws Exception {
        Hmac hmac = new Hmac(KEY);
        byte[] a = "first value".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second value".getBytes(StandardCharsets.UTF_8);
        assertThat(hash(hmac, a)).isEqualTo(reference(a));
        assertThat(hash(hmac, b)).isEqualTo(reference(b));
        assertThat(hash(hmac, a)).isEqualTo(reference(a));
    }

    @Test
    void anAbandonedUpdateDoesNotLeakIntoTheNextHash() throws Exception {
        Hmac hmac = new Hmac(KEY);
        hmac.mac().update("left half-way".getBytes(StandardCharsets.UTF_8));
        byte[] a = "value".getBytes(StandardCharsets.UTF_8);
        assertThat(hash(hmac, a)).isEqualTo(reference(a));
    }

    @Test
    void otherThreadsAndOtherKeysHashOnTheirOwn() throws Exception {
        Hmac hmac = new Hmac(KEY);
        byte[] a = "value".getBytes(StandardCharsets.UTF_8);
        assertThat(CompletableFuture.supplyAsync(() -> hash(hmac, a)).get()).isEqualTo(reference(a));
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThat(hash(new Hmac(otherKey), a)).isNotEqualTo(reference(a));
        assertThat(hash(hmac, a)).isEqualTo(reference(a));
    }
}
