package dev.sieve.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The test corpora under {@code src/test/resources/corpus}. */
final class Corpora {

    /** Agent-like JSON messages with no sensitive data: code, license headers, SHAs, UUIDs, images, docs placeholders. */
    static final String BENIGN = "corpus/benign.jsonl";
    /** Agent-like JSON messages with embedded synthetic secrets and PII among benign content. */
    static final String TRAFFIC = "corpus/agent-traffic.jsonl";

    private Corpora() {
    }

    static String text(String resource) {
        try (InputStream in = Corpora.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource: " + resource + " (expected: on the test class path)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request body per non-blank line. */
    static List<String> lines(String resource) {
        return text(resource).lines().filter(l -> !l.isBlank()).toList();
    }

    /** The benign corpus repeated until at least {@code bytes} long. */
    static byte[] repeatedBenign(int bytes) {
        byte[] unit = text(BENIGN).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[(bytes / unit.length + 1) * unit.length];
        for (int off = 0; off < out.length; off += unit.length) {
            System.arraycopy(unit, 0, out, off, unit.length);
        }
        return out;
    }
}
