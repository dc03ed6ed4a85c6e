package dev.sieve.proxy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.proxy.config.ToolPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class McpGateTest {

    private static final ToolPolicy DENY_SHELL = new ToolPolicy(true, Set.of(), Set.of("shell"),
            Map.of("search", Action.REDACT, "notes", Action.LOG));

    private static McpBody body(String json) throws McpBody.Invalid {
        return McpBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String call(int id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{}}}";
    }

    private static RuleSet rules() throws Exception {
        return RuleSet.parse(Map.of("r.yaml", "rules:\n"
                + "  - { id: t.blocker, category: pii, severity: low, action: block, patterns: ['aaa'] }\n"
                + "  - { id: t.logger, category: pii, severity: low, action: log, patterns: ['bbb'] }\n"
                + "  - { id: t.by-class, category: pii, severity: low, action: log, actions: { mcp-tools: block },"
                + " patterns: ['ccc'] }\n"));
    }

    @Test
    void firstDeniedNamesTheRefusedCallInABatch() throws Exception {
        assertThat(McpGate.firstDenied(body(call(1, "search")), DENY_SHELL)).isEmpty();
        assertThat(McpGate.firstDenied(body("[" + call(1, "search") + "," + call(2, "shell") + "]"), DENY_SHELL))
                .contains("shell");
    }

    @Test
    void aToolActionReplacesEveryRulesActionForItsCall() throws Exception {
        InspectionPolicy base = InspectionPolicy.defaults();

        InspectionPolicy p = McpGate.withToolActions(base, rules(), body(call(1, "search")), DENY_SHELL);

        assertThat(p.actionOverrides()).containsOnly(Map.entry("t.blocker", Action.REDACT),
                Map.entry("t.logger", Action.REDACT), Map.entry("t.by-class", Action.REDACT));
    }

    @Test
    void withoutToolActionsThePolicyIsUnchanged() throws Exception {
        InspectionPolicy base = InspectionPolicy.defaults();

        assertThat(McpGate.withToolActions(base, rules(), body(call(1, "other")), DENY_SHELL)).isSameAs(base);
        assertThat(McpGate.withToolActions(base, rules(),
                body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"), DENY_SHELL)).isSameAs(base);
    }

    @Test
    void aMixedBatchTakesTheStrictestPerRule() throws Exception {
        // notes: log; other: the rules' own actions here (by class for t.by-class, an override for t.logger).
        InspectionPolicy base = new InspectionPolicy(r -> true, Map.of("t.logger", Action.REDACT), Set.of(), false,
                Optional.empty(), Optional.of("mcp-tools"));

        InspectionPolicy p = McpGate.withToolActions(base, rules(),
                body("[" + call(1, "notes") + "," + call(2, "other") + "]"), DENY_SHELL);

        assertThat(p.actionOverrides()).containsOnly(Map.entry("t.blocker", Action.BLOCK),
                Map.entry("t.logger", Action.REDACT), Map.entry("t.by-class", Action.BLOCK));
        assertThat(p.destinationClass()).contains("mcp-tools");
    }

    @Test
    void namesAreShownWhenConfiguredOrNothingWasFound() {
        assertThat(McpGate.shown("search", DENY_SHELL, true)).isEqualTo("search"); // the administrator wrote it
        assertThat(McpGate.shown("lookup", DENY_SHELL, false)).isEqualTo("lookup"); // nothing detected in the body
        assertThat(McpGate.shown("lookup", DENY_SHELL, true)).isEqualTo("?");
        assertThat(McpGate.shown("a b", DENY_SHELL, false)).isEqualTo("?"); // not the shape of a tool name
    }

    @Test
    void reasonsNameMethodsAndTools() throws Exception {
        McpBody b = body("[" + call(1, "search") + ",{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\","
                + "\"params\":{\"uri\":\"file:///etc/x\"}},{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/get\","
                + "\"params\":{\"name\":\"review\"}},{\"jsonrpc\":\"2.0\",\"method\":\"custom/thing\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}," + call(4, "search") + "]");

        assertThat(McpGate.reasons(b, DENY_SHELL, false)).containsExactly("mcp:tools/call:search",
                "mcp:resources/read", "mcp:prompts/get:review", "mcp:other", "mcp:response");
        assertThat(McpGate.reasons(b, DENY_SHELL, true)).contains("mcp:prompts/get:?", "mcp:tools/call:search");
    }

    @Test
    void reasonsAreBounded() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 40; i++) {
            batch.append(i == 0 ? "" : ",").append(call(i, "t" + i));
        }
        assertThat(McpGate.reasons(body(batch.append(']').toString()), DENY_SHELL, false))
                .hasSize(McpGate.MAX_REASONS);
    }

    @Test
    void eventStreamWhenTheClientListsIt() {
        assertThat(McpGate.acceptsEventStream("application/json, text/event-stream")).isTrue(); // what MCP clients send
        assertThat(McpGate.acceptsEventStream("Text/Event-Stream; q=0.5")).isTrue();
        assertThat(McpGate.acceptsEventStream("application/json")).isFalse();
        assertThat(McpGate.acceptsEventStream("application/json, text/event-stream;q=0")).isFalse();
        assertThat(McpGate.acceptsEventStream("text/event-stream; q=0.000")).isFalse();
        assertThat(McpGate.acceptsEventStream("*/*")).isFalse();
        assertThat(McpGate.acceptsEventStream(null)).isFalse();
    }
}
