package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.testing.ProxyTestEnv;
import dev.sieve.proxy.testing.Synthetic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a running Sieve with the default pack: proprietary source code is logged when it goes to a destination of
 * class model-provider (api.anthropic.com, whose class comes from the built-in entry for that host) and blocked when it
 * goes to one of class other (api.sieve.test); and a secret in a Content-Type parameter, a header Sieve used to skip,
 * is blocked.
 */
class DestinationClassesEndToEndTest {
    @TempDir
    static Path dir;

    static ProxyTestEnv env;
    static HttpClient http;

    static final String CODE = "// Copyright (c) 2024 ExampleCorp. All rights reserved.\\npackage com.example.billing;";

    @BeforeAll
    static void start() throws Exception {
        env = new ProxyTestEnv(dir, null, null);
        http = env.agentClient();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static HttpResponse<String> post(String url, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String message(String text) {
        return "{\"model\":\"m\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    @Test
    void proprietaryCodeIsLoggedToAModelProviderAndBlockedToAnotherDestination() throws Exception {
        int toModel = env.anthropic.received().size();
        HttpResponse<String> model = post("https://api.anthropic.com:" + env.anthropic.port() + "/v1/messages",
                "application/json", message("review this: " + CODE));
        assertThat(model.statusCode()).as(model.body()).isEqualTo(200);
        assertThat(env.anthropic.received()).hasSize(toModel + 1);
        String logged = env.awaitAuditLine("\"decision\":\"logged\"");
        assertThat(logged).contains("source-code.company-copyright").contains("\"action\":\"log\"");

        int toOther = env.api.received().size();
        HttpResponse<String> other = post(env.apiUrl("/v1/messages"), "application/json", message("review this: " + CODE));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("inspection_blocked").contains("source-code.company-copyright");
        assertThat(env.api.received()).hasSize(toOther);
    }

    @Test
    void aSecretInAContentTypeParameterIsBlocked() throws Exception {
        String token = Synthetic.githubPat(77);
        int before = env.api.received().size();

        HttpResponse<String> r = post(env.apiUrl("/v1/messages"), "text/plain; session=" + token, "hello");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("inspection_blocked").contains("credential.github").doesNotContain(token);
        assertThat(env.api.received()).hasSize(before);
        // The record is written by the audit thread: wait for it.
        assertThat(env.awaitAuditLine("header:content-type")).contains("credential.github");
        assertThat(env.auditText()).doesNotContain(token);
    }
}
