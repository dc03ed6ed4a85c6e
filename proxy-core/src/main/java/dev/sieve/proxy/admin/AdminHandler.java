package dev.sieve.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.auth.TokenCodec;
import dev.sieve.proxy.control.KillSwitch;
import dev.sieve.proxy.control.KillSwitchScope;
import dev.sieve.proxy.control.KillSwitchState;
import dev.sieve.proxy.control.RuleControl;
import dev.sieve.proxy.control.RulesStatus;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import dev.sieve.proxy.fleet.FleetUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes one aggregated admin request to its endpoint; see {@link AdminServer} for the API. */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    /** The admin API's one JSON mapper (thread-safe once configured; shared by the endpoints). */
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "Bearer ";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Set<String> PROBES = Set.of("/healthz", "/readyz");
    private static final Map<String, Set<HttpMethod>> METHODS = Map.of(
            "/healthz", Set.of(HttpMethod.GET, HttpMethod.HEAD),
            "/readyz", Set.of(HttpMethod.GET, HttpMethod.HEAD),
            "/metrics", Set.of(HttpMethod.GET),
            "/admin/rules", Set.of(HttpMethod.GET),
            "/admin/rules/reload", Set.of(HttpMethod.POST),
            "/admin/killswitch", Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE),
            "/admin/revocations", Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE),
            "/admin/tokens", Set.of(HttpMethod.POST),
            "/admin/audit/labels", Set.of(HttpMethod.POST));

    private final AdminServer.Endpoints endpoints;
    private final Optional<AdminToken> token;
    /** The caller of the current request, for admin audit records. */
    private AdminActions actions;

    AdminHandler(AdminServer.Endpoints endpoints, Optional<AdminToken> token) {
        this.endpoints = endpoints;
        this.token = token;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        // Verified once (a signature check) and used twice: to authorize the request and to name its actor.
        Optional<String> subject = signedAdminSubject(request);
        actions = new AdminActions(endpoints.tokens().audit(), endpoints.tokens().clock(),
                subject.orElse("admin") + "@" + address(ctx));
        try {
            response = respond(request, subject);
        } catch (RuntimeException e) {
            log.error("admin: {} {} failed", request.method(), new QueryStringDecoder(request.uri()).path(), e);
            response = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "api_error", "internal error: "
                    + e.getClass().getSimpleName() + " (see the Sieve log)");
        }
        if (request.method().equals(HttpMethod.HEAD)) {
            response.content().clear();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** {@code subject}: that of the signed admin token presented, if valid ({@link #signedAdminSubject}). */
    private FullHttpResponse respond(FullHttpRequest request, Optional<String> subject) {
        if (request.decoderResult().isFailure()) {
            return error(HttpResponseStatus.BAD_REQUEST, "invalid_request_error", "malformed HTTP request");
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        Set<HttpMethod> allowed = METHODS.get(path);
        if (!PROBES.contains(path) && token.isPresent() && !authorized(request, subject)) {
            FullHttpResponse denied = error(HttpResponseStatus.UNAUTHORIZED, "authentication_error",
                    "admin API: missing or invalid bearer token (expected: Authorization: Bearer <token>)");
            denied.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"sieve-admin\"");
            return denied;
        }
        if (allowed == null) {
            return error(HttpResponseStatus.NOT_FOUND, "not_found_error", "no admin endpoint " + printable(path)
                    + " (expected: /healthz, /readyz, /metrics, /admin/rules, /admin/rules/reload, /admin/killswitch,"
                    + " /admin/revocations, /admin/tokens, /admin/audit/labels)");
        }
        if (!allowed.contains(request.method())) {
            FullHttpResponse wrong = error(HttpResponseStatus.METHOD_NOT_ALLOWED, "invalid_request_error",
                    "method " + request.method() + " on " + path + " (expected: " + names(allowed) + ")");
            wrong.headers().set(HttpHeaderNames.ALLOW, names(allowed));
            return wrong;
        }
        return switch (path) {
            case "/healthz" -> text(HttpResponseStatus.OK, "text/plain; charset=utf-8", "ok\n");
            case "/readyz" -> readiness();
            case "/metrics" -> text(HttpResponseStatus.OK, PROMETHEUS_TEXT, endpoints.metrics().get());
            case "/admin/rules" -> json(HttpResponseStatus.OK, rules(endpoints.rules().status()));
            case "/admin/rules/reload" -> reload();
            case "/admin/revocations" -> TokenEndpoints.revocations(endpoints.tokens(), actions, request.method(),
                    uri.parameters());
            case "/admin/tokens" -> TokenEndpoints.issue(endpoints.tokens(), actions, request);
            case "/admin/audit/labels" -> LabelEndpoint.label(endpoints.tokens(), actions, request);
            default -> killSwitch(request.method(), uri.parameters());
        };
    }

    /** The bearer credential presented, if any. */
    private static Optional<String> bearer(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).strip());
    }

    /**
     * The subject of the valid signed admin token presented ({@link TokenAdmin.AdminTokens}), if any: who makes this
     * request, for the audit; without one the actor is {@code admin} (the admin bearer token, or an admin API without
     * one on loopback).
     */
    private Optional<String> signedAdminSubject(FullHttpRequest request) {
        return bearer(request).filter(TokenCodec::looksLikeToken)
                .flatMap(b -> endpoints.tokens().adminTokens().subject(b));
    }

    /** A valid signed admin token ({@code subject} present), or the admin bearer token. */
    private boolean authorized(FullHttpRequest request, Optional<String> subject) {
        if (subject.isPresent()) {
            return true;
        }
        Optional<String> presented = bearer(request);
        return presented.isPresent() && token.orElseThrow().matches(presented.get());
    }

    private FullHttpResponse readiness() {
        List<String> reasons = endpoints.notReadyReasons().get();
        ObjectNode body = JSON.createObjectNode();
        body.put("status", reasons.isEmpty() ? "ready" : "not_ready");
        if (!reasons.isEmpty()) {
            reasons.forEach(body.putArray("reasons")::add);
        }
        List<String> details = endpoints.readinessDetails().get();
        if (!details.isEmpty()) {
            details.forEach(body.putArray("details")::add);
        }
        if (reasons.isEmpty()) {
            return json(HttpResponseStatus.OK, body);
        }
        return json(HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }

    /**
     * 200 {"result":"reloaded"|"unchanged","rules":{...}} (unchanged also when the folder watcher reloaded first), or
     * 422 in the error shape with the reason and the rules still in force.
     */
    private FullHttpResponse reload() {
        RuleControl.Outcome outcome = endpoints.rules().reload();
        ObjectNode body = JSON.createObjectNode();
        boolean failed = outcome.result() == RuleControl.Result.FAILED;
        actions.record("rules.reload", "rules", failed ? "failed"
                : outcome.result() == RuleControl.Result.RELOADED ? "ok" : "unchanged",
                List.of("version=" + safeVersion(outcome.status().version())));
        if (failed) {
            body.put("type", "error");
            ObjectNode error = body.putObject("error");
            error.put("type", "invalid_request_error");
            error.put("message", "rule reload failed: " + outcome.error().orElseThrow()
                    + " (the last good rule set stays in force)");
            error.put("reason", outcome.reason().orElse(null));
        }
        body.put("result", outcome.result().name().toLowerCase(java.util.Locale.ROOT));
        body.put("reloaded", outcome.reloaded());
        body.set("rules", rules(outcome.status()));
        return json(failed ? HttpResponseStatus.UNPROCESSABLE_ENTITY : HttpResponseStatus.OK, body);
    }

    private static ObjectNode rules(RulesStatus status) {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", status.version());
        node.put("engine", status.engine());
        node.put("count", status.ruleIds().size());
        status.ruleIds().forEach(node.putArray("ids")::add);
        node.put("loadedAt", status.loadedAt().map(Object::toString).orElse(null));
        node.put("lastReloadError", status.lastReloadError().orElse(null));
        node.put("lastReloadReason", status.lastReloadReason().orElse(null));
        RulesStatus.Selection selection = status.selection();
        node.put("builtin", selection.builtin());
        node.put("folder", selection.folder().orElse(null));
        node.put("builtinRules", selection.builtinRules());
        node.put("folderRules", selection.folderRules());
        selection.disabled().forEach(node.putArray("disabled")::add);
        selection.replaced().forEach(node.putArray("replaced")::add);
        ObjectNode overrides = node.putObject("overrides");
        selection.overrides().forEach((id, o) -> {
            ObjectNode entry = overrides.putObject(id);
            o.action().ifPresent(a -> entry.put("action", a));
            o.severity().ifPresent(s -> entry.put("severity", s));
            if (!o.classActions().isEmpty()) {
                ObjectNode actions = entry.putObject("actions");
                o.classActions().forEach(actions::put);
            }
            entry.put("lowersAction", o.lowersAction());
        });
        selection.categories().forEach(node.putArray("categories")::add);
        selection.notes().forEach(node.putArray("notes")::add);
        return node;
    }

    private FullHttpResponse killSwitch(HttpMethod method, Map<String, List<String>> query) {
        KillSwitch killSwitch = endpoints.killSwitch();
        if (method.equals(HttpMethod.GET)) {
            return json(HttpResponseStatus.OK, state(killSwitch.snapshot()));
        }
        KillSwitchScope scope;
        try {
            scope = scope(query);
        } catch (IllegalArgumentException e) {
            return error(HttpResponseStatus.BAD_REQUEST, "invalid_request_error", e.getMessage());
        }
        boolean engage = method.equals(HttpMethod.POST);
        String action = engage ? "killswitch.engage" : "killswitch.release";
        if (!engage && !actions.mayWeaken()) {
            return error(HttpResponseStatus.SERVICE_UNAVAILABLE, "api_error", "kill switch not released: the audit log"
                    + " cannot record it (see /readyz)");
        }
        try {
            KillSwitch.Snapshot after = engage ? killSwitch.engage(scope) : killSwitch.release(scope);
            actions.record(action, scope.label(), "ok", List.of());
            return json(HttpResponseStatus.OK, state(after));
        } catch (FleetUnavailableException e) {
            actions.record(action, scope.label(), "failed", List.of("fleet-state-unavailable"));
            return error(HttpResponseStatus.SERVICE_UNAVAILABLE, "api_error", "kill switch not released: "
                    + e.getMessage());
        } catch (IOException e) {
            log.error("admin: kill switch state not persisted", e);
            actions.record(action, scope.label(), engage ? "ok" : "failed",
                    List.of(engage ? "not-persisted" : "state-file-not-written"));
            return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "api_error", method.equals(HttpMethod.POST)
                    ? "kill switch engaged for " + scope + " but not persisted: it will not survive a restart ("
                            + e.getClass().getSimpleName() + ")"
                    : "kill switch not released: the state file could not be written (" + e.getClass().getSimpleName()
                            + ")");
        }
    }

    private static KillSwitchScope scope(Map<String, List<String>> query) {
        for (String key : query.keySet()) {
            if (!key.equals("agent") && !key.equals("token")) {
                throw new IllegalArgumentException("query parameter " + printable(key)
                        + " (expected: agent=<id>, token=<token id> or none)");
            }
        }
        if (query.size() > 1) {
            throw new IllegalArgumentException("agent and token: both given (expected: one scope)");
        }
        for (String key : List.of("agent", "token")) {
            List<String> values = query.getOrDefault(key, List.of());
            if (values.size() > 1) {
                throw new IllegalArgumentException(key + ": given " + values.size() + " times (expected: once)");
            }
            if (values.size() == 1) {
                return key.equals("agent") ? KillSwitchScope.agent(values.get(0)) : KillSwitchScope.token(values.get(0));
            }
        }
        return KillSwitchScope.ALL;
    }

    /** A rule-set version as an audit reason (a hash or a counter); anything else is shortened to its class. */
    private static String safeVersion(String version) {
        return version != null && version.matches("[A-Za-z0-9._:-]{1,64}") ? version : "unknown";
    }

    private static String address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress a
                ? a.getAddress().getHostAddress().replaceAll("%.*$", "") : "unknown";
    }

    private static ObjectNode state(KillSwitch.Snapshot snapshot) {
        ObjectNode node = JSON.createObjectNode();
        node.put("engaged", snapshot.engaged());
        node.set("admin", state(snapshot.admin()));
        node.set("fleet", state(snapshot.file()));
        return node;
    }

    private static ObjectNode state(KillSwitchState state) {
        ObjectNode node = JSON.createObjectNode();
        node.put("all", state.all());
        ArrayNode agents = node.putArray("agents");
        state.agents().stream().sorted().forEach(agents::add);
        ArrayNode tokens = node.putArray("tokens");
        state.tokens().stream().sorted().forEach(tokens::add);
        return node;
    }

    static FullHttpResponse error(HttpResponseStatus status, String type, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return json(status, root);
    }

    static FullHttpResponse json(HttpResponseStatus status, ObjectNode body) {
        try {
            return bytes(status, HttpHeaderValues.APPLICATION_JSON.toString(), JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
        return bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse bytes(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }

    private static String names(Set<HttpMethod> methods) {
        return methods.stream().map(HttpMethod::name).sorted().reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** A path or key from the request, shown only as short printable ASCII. */
    static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection failed: {}", cause.toString());
        ctx.close();
    }
}
