import dev.sieve.bench.BenchRules;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * One request as DlpInspector inspects it by default, in any version: the inspection (fed in 64 KiB chunks, then
 * finished) plus, where the jar has one, the conversation tracker's placing of the turn (InspectTask's round). A jar
 * from before the tracker (pre-#11) runs the inspection alone, which was all of its per-request work.
 */
public class RequestTask implements Runnable {
    private final byte[] body;
    private final Inspector inspector;
    private final RequestMeta meta;
    private final Tracking tracking;

    public RequestTask(byte[] body, String contentType, Boolean graph) {
        this.body = body;
        this.meta = new RequestMeta("POST", "/v1/messages",
                List.of(Map.entry("Content-Type", contentType), Map.entry("Host", "api.anthropic.com")));
        CompiledRules rules = Engines.compile(BenchRules.load(), EngineKind.HYPERSCAN);
        this.inspector = new Inspector(rules, ViewLimits.defaults());
        Tracking t;
        try {
            if (Boolean.getBoolean("duel.notrack")) {
                throw new ClassNotFoundException("tracking off");
            }
            Class.forName("dev.sieve.proxy.conversation.ConversationTracker", false,
                    Thread.currentThread().getContextClassLoader());
            t = Tracked.make();
        } catch (ClassNotFoundException e) {
            t = null;
        }
        this.tracking = t;
    }

    interface Tracking {
        InspectionResult finish(Inspection inspection, RequestMeta meta, byte[] body);
    }

    public void run() {
        Inspection inspection = inspector.open(meta, InspectionPolicy.defaults());
        try {
            for (int at = 0; at < body.length; at += 65536) {
                inspection.feed(ByteBuffer.wrap(body, at, Math.min(65536, body.length - at)));
            }
            InspectionResult r = tracking == null ? inspection.finish(ByteBuffer.wrap(body))
                    : tracking.finish(inspection, meta, body);
            if (r.decision() != InspectionResult.Decision.ALLOW) {
                throw new IllegalStateException(r.decision() + " " + r.failureDetail());
            }
        } finally {
            inspection.close();
        }
    }
}
