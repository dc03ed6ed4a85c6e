import dev.sieve.bench.BenchRules;
import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.Body;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.Views;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;

/**
 * What the work before a scan does to the scan: the same decoded view is scanned (CPU time of the scan alone) right
 * after decoding the body again, right after nothing, right after touching KIB kibibytes of one array, and right after
 * allocating KIB kibibytes of new arrays; 100 requests of each in turn, so drift on a shared box hits all four alike.
 * {@code javac -d cls -cp bench/target/benchmarks.jar bench/duel/Interference.java && java -cp
 * cls:bench/target/benchmarks.jar Interference json 65536 1024 60}.
 */
public final class Interference {
    public static void main(String[] a) {
        Body body = Bodies.generate(InputKind.fromParam(a[0]), Integer.parseInt(a[1]), false);
        int kib = Integer.parseInt(a[2]);
        long seconds = Long.parseLong(a[3]);
        CompiledRules rules = Engines.compile(BenchRules.load(), EngineKind.HYPERSCAN);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ViewLimits limits = ViewLimits.defaults();
        ByteBuffer[] view = new ByteBuffer[1];
        String[] path = new String[1];
        Views.decode(body.meta(), body.buffer(), limits, (p, c) -> {
            if (view[0] == null) {
                view[0] = c;
                path[0] = p;
            }
        });
        String[] names = {"after a decode", "alone", "after touching " + kib + " KiB", "after allocating " + kib + " KiB"};
        long[] cpu = new long[4];
        long[] n = new long[4];
        byte[] junk = new byte[kib * 1024];
        long sink = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int round = 1; System.nanoTime() < end; round++) {
            for (int mode = 0; mode < 4; mode++) {
                for (int i = 0; i < 100; i++) {
                    switch (mode) {
                        case 0 -> Views.decode(body.meta(), body.buffer(), limits, (p, c) -> { });
                        case 2 -> {
                            for (int k = 0; k < junk.length; k += 64) {
                                sink += ++junk[k];
                            }
                        }
                        case 3 -> {
                            for (int k = 0; k < kib / 4; k++) {
                                byte[] page = new byte[4096];
                                page[k & 4095] = 1;
                                sink += page[100];
                            }
                        }
                        default -> { }
                    }
                    long s = mx.getCurrentThreadCpuTime();
                    rules.scan(path[0], view[0].duplicate());
                    cpu[mode] += mx.getCurrentThreadCpuTime() - s;
                    n[mode]++;
                }
            }
            if (round % 20 == 0) {
                StringBuilder line = new StringBuilder("scan of the view:");
                for (int mode = 0; mode < 4; mode++) {
                    line.append(String.format(" %s %.1f us;", names[mode], cpu[mode] / 1e3 / n[mode]));
                }
                System.out.println(line);
            }
        }
        System.out.println(sink == 42 ? "" : "done");
    }
}
