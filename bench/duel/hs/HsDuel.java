import static com.gliwka.hyperscan.jni.hyperscan.HS_MODE_STREAM;
import static com.gliwka.hyperscan.jni.hyperscan.hs_alloc_scratch;
import static com.gliwka.hyperscan.jni.hyperscan.hs_close_stream;
import static com.gliwka.hyperscan.jni.hyperscan.hs_compile_multi;
import static com.gliwka.hyperscan.jni.hyperscan.hs_open_stream;
import static com.gliwka.hyperscan.jni.hyperscan.hs_scan_stream;

import com.gliwka.hyperscan.jni.hs_compile_error_t;
import com.gliwka.hyperscan.jni.hs_database_t;
import com.gliwka.hyperscan.jni.hs_scratch_t;
import com.gliwka.hyperscan.jni.hs_stream_t;
import com.gliwka.hyperscan.jni.match_event_handler;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * HsDuel VIEW-FILE SECONDS EXPRESSIONS.tsv...: raw Hyperscan, no Sieve code. Compiles each file of expressions
 * (lines {@code flags<TAB>label<TAB>expression}, as {@code DumpExpressions} prints them) into one streaming database,
 * then scans the view with each database in turn, round after round, one stream per scan and a callback that does
 * nothing; CPU time of the thread, first third of the rounds discarded. Prints the mean and median microseconds per
 * scan. Used to find which expressions set the pack's scan cost (bench/README.md, "Seventh look").
 */
public class HsDuel {

    public static void main(String[] args) throws Exception {
        byte[] view = Files.readAllBytes(Path.of(args[0]));
        double seconds = Double.parseDouble(args[1]);
        ByteBuffer direct = ByteBuffer.allocateDirect(view.length).put(view).flip();
        BytePointer data = new BytePointer(direct);
        int m = args.length - 2;
        hs_database_t[] databases = new hs_database_t[m];
        hs_scratch_t[] scratch = new hs_scratch_t[m];
        for (int j = 0; j < m; j++) {
            List<String[]> expressions = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(args[2 + j]))) {
                expressions.add(line.split("\t", 3));
            }
            databases[j] = compile(expressions);
            scratch[j] = new hs_scratch_t();
            hs_alloc_scratch(databases[j], scratch[j]);
        }
        match_event_handler ignore = new match_event_handler() {
            @Override
            public int call(int id, long from, long to, int flags, Pointer context) {
                return 0;
            }
        };
        var mx = ManagementFactory.getThreadMXBean();
        List<long[]> rounds = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long[] round = new long[m];
            for (int j = 0; j < m; j++) {
                long t0 = mx.getCurrentThreadCpuTime();
                hs_stream_t stream = new hs_stream_t();
                hs_open_stream(databases[j], 0, stream);
                hs_scan_stream(stream, data, view.length, 0, scratch[j], ignore, null);
                hs_close_stream(stream, scratch[j], ignore, null);
                round[j] = mx.getCurrentThreadCpuTime() - t0;
            }
            rounds.add(round);
        }
        List<long[]> kept = rounds.subList(rounds.size() / 3, rounds.size());
        for (int j = 0; j < m; j++) {
            int k = j;
            long[] sorted = kept.stream().mapToLong(r -> r[k]).sorted().toArray();
            System.out.printf("%8.1f us (median %.1f)  %s%n", Arrays.stream(sorted).sum() / 1e3 / sorted.length,
                    sorted[sorted.length / 2] / 1e3, args[2 + j]);
        }
    }

    private static hs_database_t compile(List<String[]> expressions) {
        int n = expressions.size();
        PointerPointer<BytePointer> patterns = new PointerPointer<>(n);
        int[] flags = new int[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            patterns.put(i, new BytePointer(expressions.get(i)[2], StandardCharsets.UTF_8));
            flags[i] = Integer.parseInt(expressions.get(i)[0]);
            ids[i] = i;
        }
        PointerPointer<hs_database_t> database = new PointerPointer<>(1);
        PointerPointer<hs_compile_error_t> error = new PointerPointer<>(1);
        int rc = hs_compile_multi(patterns, new IntPointer(flags), new IntPointer(ids), n, HS_MODE_STREAM, null,
                database, error);
        if (rc != 0) {
            hs_compile_error_t e = error.get(hs_compile_error_t.class);
            throw new IllegalArgumentException("expression " + e.expression() + ": " + e.message().getString());
        }
        return database.get(hs_database_t.class);
    }
}
