package dev.sieve.proxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.auth.ClaimsJson;
import dev.sieve.proxy.auth.Revocation;
import dev.sieve.proxy.auth.RevocationList;
import dev.sieve.proxy.auth.RevocationState;
import dev.sieve.proxy.auth.TokenClaims;
import dev.sieve.proxy.auth.TokenIssuer;
import dev.sieve.proxy.config.EnforcementMode;
import dev.sieve.proxy.config.Units;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import dev.sieve.proxy.fleet.FleetUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin endpoints of agent tokens: {@code /admin/revocations} and {@code POST /admin/tokens}. */
final class TokenEndpoints {
    private static final Logger log = LoggerFactory.getLogger(TokenEndpoints.class);
    private static final List<String> ISSUE_FIELDS = List.of("agent", "ttl", "allow", "budget", "mode", "scope");

    private TokenEndpoints() {}

    static FullHttpResponse revocations(TokenAdmin admin, AdminActions actions, HttpMethod method,
            Map<String, List<String>> query) {
        if (admin.revocations().isEmpty()) {
            return AdminHandler.error(HttpResponseStatus.NOT_FOUND, "not_found_error", "no revocation list here");
        }
        RevocationList list = admin.revocations().get();
        if (method.equals(HttpMethod.GET)) {
            return AdminHandler.json(HttpResponseStatus.OK, state(list.snapshot()));
        }
        Revocation revocation;
        try {
            revocation = revocation(query);
        } catch (IllegalArgumentException e) {
            return AdminHandler.error(HttpResponseStatus.BAD_REQUEST, "invalid_request_error", e.getMessage());
        }
        boolean add = method.equals(HttpMethod.POST);
        String action = add ? "revocation.add" : "revocation.remove";
        if (!add && !actions.mayWeaken()) {
            return AdminHandler.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "api_error", "revocation not lifted: the"
                    + " audit log cannot record it (see /readyz)");
        }
        try {
            boolean changed = add ? list.revoke(revocation) : list.restore(revocation);
            actions.record(action, revocation.toString(), changed ? "ok" : "unchanged", List.of());
            return AdminHandler.json(HttpResponseStatus.OK, state(list.snapshot()));
        } catch (IllegalStateException e) { // the list is full: refused, and the attempt audited
            actions.record(action, revocation.toString(), "failed", List.of("revocation-list-full"));
            return AdminHandler.error(HttpResponseStatus.CONFLICT, "invalid_request_error", e.getMessage());
        } catch (FleetUnavailableException e) {
            actions.record(action, revocation.toString(), "failed", List.of("fleet-state-unavailable"));
            return AdminHandler.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "api_error", "revocation not lifted: "
                    + e.getMessage());
        } catch (IOException e) {
            log.error("admin: revocation list not persisted", e);
            actions.record(action, revocation.toString(), add ? "ok" : "failed",
                    List.of(add ? "not-persisted" : "state-file-not-written"));
            return AdminHandler.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "api_error", add
                    ? revocation + " revoked but not persisted: it will not survive a restart ("
                            + e.getClass().getSimpleName() + ")"
                    : "revocation not lifted: the state file could not be written (" + e.getClass().getSimpleName()
                            + ")");
        }
    }

    /**
     * Issues a token: body {@code {"agent":"id","ttl":"1h","allow":["host[:port]"],"budget":"rpm=60","mode":"enforce"}}
     * (agent and ttl required). Answers {@code {"token":"sieve1...","claims":{...}}} with {@code Cache-Control:
     * no-store}; the token appears nowhere else (not in logs, not in the audit record, which names its id).
     */
    static FullHttpResponse issue(TokenAdmin admin, AdminActions actions, FullHttpRequest request) {
        if (admin.issuer().isEmpty()) {
            return AdminHandler.error(HttpResponseStatus.NOT_FOUND, "not_found_error", "token issuance is off here"
                    + " (expected: auth.signingKeyFile; or issue offline with sieve token issue)");
        }
        if (!actions.mayWeaken()) {
            return AdminHandler.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "api_error", "no token issued: the audit"
                    + " log cannot record it (see /readyz)");
        }
        TokenIssuer.Issued issued;
        try {
            JsonBody body = JsonBody.read(request, ISSUE_FIELDS, "{\"agent\":...,\"ttl\":...}");
            Duration ttl = Units.parseDuration(body.text("ttl"));
            if (ttl == null) {
                throw new IllegalArgumentException("ttl: (expected: a duration such as 15m or 1h)");
            }
            List<String> allow = new ArrayList<>();
            JsonNode allowNode = body.path("allow");
            if (!allowNode.isMissingNode() && !allowNode.isArray()) {
                throw new IllegalArgumentException("allow: (expected: an array of HOST[:PORT])");
            }
            for (JsonNode entry : allowNode) {
                allow.add(entry.isTextual() ? entry.textValue() : "");
            }
            String mode = body.text("mode", "enforce").toLowerCase(Locale.ROOT);
            if (!mode.equals("enforce") && !mode.equals("monitor")) {
                throw new IllegalArgumentException("mode: (expected: enforce or monitor)");
            }
            issued = admin.issuer().get().issue(body.text("agent"), ttl, allow, body.text("budget", ""),
                    mode.equals("enforce") ? EnforcementMode.ENFORCE : EnforcementMode.MONITOR,
                    java.util.Optional.ofNullable(body.text("scope", null)),
                    admin.clock().instant());
        } catch (IllegalArgumentException e) {
            return AdminHandler.error(HttpResponseStatus.BAD_REQUEST, "invalid_request_error", e.getMessage());
        }
        TokenClaims c = issued.claims();
        actions.record("token.issue", "token:" + c.tokenId(), "ok", List.of("agent:" + c.subject(),
                "exp=" + c.expiresAt(), "kid=" + c.keyId()));
        ObjectNode out = AdminHandler.JSON.createObjectNode();
        out.put("token", issued.token());
        out.set("claims", ClaimsJson.of(c));
        return AdminHandler.json(HttpResponseStatus.CREATED, out);
    }

    private static Revocation revocation(Map<String, List<String>> query) {
        if (query.size() != 1 || !(query.containsKey("token") || query.containsKey("agent"))) {
            throw new IllegalArgumentException("query (expected: exactly one of token=<token id> or agent=<agent id>)");
        }
        Map.Entry<String, List<String>> only = query.entrySet().iterator().next();
        if (only.getValue().size() != 1) {
            throw new IllegalArgumentException(only.getKey() + ": given " + only.getValue().size()
                    + " times (expected: once)");
        }
        String id = only.getValue().get(0);
        return only.getKey().equals("token") ? Revocation.token(id) : Revocation.agent(id);
    }

    private static ObjectNode state(RevocationList.Snapshot snapshot) {
        ObjectNode node = AdminHandler.JSON.createObjectNode();
        node.set("admin", state(snapshot.admin()));
        node.set("file", state(snapshot.file()));
        return node;
    }

    private static ObjectNode state(RevocationState state) {
        ObjectNode node = AdminHandler.JSON.createObjectNode();
        state.tokens().stream().sorted().forEach(node.putArray("tokens")::add);
        state.agents().stream().sorted().forEach(node.putArray("agents")::add);
        return node;
    }
}
