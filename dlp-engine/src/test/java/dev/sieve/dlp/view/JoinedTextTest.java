package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A boundary holds the last {@link JoinedText#WINDOW} bytes of the earlier block and the first of the later one, cut
 * at characters, whatever the characters at the cut (one to four bytes, surrogate pairs).
 */
class JoinedTextTest {

    private static final String[] FILLERS = {"a", "\u00e9", "\u20ac", "\ud83d\ude00"};

    @Test
    void boundaryIsTheWindowOfEachSideCutAtCharacters() {
        for (String filler : FILLERS) {
            for (String edge : FILLERS) {
                for (int n = JoinedText.WINDOW - 6; n <= JoinedText.WINDOW + 6; n++) {
                    String before = edge + filler.repeat(n) + edge;
                    String after = edge + filler.repeat(n) + edge;
                    JoinedText joined = new JoinedText("$.messages[0].content");
                    joined.boundary(before, after, 7);
                    assertThat(bytes(joined.content())).as("%s %s %d", filler, edge, n)
                            .isEqualTo(expected(before, after));
                    assertThat(joined.placeOf(0)).isEqualTo(7);
                }
            }
        }
    }

    /** The window taken from the whole texts' encodings. */
    private static byte[] expected(String before, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] b = after.getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, a.length - JoinedText.WINDOW);
        while (from > 0 && from < a.length && (a[from] & 0xc0) == 0x80) {
            from++;
        }
        int to = Math.min(b.length, JoinedText.WINDOW);
        while (to < b.length && to > 0 && (b[to] & 0xc0) == 0x80) {
            to--;
        }
        byte[] out = Arrays.copyOfRange(a, from, a.length + to + 1);
        System.arraycopy(b, 0, out, a.length - from, to);
        out[out.length - 1] = '\n';
        return out;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
