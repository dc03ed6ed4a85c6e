package dev.sieve.proxy.auth;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Revoked token ids and agent ids, from one source.
 *
 * <p>Text form (the watched file): lines {@code token:<id>} and {@code agent:<id>}; blank lines and lines starting
 * with {@code #} are skipped.
 */
public record RevocationState(Set<String> tokens, Set<String> agents) {

    public static final RevocationState EMPTY = new RevocationState(Set.of(), Set.of());

    public RevocationState {
        tokens = Set.copyOf(tokens);
        agents = Set.copyOf(agents);
    }

    public boolean revokes(String agentId, Optional<String> tokenId) {
        return agents.contains(agentId) || tokenId.isPresent() && tokens.contains(tokenId.get());
    }

    public int size() {
        return tokens.size() + agents.size();
    }

    public RevocationState with(Revocation r) {
        return change(r, true);
    }

    public RevocationState without(Revocation r) {
        return change(r, false);
    }

    private RevocationState change(Revocation r, boolean add) {
        Set<String> t = new HashSet<>(tokens);
        Set<String> a = new HashSet<>(agents);
        Set<String> target = r.kind() == Revocation.Kind.TOKEN ? t : a;
        if (add) {
            target.add(r.id());
        } else {
            target.remove(r.id());
        }
        return new RevocationState(t, a);
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException {@code "line N: ... (expected: ...)"} for a line that is neither
     */
    public static RevocationState parse(String content) {
        Set<String> t = new HashSet<>();
        Set<String> a = new HashSet<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Revocation r;
            try {
                r = Revocation.parse(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage());
            }
            (r.kind() == Revocation.Kind.TOKEN ? t : a).add(r.id());
        }
        return new RevocationState(t, a);
    }
}
