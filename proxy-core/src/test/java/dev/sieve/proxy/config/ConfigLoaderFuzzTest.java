package dev.sieve.proxy.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The config loader on arbitrary bytes as a config file: the only exception it may throw is
 * {@link ConfigException} (naming the file, line and key). The environment is empty and the home
 * and working directories are a fresh temporary folder, so nothing outside the input matters.
 *
 * <p>Seeds: {@code src/test/resources/dev/sieve/proxy/config/ConfigLoaderFuzzTestInputs/configFile}.
 */
class ConfigLoaderFuzzTest {
    private static final Path HOME;

    static {
        try {
            HOME = Files.createTempDirectory("sieve-config-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final ConfigLoader LOADER = new ConfigLoader(Map.of(), HOME, HOME);

    @FuzzTest(maxDuration = "10s")
    void configFile(byte[] input) {
        try {
            LOADER.parse(new String(input, StandardCharsets.UTF_8), "fuzz.yaml", HOME);
        } catch (ConfigException expected) {
            // an invalid config, reported with its file, line and key
        }
    }
}
