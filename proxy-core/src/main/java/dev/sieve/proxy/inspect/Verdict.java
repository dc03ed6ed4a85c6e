package dev.sieve.proxy.inspect;

import dev.sieve.proxy.error.Refusal;
import java.util.List;

/** What to do with an inspected request. */
public sealed interface Verdict {
    Verdict ALLOW = new Allow();

    /** Forward the request as received. */
    record Allow() implements Verdict {}

    /** Forward a rewritten body (redaction); headers listed are set on the forwarded request. */
    record Replace(byte[] body, List<java.util.Map.Entry<String, String>> headers) implements Verdict {}

    /** Refuse: nothing reaches the upstream. {@code detail} names rule ids, never data. */
    record Block(Refusal refusal, String detail, List<String> ruleIds) implements Verdict {}
}
