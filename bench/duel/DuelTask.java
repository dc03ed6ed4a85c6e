import dev.sieve.bench.BenchRules;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** Decode + scan of one body with the default pack on Hyperscan (what Ab does), loaded once per jar. */
public class DuelTask implements Runnable {
    private final byte[] body;
    private final CompiledRules rules;
    private final RequestMeta meta;
    private final ViewLimits limits;

    public DuelTask(byte[] body, String contentType, Boolean graph) {
        this.body = body;
        this.meta = new RequestMeta("POST", "/v1/messages",
                List.of(Map.entry("Content-Type", contentType), Map.entry("Host", "api.anthropic.com")));
        this.rules = Engines.compile(BenchRules.load(), EngineKind.HYPERSCAN);
        this.limits = graph ? ViewLimits.defaults() : off();
    }

    private static ViewLimits off() {
        return ViewLimits.defaults().withDecodeGraph(0, ViewLimits.DEFAULT_DECODE_LAYERS, ViewLimits.DEFAULT_DECODE_TIME);
    }

    public void run() {
        Views.decode(meta, ByteBuffer.wrap(body), limits, (p, c) -> rules.scan(p, c));
    }
}
