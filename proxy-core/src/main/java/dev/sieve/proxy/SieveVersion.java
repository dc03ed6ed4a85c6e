package dev.sieve.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The running Sieve's version, from the {@code version.properties} the build writes into the jar; {@code unknown}
 * when it cannot be read (a build without resource filtering). Read once.
 */
public final class SieveVersion {

    private static final String VERSION = read();

    private SieveVersion() {}

    /** The version, e.g. {@code 0.17.0}, or {@code unknown}. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        Properties p = new Properties();
        try (InputStream in = SieveVersion.class.getResourceAsStream("/dev/sieve/proxy/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
