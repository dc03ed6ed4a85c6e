package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every view decoder on arbitrary bytes. The contract: a decoder either yields views or throws
 * {@link DecodeException} (which blocks the request); any other exception is a bug, and so is a
 * decoder that runs past its limits (memory: {@link ViewLimits}; time: the per-input timeout).
 * {@link #request} drives the whole path ({@link Views#decode}, which turns stray exceptions into
 * {@link FailReason#INTERNAL_ERROR}: that outcome is a finding too).
 *
 * <p>Seeds: {@code src/test/resources/dev/sieve/dlp/view/ViewDecodersFuzzTestInputs/<method>}.
 */
class ViewDecodersFuzzTest {
    /** Small limits, so that every limit is reachable by small inputs. */
    static final ViewLimits LIMITS = new ViewLimits(256 * 1024, 1000, 64, 64 * 1024, 32, 2, 4, 256 * 1024,
            Duration.ofSeconds(2), 16, 16);

    private static final List<List<String>> CODINGS = List.of(List.of("gzip"), List.of("deflate"), List.of("br"),
            List.of("zstd"), List.of("x-gzip"), List.of("identity"), List.of("gzip", "br"), List.of("deflate", "zstd"),
            List.of("compress"));

    private static DecodeContext context() {
        return new DecodeContext(LIMITS, Stopwatch.SYSTEM, false);
    }

    /** Reads every view the node delivers (as the scanner would). */
    private static void emit(Node node) {
        node.emit((path, content) -> {
            assertThat(path).isNotEmpty();
            content.get(new byte[content.remaining()]);
        });
    }

    /** First byte: which content codings; the rest: the encoded body. */
    @FuzzTest(maxDuration = "10s")
    void contentCodings(byte[] input) {
        if (input.length == 0) {
            return;
        }
        List<String> codings = CODINGS.get((input[0] & 0xFF) % CODINGS.size());
        try {
            ContentCodings.decode(codings, Arrays.copyOfRange(input, 1, input.length), context());
        } catch (DecodeException expected) {
            // blocked: corrupt, unsupported or over a limit
        }
    }

    @FuzzTest(maxDuration = "10s")
    void json(byte[] input) {
        try {
            emit(JsonDecoder.decode(input, "json", context(), 0));
        } catch (DecodeException expected) {
            // blocked
        }
    }

    /** A base64 string or data URL as found in a JSON value, and the file it decodes to. */
    @FuzzTest(maxDuration = "10s")
    void base64(byte[] input) {
        try {
            Base64Payload payload = Base64Payload.parse(new String(input, StandardCharsets.UTF_8), "b64");
            emit(Payloads.decode(payload.decoded(), "b64", MediaType.parse(payload.mime()), context(), 1));
            assertThat(Base64Payload.parse(payload.encode(payload.decoded()), "b64").decoded())
                    .isEqualTo(payload.decoded());
        } catch (DecodeException expected) {
            // blocked
        }
    }

    /** First line: the Content-Type (boundary); the rest: the body. */
    @FuzzTest(maxDuration = "10s")
    void multipart(byte[] input) {
        int nl = indexOf(input, (byte) '\n');
        MediaType type = MediaType.parse(new String(input, 0, nl < 0 ? input.length : nl, StandardCharsets.UTF_8));
        if (type == null || !type.isMultipart()) {
            return;
        }
        try {
            emit(Multipart.decode(nl < 0 ? new byte[0] : Arrays.copyOfRange(input, nl + 1, input.length), type,
                    context(), 0));
        } catch (DecodeException expected) {
            // blocked
        }
    }

    /** Bytes of unknown kind (an embedded file, an archive entry): containers by magic, images, PDF, JSON, raw. */
    @FuzzTest(maxDuration = "10s")
    void containers(byte[] input) {
        try {
            emit(Payloads.decode(input, "file", null, context(), 0));
        } catch (DecodeException expected) {
            // blocked
        }
    }

    @FuzzTest(maxDuration = "10s")
    void urlEncoded(byte[] input) {
        try {
            emit(UrlEncoded.decode(input, 0, input.length, "form", true, context()));
        } catch (DecodeException expected) {
            // blocked
        }
    }

    /**
     * Text through the decoding graph: every layer decodes or is dropped, and writing a replacement into every
     * view it delivers either re-encodes every layer or is refused, never anything else.
     */
    @FuzzTest(maxDuration = "10s")
    void decodeGraph(byte[] input) {
        try {
            Node node = RawView.of("body", input, context());
            java.util.Map<String, java.util.List<Span>> spans = new java.util.HashMap<>();
            node.emit((path, content) -> spans.put(path,
                    java.util.List.of(new Span(0, Math.min(4, content.remaining()), "#"))));
            Node again = RawView.of("body", input, new DecodeContext(LIMITS, Stopwatch.SYSTEM, true));
            again.rewrite(new SpanPlan(spans));
        } catch (DecodeException | CannotRewriteException expected) {
            // blocked: over a limit, or a layer that cannot be written back
        }
    }

    @FuzzTest(maxDuration = "10s")
    void pdf(byte[] input) {
        try {
            emit(PdfText.decode(input, "pdf", context()));
        } catch (DecodeException expected) {
            // blocked
        }
    }

    /**
     * A whole request as the proxy hands it over: header lines ({@code Name: value}), an empty
     * line, the body. Every outcome is fine except an internal error.
     */
    @FuzzTest(maxDuration = "15s")
    void request(byte[] input) {
        int split = indexOf(input, (byte) '\n', (byte) '\n');
        String head = new String(input, 0, split < 0 ? input.length : split, StandardCharsets.UTF_8);
        byte[] body = split < 0 ? new byte[0] : Arrays.copyOfRange(input, split + 2, input.length);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String target = "/v1/messages";
        for (String line : head.split("\n")) {
            int colon = line.indexOf(':');
            if (line.startsWith("/")) {
                target = line;
            } else if (colon > 0) {
                headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
            }
        }
        DecodeOutcome outcome = Views.decode(new RequestMeta("POST", target, headers), ByteBuffer.wrap(body), LIMITS,
                (path, content) -> content.get(new byte[content.remaining()]));
        if (outcome instanceof DecodeOutcome.Failed failed) {
            assertThat(failed.reason()).as(failed.detail()).isNotEqualTo(FailReason.INTERNAL_ERROR);
        }
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] a, byte b1, byte b2) {
        for (int i = 0; i + 1 < a.length; i++) {
            if (a[i] == b1 && a[i + 1] == b2) {
                return i;
            }
        }
        return -1;
    }
}
