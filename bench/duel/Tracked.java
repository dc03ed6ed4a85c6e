import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.proxy.config.ConversationSettings;
import dev.sieve.proxy.conversation.ConversationTracker;
import java.nio.ByteBuffer;

/** The tracker's part of RequestTask; loaded only from jars that have a tracker. */
final class Tracked implements RequestTask.Tracking {
    private final ConversationTracker conversations = new ConversationTracker(ConversationSettings.DEFAULTS);

    static RequestTask.Tracking make() {
        return new Tracked();
    }

    public InspectionResult finish(Inspection inspection, RequestMeta meta, byte[] body) {
        ConversationTracker.Turn turn = conversations.observe("client:127.0.0.1", meta.pathAndQuery(), body.clone());
        return inspection.finish(ByteBuffer.wrap(body), turn.history(conversations.policy()));
    }
}
