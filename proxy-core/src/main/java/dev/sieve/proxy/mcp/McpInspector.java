package dev.sieve.proxy.mcp;

import dev.sieve.proxy.config.ToolPolicy;
import dev.sieve.proxy.error.JsonRpcReply;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.inspect.DlpInspector;
import dev.sieve.proxy.inspect.ExchangeFacts;
import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.inspect.Verdict;
import dev.sieve.proxy.redaction.PlaceholderLookup;
import dev.sieve.proxy.route.RequestTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Inspection of requests to MCP servers ({@code allow[].mcp: true}); every other request goes to the
 * {@link DlpInspector} unchanged. A POST to an MCP server carries JSON-RPC ({@link McpBody}): its body is read once it
 * is complete, then scanned under the destination's policy with the tool actions of its calls
 * ({@link McpGate#withToolActions}); a call the tool policy refuses, and any block, becomes a {@link Verdict.Block}
 * answered as JSON-RPC errors ({@link JsonRpcReply}). The audit reasons name the methods and tools
 * ({@link McpGate#reasons}).
 *
 * <p>A POST body that is not JSON-RPC 2.0 (unreadable, compressed, duplicate keys, a call without a name) is refused
 * ({@link Refusal#MCP_INVALID_MESSAGE}): the tool policy could not be applied to it. The tool policy is access
 * control like the allowlist, so monitor mode does not relax it (DLP findings are logged only, as everywhere).
 */
public final class McpInspector implements RequestInspector {
    private final DlpInspector dlp;
    private final Function<String, Optional<ToolPolicy>> servers;

    /** @param servers the tool policy of a destination host that is an MCP server, else empty */
    public McpInspector(DlpInspector dlp, Function<String, Optional<ToolPolicy>> servers) {
        this.dlp = dlp;
        this.servers = servers;
    }

    @Override
    public Session open(ExchangeFacts facts, HttpRequest head, RequestTarget target) {
        Optional<ToolPolicy> tools = servers.apply(facts.host());
        if (tools.isEmpty() || !HttpMethod.POST.equals(head.method())) {
            return dlp.open(facts, head, target);
        }
        boolean sse = McpGate.acceptsEventStream(head.headers().get(HttpHeaderNames.ACCEPT));
        ToolPolicy policy = tools.get();
        return new Session() {
            private Session scan;
            private List<Map.Entry<String, String>> trailers = List.of();

            @Override
            public void onContent(ByteBuf chunk) {
                // The tool actions depend on the whole body: it is scanned in finish.
            }

            @Override
            public void onTrailers(List<Map.Entry<String, String>> fields) {
                trailers = List.copyOf(fields); // scanned with the body in finish
            }

            @Override
            public Verdict finish(ByteBuf body) {
                McpBody parsed;
                try {
                    parsed = McpBody.parse(ByteBufUtil.getBytes(body));
                } catch (McpBody.Invalid e) {
                    return invalid(scan(body, DlpInspector.PolicyAdjustment.NONE), e.getMessage());
                }
                Verdict verdict = scan(body, (p, rules) -> McpGate.withToolActions(p, rules, parsed, policy));
                return judge(verdict, parsed);
            }

            private Verdict scan(ByteBuf body, DlpInspector.PolicyAdjustment adjustment) {
                scan = dlp.open(facts, head, target, adjustment);
                scan.onContent(body);
                scan.onTrailers(trailers);
                return scan.finish(body);
            }

            private Verdict invalid(Verdict verdict, String why) {
                JsonRpcReply reply = new JsonRpcReply(List.of(), false, sse, Optional.empty());
                Verdict.Report report = withReasons(verdict.report(), List.of("mcp:invalid"));
                if (verdict instanceof Verdict.Block b) {
                    return new Verdict.Block(b.refusal(), b.detail(), b.ruleIds(), report, Optional.of(reply));
                }
                return new Verdict.Block(Refusal.MCP_INVALID_MESSAGE, why, List.of(), report, Optional.of(reply));
            }

            private Verdict judge(Verdict verdict, McpBody parsed) {
                boolean findings = !verdict.report().findings().isEmpty();
                Verdict.Report report = withReasons(verdict.report(), McpGate.reasons(parsed, policy, findings));
                Optional<String> denied = McpGate.firstDenied(parsed, policy);
                Optional<String> shown = denied.map(t -> McpGate.shown(t, policy, findings));
                JsonRpcReply reply = new JsonRpcReply(parsed.requestIds(), parsed.batch(), sse,
                        shown.filter(t -> !t.equals(McpGate.HIDDEN)));
                if (denied.isPresent()) {
                    List<String> rules = verdict instanceof Verdict.Block b ? b.ruleIds() : List.of();
                    return new Verdict.Block(Refusal.MCP_TOOL_DENIED, deniedDetail(shown.get(), policy), rules, report,
                            Optional.of(reply));
                }
                if (verdict instanceof Verdict.Block b) {
                    return new Verdict.Block(b.refusal(), b.detail(), b.ruleIds(), report, Optional.of(reply));
                }
                if (verdict instanceof Verdict.Replace r) {
                    return new Verdict.Replace(r.body(), r.headers(), r.pathAndQuery(), report);
                }
                return new Verdict.Allow(report);
            }

            @Override
            public void abort() {
                if (scan != null) {
                    scan.abort();
                }
            }

            @Override
            public Optional<PlaceholderLookup> restore() {
                return scan == null ? Optional.empty() : scan.restore();
            }
        };
    }

    private static String deniedDetail(String shown, ToolPolicy policy) {
        String tool = shown.equals(McpGate.HIDDEN) ? "this tool" : "tool " + shown;
        return tool + (policy.allowByDefault() ? " is on the server's deny list" : " is not on the server's allow list")
                + " (allow[].tools); the same call will be refused again, ask an administrator if it is needed";
    }

    private static Verdict.Report withReasons(Verdict.Report r, List<String> more) {
        List<String> reasons = new ArrayList<>(r.reasons());
        reasons.addAll(more);
        return new Verdict.Report(r.decision(), List.copyOf(reasons), r.findings(), r.ruleSetVersion(),
                r.bytesScanned(), r.monitored());
    }
}
