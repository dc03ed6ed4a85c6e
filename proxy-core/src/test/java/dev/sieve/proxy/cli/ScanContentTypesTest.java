package dev.sieve.proxy.cli;

import static dev.sieve.proxy.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sieve scan} with the default rule pack finds the SSN in saved requests of every content
 * type Sieve decodes, and names the view it was found in. One JVM, many inputs.
 */
class ScanContentTypesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SSN = "536-22-8174";
    static final String SECRET_LINE = "employee ssn: " + SSN;

    @TempDir
    Path tmp;

    private Path request(String name, String target, String contentType, String encoding, byte[] body)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("POST " + target + " HTTP/1.1\r\nHost: api.anthropic.com\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + (encoding == null ? "" : "Content-Encoding: " + encoding + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        return Files.write(tmp.resolve(name), out.toByteArray());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String message(String content) {
        return "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":" + content + "}]}";
    }

    private static byte[] pdf(String text) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void findsTheSecretInEveryContentTypeAndNamesTheView() throws Exception {
        List<Path> inputs = new ArrayList<>();
        List<String> views = new ArrayList<>();

        inputs.add(request("json.http", "/v1/messages", "application/json",
                null, utf8(message(JSON.writeValueAsString(SECRET_LINE)))));
        views.add("json");

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(utf8(message(JSON.writeValueAsString(SECRET_LINE))));
        }
        inputs.add(request("gzip.http", "/v1/messages", "application/json", "gzip", gz.toByteArray()));
        views.add("json");

        inputs.add(request("zstd.http", "/v1/messages", "application/json", "zstd",
                Zstd.compress(utf8(message(JSON.writeValueAsString(SECRET_LINE))))));
        views.add("json");

        String doc = Base64.getEncoder().encodeToString(utf8("HR export\n" + SECRET_LINE + "\n"));
        inputs.add(request("base64-doc.http", "/v1/messages", "application/json", null, utf8(message(
                "[{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"text/plain\",\"data\":\""
                        + doc + "\"}}]"))));
        views.add("|base64");

        String pdf = Base64.getEncoder().encodeToString(pdf(SECRET_LINE));
        inputs.add(request("base64-pdf.http", "/v1/messages", "application/json", null, utf8(message(
                "[{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\","
                        + "\"data\":\"" + pdf + "\"}}]"))));
        views.add("|pdf");

        inputs.add(request("openai-data-url.http", "/v1/chat/completions", "application/json", null, utf8(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_data\":"
                        + "\"data:text/plain;base64," + doc + "\"}}]}]}")));
        views.add("|base64");

        String boundary = "b0undary";
        inputs.add(request("multipart.http", "/v1/files", "multipart/form-data; boundary=" + boundary, null, utf8(
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hr.txt\"\r\n"
                        + "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n" + doc + "\r\n--"
                        + boundary + "--\r\n")));
        views.add("multipart:file");

        inputs.add(request("form.http", "/submit", "application/x-www-form-urlencoded", null,
                utf8("name=Dana+Roe&ssn=" + SSN + "&note=employee+ssn")));
        views.add("form");

        inputs.add(request("query.http", "/v1/search?q=employee%20ssn%20" + SSN, "text/plain", null, utf8("")));
        views.add("query");

        inputs.add(request("text.http", "/upload", "text/plain", null, utf8("notes\n" + SECRET_LINE + "\n")));
        views.add("body");

        List<String> args = new ArrayList<>(List.of("scan", "--json"));
        inputs.forEach(p -> args.add(p.toString()));
        CliRun r = run(args.toArray(String[]::new));

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(inputs.size());
        for (int i = 0; i < lines.length; i++) {
            JsonNode result = JSON.readTree(lines[i]);
            assertThat(result.get("input").asText()).endsWith(inputs.get(i).getFileName().toString());
            assertThat(result.get("error").isNull()).as(lines[i]).isTrue();
            List<String> found = new ArrayList<>();
            for (JsonNode f : result.get("findings")) {
                if (f.get("rule").asText().equals("pii.us-ssn")) {
                    found.add(f.get("view").asText());
                }
            }
            String view = views.get(i);
            assertThat(found).as(inputs.get(i).getFileName() + ": " + lines[i]).isNotEmpty()
                    .anyMatch(v -> v.contains(view));
        }
        assertThat(r.out()).doesNotContain(SSN);
    }
}
