package dev.sieve.proxy.config;

import dev.sieve.dlp.Action;
import dev.sieve.proxy.policy.Mode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates an allow entry's {@code mcp} and {@code tools} keys into the entry's {@link ToolPolicy}: present only for
 * an entry with {@code mcp: true}. Errors use {@link ConfigBinder}'s {@code key: value (expected: ...)} form with file
 * and line.
 */
final class ToolPolicyBinder {
    private static final String NAME_SYNTAX = "a tool name: 1-128 of A-Z a-z 0-9 _ - .";

    private final ConfigBinder binder;

    ToolPolicyBinder(ConfigBinder binder) {
        this.binder = binder;
    }

    /**
     * @param path  {@code allow[i]}
     * @param mcp   the entry's {@code mcp} ({@code null} when absent)
     * @param tools the entry's {@code tools} ({@code null} when absent)
     * @param mcpNull true if the file sets {@code mcp: null}; {@code toolsNull} the same for {@code tools}
     * @return the policy of an MCP server entry, empty for any other entry
     */
    Optional<ToolPolicy> bind(String path, Boolean mcp, ConfigDto.ToolsDto tools, boolean mcpNull, boolean toolsNull,
            Mode mode) {
        if (mcpNull) {
            throw binder.fail(path + ".mcp", "null", "true or false");
        }
        boolean server = mcp != null && mcp;
        if (server && mode == Mode.PASSTHROUGH) {
            throw binder.fail(path + ".mcp", "true", "mcp only on an inspected entry (mode inspect): a passthrough"
                    + " tunnel's JSON-RPC is not read");
        }
        if (toolsNull) {
            throw binder.fail(path + ".tools", "null", "a mapping of the tool policy, or no tools key");
        }
        if (!server) {
            if (tools != null) {
                throw binder.fail(path + ".tools", "a mapping", "tools only on an entry with mcp: true");
            }
            return Optional.empty();
        }
        return Optional.of(tools == null ? ToolPolicy.ALLOW_ALL : policy(path + ".tools", tools));
    }

    private ToolPolicy policy(String path, ConfigDto.ToolsDto t) {
        String fallback = t.defaultAction == null ? "allow" : t.defaultAction;
        boolean allowByDefault = switch (fallback) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw binder.fail(path + ".default", ConfigBinder.quote(fallback), "allow or deny");
        };
        Set<String> allow = names(path + ".allow", t.allow);
        Set<String> deny = names(path + ".deny", t.deny);
        if (allowByDefault && !allow.isEmpty()) {
            throw binder.fail(path + ".allow", "a list", "allow only with default: deny (with default: allow every"
                    + " tool not in deny may be called)");
        }
        if (!allowByDefault && !deny.isEmpty()) {
            throw binder.fail(path + ".deny", "a list", "deny only with default: allow (with default: deny every"
                    + " tool not in allow is refused)");
        }
        Map<String, Action> actions = new LinkedHashMap<>();
        Map<String, String> listed = t.actions == null ? Map.of() : t.actions;
        for (Map.Entry<String, String> e : listed.entrySet()) {
            String keyPath = path + ".actions." + e.getKey();
            String tool = name(keyPath, "key " + ConfigBinder.quote(e.getKey()), e.getKey());
            if (deny.contains(tool) || !allowByDefault && !allow.contains(tool)) {
                throw binder.fail(keyPath, "key " + ConfigBinder.quote(tool), "a tool that may be called: "
                        + (allowByDefault ? "it is in deny" : "list it in allow first"));
            }
            actions.put(tool, binder.action(keyPath, e.getValue()));
        }
        return new ToolPolicy(allowByDefault, allow, deny, actions);
    }

    private Set<String> names(String path, List<String> listed) {
        Set<String> out = new LinkedHashSet<>();
        if (listed == null) {
            return out;
        }
        for (int i = 0; i < listed.size(); i++) {
            String itemPath = path + "[" + i + "]";
            String value = listed.get(i);
            if (!out.add(name(itemPath, ConfigBinder.quote(value), value))) {
                throw binder.fail(itemPath, ConfigBinder.quote(value), "each tool once");
            }
        }
        return out;
    }

    private String name(String path, String shown, String value) {
        if (value == null || !ToolPolicy.TOOL_NAME.matcher(value).matches()) {
            throw binder.fail(path, shown, NAME_SYNTAX);
        }
        return value;
    }
}
