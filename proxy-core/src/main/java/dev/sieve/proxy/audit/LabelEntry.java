package dev.sieve.proxy.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An analyst's verdict on one audited decision, appended to the chain (decision {@code label}); the record it judges
 * is never edited, and a later label for the same request supersedes an earlier one in reports:
 *
 * <pre>
 * {"v":1,"seq":42,"time":"...","decision":"label","requestId":"req_...","label":"false-positive",
 *  "actor":"admin@127.0.0.1","note":"test fixture, not customer data","prev":"...","mac":"..."}
 * </pre>
 *
 * The constructor enforces what may enter the log: {@code requestId} in the request-id alphabet, {@code label} from
 * {@link #LABELS}, {@code actor} in the admin actors' safe alphabet. {@code note} is free analyst text: it is not
 * scanned for sensitive data (analysts must not paste request content into it), it is limited to
 * {@value #MAX_NOTE} characters, and control and format characters (newlines, escapes, bidi overrides) are removed so
 * it cannot forge lines or reorder text in a terminal or report.
 *
 * @param time when the label was given
 * @param requestId the labelled request's id (Sieve's are {@code req_} and 24 hex digits); not checked against the log
 * @param label one of {@link #LABELS}
 * @param actor who labelled: {@code admin@<address>} through the admin API, {@code cli@<host>} offline
 * @param note the analyst's reason; empty when none
 */
public record LabelEntry(Instant time, String requestId, String label, String actor, String note)
        implements AuditEntry {

    /** Decision value of label records. */
    public static final String DECISION = "label";

    public static final String FALSE_POSITIVE = "false-positive";
    public static final String CONFIRMED = "confirmed";
    public static final Set<String> LABELS = Set.of(FALSE_POSITIVE, CONFIRMED);

    /** Longest note kept, in characters. */
    public static final int MAX_NOTE = 500;

    /** Request ids: letters, digits, {@code _ - . :}; no whitespace or quotes. */
    public static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}]");

    public LabelEntry {
        Objects.requireNonNull(time, "time");
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            throw new IllegalArgumentException("requestId: " + (requestId == null ? null : shown(requestId))
                    + " (expected: a request id such as req_0123456789abcdef01234567)");
        }
        if (!LABELS.contains(label)) {
            throw new IllegalArgumentException("label: " + (label == null ? null : shown(label))
                    + " (expected: false-positive or confirmed)");
        }
        if (actor == null || !AdminAuditRecord.SAFE.matcher(actor).matches()) {
            throw new IllegalArgumentException("actor: (not shown) (expected: 1-200 of A-Z a-z 0-9 . _ : @ [ ] / = + ,"
                    + " * -)");
        }
        note = note == null ? "" : UNPRINTABLE.matcher(note).replaceAll("").strip();
        if (note.length() > MAX_NOTE) {
            throw new IllegalArgumentException("note: " + note.length() + " characters (expected: at most " + MAX_NOTE
                    + ")");
        }
    }

    /** A rejected value, cut short and printable, for the error message. */
    private static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }

    @Override
    public void writeFields(JsonGenerator g) throws IOException {
        g.writeStringField("time", time.toString());
        g.writeStringField("decision", DECISION);
        g.writeStringField("requestId", requestId);
        g.writeStringField("label", label);
        g.writeStringField("actor", actor);
        g.writeStringField("note", note);
    }
}
