package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The boundaries between adjacent text blocks of one message, joined: for each boundary, up to {@link #WINDOW} bytes
 * of the end of one block's text followed directly by up to {@link #WINDOW} bytes of the start of the next, then
 * {@code '\n'}. Scanned as view {@code json:$.messages[0].content|joined}, so that a secret an agent split over two
 * text blocks is seen whole (the projection puts the blocks' names between them). A window rather than the whole
 * texts: the view costs a few KiB per boundary whatever the blocks' size, and 4 KiB holds any credential of the pack
 * (PEM keys included). Each boundary is placed at the later block's text (a finding that reaches into a block is
 * placed where it ends, so a new block that completes an old one counts as new content). Never rewritten: a
 * finding here cannot be redacted in place, so redact escalates to block.
 */
final class JoinedText {

    /** Bytes taken from each side of a boundary. */
    static final int WINDOW = 4096;

    private final String locator;
    private byte[] content = new byte[256];
    private int length;
    /** Per boundary: where its bytes end in the content, and the source offset of the later block's text. */
    private int[] ends = new int[4];
    private int[] places = new int[4];
    private int boundaries;

    /** @param locator the content array's JSON locator ({@code $.messages[0].content}) */
    JoinedText(String locator) {
        this.locator = locator;
    }

    String locator() {
        return locator;
    }

    /** Adds the boundary between {@code before} and {@code after}, whose string token starts at {@code afterStart}. */
    void boundary(String before, String after, int afterStart) {
        byte[] a = tail(before).getBytes(StandardCharsets.UTF_8);
        byte[] b = head(after).getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, a.length - WINDOW);
        while (from > 0 && from < a.length && (a[from] & 0xc0) == 0x80) {
            from++; // start at a character
        }
        int to = Math.min(b.length, WINDOW);
        while (to < b.length && to > 0 && (b[to] & 0xc0) == 0x80) {
            to--; // end before a character cut in two
        }
        append(a, from, a.length - from);
        append(b, 0, to);
        append(new byte[] {'\n'}, 0, 1);
        if (boundaries == ends.length) {
            ends = Arrays.copyOf(ends, boundaries * 2);
            places = Arrays.copyOf(places, boundaries * 2);
        }
        ends[boundaries] = length;
        places[boundaries] = afterStart;
        boundaries++;
    }

    /**
     * A suffix of {@code text} that starts at a character and encodes to at least {@link #WINDOW} bytes (or all of
     * it): its encoding ends the same way as the whole text's, without encoding a block of any size whole.
     */
    private static String tail(String text) {
        int from = Math.max(0, text.length() - WINDOW);
        if (from > 0 && Character.isLowSurrogate(text.charAt(from))) {
            from--;
        }
        return text.substring(from);
    }

    /** A prefix of {@code text} that ends at a character and encodes to at least {@link #WINDOW} bytes (or all of it). */
    private static String head(String text) {
        int to = Math.min(text.length(), WINDOW);
        if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
            to++;
        }
        return text.substring(0, to);
    }

    private void append(byte[] bytes, int from, int n) {
        if (length + n > content.length) {
            content = Arrays.copyOf(content, Math.max(content.length * 2, length + n));
        }
        System.arraycopy(bytes, from, content, length, n);
        length += n;
    }

    int length() {
        return length;
    }

    /** The joined bytes, read-only (no copy). */
    ByteBuffer content() {
        return ByteBuffer.wrap(content, 0, length).asReadOnlyBuffer();
    }

    /** The source offset of the later block's text of the boundary that holds byte {@code offset}. */
    int placeOf(long offset) {
        for (int i = 0; i < boundaries; i++) {
            if (offset < ends[i]) {
                return places[i];
            }
        }
        return places[boundaries - 1];
    }
}
