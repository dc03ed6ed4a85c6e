package dev.sieve.proxy.config;

import dev.sieve.proxy.audit.AuditSettings;
import dev.sieve.proxy.audit.webhook.WebhookSettings;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Allowlist;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration. Immutable; every value has been checked at load, so users of
 * it need no further validation. Build one with {@link ConfigLoader}.
 *
 * @param proxy agent-facing listener and limits
 * @param admin admin endpoint
 * @param dataDir absolute directory for the CA and state (may not exist yet)
 * @param ca interception CA and leaves
 * @param upstream upstream trust, DNS overrides and pooling
 * @param auth agent authentication
 * @param inspection body inspection limits (global defaults)
 * @param allowlist the destinations agents may reach ({@code allow:})
 * @param mode enforce or monitor
 * @param rules rule source, engine and reload interval
 * @param killSwitch kill-switch state file and watched fleet file
 * @param audit the audit trail's sinks and limits; directory defaults resolved against {@code dataDir}
 * @param destinations per-destination inspection policy ({@code allow[].inspection}), keyed by the normalized
 *     {@link AllowRule#host()}; an entry without one is absent (use {@link #inspectionFor})
 * @param mcpServers the tool policy of each MCP server entry ({@code allow[].mcp: true}, {@code allow[].tools}),
 *     keyed by the normalized {@link AllowRule#host()}; other entries are absent (use {@link #mcpFor})
 * @param conversations conversation state, history policy and alert deduplication ({@code conversations:})
 * @param redaction the placeholder key and the restore of placeholders in responses ({@code redaction:})
 * @param refusals how refusals reach an agent ({@code refusals:})
 * @param credentials real credentials injected in place of a placeholder ({@code credentials:}); where the secrets
 *     are, never their values
 * @param budgets what each agent, and each agent at a destination, may use ({@code budgets:})
 * @param state where state shared by a fleet of replicas lives ({@code state:})
 * @param webhooks HTTPS receivers of alert audit lines ({@code audit.webhooks}), each on the allowlist
 * @param auditExport the SIEM export sinks ({@code audit.export}), each receiving every audit line
 * @param alerts behaviour detections and their thresholds ({@code alerts:})
 */
public record SieveConfig(
        ProxySettings proxy,
        AdminSettings admin,
        Path dataDir,
        CaSettings ca,
        UpstreamSettings upstream,
        AuthSettings auth,
        InspectionSettings inspection,
        Allowlist allowlist,
        EnforcementMode mode,
        RulesSettings rules,
        KillSwitchSettings killSwitch,
        AuditSettings audit,
        Map<String, DestinationInspection> destinations,
        Map<String, ToolPolicy> mcpServers,
        ConversationSettings conversations,
        RedactionSettings redaction,
        RefusalSettings refusals,
        dev.sieve.proxy.credentials.CredentialSettings credentials,
        BudgetSettings budgets,
        StateSettings state,
        List<WebhookSettings> webhooks,
        java.util.List<dev.sieve.proxy.export.ExportSettings> auditExport,
        dev.sieve.proxy.behaviour.AlertSettings alerts) {

    public SieveConfig {
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(inspection, "inspection");
        Objects.requireNonNull(allowlist, "allowlist");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(killSwitch, "killSwitch");
        Objects.requireNonNull(audit, "audit");
        destinations = Map.copyOf(destinations);
        mcpServers = Map.copyOf(mcpServers);
        Objects.requireNonNull(redaction, "redaction");
        Objects.requireNonNull(refusals, "refusals");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(state, "state");
        webhooks = List.copyOf(webhooks);
        auditExport = java.util.List.copyOf(auditExport);
        Objects.requireNonNull(alerts, "alerts");
    }

    /** The inspection policy of the allow entry {@code rule}, or {@link DestinationInspection#DEFAULTS}. */
    public DestinationInspection inspectionFor(AllowRule rule) {
        return destinations.getOrDefault(rule.host(), DestinationInspection.DEFAULTS);
    }

    /** The tool policy of the allow entry {@code rule} when it is an MCP server ({@code mcp: true}). */
    public Optional<ToolPolicy> mcpFor(AllowRule rule) {
        return Optional.ofNullable(mcpServers.get(rule.host()));
    }
}
