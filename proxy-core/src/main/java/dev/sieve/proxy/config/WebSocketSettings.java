package dev.sieve.proxy.config;

/**
 * The {@code inspection.websocket} section: limits on the WebSocket messages Sieve inspects (allow entries with
 * {@code websocket: true}).
 *
 * @param maxMessageBytes     largest client message, after reassembling its fragments and inflating
 *                            permessage-deflate; a larger one closes the connection with 1009 (message too big)
 * @param maxFragments        most frames one client message may arrive in; more closes with 1009
 * @param maxServerFrameBytes largest single frame from the server; Sieve holds one frame at a time while relaying
 *                            it, so a larger one closes the connection with 1009
 */
public record WebSocketSettings(long maxMessageBytes, int maxFragments, long maxServerFrameBytes) {
    /** Built-in defaults: 1 MiB messages in at most 4096 fragments, 16 MiB server frames. */
    public static final WebSocketSettings DEFAULTS = new WebSocketSettings(1024 * 1024, 4096, 16L * 1024 * 1024);
    /** A frame's length must fit in an int (Netty's decoder and one heap buffer). */
    public static final long MAX_BYTES = 1024L * 1024 * 1024;

    public WebSocketSettings {
        if (maxMessageBytes < 1 || maxMessageBytes > MAX_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " (expected: 1-" + MAX_BYTES + ")");
        }
        if (maxFragments < 1) {
            throw new IllegalArgumentException("maxFragments: " + maxFragments + " (expected: > 0)");
        }
        if (maxServerFrameBytes < 1 || maxServerFrameBytes > MAX_BYTES) {
            throw new IllegalArgumentException("maxServerFrameBytes: " + maxServerFrameBytes + " (expected: 1-"
                    + MAX_BYTES + ")");
        }
    }
}
