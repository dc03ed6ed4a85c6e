package dev.sieve.dlp;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The sample rule folder in test resources, loaded once, and engines compiled from it. */
final class SampleRules {

    static final RuleSet RULES = load();
    private static final Map<EngineKind, CompiledRules> ENGINES = new EnumMap<>(EngineKind.class);

    private SampleRules() {
    }

    static Path folder() {
        try {
            return Path.of(SampleRules.class.getResource("/rules/sample/settings.yaml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuleSet load() {
        try {
            return RuleSet.load(folder());
        } catch (RuleLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The engines to test: Java always, Hyperscan when it loads here. */
    static List<EngineKind> kinds() {
        List<EngineKind> kinds = new ArrayList<>(List.of(EngineKind.JAVA));
        if (Engines.hyperscanAvailable()) {
            kinds.add(EngineKind.HYPERSCAN);
        }
        return kinds;
    }

    static synchronized CompiledRules engine(EngineKind kind) {
        return ENGINES.computeIfAbsent(kind, k -> Engines.compile(RULES, k));
    }

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static ByteBuffer direct(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer d = ByteBuffer.allocateDirect(b.length);
        d.put(b).flip();
        return d;
    }
}
