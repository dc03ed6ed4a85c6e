package dev.sieve.proxy.decision;

import dev.sieve.dlp.Finding;
import java.util.List;

/**
 * One decision about one request, as the proxy saw it: who, where, what was decided and why.
 * Carries rule ids, reason codes and masked samples only, never request data; the path is
 * masked (query values) before it is written anywhere.
 *
 * @param decision  allowed | denied | blocked | redacted | logged
 * @param reasons   reason codes (refusal codes, failure reasons, "monitor")
 * @param monitored true when monitor mode turned a block or redact into a log
 * @param latencyNanos from the request head to the decision
 * @param addedNanos   the part of it Sieve held the request itself (routing, inspection; not the agent's upload, not
 *                     the upstream's answer)
 */
public record DecisionRecord(String requestId, String agentId, String clientAddress, String method, String host,
        int port, String path, String decision, List<String> reasons, List<Finding> findings, long bytesIn,
        long bytesOut, String ruleSetVersion, boolean monitored, long latencyNanos,
        long addedNanos) {}
