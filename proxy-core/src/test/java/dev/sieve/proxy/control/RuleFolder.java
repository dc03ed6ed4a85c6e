package dev.sieve.proxy.control;

import dev.sieve.dlp.inspect.Inspection;
import dev.sieve.dlp.inspect.InspectionResult;
import dev.sieve.dlp.view.RequestMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Rule files for reload tests: synthetic ticket-number rules that cannot match anything real. */
final class RuleFolder {

    /** A body that the alpha rule and the beta rule each match once. */
    static final String BODY = "ticket ALPHA-1234 and ticket BETA-5678";
    static final RequestMeta META = new RequestMeta("POST", "/v1/messages",
            List.of(Map.entry("Content-Type", "text/plain")));

    private RuleFolder() {
    }

    static String rule(String id, String prefix) {
        return "rules:\n"
                + "  - id: " + id + "\n"
                + "    category: pii\n"
                + "    severity: high\n"
                + "    action: block\n"
                + "    patterns: ['\\b" + prefix + "-[0-9]{4}\\b']\n";
    }

    static final String ALPHA = rule("test.alpha", "ALPHA");
    static final String BETA = rule("test.beta", "BETA");

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteBuffer body() {
        return ByteBuffer.wrap(BODY.getBytes(StandardCharsets.UTF_8));
    }

    /** Inspects {@link #BODY} in one go. */
    static InspectionResult inspect(Inspection inspection) {
        try (inspection) {
            inspection.feed(body());
            return inspection.finish(body());
        }
    }
}
