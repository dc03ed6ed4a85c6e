package dev.sieve.proxy.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code auth:} section: agent identification by {@code Proxy-Authorization}.
 *
 * <p>{@link #toString()} never shows tokens.
 *
 * @param required true if requests without valid credentials get 407
 * @param tokens agent id to token, from {@code auth.tokens} and {@code auth.tokenFile} together
 * @param tokenFile the token file the tokens were partly read from, if any
 */
public record AuthSettings(boolean required, Map<String, String> tokens, Optional<Path> tokenFile) {

    public AuthSettings {
        tokens = Map.copyOf(tokens);
    }

    @Override
    public String toString() {
        return "AuthSettings[required=" + required + ", agents=" + new java.util.TreeSet<>(tokens.keySet())
                + ", tokenFile=" + tokenFile + "]";
    }
}
