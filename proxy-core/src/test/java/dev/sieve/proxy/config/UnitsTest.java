package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0, 0", "512, 512", "512B, 512",
        "1KB, 1000", "1MB, 1000000", "1GB, 1000000000",
        "1KiB, 1024", "64KiB, 65536", "10MiB, 10485760", "1GiB, 1073741824",
    })
    void parsesSizes(String text, long bytes) {
        assertThat(Units.parseSize(text)).hasValue(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1.5MiB", "10mb", "10 MiB", "1kib", "1K", "KiB", "99999999999999999999",
        "9223372036854775807GiB"})
    void rejectsSizes(String text) {
        assertThat(Units.parseSize(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"500ms, PT0.5S", "10s, PT10S", "2m, PT2M", "1h, PT1H", "7d, PT168H", "0s, PT0S"})
    void parsesDurations(String text, Duration expected) {
        assertThat(Units.parseDuration(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "10S", "10sec", "1.5s", "-1s", "1 s", "1w", "999999999999999999d"})
    void rejectsDurations(String text) {
        assertThat(Units.parseDuration(text)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"256, 256", "1024, 1KiB", "1048576, 1MiB", "1000, 1KB", "1500, 1500", "1073741824, 1GiB"})
    void formatsSizes(long bytes, String text) {
        assertThat(Units.formatSize(bytes)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"PT0.1S, 100ms", "PT1S, 1s", "PT90S, 90s", "PT1H, 1h", "PT9528H, 397d"})
    void formatsDurations(Duration duration, String text) {
        assertThat(Units.formatDuration(duration)).isEqualTo(text);
    }
}
