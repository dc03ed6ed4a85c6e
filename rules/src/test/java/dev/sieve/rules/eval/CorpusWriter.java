package dev.sieve.rules.eval;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes corpus cases in the {@code sieve eval} manifest format: one JSON object per line in {@code manifest.jsonl}
 * (non-ASCII escaped, so invisible characters stay visible in diffs), text requests inline, binary requests as saved
 * HTTP/1.1 requests under {@code cases/}.
 */
final class CorpusWriter {

    static final String MANIFEST = "manifest.jsonl";
    static final String CASES = "cases";

    /**
     * A body larger than this is saved as a raw request in {@code cases/}, like a binary one: the manifest stays a
     * file a repository takes without complaint (under 5 MiB), and the request is read the same way. 8 KiB until
     * session 38, whose families took the manifest past 5 MiB; 4 KiB then, 2 KiB from session 39 (5.04 MB, room for
     * new families).
     */
    static final int INLINE_BODY_MAX = 2 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** One labelled case. {@code outcome} may be null (not stated). */
    record Case(String id, Containers.Req req, List<String> rules, List<String> categories, String outcome,
                List<String> tags) {
    }

    private CorpusWriter() {
    }

    /** File name (relative to the corpus folder) to content, manifest first. */
    static Map<String, byte[]> render(List<Case> cases) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, byte[]> saved = new TreeMap<>();
        StringBuilder manifest = new StringBuilder();
        for (Case c : cases) {
            ObjectNode line = JSON.createObjectNode();
            line.put("id", c.id());
            Containers.Req req = c.req();
            if (req.binary() || req.body().length > INLINE_BODY_MAX) {
                String file = CASES + "/" + c.id() + ".http";
                saved.put(file, req.raw() != null ? req.raw() : savedRequest(req));
                line.put("request", file);
            } else {
                line.put("method", req.method());
                line.put("target", req.target());
                if (!req.headers().isEmpty()) {
                    ObjectNode headers = line.putObject("headers");
                    for (Map.Entry<String, String> h : req.headers()) {
                        if (headers.has(h.getKey())) {
                            throw new IllegalArgumentException(c.id() + ": repeated header " + h.getKey());
                        }
                        headers.put(h.getKey(), h.getValue());
                    }
                }
                if (req.body().length > 0) {
                    line.put("body", new String(req.body(), StandardCharsets.UTF_8));
                }
            }
            ObjectNode expect = line.putObject("expect");
            if (c.outcome() != null) {
                expect.put("outcome", c.outcome());
            }
            if (!c.rules().isEmpty()) {
                strings(expect.putArray("rules"), c.rules());
            }
            if (!c.categories().isEmpty()) {
                strings(expect.putArray("categories"), c.categories());
            }
            strings(line.putArray("tags"), c.tags());
            line.put("where", req.where());
            manifest.append(line).append('\n');
        }
        files.put(MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
        files.putAll(saved);
        return files;
    }

    /** Replaces the corpus in {@code dir} (manifest and cases/) with {@code files}. */
    static void write(Path dir, Map<String, byte[]> files) throws IOException {
        Path cases = dir.resolve(CASES);
        if (Files.isDirectory(cases)) {
            try (var old = Files.list(cases)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(cases);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
    }

    /** A raw HTTP/1.1 request: origin-form target, Host, the headers, Content-Length, the body. */
    static byte[] savedRequest(Containers.Req req) {
        URI uri = URI.create(req.target());
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(req.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(uri.getHost()).append("\r\n");
        for (Map.Entry<String, String> h : req.headers()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(req.body().length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(req.body());
        return out.toByteArray();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
