package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The cases of a family whose texts go, in turn, into the chat and tool containers it names: a positive expects one
 * credential rule and is tagged {@code <family>:<kind>}, a negative is tagged {@code neg:<family>} and, when given,
 * {@code neg:<kind>}. Shared by the families that need nothing more ({@link Pub35}, {@link Vendor35}).
 */
final class TextFamily {

    private final String family;
    private final List<String> containers;
    private final Rng r;
    private final List<HardCorpus.Out> out = new ArrayList<>();
    private int turn;

    TextFamily(String family, List<String> containers, Rng r) {
        this.family = family;
        this.containers = containers;
        this.r = r;
    }

    void positive(String kind, String rule, String text) {
        String container = HardCorpus.fit(containers, turn++, text);
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(rule), List.of(),
                List.of("family:" + family, "cat:" + Values.CREDENTIAL, family + ":" + kind, "container:" + container,
                        "enc:none"), ""));
    }

    /** @param kind the negative's kind tag, or null for none */
    void negative(String kind, String text) {
        String container = HardCorpus.fit(containers, turn++, text);
        List<String> tags = new ArrayList<>(List.of("family:" + family, "neg:" + family));
        if (kind != null) {
            tags.add("neg:" + kind);
        }
        tags.addAll(List.of("container:" + container, "enc:none"));
        out.add(new HardCorpus.Out(Containers.build(container, text, false, r), List.of(), List.of(), List.copyOf(tags),
                text));
    }

    List<HardCorpus.Out> cases() {
        return out;
    }
}
