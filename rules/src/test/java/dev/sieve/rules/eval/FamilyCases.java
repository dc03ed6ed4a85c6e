package dev.sieve.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The cases one appended family writes, as its positives and negatives are tagged: each text in the next container of
 * the family's rotation ({@link HardCorpus#fit}), positives tagged {@code family:F}, {@code cat:C},
 * {@code container:X}, {@code enc:none} and {@code rt3:KIND}, negatives {@code family:F}, {@code neg:F},
 * {@code neg:KIND}, {@code container:X} and {@code enc:none}. Shared by {@link CredMore} and {@link CredCli}.
 */
final class FamilyCases {

    private final String family;
    private final List<String> rotation;
    private final Rng r;
    private final String kindTag;
    private final List<HardCorpus.Out> out = new ArrayList<>();
    private int turn;

    FamilyCases(String family, List<String> rotation, Rng r) {
        this(family, rotation, r, "rt3");
    }

    /** As above, positives tagged {@code <kindTag>:KIND} (a later red team's families use {@code rt4}). */
    FamilyCases(String family, List<String> rotation, Rng r, String kindTag) {
        this.family = family;
        this.rotation = rotation;
        this.r = r;
        this.kindTag = kindTag;
    }

    /** A positive: {@code text} in the next fitting container of the rotation. */
    void text(String kind, String rule, String text) {
        String container = HardCorpus.fit(rotation, turn++, text);
        positive(kind, List.of(rule), Containers.build(container, text, false, r), container);
    }

    /** A positive request built by the family, expecting {@code rules}. */
    void positive(String kind, List<String> rules, Containers.Req req, String container) {
        List<String> tags = new ArrayList<>(List.of("family:" + family));
        rules.stream().map(id -> id.substring(0, id.indexOf('.'))).distinct().forEach(cat -> tags.add("cat:" + cat));
        tags.addAll(List.of("container:" + container, "enc:none", kindTag + ":" + kind));
        out.add(new HardCorpus.Out(req, rules, List.of(), tags, ""));
    }

    /** A hard negative: {@code text} in the next fitting container of the rotation. */
    void neg(String kind, String text) {
        String container = HardCorpus.fit(rotation, turn++, text);
        negative(kind, Containers.build(container, text, false, r), container, text);
    }

    /** A hard negative request built by the family; {@code note} says what it holds. */
    void negative(String kind, Containers.Req req, String container, String note) {
        out.add(new HardCorpus.Out(req, List.of(), List.of(),
                List.of("family:" + family, "neg:" + family, "neg:" + kind, "container:" + container, "enc:none"),
                note));
    }

    List<HardCorpus.Out> all() {
        return List.copyOf(out);
    }
}
