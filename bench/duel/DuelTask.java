import dev.sieve.bench.BenchRules;
import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.Body;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.view.DecodeOutcome;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/** One jar's side of a duel: mode duel (decode + scan) or decode (decode only); returns content bytes. */
public final class DuelTask implements LongSupplier {
    private final Body body;
    private final CompiledRules rules;
    private final boolean scan;
    private final ViewLimits limits = ViewLimits.defaults();

    public DuelTask(String input, Integer size, String mode) {
        this.body = Bodies.generate(InputKind.fromParam(input), size, false);
        this.rules = Engines.compile(BenchRules.load(), EngineKind.HYPERSCAN);
        this.scan = mode.equals("duel");
    }

    @Override
    public long getAsLong() {
        ByteBuffer wire = body.buffer();
        DecodeOutcome outcome = Views.decode(body.meta(), wire, limits, (path, content) -> {
            if (scan) {
                rules.scan(path, content);
            }
        });
        if (outcome instanceof DecodeOutcome.Failed f) {
            throw new IllegalStateException(f.reason() + " " + f.detail());
        }
        return body.contentBytes();
    }
}
