package dev.sieve.proxy.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit line format, version 1. A line is one JSON object in canonical field order, ending with
 * {@code ,"mac":"<64 hex>"}} and a newline:
 *
 * <pre>
 * {"v":1,"seq":7,"keyId":"<16 hex>","time":"...","requestId":"...","agentId":"...","clientAddress":"...","method":"POST",
 *  "host":"api.anthropic.com","port":443,"path":"/v1/messages?beta=***","decision":"blocked",
 *  "reasons":["us-ssn"],"findings":[{"ruleId":"us-ssn","category":"pii","action":"block","count":1,
 *  "viewPath":"json","masked":"***-**-6789","location":"$.messages[0].content","offset":12}],
 *  "bytesIn":512,"bytesOut":0,
 *  "ruleSetVersion":"...","mode":"enforce","latencyMicros":840,"prev":"<64 hex>","mac":"<64 hex>"}
 * {"v":1,"seq":8,"keyId":"<16 hex>","time":"...","decision":"sealed","reasons":["rotation"],"count":7,"prev":"...",
 *  "mac":"..."}
 * </pre>
 *
 * A finding's {@code location} and {@code offset} appear when its view has a structured place (JSON path or
 * parameter, see {@link AuditFinding}); {@code "history":true} when it lies in conversation history, and
 * {@code "repeat":true} with {@code firstRequestId} when the same value was already reported in the conversation.
 *
 * {@code keyId} ({@link ChainMac#keyId()}) names the key the chain is written with, without revealing it: the
 * first record of each segment (so of each file) and every seal carry it, other records do not. A verifier
 * checks it first, so a wrong key is reported as such and not as tampering. Files written before key ids
 * existed have none; they still verify.
 *
 * The MAC covers the exact bytes of the line without {@code ,"mac":"..."} (the body, which then ends with
 * {@code }}), so verification never re-serialises and any changed byte is detected.
 *
 * <h2>Signed seals and chain heads</h2>
 * With a signing key ({@link SealSigner}), every seal and every chain-head record
 * ({@code "decision":"head"}, written at the anchor interval while records arrive) carries
 * {@code "sigKeyId"} (the Ed25519 key's id, {@link SealSigner#keyId(java.security.PublicKey)}) and {@code "sig"}
 * (base64url, no padding) right after {@code count}, inside the MAC'd body:
 *
 * <pre>
 * {"v":1,"seq":9,"time":"...","decision":"head","count":8,"sigKeyId":"<11 chars>","sig":"<86 chars>","prev":"...","mac":"..."}
 * </pre>
 *
 * A head's {@code count} is the number of lines since the last seal (earlier heads included), as a seal's is.
 * The signature is Ed25519 over this message ({@link #signedMessage}), US-ASCII, each line ending with
 * {@code \n}:
 *
 * <pre>
 * sieve-audit-signature-v1
 * decision=&lt;sealed|head&gt;
 * seq=&lt;seq&gt;
 * time=&lt;time, as in the line&gt;
 * count=&lt;count&gt;
 * prev=&lt;prev, 64 hex, as in the line&gt;
 * lines=&lt;64 hex: SHA-256 over the concatenated SHA-256 digests of the exact bytes (newline excluded) of every
 *        line of the span, in order&gt;
 * sigKeyId=&lt;sigKeyId&gt;
 * </pre>
 *
 * The span of a signed line is every line after the previous signed line (seal or head) of the same file, or from
 * the start of the file when there is none (a file starts after a seal or at a writer start), or from the last
 * record carrying {@code keyId} after it (a writer start that a stdout capture shows mid-stream, after an unclean
 * stop; the lines before it were never signed and are reported as unproven). Every line's
 * {@code prev} is the previous line's {@code mac} field, and the first line of a span chains from the previous
 * signed line's {@code mac}, so the signatures chain across spans and files without the HMAC key: whoever holds
 * only the public key detects an edited, inserted, removed or reordered line in any signed span (its digest
 * changes), an edited seal or head (its signed fields change), and a removed or replaced span (the next span's
 * first {@code prev} no longer matches). Lines after the last signed line are unproven until the next seal or
 * head covers them. Removing whole spans from the end (deleted or truncated newest files) leaves a chain that still
 * verifies: anchors, copies of the seals and heads kept elsewhere, detect that ({@link AuditVerifier}).
 */
final class AuditFormat {
    static final int VERSION = 1;
    static final String SEALED = "sealed";
    static final String HEAD = "head";
    private static final String SIGNATURE_LABEL = "sieve-audit-signature-v1";
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MAC_PREFIX = ",\"mac\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int MAC_HEX = ChainMac.MAC_BYTES * 2;
    /** {@code ,"mac":"} + hex + {@code "}} */
    private static final int MAC_SUFFIX = MAC_PREFIX.length + MAC_HEX + 2;
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The longest seal line (seq and count at their maximum): room a file keeps for its seal. */
    static final int MAX_SEAL_LINE = lineLength(sealBody(Long.MAX_VALUE,
            Instant.parse("9999-12-31T23:59:59.999999999Z"), "rotation", Long.MAX_VALUE, new byte[ChainMac.MAC_BYTES],
            "0".repeat(ChainMac.KEY_ID_HEX), new Signature("0".repeat(SealSigner.KEY_ID_CHARS),
                    "0".repeat(SealSigner.SIG_CHARS))));

    /** A seal's or head's signature fields; null where a line is unsigned. */
    record Signature(String keyId, String sig) {}

    private AuditFormat() {}

    /** An entry's body (no mac); {@code keyId} is null for records other than a segment's first. */
    static byte[] body(long seq, AuditEntry entry, byte[] prev, String keyId) {
        return write(entry::writeFields, seq, keyId, prev);
    }

    /** A request record's fields, in canonical order. */
    static void recordFields(JsonGenerator g, AuditRecord r) throws IOException {
        g.writeStringField("time", r.time().toString());
        g.writeStringField("requestId", r.requestId());
        g.writeStringField("agentId", r.agentId());
        g.writeStringField("clientAddress", r.clientAddress());
        g.writeStringField("method", r.method());
        g.writeStringField("host", r.host());
        g.writeNumberField("port", r.port());
        g.writeStringField("path", r.path());
        g.writeStringField("decision", r.decision());
        writeStrings(g, "reasons", r.reasons());
        g.writeArrayFieldStart("findings");
        for (AuditFinding f : r.findings()) {
            g.writeStartObject();
            g.writeStringField("ruleId", f.ruleId());
            g.writeStringField("category", f.category());
            g.writeStringField("action", f.action());
            g.writeNumberField("count", f.count());
            g.writeStringField("viewPath", f.viewPath());
            g.writeStringField("masked", f.masked());
            if (!f.location().isEmpty()) {
                g.writeStringField("location", f.location());
                g.writeNumberField("offset", f.offset());
            }
            if (f.history()) {
                g.writeBooleanField("history", true);
            }
            if (f.repeat()) {
                g.writeBooleanField("repeat", true);
                g.writeStringField("firstRequestId", f.firstRequestId());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("bytesIn", r.bytesIn());
        g.writeNumberField("bytesOut", r.bytesOut());
        g.writeStringField("ruleSetVersion", r.ruleSetVersion());
        g.writeStringField("mode", r.mode());
        g.writeNumberField("latencyMicros", r.latencyMicros());
    }

    /** An admin record's fields, in canonical order. */
    static void adminFields(JsonGenerator g, AdminAuditRecord r) throws IOException {
        g.writeStringField("time", r.time().toString());
        g.writeStringField("decision", AdminAuditRecord.DECISION);
        g.writeStringField("action", r.action());
        g.writeStringField("actor", r.actor());
        g.writeStringField("target", r.target());
        g.writeStringField("outcome", r.outcome());
        writeStrings(g, "reasons", r.reasons());
    }

    /** A seal's body: closes a segment of {@code count} records; {@code signature} null for an unsigned seal. */
    static byte[] sealBody(long seq, Instant time, String reason, long count, byte[] prev, String keyId,
            Signature signature) {
        return write(g -> {
            g.writeStringField("time", time.toString());
            g.writeStringField("decision", SEALED);
            writeStrings(g, "reasons", List.of(reason));
            g.writeNumberField("count", count);
            writeSignature(g, signature);
        }, seq, keyId, prev);
    }

    /** A chain-head record's body: {@code count} lines since the last seal, signed. */
    static byte[] headBody(long seq, Instant time, long count, byte[] prev, Signature signature) {
        return write(g -> {
            g.writeStringField("time", time.toString());
            g.writeStringField("decision", HEAD);
            g.writeNumberField("count", count);
            writeSignature(g, signature);
        }, seq, null, prev);
    }

    private static void writeSignature(JsonGenerator g, Signature signature) throws IOException {
        if (signature != null) {
            g.writeStringField("sigKeyId", signature.keyId());
            g.writeStringField("sig", signature.sig());
        }
    }

    /** The message a seal or head signs (see the class description). */
    static byte[] signedMessage(String decision, long seq, String time, long count, byte[] prev, byte[] linesDigest,
            String sigKeyId) {
        return (SIGNATURE_LABEL + "\n"
                + "decision=" + decision + "\n"
                + "seq=" + seq + "\n"
                + "time=" + time + "\n"
                + "count=" + count + "\n"
                + "prev=" + HEX.formatHex(prev) + "\n"
                + "lines=" + HEX.formatHex(linesDigest) + "\n"
                + "sigKeyId=" + sigKeyId + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Length of the line {@link #line} makes from {@code body}. */
    static int lineLength(byte[] body) {
        return body.length - 1 + MAC_SUFFIX + 1;
    }

    /** The full line: {@code body} with its mac appended, newline-terminated. */
    static byte[] line(byte[] body, byte[] mac) {
        byte[] hex = HEX.formatHex(mac).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[lineLength(body)];
        int at = body.length - 1; // drop the closing brace
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(MAC_PREFIX, 0, out, at, MAC_PREFIX.length);
        at += MAC_PREFIX.length;
        System.arraycopy(hex, 0, out, at, hex.length);
        at += hex.length;
        out[at++] = '"';
        out[at++] = '}';
        out[at] = '\n';
        return out;
    }

    /** What the verifier and the chain resume need from a line; {@code keyId} is null when the line has none. */
    record Parsed(long seq, String keyId, String decision, long count, byte[] prev, byte[] mac, byte[] body,
            String time, Signature signature) {
        boolean sealed() {
            return SEALED.equals(decision);
        }

        boolean head() {
            return HEAD.equals(decision);
        }

        /** The same record without its body (what a verifier keeps once the MAC is checked). */
        Parsed withoutBody() {
            return new Parsed(seq, keyId, decision, count, prev, mac, null, time, signature);
        }
    }

    /** Parses one line (without its newline); throws {@link IllegalArgumentException} saying what is wrong. */
    static Parsed parse(byte[] line) {
        int n = line.length;
        if (n < MAC_SUFFIX + 2 || line[n - 1] != '}' || line[n - 2] != '"'
                || !Arrays.equals(line, n - MAC_SUFFIX, n - MAC_SUFFIX + MAC_PREFIX.length, MAC_PREFIX, 0, MAC_PREFIX.length)) {
            throw new IllegalArgumentException("not an audit record (expected: a JSON object ending with \"mac\")");
        }
        byte[] mac = hex(new String(line, n - MAC_HEX - 2, MAC_HEX, StandardCharsets.US_ASCII), "mac");
        byte[] body = Arrays.copyOf(line, n - MAC_SUFFIX + 1);
        body[body.length - 1] = '}';
        JsonNode node;
        try {
            node = READER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON (expected: one audit record per line)");
        }
        if (node == null || !node.isObject() || node.path("v").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("unknown format (expected: \"v\":" + VERSION + ")");
        }
        JsonNode seq = node.get("seq");
        if (seq == null || !seq.canConvertToExactIntegral() || seq.asLong() < 1) {
            throw new IllegalArgumentException("seq missing or invalid (expected: an integer >= 1)");
        }
        String decision = node.path("decision").asText("");
        long count = node.path("count").asLong(-1);
        if ((SEALED.equals(decision) || HEAD.equals(decision)) && count < 0) {
            throw new IllegalArgumentException(decision + " without count (expected: \"count\" >= 0)");
        }
        Signature signature = null;
        JsonNode sigKeyId = node.get("sigKeyId");
        JsonNode sig = node.get("sig");
        if (sigKeyId != null || sig != null) {
            if (sigKeyId == null || sig == null || !sigKeyId.isTextual() || !sig.isTextual()) {
                throw new IllegalArgumentException("sigKeyId and sig must both be strings");
            }
            signature = new Signature(sigKeyId.asText(), sig.asText());
        } else if (HEAD.equals(decision)) {
            throw new IllegalArgumentException("head without signature (expected: \"sigKeyId\" and \"sig\")");
        }
        String keyId = null;
        JsonNode id = node.get("keyId");
        if (id != null) {
            keyId = id.asText("");
            if (!id.isTextual() || !keyId.matches("[0-9a-f]{" + ChainMac.KEY_ID_HEX + "}")) {
                throw new IllegalArgumentException("keyId is not " + ChainMac.KEY_ID_HEX + " hex digits");
            }
        }
        byte[] prev = hex(node.path("prev").asText(""), "prev");
        return new Parsed(seq.asLong(), keyId, decision, count, prev, mac, body, node.path("time").asText(""),
                signature);
    }

    private static byte[] hex(String text, String field) {
        if (text.length() != MAC_HEX) {
            throw new IllegalArgumentException(field + " is not " + MAC_HEX + " hex digits");
        }
        try {
            return HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not " + MAC_HEX + " hex digits");
        }
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Fields fields, long seq, String keyId, byte[] prev) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", VERSION);
            g.writeNumberField("seq", seq);
            if (keyId != null) {
                g.writeStringField("keyId", keyId);
            }
            fields.write(g);
            g.writeStringField("prev", HEX.formatHex(prev));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JSON", e);
        }
        return out.toByteArray();
    }

    static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
