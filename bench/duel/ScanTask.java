import dev.sieve.bench.BenchRules;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import java.nio.ByteBuffer;
import java.util.*;
/** Scan only: the views decoded once up front, then scanned each round. */
public class ScanTask implements Runnable {
    private final CompiledRules rules; private final List<Map.Entry<String, byte[]>> views = new ArrayList<>();
    public ScanTask(byte[] body, String contentType, Boolean graph) {
        this.rules = Engines.compile(BenchRules.load(), EngineKind.HYPERSCAN);
        RequestMeta meta = new RequestMeta("POST", "/v1/messages", List.of(Map.entry("Content-Type", contentType), Map.entry("Host", "api.anthropic.com")));
        Views.decode(meta, ByteBuffer.wrap(body), ViewLimits.defaults(), (p, c) -> { byte[] b = new byte[c.remaining()]; c.get(b); views.add(Map.entry(p, b)); });
    }
    public void run() { for (var v : views) rules.scan(v.getKey(), ByteBuffer.wrap(v.getValue())); }
}
