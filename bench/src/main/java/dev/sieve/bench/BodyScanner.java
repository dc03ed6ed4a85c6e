package dev.sieve.bench;

import dev.sieve.bench.fixture.Body;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.dlp.view.DecodeOutcome;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;

/**
 * One way of scanning a request body with compiled rules, the implementation a benchmark picks with a
 * {@code view} {@code @Param}. Implementations are stateless apart from their rules and thread-safe.
 */
public interface BodyScanner {

    /**
     * Scans {@code body} and returns the number of findings.
     *
     * @param wire the body bytes to read (heap or direct); its position is not changed
     * @throws IllegalStateException if the body does not decode (a fixture bug, never a result)
     */
    int scan(Body body, ByteBuffer wire);

    /**
     * The scanner for a {@code view} parameter: {@code raw} scans the wire bytes as one view (what a scanner sees
     * without decoders), {@code decoded} runs {@link Views#decode} with default limits and scans every view,
     * {@code inspector} runs the proxy's {@link Inspector} facade (headers, views, decision; redaction and rescan
     * when the strictest action is redact) with default limits and policy.
     *
     * @throws IllegalArgumentException for any other value
     */
    static BodyScanner forView(String view, CompiledRules rules) {
        return forView(view, rules, ViewLimits.defaults());
    }

    /** Like {@link #forView(String, CompiledRules)} with {@code limits} (e.g. the decoding graph off). */
    static BodyScanner forView(String view, CompiledRules rules, ViewLimits limits) {
        Objects.requireNonNull(rules, "rules");
        return switch (view.toLowerCase(Locale.ROOT)) {
            case "raw" -> (body, wire) -> rules.scan("body", wire).size();
            case "decoded" -> new Decoded(rules, limits);
            case "inspector" -> {
                Inspector inspector = new Inspector(rules, limits);
                yield (body, wire) -> {
                    try (Inspection inspection = inspector.open(body.meta(), InspectionPolicy.defaults())) {
                        inspection.feed(wire);
                        return inspection.finish(wire).findings().size();
                    }
                };
            }
            default -> throw new IllegalArgumentException("view: '" + view
                    + "' (expected: raw, decoded or inspector)");
        };
    }

    /** Decodes the request into views and scans each one. */
    final class Decoded implements BodyScanner {

        private final CompiledRules rules;
        private final ViewLimits limits;

        Decoded(CompiledRules rules, ViewLimits limits) {
            this.rules = rules;
            this.limits = limits;
        }

        @Override
        public int scan(Body body, ByteBuffer wire) {
            int[] findings = new int[1];
            DecodeOutcome outcome = Views.decode(body.meta(), wire, limits,
                    (path, content) -> findings[0] += rules.scan(path, content).size());
            if (outcome instanceof DecodeOutcome.Failed failed) {
                throw new IllegalStateException("fixture: " + body.kind() + " of " + body.wire().length
                        + " bytes did not decode: " + failed.reason() + " " + failed.detail()
                        + " (expected: every generated body decodes within default limits)");
            }
            return findings[0];
        }
    }
}
