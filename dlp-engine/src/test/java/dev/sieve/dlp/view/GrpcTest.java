package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** gRPC and gRPC-Web bodies: each length-prefixed message is a payload of its own, compressed ones decompressed. */
class GrpcTest {

    /** A protobuf message with one string field (field 1, wire type 2). */
    private static byte[] proto(String s) {
        byte[] b = utf8(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x0a);
        out.write(b.length); // under 128: one varint byte
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** One gRPC frame: flag, big-endian length, message. */
    private static byte[] frame(boolean compressed, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(compressed ? 1 : 0);
        out.write(message.length >>> 24);
        out.write(message.length >>> 16);
        out.write(message.length >>> 8);
        out.write(message.length);
        out.writeBytes(message);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void eachMessageIsAPayloadAndACompressedOneIsDecompressed() throws IOException {
        byte[] body = concat(frame(false, proto("prompt SECRET-000031")),
                frame(true, Fixtures.gzip(proto("zipped SECRET-000032"))));
        for (String type : new String[] {"application/grpc", "application/grpc+proto", "application/grpc-web",
            "application/grpc-web+proto"}) {
            Fixtures.Decoded d = decode(meta(type, null), body).ok();
            assertThat(d.views()).as(type).containsOnlyKeys("body|grpc[0]", "body|grpc[1]|gzip");
            assertThat(d.views().get("body|grpc[0]")).contains("prompt SECRET-000031");
            assertThat(d.views().get("body|grpc[1]|gzip")).contains("zipped SECRET-000032");
        }
    }

    @Test
    void aCompressedMessageNoDecoderReadsFailsClosed() {
        byte[] snappy = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y', 1, 2, 3};
        DecodeOutcome.Failed f = decode(meta("application/grpc", null), frame(true, snappy)).failed();
        assertThat(f.reason()).isEqualTo(FailReason.UNSUPPORTED_ENCODING);
        assertThat(f.detail()).startsWith("body|grpc[0]: compressed gRPC message");
    }

    @Test
    void bytesThatDoNotFrameAsMessagesAreScannedAsTheyAre() {
        byte[] message = proto("plain SECRET-000033");
        byte[] cut = Arrays.copyOf(frame(false, message), message.length); // the length runs past the end
        assertThat(decode(meta("application/grpc", null), cut).ok().views()).containsOnlyKeys("body");
        byte[] tooShort = {0, 0, 0};
        assertThat(decode(meta("application/grpc", null), tooShort).ok().views()).containsOnlyKeys("body");
        // not declared gRPC: one raw view, as before
        assertThat(decode(meta("application/octet-stream", null), frame(false, message)).ok().views())
                .containsOnlyKeys("body");
    }

    @Test
    void aSameLengthMaskIsWrittenBackInPlaceAndAnyOtherLengthBlocks() {
        byte[] first = proto("keep this");
        byte[] body = concat(frame(false, first), frame(false, proto("send SECRET-000034 now")));
        RequestMeta meta = meta("application/grpc", null);
        java.util.Map<String, java.util.List<Span>> spans = Fixtures.findSecrets(meta, body);
        java.util.Map<String, java.util.List<Span>> sameLength = new java.util.LinkedHashMap<>();
        spans.forEach((view, list) -> sameLength.put(view, list.stream()
                .map(sp -> new Span(sp.start(), sp.end(), "*".repeat((int) (sp.end() - sp.start())))).toList()));
        RewriteOutcome masked = Redactor.rewrite(meta, java.nio.ByteBuffer.wrap(body), sameLength,
                ViewLimits.defaults());
        assertThat(masked).isInstanceOf(RewriteOutcome.Rewritten.class);
        byte[] out = ((RewriteOutcome.Rewritten) masked).body();
        assertThat(out).isEqualTo(concat(frame(false, first), frame(false, proto("send ************* now"))));

        RewriteOutcome shorter = Redactor.rewrite(meta, java.nio.ByteBuffer.wrap(body), spans, ViewLimits.defaults());
        assertThat(shorter).isInstanceOf(RewriteOutcome.CannotRewrite.class);
        assertThat(((RewriteOutcome.CannotRewrite) shorter).viewPath()).isEqualTo("body|grpc[1]");
    }
}
