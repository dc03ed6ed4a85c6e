package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Splitting the input into chunks never changes the findings. */
class ChunkingTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (EngineKind kind : SampleRules.kinds()) {
            for (String body : Corpus.examples()) {
                out.add(Arguments.of(kind, "{\"content\":\"pre " + body.replace("\"", "'") + " post\"}"));
            }
        }
        return out.stream();
    }

    static List<Finding> scanSplit(CompiledRules engine, byte[] bytes, int[] cuts, boolean direct) {
        try (ScanSession s = engine.open("v")) {
            int from = 0;
            for (int cut : cuts) {
                s.feed(slice(bytes, from, cut, direct));
                from = cut;
            }
            s.feed(slice(bytes, from, bytes.length, direct));
            return s.finish();
        }
    }

    private static ByteBuffer slice(byte[] bytes, int from, int to, boolean direct) {
        if (!direct) {
            return ByteBuffer.wrap(bytes, from, to - from);
        }
        ByteBuffer b = ByteBuffer.allocateDirect(to - from);
        b.put(bytes, from, to - from).flip();
        return b;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void splitAtEveryPositionGivesSameFindings(EngineKind kind, String body) {
        CompiledRules engine = SampleRules.engine(kind);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<Finding> whole = engine.scan("v", ByteBuffer.wrap(bytes));
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(scanSplit(engine, bytes, new int[] {cut}, cut % 2 == 0)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    record Split(String body, int[] cuts, EngineKind kind) {
    }

    @Provide
    Arbitrary<Split> splits() {
        Arbitrary<String> body = Arbitraries.of(Corpus.bodies());
        Arbitrary<EngineKind> kind = Arbitraries.of(SampleRules.kinds());
        Arbitrary<List<Double>> fractions = Arbitraries.doubles().between(0, 1).list().ofMaxSize(12);
        return Combinators.combine(body, fractions, kind).as((b, f, k) -> {
            int length = b.getBytes(StandardCharsets.UTF_8).length;
            int[] cuts = f.stream().mapToInt(x -> (int) (x * length)).sorted().toArray();
            return new Split(b, cuts, k);
        });
    }

    @Property(tries = 300)
    void randomMultiSplitsGiveSameFindings(@ForAll("splits") Split split) {
        CompiledRules engine = SampleRules.engine(split.kind());
        byte[] bytes = split.body().getBytes(StandardCharsets.UTF_8);
        List<Finding> whole = engine.scan("v", ByteBuffer.wrap(bytes));
        assertThat(scanSplit(engine, bytes, split.cuts(), split.cuts().length % 2 == 0)).isEqualTo(whole);
    }
}
