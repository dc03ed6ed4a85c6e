package dev.sieve.proxy.config;

import dev.sieve.dlp.Action;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One MCP server's tool policy ({@code allow[].tools} of an entry with {@code mcp: true}): which {@code tools/call}
 * names may be called, and the action for DLP findings in a call of a given tool.
 *
 * <p>With {@code allowByDefault} every tool not in {@code deny} may be called ({@code allow} is then empty); without
 * it only the tools in {@code allow} may ({@code deny} is then empty). The binder checks both, and that every tool
 * with an action may be called.
 *
 * @param allowByDefault {@code tools.default: allow} (true, the default) or {@code deny}
 * @param allow          tools that may be called under {@code default: deny}
 * @param deny           tools that may not be called under {@code default: allow}
 * @param actions        tool name to the action for every DLP finding in a call of that tool, replacing the rules'
 *                       own actions (and the destination's {@code inspection.actions}) for that call
 */
public record ToolPolicy(boolean allowByDefault, Set<String> allow, Set<String> deny, Map<String, Action> actions) {

    /** Every tool may be called; findings keep their rules' actions. */
    public static final ToolPolicy ALLOW_ALL = new ToolPolicy(true, Set.of(), Set.of(), Map.of());

    /**
     * A tool name as the MCP specification recommends: 1-128 ASCII letters, digits, {@code _}, {@code -} and
     * {@code .}.
     */
    public static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    public ToolPolicy {
        allow = Set.copyOf(allow);
        deny = Set.copyOf(deny);
        actions = Map.copyOf(actions);
    }

    /** True if a {@code tools/call} of {@code tool} may go to the server. */
    public boolean allows(String tool) {
        if (deny.contains(tool)) {
            return false;
        }
        return allowByDefault || allow.contains(tool);
    }

    /** The action for findings in a call of {@code tool}, when the policy sets one. */
    public Optional<Action> action(String tool) {
        return Optional.ofNullable(actions.get(tool));
    }

    /** True if the administrator wrote this name in the policy (so it is not request data to Sieve). */
    public boolean names(String tool) {
        return allow.contains(tool) || deny.contains(tool) || actions.containsKey(tool);
    }
}
