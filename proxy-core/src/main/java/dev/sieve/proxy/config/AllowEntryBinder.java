package dev.sieve.proxy.config;

import dev.sieve.proxy.policy.SubdomainLimits;

/**
 * Validates what an allow entry adds to routing: {@code subdomains} (the defaults every wildcard allow entry uses)
 * and {@code allow[].subdomains} (an entry's own, key by key over the defaults) into {@link SubdomainLimits}, and
 * destination class names ({@code allow[].class}, {@code rules.overrides.<id>.actions}). Errors use {@link ConfigBinder}'s
 * {@code key: value (expected: ...)} form with file and line.
 */
final class AllowEntryBinder {

    private final ConfigBinder binder;

    AllowEntryBinder(ConfigBinder binder) {
        this.binder = binder;
    }

    /** The defaults (every key is present after merging with the built-in file). */
    SubdomainLimits global(ConfigDto.SubdomainsDto dto) {
        return bind("subdomains", dto == null ? new ConfigDto.SubdomainsDto() : dto, null);
    }

    /** An entry's limits: {@code global} with the keys {@code dto} sets. */
    SubdomainLimits entry(String path, ConfigDto.SubdomainsDto dto, SubdomainLimits global) {
        return dto == null ? global : bind(path, dto, global);
    }

    private SubdomainLimits bind(String prefix, ConfigDto.SubdomainsDto d, SubdomainLimits base) {
        boolean check;
        if (d.check != null) {
            check = d.check;
        } else if (base != null) {
            check = base.check();
        } else {
            throw binder.fail(prefix + ".check", "null", "true or false");
        }
        int maxLabel = d.maxLabelLength == null && base != null ? base.maxLabelLength()
                : binder.integer(prefix + ".maxLabelLength", d.maxLabelLength, 1, SubdomainLimits.MAX_LABEL);
        int minEncoded = d.minEncodedLength == null && base != null ? base.minEncodedLength()
                : binder.integer(prefix + ".minEncodedLength", d.minEncodedLength, 8, SubdomainLimits.MAX_LABEL + 1);
        double maxEntropy;
        if (d.maxEntropy == null && base != null) {
            maxEntropy = base.maxEntropy();
        } else if (d.maxEntropy == null || !(d.maxEntropy >= 1.0 && d.maxEntropy <= 6.0)) {
            throw binder.fail(prefix + ".maxEntropy", String.valueOf(d.maxEntropy),
                    "a number of bits per character in 1.0-6.0");
        } else {
            maxEntropy = d.maxEntropy;
        }
        return new SubdomainLimits(check, maxLabel, minEncoded, maxEntropy);
    }

    /** The entry's MCP tool policy ({@code mcp}, {@code tools}) when it is an MCP server ({@link ToolPolicyBinder}). */
    java.util.Optional<dev.sieve.proxy.config.ToolPolicy> mcp(String path, ConfigDto.AllowDto entry,
            dev.sieve.proxy.policy.Mode mode) {
        return new ToolPolicyBinder(binder).bind(path, entry.mcp, entry.tools, binder.explicitlyNull(path + ".mcp"),
                binder.explicitlyNull(path + ".tools"), mode);
    }

    /**
     * {@code allow[].websocket}: default false. WebSocket messages are inspected inside intercepted tunnels only; a
     * passthrough entry relays them unread already, so the key there would promise inspection that never happens.
     */
    boolean websocket(String path, Boolean value, boolean explicitlyNull, dev.sieve.proxy.policy.Mode mode) {
        if (explicitlyNull) {
            throw binder.fail(path, "null", "true or false");
        }
        boolean on = value != null && value;
        if (on && mode == dev.sieve.proxy.policy.Mode.PASSTHROUGH) {
            throw binder.fail(path, "true", "websocket only on an inspect entry (a passthrough tunnel relays"
                    + " WebSocket traffic unread)");
        }
        return on;
    }

    /** {@code name} as a destination class, or a failure naming {@code path}. */
    String destinationClass(String path, String name) {
        if (name == null || !dev.sieve.proxy.policy.AllowRule.CLASS_NAME.matcher(name).matches()) {
            throw binder.fail(path, name == null ? "null" : ConfigBinder.quote(name), "model-provider, other or a"
                    + " class of your own: a lower-case letter, then up to 31 lower-case letters, digits or '-'");
        }
        return name;
    }
}
