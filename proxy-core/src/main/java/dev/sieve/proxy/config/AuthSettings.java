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
 * @param signed signed agent tokens: verification keys, revocations
 */
public record AuthSettings(boolean required, Map<String, String> tokens, Optional<Path> tokenFile,
        TokenSettings signed) {

    public AuthSettings {
        tokens = Map.copyOf(tokens);
        java.util.Objects.requireNonNull(signed, "signed");
    }

    /** Static tokens only, signed-token settings at their defaults under the working directory. */
    public AuthSettings(boolean required, Map<String, String> tokens, Optional<Path> tokenFile) {
        this(required, tokens, tokenFile, TokenSettings.defaults(Path.of("")));
    }

    @Override
    public String toString() {
        return "AuthSettings[required=" + required + ", agents=" + new java.util.TreeSet<>(tokens.keySet())
                + ", tokenFile=" + tokenFile + ", signed=" + signed + "]";
    }
}
