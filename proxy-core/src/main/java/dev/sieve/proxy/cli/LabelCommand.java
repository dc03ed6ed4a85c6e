package dev.sieve.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.audit.AuditKeys;
import dev.sieve.proxy.audit.AuditLog;
import dev.sieve.proxy.audit.AuditMetrics;
import dev.sieve.proxy.audit.AuditSettings;
import dev.sieve.proxy.audit.LabelEntry;
import dev.sieve.proxy.audit.SealSigner;
import dev.sieve.proxy.auth.AuditSigningKeys;
import dev.sieve.proxy.config.AdminSettings;
import dev.sieve.proxy.config.SieveConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve audit label}: an analyst's verdict on one decision, appended to the chain as a {@link LabelEntry}. */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Label an audited decision as a false positive or a confirmed finding.",
            "The label is appended to the audit chain as its own record; the labelled record is never edited, and a"
                + " later label for the same request supersedes it in sieve report.",
            "By default the running Sieve writes it (POST /admin/audit/labels on admin.listen, with the bearer token"
                + " of admin.tokenFile). With --offline, while Sieve is stopped, this command appends to"
                + " audit.directory itself (it refuses while Sieve holds the directory's lock).",
            "The request id is not looked up: sieve report lists labels whose request id it cannot find.",
            "Exit status: 0 labelled, 2 error."})
final class LabelCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int ERROR = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "REQUEST_ID", description = "The request id (as in the audit record and the"
            + " agent's error response).")
    String requestId;

    @Parameters(index = "1", paramLabel = "LABEL", description = "false-positive or confirmed.")
    String label;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why (at most 500 characters; never paste request"
            + " content: the note is not scanned).")
    String note = "";

    @Option(names = "--offline", description = "Append to audit.directory directly (Sieve must not be running).")
    boolean offline;

    @Option(names = "--admin", paramLabel = "URL", description = "The admin API (default: http://<admin.listen>).")
    URI admin;

    @Option(names = "--token-file", paramLabel = "FILE", description = "The admin bearer token (default:"
            + " admin.tokenFile).")
    Path tokenFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SieveConfig cfg = config.load();
            String actor = offline ? "cli@" + host() : "admin";
            // Validate before anything is sent or opened; the server (or the offline log) builds the entry again.
            new LabelEntry(Clock.systemUTC().instant(), requestId, label, actor, note);
            if (offline) {
                LabelEntry entry = offline(cfg, actor);
                out.println("labelled " + entry.requestId() + " " + entry.label() + " (offline, actor " + entry.actor()
                        + ")");
            } else {
                JsonNode written = online(cfg);
                out.println("labelled " + written.path("requestId").asText() + " " + written.path("label").asText()
                        + " (actor " + written.path("actor").asText() + ")");
            }
            return OK;
        } catch (Exception e) {
            err.println("sieve audit label: " + e.getMessage());
            return ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private LabelEntry offline(SieveConfig cfg, String actor) throws Exception {
        AuditSettings configured = cfg.audit();
        Path directory = configured.directory().orElseThrow(() -> new IllegalArgumentException(
                "audit.directory: not set (expected: the directory of the audit files to label offline)"));
        // Files only: the label must not go to this command's stdout as if it were a log shipper's feed.
        AuditSettings files = new AuditSettings(Optional.of(directory), false, configured.maxFileBytes(),
                configured.maxFileAge(), configured.queueCapacity(), configured.overflow(), configured.hmacKeyFile(),
                configured.signing());
        // Signed with Sieve's own seal key, so the seal this run writes verifies with its public key like the rest.
        SealSigner signer = AuditSigningKeys.load(configured.signing().keyFile(cfg.dataDir()));
        byte[] key = AuditKeys.load(configured.keyFile(cfg.dataDir()));
        LabelEntry entry = new LabelEntry(Clock.systemUTC().instant(), requestId, label, actor, note);
        try (AuditLog log = AuditLog.open(files, key, signer, Clock.systemUTC(), AuditMetrics.NONE)) {
            log.append(entry);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return entry;
    }

    private JsonNode online(SieveConfig cfg) throws Exception {
        AdminSettings settings = cfg.admin();
        URI base = admin != null ? admin : URI.create("http://" + settings.listen().connectable());
        ObjectNode body = JSON.createObjectNode().put("requestId", requestId).put("label", label).put("note", note);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/admin/audit/labels"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        Optional<Path> token = Optional.ofNullable(tokenFile).or(settings::tokenFile);
        if (token.isPresent()) {
            request.header("Authorization", "Bearer " + Files.readString(token.get(), StandardCharsets.UTF_8).strip());
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .build().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("admin API " + base + ": not reachable (" + e.getClass().getSimpleName()
                    + "; expected: a running Sieve, or --offline while it is stopped)");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException notJson) {
            answer = JSON.createObjectNode();
        }
        if (response.statusCode() != 201) {
            String message = answer.path("error").path("message").asText("HTTP " + response.statusCode());
            throw new IOException("admin API answered " + response.statusCode() + ": " + message);
        }
        return answer;
    }

    /** admin.listen as an address to connect to: a wildcard listen address means this machine. */
    private static String host() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return LabelEntry.REQUEST_ID.matcher(name).matches() ? name : "localhost";
        } catch (IOException e) {
            return "localhost";
        }
    }
}
