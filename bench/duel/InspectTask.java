import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.bench.BenchRules;
import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.proxy.config.ConversationSettings;
import dev.sieve.proxy.conversation.ConversationTracker;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** One request as DlpInspector inspects it by default (JsonTextCost's round), loaded once per jar. */
public class InspectTask implements Runnable {
    private final byte[] body;
    private final Inspector inspector;
    private final RequestMeta meta;
    private final ConversationTracker conversations = new ConversationTracker(ConversationSettings.DEFAULTS);

    public InspectTask(byte[] body, String contentType, Boolean graph) {
        this.body = body;
        this.meta = new RequestMeta("POST", "/v1/messages",
                List.of(Map.entry("Content-Type", contentType), Map.entry("Host", "api.anthropic.com")));
        CompiledRules rules = Engines.compile(BenchRules.load(), EngineKind.HYPERSCAN);
        this.inspector = new Inspector(rules, ViewLimits.defaults());
    }

    public void run() {
        Inspection inspection = inspector.open(meta, InspectionPolicy.defaults());
        try {
            for (int at = 0; at < body.length; at += 65536) {
                inspection.feed(ByteBuffer.wrap(body, at, Math.min(65536, body.length - at)));
            }
            ConversationTracker.Turn turn = conversations.observe("client:127.0.0.1", meta.pathAndQuery(), body.clone());
            InspectionResult r = inspection.finish(ByteBuffer.wrap(body), turn.history(conversations.policy()));
            if (r.decision() != InspectionResult.Decision.ALLOW) {
                throw new IllegalStateException(r.decision() + " " + r.failureDetail());
            }
        } finally {
            inspection.close();
        }
    }
}
