package dev.sieve.proxy.inspect;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.proxy.config.DestinationInspection;
import dev.sieve.proxy.config.InspectionLimits;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.config.ToolPolicy;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.DestinationPolicy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The inspection policy for a destination, from its allow entry's {@code class} (rules' per-class actions) and
 * {@code inspection:} block (rule selection, action overrides, fail-open, own credentials, decode limits) over the built-in
 * own-credential defaults and the global {@code inspection:} settings. Reads the current config and
 * rules each time, so reloads apply to new requests.
 */
public final class DestinationPolicies {
    private final Supplier<SieveConfig> config;
    private final Supplier<DestinationPolicy> policy;
    private final Supplier<RuleSet> rules;

    public DestinationPolicies(Supplier<SieveConfig> config, Supplier<DestinationPolicy> policy,
            Supplier<RuleSet> rules) {
        this.config = config;
        this.policy = policy;
        this.rules = rules;
    }

    public InspectionPolicy forHost(String host) {
        SieveConfig cfg = config.get();
        Optional<AllowRule> entry = policy.get().allowlist().match(host);
        DestinationInspection di = entry.map(cfg::inspectionFor).orElse(DestinationInspection.DEFAULTS);
        Set<String> own = new HashSet<>(OwnCredentials.forHost(host));
        own.addAll(di.ownCredentials());
        Map<String, Action> overrides = Map.of();
        if (!di.ruleActions().isEmpty() || !di.categoryActions().isEmpty()) {
            overrides = new HashMap<>();
            for (Rule rule : rules.get().rules()) {
                Map<String, Action> o = overrides;
                di.action(rule.id(), rule.category()).ifPresent(a -> o.put(rule.id(), a));
            }
        }
        return new InspectionPolicy(r -> di.applies(r.id(), r.category()), overrides, own,
                di.failOpen(cfg.inspection()), Optional.of(di.limits(cfg.inspection()).values()),
                Optional.of(entry.map(AllowRule::destinationClass).orElse(AllowRule.OTHER)));
    }

    /** The body limit for a destination: its own, or the global {@code inspection.maxBodyBytes}. */
    public long maxBodyBytes(String host) {
        SieveConfig cfg = config.get();
        return destination(cfg, host).maxBodyBytes(cfg.inspection());
    }

    /** The decode limits for a destination, with the keys that set them: its own, else {@code inspection.limits}. */
    public InspectionLimits limits(String host) {
        SieveConfig cfg = config.get();
        return destination(cfg, host).limits(cfg.inspection());
    }

    /** The tool policy of a destination that is an MCP server ({@code allow[].mcp: true}), else empty. */
    public Optional<ToolPolicy> mcp(String host) {
        SieveConfig cfg = config.get();
        return policy.get().allowlist().match(host).flatMap(cfg::mcpFor);
    }

    private DestinationInspection destination(SieveConfig cfg, String host) {
        return policy.get().allowlist().match(host).map(cfg::inspectionFor).orElse(DestinationInspection.DEFAULTS);
    }
}
