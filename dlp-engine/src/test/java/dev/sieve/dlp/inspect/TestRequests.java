package dev.sieve.dlp.inspect;

import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.Engines;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleSet;
import dev.sieve.dlp.view.RequestMeta;
import dev.sieve.dlp.view.ViewLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** The sample rules plus an Anthropic key rule, an inspector over them, and synthetic values and requests. */
final class TestRequests {

    static final String ANTHROPIC_RULE = "credential.anthropic-api-key";
    static final String SSN = "536-22-8174";
    static final String AWS_ID = "AKIAGMXGEDN73U55XTPL";
    static final String AWS_SECRET = "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";

    static final RuleSet RULES = loadRules();
    static final CompiledRules ENGINE = Engines.compile(RULES, EngineKind.AUTO);
    static final Inspector INSPECTOR = new Inspector(ENGINE, ViewLimits.defaults());

    private TestRequests() {
    }

    private static RuleSet loadRules() {
        try {
            Path folder = Path.of(TestRequests.class.getResource("/rules/sample/settings.yaml").toURI()).getParent();
            Map<String, String> files = new TreeMap<>();
            try (Stream<Path> list = Files.list(folder)) {
                for (Path p : list.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    files.put(p.getFileName().toString(), Files.readString(p));
                }
            }
            files.put("anthropic.yaml", """
                    rules:
                      - id: credential.anthropic-api-key
                        name: Anthropic API key
                        category: credential
                        severity: critical
                        patterns:
                          - '\\bsk-ant-api03-[A-Za-z0-9_-]{93}AA\\b'
                    """);
            return RuleSet.parse(files);
        } catch (IOException | URISyntaxException | RuleLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Visa number with a valid Luhn check digit, computed here. */
    static String card() {
        String prefix = "453952601815908";
        int sum = 0;
        for (int i = 0; i < prefix.length(); i++) {
            int d = prefix.charAt(prefix.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return prefix + (10 - sum % 10) % 10;
    }

    /** A synthetic key in the shape of an Anthropic API key (seeded random characters). */
    static String anthropicKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Random random = new Random(42);
        StringBuilder key = new StringBuilder("sk-ant-api03-");
        for (int i = 0; i < 93; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.append("AA").toString();
    }

    static RequestMeta meta(String pathAndQuery, String... headerPairs) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Host", "api.anthropic.com"));
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(Map.entry(headerPairs[i], headerPairs[i + 1]));
        }
        return new RequestMeta("POST", pathAndQuery, headers);
    }

    static RequestMeta json() {
        return meta("/v1/messages", "Content-Type", "application/json");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static String message(String text) {
        return "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
    }

    /** Inspects {@code body} in one go (no streaming). */
    static InspectionResult inspect(RequestMeta meta, InspectionPolicy policy, byte[] body) {
        try (Inspection inspection = INSPECTOR.open(meta, policy)) {
            return inspection.finish(ByteBuffer.wrap(body));
        }
    }

    static InspectionResult inspect(RequestMeta meta, byte[] body) {
        return inspect(meta, InspectionPolicy.defaults(), body);
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] pdf(String text) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText(text);
                cs.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
