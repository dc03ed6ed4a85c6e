package dev.sieve.proxy.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.dlp.inspect.Placeholders;
import dev.sieve.proxy.config.RedactionSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactionTest {

    static final String P = "[REDACTED:r:0a1b2c3d]";

    @TempDir
    Path dir;

    static Redaction restoring() {
        return new Redaction(Placeholders.randomKey(), new OriginalStore(1 << 20, Duration.ofHours(1)));
    }

    static ByteBuffer value(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theScopeIsTheAgentOrElseTheClientAddressWithoutItsPort() {
        assertThat(Redaction.scope("alice", "10.0.0.7:51234")).isEqualTo("agent:alice");
        assertThat(Redaction.scope("anonymous", "10.0.0.7:51234")).isEqualTo("client:10.0.0.7");
        assertThat(Redaction.scope(null, "10.0.0.7:40000")).isEqualTo("client:10.0.0.7");
    }

    @Test
    void originalsAreKeptOnlyWhenTheRequestIsForwardedRedacted() {
        Redaction redaction = restoring();
        Redaction.Capture blocked = redaction.capture("agent:a");
        blocked.minted(P, value("secret-1"));
        blocked.discard();
        assertThat(redaction.capture("agent:a").lookup().orElseThrow().original(P)).isEmpty();

        Redaction.Capture forwarded = redaction.capture("agent:a");
        forwarded.minted(P, value("secret-1"));
        forwarded.commit();
        assertThat(forwarded.lookup().orElseThrow().original(P)).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("secret-1"));
        assertThat(redaction.capture("agent:b").lookup().orElseThrow().original(P)).isEmpty();
    }

    @Test
    void withoutRestoreNothingIsKeptAndThereIsNoLookup() {
        Redaction redaction = new Redaction(Placeholders.randomKey(), null);
        Redaction.Capture c = redaction.capture("agent:a");
        c.minted(P, value("secret"));
        c.commit();

        assertThat(redaction.restores()).isFalse();
        assertThat(c.lookup()).isEmpty();
    }

    @Test
    void aConfiguredKeyGivesTheSamePlaceholdersAcrossStartsAndAShortKeyIsRefused() throws Exception {
        Path key = Files.write(dir.resolve("redaction.key"), new byte[32]);
        RedactionSettings settings = new RedactionSettings(Optional.of(key), false, 1 << 20, Duration.ofHours(1));

        assertThat(Redaction.start(settings).placeholders().mint("r", value("v")))
                .isEqualTo(Redaction.start(settings).placeholders().mint("r", value("v")));
        assertThat(Redaction.start(RedactionSettings.DEFAULTS).placeholders().generatedKey()).isTrue();
        Files.write(key, new byte[8]);
        assertThatThrownBy(() -> Redaction.start(settings)).hasMessage("redaction.keyFile " + key
                + ": 8 bytes (expected: at least 32 raw bytes, e.g. head -c 32 /dev/urandom)");
    }
}
