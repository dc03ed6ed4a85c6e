import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
/** Decode only (no scan); graph false = maxDecodeDepth 0 where the jar has a graph. */
public class DecodeTask implements Runnable {
    private final byte[] body; private final RequestMeta meta; private final ViewLimits limits;
    public DecodeTask(byte[] body, String contentType, Boolean graph) {
        this.body = body;
        this.meta = new RequestMeta("POST", "/v1/messages", List.of(Map.entry("Content-Type", contentType), Map.entry("Host", "api.anthropic.com")));
        ViewLimits l = ViewLimits.defaults();
        if (!graph) { try { l = l.withDecodeGraph(0, ViewLimits.DEFAULT_DECODE_LAYERS, ViewLimits.DEFAULT_DECODE_TIME); } catch (NoSuchMethodError e) { } }
        this.limits = l;
    }
    public void run() { Views.decode(meta, ByteBuffer.wrap(body), limits, (p, c) -> { }); }
}
