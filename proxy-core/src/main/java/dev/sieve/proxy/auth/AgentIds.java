package dev.sieve.proxy.auth;

import dev.sieve.proxy.policy.AgentCredentials;
import java.util.regex.Pattern;

/** The syntax of agent ids, shared by static credentials, token subjects, revocations and the kill switch. */
public final class AgentIds {
    /** Agent ids appear in logs, audit records and metric labels, so they are restricted to a safe alphabet. */
    public static final Pattern PATTERN = AgentCredentials.AGENT_ID;

    private AgentIds() {}

    public static boolean valid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
