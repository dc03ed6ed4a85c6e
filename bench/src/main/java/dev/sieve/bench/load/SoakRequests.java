package dev.sieve.bench.load;

import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.Body;
import dev.sieve.bench.fixture.InputKind;
import dev.sieve.bench.load.Http1Connection.Reply;
import dev.sieve.proxy.error.Refusal;
import java.nio.charset.StandardCharsets;

/**
 * The soak test's requests and what a correct answer to each is. Request {@code i} is decided by {@code i} alone
 * (kind, size, seed), so a run is reproducible and the harness keeps nothing per request:
 * <ul>
 *   <li>{@link Kind#CLEAN} (70 %): an agent's Messages API body of 3 to 16 KiB (several user, assistant and
 *       tool-result turns: prose, source, listings), {@code POST /v1/messages}; expected 200 with the endpoint's
 *       message;
 *   <li>{@link Kind#SECRET} (10 %): the same with a fresh synthetic Visa number, GitHub token and AWS key pair
 *       planted (checksums computed by {@code Secrets}); expected Sieve's 403 with reason
 *       {@code inspection_blocked};
 *   <li>{@link Kind#SSE} (15 %): a clean body to {@code /sse}; expected 200 and all six server-sent events;
 *   <li>{@link Kind#UPLOAD} (5 %): a 5 MiB upload, alternately a JSON message with a base64 text document and a
 *       multipart file upload (made once, clean), {@code POST /upload}; expected 200 and the endpoint's count of
 *       the bytes it received equal to the body's length (nothing lost or added on the way).
 * </ul>
 */
final class SoakRequests {

    /** The kinds of request, in the order of {@link #PATTERN}'s counts. */
    enum Kind { CLEAN, SECRET, SSE, UPLOAD }

    /** Twenty slots that repeat: 14 clean, 2 secret, 3 SSE, 1 upload, spread out. */
    private static final Kind[] PATTERN = {
        Kind.UPLOAD, Kind.CLEAN, Kind.CLEAN, Kind.SECRET, Kind.CLEAN, Kind.SSE, Kind.CLEAN, Kind.CLEAN,
        Kind.CLEAN, Kind.CLEAN, Kind.SSE, Kind.CLEAN, Kind.CLEAN, Kind.SECRET, Kind.CLEAN, Kind.SSE,
        Kind.CLEAN, Kind.CLEAN, Kind.CLEAN, Kind.CLEAN,
    };
    private static final int[] SMALL_KIB = {3, 4, 6, 8, 12, 16};
    private static final int SSE_EVENTS = 6;
    private static final String BLOCKED_REASON = "\"reason\":\"" + Refusal.INSPECTION_BLOCKED.code() + "\"";

    private final Body[] uploads;

    /** Makes the two upload bodies of {@code uploadBytes} each (once: they are the only large thing kept). */
    SoakRequests(int uploadBytes) {
        this.uploads = new Body[] {
            Bodies.generate(InputKind.BASE64_TEXT, uploadBytes, false),
            Bodies.generate(InputKind.MULTIPART, uploadBytes, false),
        };
    }

    /** One request to send. */
    record Request(long index, Kind kind, String path, String contentType, byte[] body) {
    }

    static Kind kind(long index) {
        return PATTERN[(int) Math.floorMod(index, (long) PATTERN.length)];
    }

    /** Request {@code index}: a fresh small body (its own seed), or one of the two upload bodies. */
    Request request(long index) {
        Kind kind = kind(index);
        if (kind == Kind.UPLOAD) {
            Body body = uploads[(int) Math.floorMod(index / PATTERN.length, 2L)];
            return new Request(index, kind, "/upload", body.meta().header("Content-Type"), body.wire());
        }
        int size = SMALL_KIB[(int) Math.floorMod(index * 7, (long) SMALL_KIB.length)] * 1024;
        byte[] body = Bodies.generate(InputKind.JSON, size, kind == Kind.SECRET, 0x50A4L * 1_000_003L + index).wire();
        return new Request(index, kind, kind == Kind.SSE ? "/sse" : "/v1/messages", "application/json", body);
    }

    /** How a request ended. */
    enum Result {
        /** Allowed and answered as the endpoint answers. */
        OK,
        /** Blocked by Sieve's DLP, as it should be. */
        BLOCKED,
        /** No answer: connect, CONNECT, TLS or read failure. */
        IO_ERROR,
        /** A request with planted secrets was not blocked. */
        MISSED_BLOCK,
        /** A clean request was blocked by DLP. */
        FALSE_BLOCK,
        /** Any other status. */
        BAD_STATUS,
        /** 200 but not the endpoint's complete answer. */
        BAD_ANSWER;

        boolean isError() {
            return this != OK && this != BLOCKED;
        }
    }

    /** A result and, for errors, what was seen (status, reason or length; never a request body). */
    record Outcome(Result result, String detail) {
        static final Outcome OK = new Outcome(Result.OK, "");
        static final Outcome BLOCKED = new Outcome(Result.BLOCKED, "");
    }

    /** Judges {@code reply} to {@code request}. */
    static Outcome check(Request request, Reply reply) {
        boolean dlpBlock = reply.status() == 403 && reply.text().contains(BLOCKED_REASON);
        if (request.kind() == Kind.SECRET) {
            if (dlpBlock) {
                return Outcome.BLOCKED;
            }
            return reply.status() / 100 == 2
                    ? new Outcome(Result.MISSED_BLOCK, "status " + reply.status() + " for planted secrets")
                    : new Outcome(Result.BAD_STATUS, "status " + reply.status() + " (expected: 403 "
                            + Refusal.INSPECTION_BLOCKED.code() + "): " + excerpt(reply));
        }
        if (dlpBlock) {
            return new Outcome(Result.FALSE_BLOCK, request.kind() + " blocked: " + excerpt(reply));
        }
        if (reply.status() != 200) {
            return new Outcome(Result.BAD_STATUS, request.kind() + " status " + reply.status() + " (expected: 200): "
                    + excerpt(reply));
        }
        String text = reply.text();
        return switch (request.kind()) {
            case UPLOAD -> text.equals("{\"received\":" + request.body().length + "}") ? Outcome.OK
                    : new Outcome(Result.BAD_ANSWER, "upload answer " + excerpt(reply) + " (expected: received "
                            + request.body().length + ")");
            case SSE -> events(text) == SSE_EVENTS ? Outcome.OK
                    : new Outcome(Result.BAD_ANSWER, "sse: " + events(text) + " events (expected: " + SSE_EVENTS
                            + ")");
            default -> text.contains("\"type\":\"message\"") ? Outcome.OK
                    : new Outcome(Result.BAD_ANSWER, "answer " + excerpt(reply) + " (expected: a message)");
        };
    }

    private static int events(String text) {
        int n = 0;
        for (int at = text.indexOf("\ndata: "); at >= 0; at = text.indexOf("\ndata: ", at + 1)) {
            n++;
        }
        return n;
    }

    /** The start of an answer (Sieve's error bodies name rule ids and the request id, never data). */
    private static String excerpt(Reply reply) {
        String text = new String(reply.body(), 0, Math.min(reply.body().length, 300), StandardCharsets.UTF_8);
        return text.replaceAll("\\s+", " ");
    }
}
