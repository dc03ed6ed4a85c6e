package dev.sieve.proxy.config;

import java.util.List;
import java.util.Map;

/**
 * The YAML shape of the config file, bound by Jackson with unknown keys rejected. Values stay raw
 * (sizes and durations as text) until {@link ConfigBinder} validates them into {@link SieveConfig}.
 * Field names are the config keys: they are a contract with the docs and the Helm chart.
 */
@SuppressWarnings("unused") // fields are written reflectively by Jackson
final class ConfigDto {
    ProxyDto proxy;
    String mode;
    AdminDto admin;
    String dataDir;
    CaDto ca;
    UpstreamDto upstream;
    AuthDto auth;
    InspectionDto inspection;
    RulesDto rules;
    KillSwitchDto killSwitch;
    AuditDto audit;
    SubdomainsDto subdomains;
    RefusalsDto refusals;
    List<AllowDto> allow;
    ConversationsDto conversations;
    RedactionDto redaction;
    CredentialsDto credentials;
    BudgetsDto budgets;
    StateDto state;
    AlertsDto alerts;

    /** {@code alerts}: behaviour detections and their thresholds. */
    static final class AlertsDto {
        Boolean enabled;
        Integer maxAgents;
        VolumeAlertsDto volume;
        ProbingAlertsDto probing;
        NewDestinationAlertsDto newDestinations;
    }

    static final class VolumeAlertsDto {
        Boolean enabled;
        Integer baselineHours;
        Integer multiplier;
        String minBytes;
        String largeUploadBytes;
        Integer largeUploadsPerHour;
    }

    static final class ProbingAlertsDto {
        Boolean enabled;
        String window;
        Integer refusedDestinations;
        Integer sameRuleBlocks;
    }

    static final class NewDestinationAlertsDto {
        Boolean enabled;
        String warmUp;
        Integer maxPerAgent;
    }

    /** {@code conversations}: conversation state, history policy and alert deduplication. */
    static final class ConversationsDto {
        Boolean enabled;
        String maxStateBytes;
        String idleExpiry;
        String history;
        Map<String, String> historyCategories;
    }

    static final class ProxyDto {
        String listen;
        String maxInitialLineBytes;
        String maxHeaderBytes;
        String connectTimeout;
        String idleTimeout;
        String responseTimeout;
        Integer workerThreads;
        String headerTimeout;
        String minBodyBytesPerSecond;
        String minBodyRateGrace;
        Integer maxConnections;
        Integer maxConnectionsPerClient;
        Boolean http2;
        Integer http2MaxConcurrentStreams;
    }

    static final class AdminDto {
        String listen;
        String tokenFile;
    }

    static final class RulesDto {
        String dir;
        Boolean builtin;
        List<String> disable;
        Map<String, RuleOverrideDto> overrides;
        Boolean allowEmpty;
        String engine;
        String reloadInterval;
        CompiledCacheDto compiledCache;
    }

    /** {@code rules.compiledCache}: where compiled Hyperscan databases are kept between runs. */
    static final class CompiledCacheDto {
        Boolean enabled;
        String directory;
    }

    /** One {@code rules.overrides.<rule-id>} entry; a new kind of override is a new field here. */
    static final class RuleOverrideDto {
        String action;
        String severity;
        Map<String, String> actions;
        String history;
    }

    static final class KillSwitchDto {
        String stateFile;
        String file;
    }

    static final class RedactionDto {
        String keyFile;
        Boolean restoreInResponses;
        String restoreMaxBytes;
        String restoreTtl;
    }

    static final class RefusalsDto {
        Boolean explainInTunnel;
    }

    static final class AuditDto {
        Boolean files;
        String directory;
        Boolean stdout;
        String maxFileBytes;
        String maxFileAge;
        Integer queueCapacity;
        String overflow;
        String hmacKeyFile;
        List<WebhookDto> webhooks;
        List<ExportDto> export;
        AuditSigningDto signing;
        AuditAnchorsDto anchors;
    }

    /** {@code audit.webhooks[]}: an HTTPS receiver of alert (and other) audit lines; see WebhooksBinder. */
    static final class WebhookDto {
        String name;
        String url;
        String urlFile;
        String format;
        String secretFile;
        List<String> records;
        String timeout;
        Integer maxAttempts;
        BackoffDto backoff;
        Integer queueCapacity;
        String overflow;
        String caFile;
    }

    /** {@code audit.webhooks[].backoff}: the wait between attempts. */
    static final class BackoffDto {
        String initial;
        String max;
    }

    /** One {@code audit.export} entry: a SIEM export sink. */
    static final class ExportDto {
        String name;
        String type;
        String format;
        String address;
        String transport;
        String caFile;
        String certFile;
        String keyFile;
        String serverName;
        List<String> records;
        Integer queueCapacity;
        String overflow;
        String appName;
        String facility;
    }

    static final class AuditSigningDto {
        String keyFile;
    }

    static final class AuditAnchorsDto {
        String interval;
        String file;
    }

    static final class CaDto {
        String certFile;
        String keyFile;
        String leafKeyType;
        String leafValidity;
        Integer cacheSize;
    }

    static final class UpstreamDto {
        List<String> extraCaFiles;
        Map<String, String> resolve;
        PoolDto pool;
        Boolean http2;
    }

    static final class PoolDto {
        Integer maxIdlePerHost;
        String idleTimeout;
    }

    static final class AuthDto {
        Boolean required;
        Map<String, String> tokens;
        String tokenFile;
        List<String> verificationKeys;
        String verificationKeyDir;
        String tokenClockSkew;
        String maxTokenTtl;
        String revocationFile;
        String revocationStateFile;
        String signingKeyFile;
    }

    static final class InspectionDto {
        String maxBodyBytes;
        String maxBodyBytesInFlight;
        Boolean failOpen;
        String maxBodyBytesInFlightPerAgent;
        String budgetWait;
        LimitsDto limits;
        Integer workers;
        Integer queue;
        String queueWait;
        WebSocketDto websocket;
    }

    /** {@code inspection.websocket}. */
    static final class WebSocketDto {
        String maxMessageBytes;
        Integer maxFragments;
        String maxServerFrameBytes;
    }

    /** {@code inspection.limits} and {@code allow[].inspection.limits}; keys are {@code ViewLimits.Limit#key()}. */
    static final class LimitsDto {
        String maxDecodedBytes;
        Integer maxDecompressionRatio;
        Integer maxJsonDepth;
        String maxJsonStringBytes;
        Integer maxViews;
        Integer maxBase64Depth;
        Integer maxPdfPages;
        String maxPdfBytes;
        String maxPdfTime;
        Integer maxMultipartParts;
        Integer maxArchiveEntries;
        Integer maxDecodeDepth;
        Integer maxDecodeLayers;
        String maxDecodeTime;
    }

    static final class AllowDto {
        String host;
        List<Integer> ports;
        String mode;
        Boolean privateAddresses;
        Boolean plainHttp;
        DestinationInspectionDto inspection;
        @com.fasterxml.jackson.annotation.JsonProperty("class")
        String destinationClass;
        SubdomainsDto subdomains;
        Boolean mcp;
        ToolsDto tools;
        Boolean websocket;
    }

    /** {@code allow[].tools}: an MCP server entry's tool policy. */
    static final class ToolsDto {
        @com.fasterxml.jackson.annotation.JsonProperty("default")
        String defaultAction;
        List<String> allow;
        List<String> deny;
        Map<String, String> actions;
    }

    /** {@code subdomains} (defaults for wildcard entries) and {@code allow[].subdomains} (an entry's own). */
    static final class SubdomainsDto {
        Boolean check;
        Integer maxLabelLength;
        Integer minEncodedLength;
        Double maxEntropy;
    }

    static final class DestinationInspectionDto {
        List<String> categories;
        List<String> excludeRules;
        Map<String, String> actions;
        String maxBodyBytes;
        Boolean failOpen;
        List<String> ownCredentials;
        LimitsDto limits;
    }

    /** {@code credentials}: real credentials Sieve injects in place of a placeholder. */
    static final class CredentialsDto {
        String placeholder;
        Boolean requireInjected;
        String refreshInterval;
        List<CredentialEntryDto> entries;
    }

    /** One {@code credentials.entries[]} item. */
    static final class CredentialEntryDto {
        String destination;
        List<String> agents;
        List<String> tokenScopes;
        String kind;
        String secretFile;
        String secretEnv;
        String header;
        String prefix;
        String query;
        Boolean requireInjected;
    }

    /** {@code budgets}: per agent and per agent at a destination. */
    static final class BudgetsDto {
        @com.fasterxml.jackson.annotation.JsonProperty("default")
        BudgetDto defaults;
        Map<String, BudgetDto> agents;
        List<DestinationBudgetDto> destinations;
        Integer metricAgentLabels;
    }

    /** One budget: every limit optional. */
    static class BudgetDto {
        Long rpm;
        String uploadPerHour;
        String uploadPerDay;
        Long connections;
    }

    /** {@code budgets.destinations[]}: a budget of an agent (or {@code "*"}) at one host. */
    static final class DestinationBudgetDto extends BudgetDto {
        String agent;
        String host;
    }

    /** {@code state}: state shared by a fleet. */
    static final class StateDto {
        RedisDto redis;
    }

    static final class RedisDto {
        String url;
        String passwordFile;
        String caFile;
        String timeout;
        String leaseTtl;
    }
}
