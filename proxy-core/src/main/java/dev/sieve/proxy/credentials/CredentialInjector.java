package dev.sieve.proxy.credentials;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts real credentials into requests on their way upstream, in place of the placeholder agents send
 * ({@code credentials:}). The exchange calls {@link #prepare} once per request, after DLP inspection of the agent's
 * request and before the upstream request head is built: so the real value is never inspected as the agent's data,
 * and the agent's request head (which audit and logs describe) never holds it; the value is only in the copy that
 * goes upstream. Decisions are {@link CredentialDecision}'s. Thread-safe and immutable apart from the
 * {@link SecretStore}'s values.
 */
public final class CredentialInjector {
    /** Injects nothing and refuses nothing. */
    public static final CredentialInjector NONE = new CredentialInjector(CredentialSettings.NONE, SecretStore.empty());

    /** What the exchange does with a request. */
    public sealed interface Prepared {}

    /** Send {@code request} upstream (the agent's own head, or a copy with the real credential). */
    public record Send(HttpRequest request, boolean injected) implements Prepared {}

    /** Refuse with {@code credential_not_injected}; the detail names slots and the placeholder, never a value. */
    public record Refuse(String detail) implements Prepared {}

    private final CredentialSettings settings;
    private final SecretStore secrets;
    /** The entries by host (looked up without building a {@code host:port} string per request). */
    private final Map<String, List<CredentialEntry>> byHost = new HashMap<>();

    public CredentialInjector(CredentialSettings settings, SecretStore secrets) {
        this.settings = settings;
        this.secrets = secrets;
        for (CredentialEntry e : settings.entries()) {
            byHost.computeIfAbsent(e.host(), k -> new ArrayList<>()).add(e);
        }
    }

    /**
     * @param agentId the request's agent (the anonymous id without proxy authentication)
     * @param scopeName the named scope of the agent's signed token ({@code scope} claim); empty without one
     * @param host    the checked destination host (normalized)
     * @param tls     whether the request goes upstream over TLS (an intercepted tunnel)
     * @param request the agent's request head, after inspection; never modified
     */
    public Prepared prepare(String agentId, Optional<String> scopeName, String host, int port, boolean tls,
            HttpRequest request) {
        List<CredentialEntry> entries = byHost.get(host);
        Optional<CredentialEntry> entry = entries == null ? Optional.empty()
                : CredentialEntry.choose(entries, port, agentId, scopeName);
        if (entry.isEmpty()) {
            return new Send(request, false);
        }
        CredentialDecision.Outcome outcome = CredentialDecision.decide(entry.get(), settings.placeholder(), tls,
                request.headers(), request.uri());
        if (outcome instanceof CredentialDecision.Refuse r) {
            return new Refuse(r.detail());
        }
        if (outcome instanceof CredentialDecision.Inject inject) {
            return new Send(inject(request, inject), true);
        }
        return new Send(request, false);
    }

    private HttpRequest inject(HttpRequest request, CredentialDecision.Inject inject) {
        CredentialEntry entry = inject.entry();
        String value = secrets.value(entry.source());
        String uri = request.uri();
        HttpHeaders headers = request.headers().copy();
        for (CredentialSlot clear : inject.clearSlots()) {
            if (clear.header()) {
                headers.remove(clear.name());
            } else {
                uri = QueryParams.replace(uri, clear.name(), null);
            }
        }
        CredentialSlot slot = entry.slot();
        if (slot.header()) {
            headers.set(slot.name(), slot.prefix() + value);
        } else {
            uri = QueryParams.replace(uri, slot.name(), value);
        }
        return new DefaultHttpRequest(request.protocolVersion(), request.method(), uri, headers);
    }

    @Override
    public String toString() {
        return "CredentialInjector" + settings.entries().stream().map(CredentialEntry::destination).distinct()
                .toList();
    }
}
