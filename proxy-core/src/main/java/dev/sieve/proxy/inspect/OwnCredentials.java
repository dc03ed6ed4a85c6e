package dev.sieve.proxy.inspect;

import java.util.Set;

/**
 * The rule ids of a destination's own API credentials: an Anthropic key in {@code x-api-key} to
 * {@code api.anthropic.com} is how the agent authenticates, not a leak, and passes; the same key
 * anywhere else (the body, another header, another destination) is still a finding.
 */
public final class OwnCredentials {
    private OwnCredentials() {}

    public static Set<String> forHost(String host) {
        if (host.equals("api.anthropic.com")) {
            return Set.of("credential.anthropic-api-key");
        }
        if (host.equals("api.openai.com") || host.endsWith(".openai.azure.com")) {
            return Set.of("credential.openai-api-key");
        }
        if (host.equals("generativelanguage.googleapis.com") || host.endsWith("aiplatform.googleapis.com")) {
            return Set.of("credential.gcp-api-key");
        }
        if (host.startsWith("bedrock-runtime.") && host.endsWith(".amazonaws.com")) {
            return Set.of("credential.aws-access-key-id", "credential.aws-session-token");
        }
        return Set.of();
    }
}
