package dev.sieve.proxy.control;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.ScanSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Compiles with {@link EngineKind#AUTO} and records every compiled rule set. Each one enforces the Hyperscan
 * contract on every engine: opening a session after {@code close()} throws. So a test fails if a store closes
 * rules that an inspection still uses, even where only the Java engine is available.
 */
final class TrackingCompiler implements Function<RuleSet, CompiledRules> {

    final List<Tracked> compiled = new CopyOnWriteArrayList<>();

    @Override
    public CompiledRules apply(RuleSet rules) {
        Tracked tracked = new Tracked(Engines.compile(rules, EngineKind.AUTO));
        compiled.add(tracked);
        return tracked;
    }

    /** How many compiled rule sets are closed. */
    long closedCount() {
        return compiled.stream().filter(Tracked::closed).count();
    }

    static final class Tracked implements CompiledRules {
        private final CompiledRules delegate;
        private final AtomicInteger closes = new AtomicInteger();

        Tracked(CompiledRules delegate) {
            this.delegate = delegate;
        }

        boolean closed() {
            return closes.get() > 0;
        }

        int closes() {
            return closes.get();
        }

        @Override
        public RuleSet rules() {
            return delegate.rules();
        }

        @Override
        public String engineName() {
            return delegate.engineName();
        }

        @Override
        public ScanSession open(String viewPath) {
            if (closed()) {
                throw new IllegalStateException("engine: closed (expected: open CompiledRules)");
            }
            return delegate.open(viewPath);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            delegate.close();
        }
    }
}
