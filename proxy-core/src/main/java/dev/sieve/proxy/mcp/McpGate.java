package dev.sieve.proxy.mcp;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.proxy.config.ToolPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions an MCP server's {@link ToolPolicy} makes about one request body, as pure functions: which tool call
 * it refuses, which action DLP findings in the body get, and how the call is named in the audit.
 *
 * <p>Names in a body are request data. A tool or prompt name is shown (audit reasons, the refusal) only when it has
 * the shape of a tool name and either the administrator wrote it in the policy or inspection found nothing in the
 * body (so no detected value can be in it); otherwise it is shown as {@code ?}. Methods are shown when they are
 * methods of the MCP specification, else as {@code other}.
 */
public final class McpGate {
    /** At most this many {@code mcp:} reasons per request (a batch may hold many calls). */
    static final int MAX_REASONS = 16;
    static final String HIDDEN = "?";

    private static final Set<String> METHODS = Set.of("initialize", "ping", "tools/list", "tools/call",
            "resources/list", "resources/templates/list", "resources/read", "resources/subscribe",
            "resources/unsubscribe", "prompts/list", "prompts/get", "completion/complete", "logging/setLevel",
            "notifications/initialized", "notifications/cancelled", "notifications/progress",
            "notifications/roots/list_changed", "elicitation/create", "sampling/createMessage", "roots/list");

    private McpGate() {}

    /** The first {@code tools/call} in {@code body} the policy refuses (its raw name), if any. */
    public static Optional<String> firstDenied(McpBody body, ToolPolicy tools) {
        for (McpMessage m : body.messages()) {
            Optional<String> tool = m.tool();
            if (tool.isPresent() && !tools.allows(tool.get())) {
                return tool;
            }
        }
        return Optional.empty();
    }

    /**
     * {@code policy} with the tool actions of the calls in {@code body}: each rule's action becomes, over every
     * message in the body, the strictest of the action of its tool (a {@code tools/call} whose tool has one) or the
     * rule's own action here (every other message). For one call that is simply the tool's action; a batch that
     * mixes calls gets the strictest, since a finding cannot be told apart by call. Unchanged when no call in the
     * body has a tool action.
     */
    public static InspectionPolicy withToolActions(InspectionPolicy policy, RuleSet rules, McpBody body,
            ToolPolicy tools) {
        List<Optional<Action>> perMessage = new ArrayList<>(body.messages().size());
        boolean any = false;
        for (McpMessage m : body.messages()) {
            Optional<Action> a = m.tool().flatMap(tools::action);
            any |= a.isPresent();
            perMessage.add(a);
        }
        if (!any) {
            return policy;
        }
        Map<String, Action> overrides = new HashMap<>();
        for (Rule rule : rules.rules()) {
            Action own = policy.actionOverrides().getOrDefault(rule.id(),
                    policy.destinationClass().map(rule::action).orElse(rule.action()));
            Action effective = null;
            for (Optional<Action> a : perMessage) {
                Action x = a.orElse(own);
                effective = effective == null ? x : effective.max(x);
            }
            overrides.put(rule.id(), effective);
        }
        return new InspectionPolicy(policy.applies(), overrides, policy.allowedCredentialRules(), policy.failOpen(),
                policy.limits(), policy.destinationClass());
    }

    /** {@code name} as it may be shown, or {@code ?} (see the class comment). */
    public static String shown(String name, ToolPolicy tools, boolean findings) {
        boolean shaped = ToolPolicy.TOOL_NAME.matcher(name).matches();
        return shaped && (tools.names(name) || !findings) ? name : HIDDEN;
    }

    /**
     * Audit reasons naming the calls in {@code body}: {@code mcp:tools/call:search}, {@code mcp:prompts/get:review},
     * {@code mcp:resources/read}, {@code mcp:initialize}, {@code mcp:response}; each once, at most
     * {@value #MAX_REASONS}.
     *
     * @param findings inspection found something in the body (names not in the policy are then hidden)
     */
    public static List<String> reasons(McpBody body, ToolPolicy tools, boolean findings) {
        Set<String> out = new LinkedHashSet<>();
        for (McpMessage m : body.messages()) {
            if (out.size() == MAX_REASONS) {
                break;
            }
            if (m.kind() == McpMessage.Kind.RESPONSE) {
                out.add("mcp:response");
                continue;
            }
            String method = METHODS.contains(m.method()) ? m.method() : "other";
            out.add("mcp:" + method + m.name().map(n -> ":" + shown(n, tools, findings)).orElse(""));
        }
        return List.copyOf(out);
    }

    /**
     * True if an {@code Accept} header lists text/event-stream (with a q-value above 0): a refusal is then sent as SSE
     * events, the shape the client asked to be able to read (MCP clients list both it and application/json).
     */
    public static boolean acceptsEventStream(String accept) {
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            String[] params = part.split(";");
            if (params[0].strip().equalsIgnoreCase("text/event-stream") && !refused(params)) {
                return true;
            }
        }
        return false;
    }

    /** True if the media range's parameters say {@code q=0}. */
    private static boolean refused(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip().toLowerCase(java.util.Locale.ROOT);
            if (p.startsWith("q=")) {
                return p.substring(2).strip().matches("0(\\.0{0,3})?");
            }
        }
        return false;
    }
}
