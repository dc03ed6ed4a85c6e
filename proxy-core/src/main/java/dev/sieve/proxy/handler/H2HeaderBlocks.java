package dev.sieve.proxy.handler;

import io.netty.buffer.ByteBuf;

/**
 * Follows the frames of an agent's h2 byte stream (after TLS, before the codec) just far enough to tell whether a
 * header block is on its way: from the header of a HEADERS frame to the end of the frame that carries END_HEADERS
 * (the HEADERS frame itself, or its last CONTINUATION). Only frame headers are read; payloads are skipped by their
 * length, so it costs nothing per payload byte and holds no bytes. The client connection preface (24 bytes) comes
 * first. Malformed framing is the codec's to refuse: this only counts lengths. Pure and not thread-safe.
 *
 * <p>Used by {@link H2HeaderDeadline}: a header block must be complete within {@code proxy.headerTimeout}, on every
 * stream, not only the first. (The codec cannot help here: it reports a header block once it is complete.)
 */
final class H2HeaderBlocks {
    static final int PREFACE_BYTES = 24;
    private static final int FRAME_HEADER_BYTES = 9;
    private static final int HEADERS = 0x1;
    private static final int CONTINUATION = 0x9;
    private static final int END_HEADERS = 0x4;

    private long prefaceLeft = PREFACE_BYTES;
    private final byte[] header = new byte[FRAME_HEADER_BYTES];
    private int headerFill;
    private long payloadLeft;
    /** The frame whose payload is being skipped ends a header block. */
    private boolean endsBlock;
    private boolean inBlock;
    private long completed;

    /** Follows {@code bytes} (its indexes are not changed). */
    void feed(ByteBuf bytes) {
        int i = bytes.readerIndex();
        int end = bytes.writerIndex();
        while (i < end) {
            if (prefaceLeft > 0) {
                int n = (int) Math.min(prefaceLeft, end - i);
                prefaceLeft -= n;
                i += n;
            } else if (payloadLeft > 0) {
                int n = (int) Math.min(payloadLeft, end - i);
                payloadLeft -= n;
                i += n;
                if (payloadLeft == 0) {
                    frameEnded();
                }
            } else {
                header[headerFill++] = bytes.getByte(i++);
                if (headerFill == FRAME_HEADER_BYTES) {
                    headerFill = 0;
                    frameStarted();
                }
            }
        }
    }

    private void frameStarted() {
        int length = (header[0] & 0xFF) << 16 | (header[1] & 0xFF) << 8 | (header[2] & 0xFF);
        int type = header[3] & 0xFF;
        boolean blockFrame = type == HEADERS || (type == CONTINUATION && inBlock);
        endsBlock = blockFrame && (header[4] & END_HEADERS) != 0;
        if (blockFrame) {
            inBlock = true;
        }
        payloadLeft = length;
        if (length == 0) {
            frameEnded();
        }
    }

    private void frameEnded() {
        if (endsBlock) {
            endsBlock = false;
            inBlock = false;
            completed++;
        }
    }

    /** Whether a header block has begun and not yet ended. */
    boolean inBlock() {
        return inBlock;
    }

    /** Header blocks that ended so far. */
    long completed() {
        return completed;
    }
}
