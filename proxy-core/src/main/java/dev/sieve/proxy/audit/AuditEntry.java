package dev.sieve.proxy.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One kind of line in the HMAC chain. The chain writer adds {@code v}, {@code seq}, the segment's first
 * {@code keyId}, {@code prev} and {@code mac} around the fields an entry writes; the entry writes {@code time},
 * {@code decision} (its kind: a request decision, {@code admin}, ...) and its own fields, in a fixed order.
 *
 * <p>A new kind of record implements this and is appended with {@link AuditLog#append(AuditEntry)}; the writer,
 * sinks and verifier need no change. What an entry writes must already be safe for the log (no request data,
 * secrets or raw findings): enforce it in the entry's constructor, as {@link AuditRecord} and
 * {@link AdminAuditRecord} do.
 */
public interface AuditEntry {

    /** Writes this entry's fields, starting with {@code time} and {@code decision}. */
    void writeFields(JsonGenerator g) throws IOException;
}
