package dev.sieve.dlp.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A gRPC or gRPC-Web request body ({@code application/grpc}, {@code application/grpc+proto},
 * {@code application/grpc-web}, {@code application/grpc-web+proto}; the gRPC over HTTP/2 and gRPC-Web protocol
 * documents): a run of length-prefixed messages, each a flag byte (bit 0: compressed with the request's
 * {@code grpc-encoding}), a 4-byte big-endian length and the message. Scanned as one raw view, an uncompressed message
 * shows its protobuf strings as they are; a compressed one shows nothing. So each message is its own payload
 * ({@code body|grpc[<i>]}, decoded like any embedded file: a gzip or zlib message by its magic, {@code ...|gzip}),
 * and a compressed message that no decoder reads (snappy, or a corrupt one) fails the request as an encoding Sieve
 * cannot decode: never passed unread. Bytes that do not frame as messages (a length past the end) are not gRPC and
 * are left to the raw view. A redaction in a message is written back only as a mask of the value's own length (a
 * protobuf message's fields are length-prefixed: any other length would corrupt it, so that blocks); one in a
 * compressed message blocks, as for any gzip layer.
 *
 * <p>{@code application/grpc-web-text} (and {@code +proto}) is the same frames in base64, as browsers send them: the
 * body is one or more base64 chunks run together, each padded ({@link #decodeText}). Its messages are
 * {@code body|base64|grpc[<i>]}; a same-length mask is written back and each chunk encoded again at its own length.
 * A text body that is not such base64, or whose bytes do not frame, is left to the raw view and the decoding graph.
 */
final class Grpc implements Node {

    /** Frame header bytes: the flag and the length. */
    private static final int HEADER = 5;

    private record Frame(int start, int end, Node node) {
    }

    private final byte[] src;
    private final List<Frame> frames;
    private final String prefix;

    private Grpc(byte[] src, List<Frame> frames, String prefix) {
        this.src = src;
        this.frames = frames;
        this.prefix = prefix;
    }

    /** Whether {@code type} names a binary gRPC or gRPC-Web body. */
    static boolean declared(MediaType type) {
        String e = type == null ? "" : type.essence();
        return e.equals("application/grpc") || e.startsWith("application/grpc+")
                || e.equals("application/grpc-web") || e.startsWith("application/grpc-web+") || declaredText(type);
    }

    /** Whether {@code type} names a gRPC-Web text body (base64 of the frames). */
    static boolean declaredText(MediaType type) {
        String e = type == null ? "" : type.essence();
        return e.equals("application/grpc-web-text") || e.startsWith("application/grpc-web-text+");
    }

    /** The body's messages, or null when it does not frame as gRPC messages (then scan it as it is). */
    static Node decode(byte[] body, DecodeContext ctx) throws DecodeException {
        return decode(body, "body", ctx);
    }

    /**
     * A {@code grpc-web-text} body's messages ({@code body|base64|grpc[<i>]}), or null when it is not base64 chunks
     * (each a multiple of four characters, padding only at a chunk's end, a line break at the very end allowed) or
     * their bytes do not frame as messages.
     */
    static Node decodeText(byte[] body, DecodeContext ctx) throws DecodeException {
        int trimmed = body.length;
        while (trimmed > 0 && (body[trimmed - 1] == '\n' || body[trimmed - 1] == '\r')) {
            trimmed--;
        }
        int end = trimmed;
        if (end == 0 || end % 4 != 0) {
            return null;
        }
        List<Integer> chunkEnds = new ArrayList<>(); // in base64 characters, each after a padded quad or at the end
        for (int q = 0; q < end; q += 4) {
            int pad = 0;
            for (int k = q; k < q + 4; k++) {
                byte b = body[k];
                if (b == '=') {
                    pad++;
                } else if (pad > 0 || !base64(b)) {
                    return null; // a character that is not base64, or data after padding inside a quad
                }
            }
            if (pad > 2) {
                return null;
            }
            if (pad > 0 || q + 4 == end) {
                chunkEnds.add(q + 4);
            }
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(end / 4 * 3);
        int[] sizes = new int[chunkEnds.size()];
        int from = 0;
        for (int c = 0; c < sizes.length; c++) {
            byte[] chunk = java.util.Base64.getDecoder()
                    .decode(java.util.Arrays.copyOfRange(body, from, chunkEnds.get(c)));
            sizes[c] = chunk.length;
            bytes.writeBytes(chunk);
            from = chunkEnds.get(c);
        }
        byte[] frames = bytes.toByteArray();
        ctx.charge(frames.length, "body|base64");
        Node messages = decode(frames, "body|base64", ctx);
        return messages == null ? null : new Node() {
            @Override
            public void emit(ViewVisitor visitor) {
                messages.emit(visitor);
            }

            @Override
            public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
                byte[] rewritten = messages.rewrite(plan);
                if (rewritten == null) {
                    return null;
                }
                // same length (Grpc allows only that): each chunk is encoded again at its own length, padded as read
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length);
                int at = 0;
                for (int size : sizes) {
                    out.writeBytes(java.util.Base64.getEncoder()
                            .encode(java.util.Arrays.copyOfRange(rewritten, at, at + size)));
                    at += size;
                }
                out.write(body, end, body.length - end);
                return out.toByteArray();
            }
        };
    }

    private static boolean base64(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/';
    }

    private static Node decode(byte[] body, String prefix, DecodeContext ctx) throws DecodeException {
        List<int[]> spans = new ArrayList<>();
        int at = 0;
        while (at < body.length) {
            if (body.length - at < HEADER) {
                return null;
            }
            long length = (body[at + 1] & 0xffL) << 24 | (body[at + 2] & 0xff) << 16 | (body[at + 3] & 0xff) << 8
                    | (body[at + 4] & 0xff);
            if (length > body.length - at - HEADER) {
                return null;
            }
            spans.add(new int[] {at, at + HEADER + (int) length});
            at += HEADER + (int) length;
        }
        if (spans.isEmpty()) {
            return null;
        }
        List<Frame> frames = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            int start = spans.get(i)[0];
            int end = spans.get(i)[1];
            byte[] message = java.util.Arrays.copyOfRange(body, start + HEADER, end);
            String path = prefix + "|grpc[" + i + "]";
            boolean compressed = (body[start] & 1) != 0;
            if (compressed && message.length > 0 && !Sniff.isGzip(message) && !ContentCodings.looksLikeZlib(message)) {
                throw new DecodeException(FailReason.UNSUPPORTED_ENCODING,
                        path + ": compressed gRPC message in an encoding Sieve does not read (expected: gzip, deflate)");
            }
            frames.add(new Frame(start, end, Payloads.decode(message, path, null, ctx, 0)));
        }
        return new Grpc(body, frames, prefix);
    }

    @Override
    public void emit(ViewVisitor visitor) {
        for (Frame f : frames) {
            f.node.emit(visitor);
        }
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        byte[] out = null;
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            byte[] message = f.node.rewrite(plan);
            if (message == null) {
                continue;
            }
            if (message.length != f.end - f.start - HEADER) {
                // The message's own fields are length-prefixed (protobuf): a value of another length would leave
                // them pointing at the wrong bytes, so only a same-length mask is written back.
                throw new CannotRewriteException(prefix + "|grpc[" + i + "]", "a gRPC message is rewritten only by a mask"
                        + " of the value's own length (its protobuf fields are length-prefixed)");
            }
            if (out == null) {
                out = src.clone();
            }
            System.arraycopy(message, 0, out, f.start + HEADER, message.length);
        }
        return out;
    }
}
