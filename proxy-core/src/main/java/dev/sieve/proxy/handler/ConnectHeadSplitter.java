package dev.sieve.proxy.handler;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps the bytes that follow a {@code CONNECT} request head away from the HTTP codec. An agent may send its TLS
 * ClientHello (or, in a passthrough tunnel, anything) in the same write as its CONNECT, without waiting for the 200;
 * the codec would parse those bytes as the next HTTP request and discard them as malformed. This handler, in front of
 * the codec in the first phase, passes a CONNECT head through and holds every later byte; when the tunnel phase
 * replaces the HTTP handlers, it is removed last, and {@link ByteToMessageDecoder} hands what it holds to the
 * tunnel's first handler. Any other request passes through untouched (it stays the codec's).
 *
 * <p>While holding, it asks for no more reads, so an agent cannot make Sieve buffer more than one read's worth.
 * A head that does not end within {@code maxHeadBytes} is passed on as it is, for the codec to refuse.
 */
final class ConnectHeadSplitter extends ByteToMessageDecoder {
    private static final byte[] CONNECT = "CONNECT ".getBytes(StandardCharsets.US_ASCII);

    private enum State { START, CONNECT_HEAD, HOLD, PASS }

    private final int maxHeadBytes;
    private State state = State.START;
    /** Bytes of the CONNECT head already searched for its end. */
    private int searched;

    ConnectHeadSplitter(int maxHeadBytes) {
        this.maxHeadBytes = maxHeadBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case START -> {
                int n = Math.min(in.readableBytes(), CONNECT.length);
                for (int i = 0; i < n; i++) {
                    if (in.getByte(in.readerIndex() + i) != CONNECT[i]) {
                        state = State.PASS;
                        out.add(in.readRetainedSlice(in.readableBytes()));
                        return;
                    }
                }
                if (n == CONNECT.length) {
                    state = State.CONNECT_HEAD;
                    decode(ctx, in, out);
                }
            }
            case CONNECT_HEAD -> {
                int from = in.readerIndex() + Math.max(0, searched - 3);
                int end = in.readerIndex() + in.readableBytes();
                for (int i = from; i + 3 < end; i++) {
                    if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                            && in.getByte(i + 3) == '\n') {
                        state = State.HOLD;
                        out.add(in.readRetainedSlice(i + 4 - in.readerIndex()));
                        return;
                    }
                }
                searched = in.readableBytes();
                if (searched > maxHeadBytes) {
                    state = State.PASS;
                    out.add(in.readRetainedSlice(in.readableBytes()));
                }
            }
            case PASS -> out.add(in.readRetainedSlice(in.readableBytes()));
            case HOLD -> {
                // kept for the tunnel phase (handed on when this handler is removed)
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (state == State.HOLD) {
            ctx.fireChannelReadComplete(); // no read of its own: the tunnel phase reads when it is ready
            return;
        }
        super.channelReadComplete(ctx);
    }
}
