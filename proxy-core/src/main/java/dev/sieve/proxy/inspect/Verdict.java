package dev.sieve.proxy.inspect;

import dev.sieve.proxy.error.JsonRpcReply;
import dev.sieve.proxy.error.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What to do with an inspected request, and the report the audit log and metrics record. */
public sealed interface Verdict {
    Verdict ALLOW = new Allow(Report.NONE);

    Report report();

    /** Forward the request as received ({@code report.decision()} is "allowed" or "logged"). */
    record Allow(Report report) implements Verdict {}

    /**
     * Forward a rewritten body (redaction): headers listed are set on the forwarded request, and
     * the request target is replaced when {@code pathAndQuery} is present.
     */
    record Replace(byte[] body, List<Map.Entry<String, String>> headers, Optional<String> pathAndQuery, Report report)
            implements Verdict {}

    /**
     * Refuse: nothing reaches the upstream. {@code detail} names rule ids or a reason, never data. {@code jsonRpc}:
     * the request was JSON-RPC to an MCP server, and the refusal is answered as JSON-RPC errors shaped so.
     */
    record Block(Refusal refusal, String detail, List<String> ruleIds, Report report, Optional<JsonRpcReply> jsonRpc)
            implements Verdict {
        public Block {
            ruleIds = List.copyOf(ruleIds);
            java.util.Objects.requireNonNull(jsonRpc, "jsonRpc");
        }

        /** A refusal answered with Sieve's usual error response. */
        public Block(Refusal refusal, String detail, List<String> ruleIds, Report report) {
            this(refusal, detail, ruleIds, report, Optional.empty());
        }

        /**
         * Where the blocking findings are, distinct, in scan order: {@code $.messages[4].content[1].content} for
         * the JSON body, {@code query:token}, or a view path ({@link dev.sieve.dlp.Finding#where()}), with names
         * that look like data masked; empty for a refusal without findings.
         */
        public List<String> locations() {
            return blockingLocations(report.findings());
        }
    }

    /** Distinct places of the findings whose action is block ({@link Block#locations()}). */
    static List<String> blockingLocations(List<dev.sieve.dlp.Finding> findings) {
        return findings.stream().filter(f -> f.action() == dev.sieve.dlp.Action.BLOCK)
                .map(f -> dev.sieve.proxy.audit.PathMasking.maskViewPath(f.where())).distinct().toList();
    }

    /**
     * What inspection found, for the audit trail: the decision word, reason codes, findings
     * (masked samples only), the rule set version and the bytes scanned.
     */
    record Report(String decision, List<String> reasons, List<dev.sieve.dlp.Finding> findings, String ruleSetVersion,
            long bytesScanned, boolean monitored) {
        public static final Report NONE = new Report("allowed", List.of(), List.of(), "", 0, false);
    }
}
