package dev.sieve.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.bench.load.SoakCsv.Row;
import dev.sieve.bench.load.SoakRequests.Kind;
import dev.sieve.bench.load.SoakRequests.Outcome;
import dev.sieve.bench.load.SoakRequests.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the soak reads and writes: metrics text, the GC log, its CSV, its options and its request verdict. */
class SoakReadingTest {

    @TempDir
    Path dir;

    @Test
    void prometheusTextSumsTheSamplesWithTheGivenLabels() {
        String text = """
                # HELP jvm_buffer_memory_used_bytes An estimate of the memory used
                # TYPE jvm_buffer_memory_used_bytes gauge
                jvm_buffer_memory_used_bytes{id="direct"} 524296.0
                jvm_buffer_memory_used_bytes{id="mapped"} 10.0
                jvm_buffer_memory_used_bytes{id="mapped - 'non-volatile memory'"} 0.0
                jvm_buffer_memory_used_bytes_other{id="direct"} 99.0
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 4.0E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.0E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 3.0E7
                jvm_gc_live_data_size_bytes 1234.0
                """;

        assertThat(PrometheusText.sum(text, "jvm_buffer_memory_used_bytes", Map.of("id", "direct")))
                .isEqualTo(524296.0);
        assertThat(PrometheusText.sum(text, "jvm_memory_used_bytes", Map.of("area", "heap"))).isEqualTo(6.0E7);
        assertThat(PrometheusText.sum(text, "jvm_memory_used_bytes", Map.of("id", "heap"))).isNaN();
        assertThat(PrometheusText.sum(text, "jvm_gc_live_data_size_bytes", Map.of())).isEqualTo(1234.0);
        assertThat(PrometheusText.sum(text, "jvm_threads_live", Map.of())).isNaN();
    }

    @Test
    void theGcLogGivesTheHeapBeforeAndAfterEveryCollectionAppendedSinceTheLastRead() throws Exception {
        Path file = dir.resolve("gc.log");
        GcLog log = new GcLog(file);
        assertThat(log.readNew()).isEmpty();
        Files.writeString(file, """
                [0.018s][info][gc] Using G1
                [1.398s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 606M->67M(1024M) 26.747ms
                [1.643s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 1G->512M(1024M) 9.1ms
                [1.700s][info][gc] GC(2) Pause Remark 900K->800K(1024M) 1.0ms
                [1.750s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 70""", StandardCharsets.UTF_8);

        List<GcLog.Collection> first = log.readNew();
        Files.writeString(file, "M->60M(1024M) 2.0ms\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        List<GcLog.Collection> second = log.readNew();

        assertThat(first).containsExactly(new GcLog.Collection(606, 67), new GcLog.Collection(1024, 512),
                new GcLog.Collection(900 / 1024.0, 800 / 1024.0));
        assertThat(second).containsExactly(new GcLog.Collection(70, 60));
        assertThat(log.readNew()).isEmpty();
    }

    @Test
    void theGcLogOptionRefusesAPathThatXlogCannotTake() {
        assertThat(GcLog.jvmOption(dir.resolve("gc.log"))).startsWith("-Xlog:gc:file=/")
                .endsWith("gc.log:uptime,level,tags:filecount=0");
        assertThatThrownBy(() -> GcLog.jvmOption(dir.resolve("a:b").resolve("gc.log")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without ':'");
    }

    @Test
    void theCsvReadsBackWhatItWrote() throws Exception {
        Path file = dir.resolve("soak.csv");
        Row row = new Row(30.5, new double[] {1300, 50, 37.5, 120, 40}, new double[] {1310, 600, 38, 130, 41}, 2,
                1000, 100, 1, 20.0, 35.5, 4.2, 12.5);
        Row noCollection = new Row(61, new double[] {1301, Double.NaN, 37.5, 121, 40},
                new double[] {1309, Double.NaN, 38, 129, 41}, 0, 2000, 200, 1, 20.0, 30.0, Double.NaN, Double.NaN);
        try (SoakCsv csv = new SoakCsv(file)) {
            csv.append(row);
            csv.append(noCollection);
        }

        List<Row> read = SoakCsv.read(file);

        assertThat(Files.readAllLines(file).get(0)).startsWith("elapsed_s,rss_mib_min,rss_mib_max,heap_mib_min,");
        assertThat(read).hasSize(2);
        assertThat(read.get(0).min(SoakSeries.HEAP)).isEqualTo(50.0);
        assertThat(read.get(0).max(SoakSeries.FDS)).isEqualTo(130.0);
        assertThat(read.get(0).smallP99Ms()).isEqualTo(12.5);
        assertThat(read.get(0).cpuPercent()).isEqualTo(35.5);
        assertThat(read.get(0).collections()).isEqualTo(2);
        assertThat(read.get(1).min(SoakSeries.HEAP)).isNaN();
        assertThat(read.get(1).blocked()).isEqualTo(200);
    }

    @Test
    void aCsvOfAnotherShapeIsRefused() throws Exception {
        Path file = dir.resolve("other.csv");
        Files.writeString(file, "a,b\n1,2\n");

        assertThatThrownBy(() -> SoakCsv.read(file)).hasMessageContaining("header 'a,b' (expected: 'elapsed_s,");
    }

    @Test
    void optionsHaveDefaultsAndRefuseBadValuesByName() {
        SoakOptions defaults = SoakOptions.parse();

        assertThat(defaults.run()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.warmup()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.jvmArgs()).containsExactly("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
        assertThat(defaults.out().toString()).startsWith("bench/results/soak-");
        SoakOptions quick = SoakOptions.parse("--minutes", "3", "--interval", "10s");
        assertThat(quick.warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(SoakOptions.parse("--interval", "1500ms", "--warmup", "2m").warmup())
                .isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> SoakOptions.parse("--rate", "fast"))
                .hasMessage("--rate: fast (expected: requests per second, > 0)");
        assertThatThrownBy(() -> SoakOptions.parse("--interval", "10x"))
                .hasMessage("--interval: 10x (expected: a duration such as 30s, 2m or 1500ms, >= 100ms)");
        assertThatThrownBy(() -> SoakOptions.parse("--minutes", "2", "--interval", "30s"))
                .hasMessageContaining("3 samples after the warm-up (expected: >= 9");
        assertThatThrownBy(() -> SoakOptions.parse("--hours", "1")).hasMessageStartingWith("--hours: unknown option");
        assertThat(SoakOptions.parse("--judge", "x.csv").warmup()).isNull();
    }

    @Test
    void aRunFailsWithoutBlocksWithAnyMissOrWithTooManyErrors() {
        SoakCounts healthy = counts(900, 100, 0);
        SoakCounts nothingBlocked = counts(1000, 0, 0);
        SoakCounts erroring = counts(900, 100, 5);
        SoakCounts missed = counts(900, 99, 0);
        missed.record(Kind.SECRET, new Outcome(Result.MISSED_BLOCK, "status 200 for planted secrets"));

        assertThat(healthy.problems(0.001)).isEmpty();
        assertThat(nothingBlocked.problems(0.001)).containsExactly(
                "requests: none blocked (expected: every request with planted secrets)");
        assertThat(erroring.problems(0.001)).containsExactly(
                "requests: 5 errors of 1005 (0.498 %, expected: <= 0.100 %)");
        assertThat(erroring.problems(0.01)).isEmpty();
        assertThat(missed.problems(0.01)).containsExactly(
                "requests: 1 with planted secrets not blocked (expected: 0): status 200 for planted secrets");
        assertThat(new SoakCounts().problems(0.001)).containsExactly(
                "requests: none completed (expected: a steady stream)");
    }

    private static SoakCounts counts(int ok, int blocked, int errors) {
        SoakCounts counts = new SoakCounts();
        for (int i = 0; i < ok; i++) {
            counts.record(Kind.CLEAN, Outcome.OK);
        }
        for (int i = 0; i < blocked; i++) {
            counts.record(Kind.SECRET, Outcome.BLOCKED);
        }
        for (int i = 0; i < errors; i++) {
            counts.record(Kind.CLEAN, new Outcome(Result.IO_ERROR, "CLEAN: java.net.SocketException: reset"));
        }
        return counts;
    }
}
