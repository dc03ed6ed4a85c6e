package dev.sieve.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.Body;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionPolicy;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.inspect.Inspector;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.proxy.config.ConversationSettings;
import dev.sieve.proxy.conversation.ConversationTracker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the JSON view path costs against text: agent-shaped JSON ({@link InputKind#JSON}) and the same words as
 * {@code text/plain} (every string value of that JSON, one a line) inspected the way the proxy does it (an
 * {@link Inspector} session fed in 64 KiB chunks, the turn placed in its conversation, then the session finished
 * with the whole body), alternately, round after
 * round in one JVM. The first third of the rounds is discarded; each side's MB (of its own body) per CPU-second of
 * this thread is reported with the ratio JSON / text. Compare ratios, not absolute figures.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.sieve.bench.JsonTextCost [seconds [input size [side]]]}
 * (default 20 seconds, 64 KiB and 1 MiB); {@code side} {@code json} or {@code text} runs that side alone (for a
 * profiler).
 */
public final class JsonTextCost {

    private static final int CHUNK = 64 * 1024;

    private JsonTextCost() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int[] sizes = args.length > 1 ? new int[] {Integer.parseInt(args[1])} : new int[] {65536, 1048576};
        String side = args.length > 2 ? args[2] : "both";
        try (CompiledRules rules = Engines.compile(BenchRules.load(), EngineKind.HYPERSCAN)) {
            Inspector inspector = new Inspector(rules, ViewLimits.defaults());
            for (int size : sizes) {
                Body json = Bodies.generate(InputKind.JSON, size, false);
                byte[] text = words(json.wire());
                Runnable j = round(inspector, json.meta(), json.wire());
                Runnable t = round(inspector, textMeta(json.meta()), text);
                switch (side) {
                    case "json" -> alone(j, seconds);
                    case "text" -> alone(t, seconds);
                    default -> compare(size, json.wire().length, text.length, j, t, seconds);
                }
            }
        }
    }

    /** Every string value of the JSON document, one a line: the same words as text. */
    static byte[] words(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.VALUE_STRING) {
                    out.writeBytes(p.getText().getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static RequestMeta textMeta(RequestMeta json) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : json.headers()) {
            headers.add(h.getKey().equalsIgnoreCase("Content-Type") ? Map.entry(h.getKey(), "text/plain") : h);
        }
        return new RequestMeta(json.method(), json.pathAndQuery(), headers);
    }

    /**
     * One request as {@code DlpInspector} inspects it with the default configuration: chunks fed as they arrive,
     * then the turn placed in its conversation ({@link ConversationTracker}, on by default) and the whole body
     * finished with that history.
     */
    private static Runnable round(Inspector inspector, RequestMeta meta, byte[] body) {
        InspectionPolicy policy = InspectionPolicy.defaults();
        ConversationTracker conversations = new ConversationTracker(ConversationSettings.DEFAULTS);
        return () -> {
            Inspection inspection = inspector.open(meta, policy);
            try {
                for (int at = 0; at < body.length; at += CHUNK) {
                    inspection.feed(ByteBuffer.wrap(body, at, Math.min(CHUNK, body.length - at)));
                }
                ConversationTracker.Turn turn = conversations.observe("client:127.0.0.1", meta.pathAndQuery(),
                        body.clone());
                InspectionResult r = inspection.finish(ByteBuffer.wrap(body), turn.history(conversations.policy()));
                if (r.decision() != InspectionResult.Decision.ALLOW) {
                    throw new IllegalStateException("clean fixture not allowed: " + r.decision() + " "
                            + r.failureDetail() + " " + r.ruleIds());
                }
            } finally {
                inspection.close();
            }
        };
    }

    private static void alone(Runnable r, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            r.run();
        }
    }

    private static void compare(int size, int jsonBytes, int textBytes, Runnable json, Runnable text,
            double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<long[]> samples = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            long t0 = mx.getCurrentThreadCpuTime();
            json.run();
            long t1 = mx.getCurrentThreadCpuTime();
            text.run();
            long t2 = mx.getCurrentThreadCpuTime();
            samples.add(new long[] {t1 - t0, t2 - t1});
        }
        List<long[]> kept = samples.subList(samples.size() / 3, samples.size());
        double jsonSeconds = kept.stream().mapToLong(s -> s[0]).sum() / 1e9;
        double textSeconds = kept.stream().mapToLong(s -> s[1]).sum() / 1e9;
        double jsonMbs = jsonBytes * (double) kept.size() / 1e6 / jsonSeconds;
        double textMbs = textBytes * (double) kept.size() / 1e6 / textSeconds;
        System.out.printf(Locale.ROOT, "json %8d (text %8d) rounds %6d  json %7.1f MB/s  text %7.1f MB/s  "
                        + "json/text %.3f  (time per round text/json %.3f)%n", jsonBytes, textBytes, kept.size(),
                jsonMbs, textMbs, jsonMbs / textMbs, textSeconds / jsonSeconds);
    }
}
