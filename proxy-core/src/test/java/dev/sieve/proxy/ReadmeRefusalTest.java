package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.inspect.RequestInspector;
import dev.sieve.proxy.testing.ProxyTestEnv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "What a refused request looks like" shows what Sieve really answers: the example block is
 * compared with the response a running Sieve gives to {@code GET https://evil.example.com/} (status line, every
 * header and its value, the JSON body), request ids aside: the CONNECT is accepted and the refusal answered inside
 * the tunnel.
 */
class ReadmeRefusalTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String SECTION = "## What a refused request looks like";
    private static final Pattern REQUEST_ID = Pattern.compile("req_[0-9a-f]{24}");

    @TempDir
    Path dir;

    /** A response as text: status line, headers (names lower-cased, in order), body. */
    record Shown(String statusLine, Map<String, String> headers, String body) {
        static Shown parse(String text) {
            String[] parts = text.replace("\r\n", "\n").split("\n\n", 2);
            String[] head = parts[0].split("\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
            return new Shown(head[0].trim(), headers, parts.length > 1 ? parts[1].strip() : "");
        }
    }

    @Test
    void theReadmeExampleIsWhatSieveSends() throws Exception {
        Shown readme = Shown.parse(readmeExample());
        String sent;
        // The refusal does not depend on the rules: one small rule keeps the start quick.
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("rules.yaml"), """
                rules:
                  - id: test.marker
                    name: Marker
                    category: source-code
                    severity: low
                    action: block
                    patterns: ['\\bREADME-MARKER\\b']
                    tests:
                      match: ['a README-MARKER here', 'README-MARKER']
                      no_match: ['readme marker', 'README-MARKERS']
                """);
        try (ProxyTestEnv env = new ProxyTestEnv(dir, "rules: { dir: " + rules + " }", RequestInspector.PASS_THROUGH)) {
            sent = connect(env, "evil.example.com:443");
        }
        Shown actual = Shown.parse(sent);
        String got = "\nSieve sent:\n" + sent.replace("\r\n", "\n");

        assertThat(readme.statusLine()).as("status line" + got).isEqualTo(actual.statusLine());
        assertThat(readme.headers().keySet()).as("header names" + got).containsExactlyInAnyOrderElementsOf(
                actual.headers().keySet());
        String id = actual.headers().get("x-sieve-request-id");
        assertThat(id).matches(REQUEST_ID);
        assertThat(readme.headers().get("x-sieve-request-id")).as("README's request id").matches(REQUEST_ID);
        for (var header : actual.headers().entrySet()) {
            assertThat(sameIds(readme.headers().get(header.getKey()))).as(header.getKey() + got)
                    .isEqualTo(sameIds(header.getValue()));
        }
        assertThat(sameIds(readme.body())).as("JSON body" + got).isEqualTo(sameIds(actual.body()));
        // The example is self-consistent: its Content-Length is its body's length.
        assertThat(readme.headers().get("content-length"))
                .isEqualTo(String.valueOf(readme.body().getBytes(StandardCharsets.UTF_8).length));
    }

    private static String sameIds(String text) {
        return text == null ? null : REQUEST_ID.matcher(text).replaceAll("req_ID");
    }

    /** The first fenced block after the section heading. */
    private static String readmeExample() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf(SECTION);
        assertThat(section).as("README section '" + SECTION + "'").isNotNegative();
        Matcher block = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find(section)).as("an example block in that section").isTrue();
        return block.group(1);
    }

    /**
     * The proxy's whole answer to {@code GET https://<authority>/}, as bytes on the wire: the CONNECT is accepted
     * (refusals.explainInTunnel) and the refusal is the answer to the request inside the tunnel.
     */
    private static String connect(ProxyTestEnv env, String authority) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(env.proxy(), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200 ");
            String host = authority.substring(0, authority.lastIndexOf(':'));
            try (javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) env.agentTls().getSocketFactory()
                    .createSocket(socket, host, 443, false)) {
                tls.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = tls.getInputStream();
                String headText = readHead(in);
                Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(headText);
                assertThat(length.find()).as("Content-Length").isTrue();
                byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
                return headText + new String(body, StandardCharsets.UTF_8);
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("response head").isNotNegative();
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
