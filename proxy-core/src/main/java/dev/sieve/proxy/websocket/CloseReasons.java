package dev.sieve.proxy.websocket;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The reasons in the close frames Sieve sends an agent: short, naming the message's id (its audit record) and rule
 * ids, never data. A close reason holds at most 123 bytes (RFC 6455 section 5.5: a control frame's payload is at
 * most 125 bytes, two of them the status code), so rule ids that do not fit are left to the audit record.
 */
final class CloseReasons {
    static final int MAX_BYTES = 123;

    private CloseReasons() {}

    /** A blocked message: {@code blocked by Sieve (req_.../3): rule.a, rule.b}. */
    static String blocked(String messageId, List<String> ruleIds) {
        String head = "blocked by Sieve (" + messageId + ")";
        StringBuilder out = new StringBuilder(head);
        String sep = ": ";
        for (String rule : ruleIds) {
            if (utf8Length(out) + sep.length() + utf8Length(rule) > MAX_BYTES) {
                break;
            }
            out.append(sep).append(rule);
            sep = ", ";
        }
        return out.toString();
    }

    /** A message over a limit: {@code over inspection.websocket.maxMessageBytes (req_.../3)}. */
    static String tooBig(String limitKey, String messageId) {
        return fit("over " + limitKey + " (" + messageId + ")");
    }

    /** Any other reason Sieve closes for, with the connection's or message's id. */
    static String other(String what, String id) {
        return fit(what + " (" + id + ")");
    }

    private static String fit(String reason) {
        if (utf8Length(reason) <= MAX_BYTES) {
            return reason;
        }
        return reason.substring(0, MAX_BYTES); // ASCII: Sieve writes these itself
    }

    private static int utf8Length(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
