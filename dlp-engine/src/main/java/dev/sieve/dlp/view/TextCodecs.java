package dev.sieve.dlp.view;

import dev.sieve.dlp.CodeHints;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jsoup.nodes.Entities;

/**
 * The decoding graph's decoders: each reads one {@link Candidates.Candidate} and returns its bytes with the
 * {@link Style} that writes new bytes back the same way, or null when the candidate does not decode (then it is
 * dropped; it was only a guess). Base64 and hex use the JDK; HTML named references use jsoup's HTML5 table (2,231
 * names, which the JDK lacks). Percent, quoted-printable and {@code \}{@code u} escapes are small enough to read here,
 * and their rewriting needs each escape's place in the source, which no library keeps.
 */
final class TextCodecs {

    /**
     * A decoded candidate.
     *
     * @param step  the view path step: {@code base64}, {@code base32}, {@code hex}, {@code percent}, {@code html},
     *              {@code qp}, {@code json-u}, {@code escape}, {@code char-codes}, {@code spaced}, {@code reversed},
     *              {@code rot13}, {@code uuencode}, {@code ascii85}
     * @param start where the encoded text starts in the parent text
     * @param end   where it ends (a base64 run may lose a last character that cannot be base64)
     */
    record Decoded(String step, int start, int end, byte[] bytes, Style style) {
    }

    /** Writes new decoded bytes back in the encoding (and style) they were read from. */
    interface Style {
        /**
         * The new encoded text of the whole candidate.
         *
         * @param before the bytes decoded from it
         * @param after  the new bytes
         */
        byte[] reencode(byte[] before, byte[] after) throws CannotRewriteException;
    }

    private TextCodecs() {
    }

    static Decoded decode(byte[] text, Candidates.Candidate c) {
        return switch (c.kind()) {
            case BASE64 -> base64(text, c.start(), c.end());
            case BASE32 -> base32(text, c.start(), c.end());
            case CHAR_CODES -> charCodes(text, c.start(), c.end());
            case SPACED -> spaced(text, c.start(), c.end());
            case REVERSED -> c.arg() == 1 ? reversedBase64(text, c.start(), c.end())
                    : reversed(text, c.start(), c.end());
            case ROT13 -> rot13(text, c.start(), c.end());
            case CAESAR -> caesar(text, c.start(), c.end(), c.arg());
            case ATBASH -> atbash(text, c.start(), c.end());
            case SEPARATED -> separated(text, c.start(), c.end(), c.arg());
            case WRAPPED -> unwrapped(text, c.start(), c.end());
            case UUENCODE -> uudecode(text, c.start(), c.end());
            case ASCII85 -> ascii85(text, c.start(), c.end());
            case HEX -> hex(text, c.start(), c.end(), (char) 0);
            case HEX_DELIMITED -> hex(text, c.start(), c.end(), (char) text[c.start() + 2]);
            case PERCENT -> Escapes.percent(text, c.start(), c.end());
            case HTML -> Escapes.html(text, c.start(), c.end());
            case QP -> Escapes.qp(text, c.start(), c.end());
            case JSON_U -> Escapes.jsonU(text, c.start(), c.end());
            case SEED_WORDS -> seedWords(text, c.start(), c.end());
            case CONCAT -> Joins.concat(text, c.start(), c.end());
            case CDATA -> Joins.cdataText(text, c.start(), c.end());
            case UNFOLDED -> Joins.unfold(text, c.start(), c.end());
            case CONTINUED -> Joins.continuedText(text, c.start(), c.end());
        };
    }

    // ---- base64 ----

    /** Alphabet, padding and line wrapping of a base64 run, kept so a rewritten run looks the same. */
    record Base64Style(boolean urlSafe, boolean padded, int lineWidth, String lineBreak) implements Style {
        @Override
        public byte[] reencode(byte[] before, byte[] after) {
            Base64.Encoder encoder = urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder();
            if (!padded) {
                encoder = encoder.withoutPadding();
            }
            byte[] flat = encoder.encode(after);
            if (lineWidth <= 0 || flat.length <= lineWidth) {
                return flat;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(flat.length + flat.length / lineWidth * 2 + 2);
            byte[] br = lineBreak.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < flat.length; i += lineWidth) {
                if (i > 0) {
                    out.write(br, 0, br.length);
                }
                out.write(flat, i, Math.min(lineWidth, flat.length - i));
            }
            return out.toByteArray();
        }
    }

    static Decoded base64(byte[] text, int start, int end) {
        byte[] chars = new byte[end - start];
        int n = 0;
        int lineWidth = 0;
        String lineBreak = "\n";
        boolean urlSafe = false;
        for (int i = start; i < end; i++) {
            byte b = text[i];
            if (b == '\r' || b == '\n' || b == ' ') {
                if (lineWidth == 0) {
                    // line-wrapped, or in groups one space apart (Candidates#spacedGroupsEnd)
                    lineWidth = n;
                    lineBreak = b == '\r' ? "\r\n" : b == ' ' ? " " : "\n";
                }
                continue;
            }
            urlSafe |= b == '-' || b == '_';
            chars[n++] = b;
        }
        int padding = 0;
        while (padding < n && chars[n - 1 - padding] == '=') {
            padding++;
        }
        int data = n - padding;
        int cut = 0;
        if (data % 4 == 1) {
            if (padding > 0 || lineWidth > 0) {
                return null;
            }
            cut = 1; // a character glued after the run; leave it in the text
            data--;
            n--;
        }
        try {
            byte[] bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(Arrays.copyOf(chars, n));
            return new Decoded("base64", start, end - cut, bytes,
                    new Base64Style(urlSafe, padding > 0, lineWidth, lineBreak));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- hex ----

    /** Case and delimiter of a hex run. */
    record HexStyle(boolean upper, char delimiter) implements Style {
        @Override
        public byte[] reencode(byte[] before, byte[] after) {
            HexFormat f = delimiter == 0 ? HexFormat.of() : HexFormat.ofDelimiter(String.valueOf(delimiter));
            String s = (upper ? f.withUpperCase() : f).formatHex(after);
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }

    static Decoded hex(byte[] text, int start, int end, char delimiter) {
        String s = new String(text, start, end - start, StandardCharsets.ISO_8859_1);
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'F') {
                upper = true;
                break;
            }
        }
        try {
            HexFormat f = delimiter == 0 ? HexFormat.of() : HexFormat.ofDelimiter(String.valueOf(delimiter));
            return new Decoded("hex", start, end, f.parseHex(s), new HexStyle(upper, delimiter));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- UTF-16LE ----

    /**
     * {@code d} read as UTF-16LE text (what PowerShell's {@code -EncodedCommand} base64-encodes), as UTF-8 with step
     * {@code <step>|utf-16le}, or null when its bytes are not that: an even number of them, at least 16, with an
     * optional byte order mark, and text once transcoded (ASCII and Latin letters have every second byte 0, so at
     * least a quarter of the bytes must be 0 at odd offsets).
     */
    static Decoded utf16le(Decoded d) {
        byte[] b = d.bytes();
        if (b.length < 16 || b.length % 2 != 0) {
            return null;
        }
        int zeros = 0;
        for (int i = 1; i < b.length; i += 2) {
            zeros += b[i] == 0 ? 1 : 0;
        }
        if (zeros * 4 < b.length) {
            return null;
        }
        byte[] utf8 = utf16Text(b, StandardCharsets.UTF_16LE);
        if (utf8 == null) {
            return null;
        }
        boolean bom = (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe;
        Style inner = d.style();
        return new Decoded(d.step() + "|utf-16le", d.start(), d.end(), utf8, (before, after) -> {
            String text = (bom ? "\ufeff" : "") + new String(after, StandardCharsets.UTF_8);
            return inner.reencode(b, text.getBytes(StandardCharsets.UTF_16LE));
        });
    }

    /**
     * UTF-16 bytes ({@code cs}: little- or big-endian) as UTF-8 without the byte order mark, or null when they do not
     * decode strictly (a lone surrogate, an odd length) or are not text once transcoded ({@link Plausible#text}).
     * Shared by the {@code base64|utf-16le} layer and {@link Utf16}.
     */
    static byte[] utf16Text(byte[] b, java.nio.charset.Charset cs) {
        String s = Utf16.strict(b, cs);
        if (s == null) {
            return null;
        }
        byte[] utf8 = (s.startsWith("\ufeff") ? s.substring(1) : s).getBytes(StandardCharsets.UTF_8);
        return Plausible.text(utf8) ? utf8 : null;
    }

    // ---- base32 ----

    /** Letter case and padding of a base32 run, kept so a rewritten run looks the same. */
    record Base32Style(boolean lowerCase, boolean padded) implements Style {
        @Override
        public byte[] reencode(byte[] before, byte[] after) {
            StringBuilder out = new StringBuilder((after.length + 4) / 5 * 8);
            int buffer = 0;
            int bits = 0;
            for (byte b : after) {
                buffer = buffer << 8 | (b & 0xff);
                bits += 8;
                while (bits >= 5) {
                    out.append(BASE32.charAt(buffer >> (bits - 5) & 31));
                    bits -= 5;
                }
            }
            if (bits > 0) {
                out.append(BASE32.charAt(buffer << (5 - bits) & 31));
            }
            while (padded && out.length() % 8 != 0) {
                out.append('=');
            }
            String s = lowerCase ? out.toString().toLowerCase(Locale.ROOT) : out.toString();
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /**
     * RFC 4648 base32 (written here: the JDK has none). A run whose length cannot be base32 (1, 3 or 6 characters
     * in its last group) is no value.
     */
    static Decoded base32(byte[] text, int start, int end) {
        int n = end;
        while (n > start && text[n - 1] == '=') {
            n--;
        }
        int rest = (n - start) % 8;
        if (rest == 1 || rest == 3 || rest == 6) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((n - start) * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = start; i < n; i++) {
            int v = Candidates.base32(text[i]);
            if (v < 0) {
                return null;
            }
            buffer = buffer << 5 | v;
            bits += 5;
            if (bits >= 8) {
                out.write(buffer >> (bits - 8) & 0xff);
                bits -= 8;
            }
        }
        return new Decoded("base32", start, end, out.toByteArray(),
                new Base32Style(text[start] >= 'a' || (text[start] < 'A' && hasLower(text, start, n)), end > n));
    }

    private static boolean hasLower(byte[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text[i] >= 'a' && text[i] <= 'z') {
                return true;
            }
        }
        return false;
    }

    // ---- seed words ----

    /** Why a seed-word layer is not rewritten: it is a phrase's words, not an encoding of the text they came from. */
    static final String SEED_WORDS_REASON = "a seed phrase read as a word list is not rewritten";

    private static final Style SEED_WORDS_NOT_REWRITTEN = (before, after) -> {
        throw new CannotRewriteException("", SEED_WORDS_REASON);
    };

    /** A text that is only a seed phrase, as lower-case words one blank apart ({@link SeedWords}), or null. */
    static Decoded seedWords(byte[] text, int start, int end) {
        byte[] words = SeedWords.normalise(text, start, end);
        return words == null ? null : new Decoded(Views.SEED_WORDS_STEP, start, end, words, SEED_WORDS_NOT_REWRITTEN);
    }

    // ---- char codes ----

    /**
     * Why a layer read after the scan is not rewritten: char-code lists, spaced-out text, lines written backwards or
     * in ROT13, uuencode and Ascii85 are read by {@link Views#decodeCodes}, outside the tree that rewriting walks, so
     * a redaction in them escalates to block before any layer is re-encoded.
     */
    static final String NOT_REWRITTEN_REASON = "text decoded from char codes, spaced out, backwards, ROT13, uuencode or"
            + " Ascii85 is not rewritten";

    static final Style NOT_REWRITTEN = (before, after) -> {
        throw new CannotRewriteException("", NOT_REWRITTEN_REASON);
    };

    /** The bytes of a list of char codes ({@link Candidates#charCodesEnd}), or null. */
    static Decoded charCodes(byte[] text, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) / 4);
        int i = start;
        while (i < end) {
            int radix = 10;
            int numberStart = i;
            if (i + 2 < end && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
                radix = 16;
                i += 2;
            }
            int v = 0;
            int d;
            while (i < end && (d = Character.digit(text[i], radix)) >= 0) {
                v = v * radix + d;
                i++;
            }
            if (i == numberStart || !Candidates.charCode(v)) {
                return null;
            }
            out.write(v);
            while (i < end && Character.digit(text[i], 10) < 0) {
                i++; // the separator
            }
        }
        return out.size() < 2 ? null
                : new Decoded(Views.CHAR_CODES_STEP, start, end, out.toByteArray(), NOT_REWRITTEN);
    }

    // ---- spaced-out text ----

    /** The text of spaced-out characters ({@link Candidates#spacedEnd}): single spaces dropped, three kept as one. */
    static Decoded spaced(byte[] text, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) / 2 + 1);
        for (int i = start; i < end; i++) {
            if (text[i] != ' ') {
                out.write(text[i]);
            } else if (i + 2 < end && text[i + 1] == ' ' && text[i + 2] == ' ') {
                out.write(' ');
                i += 2;
            }
        }
        return new Decoded(Views.SPACED_STEP, start, end, out.toByteArray(), NOT_REWRITTEN);
    }

    /** The characters of a run with a separator of {@code separator} bytes after each ({@link Candidates#separatedEnd}). */
    static Decoded separated(byte[] text, int start, int end, int separator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) / (separator + 1) + 1);
        for (int i = start; i < end; i += separator + 1) {
            out.write(text[i]);
        }
        return new Decoded(Views.SEPARATED_STEP, start, end, out.toByteArray(), NOT_REWRITTEN);
    }

    /** {@link CodeHints#WRAP_WORDS} by their bytes. */
    private static final byte[][] WRAP_WORDS = CodeHints.WRAP_WORDS.stream()
            .map(w -> w.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    /**
     * The lines of a wrapped run ({@link Candidates#wrapped}) joined without their line breaks, or null when the
     * joined text holds no word of {@link CodeHints#WRAP_WORDS} (short lines of everyday words, a poem, a list).
     */
    static Decoded unwrapped(byte[] text, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 * (end - start));
        int lastLine = 0; // bytes joined before the last line
        for (int i = start; i < end; i++) {
            if (text[i] != '\n' && text[i] != '\r') {
                out.write(text[i]);
            } else if (text[i] == '\n') {
                lastLine = out.size();
            }
        }
        // The last line may be the value's end or a short word after it ("end", "ok"): the run is written with it
        // and, on a line of its own, without it, so that a rule reads the value ending either way.
        byte[] whole = out.toByteArray();
        out.write('\n');
        out.write(whole, 0, lastLine);
        byte[] joined = out.toByteArray();
        for (byte[] word : WRAP_WORDS) {
            if (Sniff.indexOf(joined, word, 0, joined.length) >= 0) {
                return new Decoded(Views.UNWRAPPED_STEP, start, end, joined, NOT_REWRITTEN);
            }
        }
        return null;
    }

    // ---- text written backwards or in ROT13 ----

    /**
     * A run of base64 written backwards read forwards ({@code |reversed}, whose base64 the graph then decodes), or null
     * when that base64 does not decode to a plausible layer (a random id whose quads looked like text backwards).
     */
    static Decoded reversedBase64(byte[] text, int start, int end) {
        Decoded turned = reversed(text, start, end);
        Decoded inner = base64(turned.bytes(), 0, turned.bytes().length);
        return inner != null && Plausible.layer(inner.bytes()) ? turned : null;
    }

    /** The line read backwards, by code point (UTF-8; a malformed sequence stays as the replacement character). */
    static Decoded reversed(byte[] text, int start, int end) {
        String line = new String(text, start, end - start, StandardCharsets.UTF_8);
        byte[] out = new StringBuilder(line).reverse().toString().getBytes(StandardCharsets.UTF_8);
        return new Decoded(Views.REVERSED_STEP, start, end, out, NOT_REWRITTEN);
    }

    // ---- uuencode and Ascii85 ----
    // Written here: the JDK has neither, and the libraries that do (Jakarta Mail's UUDecoderStream, PDFBox's
    // ASCII85 filter) are large for thirty lines of arithmetic and do not report a malformed block as null.

    /**
     * The bytes of uuencoded lines ({@link Candidates} found them): each line's first character is its byte count
     * plus 32, then four characters (each a value plus 32, {@code `} for 0) per three bytes.
     */
    static Decoded uudecode(byte[] text, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) * 3 / 4);
        int line = start;
        while (line < end) {
            int n = (text[line] - ' ') & 0x3f;
            int k = line + 1;
            for (int written = 0; written < n; k += 4) {
                int v = 0;
                for (int j = 0; j < 4; j++) {
                    int c = k + j < end && text[k + j] != '\n' && text[k + j] != '\r' ? text[k + j] : ' ';
                    v = v << 6 | ((c - ' ') & 0x3f);
                }
                for (int shift = 16; shift >= 0 && written < n; shift -= 8, written++) {
                    out.write(v >> shift & 0xff);
                }
            }
            while (line < end && text[line] != '\n') {
                line++;
            }
            line++;
        }
        return out.size() < 2 ? null : new Decoded(Views.UUENCODE_STEP, start, end, out.toByteArray(), NOT_REWRITTEN);
    }

    /**
     * The bytes of Ascii85 text (between {@code <~} and {@code ~>}): five characters {@code !} to {@code u} per four
     * bytes in base 85, {@code z} for four zero bytes, white space ignored, a last group of two to four characters
     * for one to three bytes; null for a group over 2^32 - 1, a lone last character or a {@code z} inside a group.
     */
    static Decoded ascii85(byte[] text, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) * 4 / 5 + 4);
        long v = 0;
        int k = 0;
        for (int i = start; i < end; i++) {
            int c = text[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            if (c == 'z') {
                if (k != 0) {
                    return null;
                }
                out.writeBytes(new byte[4]);
                continue;
            }
            if (c < '!' || c > 'u') {
                return null;
            }
            v = v * 85 + (c - '!');
            if (++k == 5) {
                if (v > 0xffffffffL) {
                    return null;
                }
                for (int shift = 24; shift >= 0; shift -= 8) {
                    out.write((int) (v >> shift) & 0xff);
                }
                v = 0;
                k = 0;
            }
        }
        if (k == 1) {
            return null;
        }
        if (k > 1) {
            for (int j = k; j < 5; j++) {
                v = v * 85 + 84;
            }
            if (v > 0xffffffffL) {
                return null;
            }
            for (int shift = 24, left = k - 1; left > 0; shift -= 8, left--) {
                out.write((int) (v >> shift) & 0xff);
            }
        }
        return out.size() < 2 ? null : new Decoded(Views.ASCII85_STEP, start, end, out.toByteArray(), NOT_REWRITTEN);
    }

    /** The line with its ASCII letters rotated by 13. */
    static Decoded rot13(byte[] text, int start, int end) {
        byte[] out = Arrays.copyOfRange(text, start, end);
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) CodeHints.rot13(out[i]);
        }
        return new Decoded(Views.ROT13_STEP, start, end, out, NOT_REWRITTEN);
    }

    /** The line with its ASCII letters shifted back by {@code shift} (the shift that wrote it). */
    static Decoded caesar(byte[] text, int start, int end, int shift) {
        byte[] out = Arrays.copyOfRange(text, start, end);
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) CodeHints.caesar(out[i], -shift);
        }
        return new Decoded(Views.CAESAR_STEP, start, end, out, NOT_REWRITTEN);
    }

    /** The line with its ASCII letters mirrored in the alphabet (Atbash is its own inverse). */
    static Decoded atbash(byte[] text, int start, int end) {
        byte[] out = Arrays.copyOfRange(text, start, end);
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) CodeHints.atbash(out[i]);
        }
        return new Decoded(Views.ATBASH_STEP, start, end, out, NOT_REWRITTEN);
    }

    // ---- escapes inside text ----

    /**
     * Text whose escapes were decoded, with each decoded byte's source position, so that a change is written back
     * by re-escaping only the changed stretch (in the escape syntax of the layer) and every other source byte stays.
     */
    static final class EscapeStyle implements Style {
        final byte[] source;
        /** For each decoded byte, the source offset of the escape or literal it came from; then the source end. */
        final int[] at;
        /** The escaped form of some bytes, every byte (or character) escaped. */
        private final UnaryOperator<byte[]> escaper;

        EscapeStyle(byte[] source, int[] at, UnaryOperator<byte[]> escaper) {
            this.source = source;
            this.at = at;
            this.escaper = escaper;
        }

        byte[] escape(byte[] bytes) {
            return escaper.apply(bytes);
        }

        @Override
        public byte[] reencode(byte[] before, byte[] after) {
            int prefix = 0;
            int max = Math.min(before.length, after.length);
            while (prefix < max && before[prefix] == after[prefix]) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < max - prefix
                    && before[before.length - 1 - suffix] == after[after.length - 1 - suffix]) {
                suffix++;
            }
            int from = prefix;
            while (from > 0 && at[from] == at[from - 1]) {
                from--; // back to the start of the escape holding byte `prefix`
            }
            int to = before.length - suffix;
            while (to < before.length && at[to] == at[to - 1]) {
                to++;
            }
            byte[] middle = Arrays.copyOfRange(after, from, after.length - (before.length - to));
            byte[] escaped = escape(middle);
            int srcFrom = at[from];
            int srcTo = at[to];
            byte[] out = new byte[srcFrom + escaped.length + source.length - srcTo];
            System.arraycopy(source, 0, out, 0, srcFrom);
            System.arraycopy(escaped, 0, out, srcFrom, escaped.length);
            System.arraycopy(source, srcTo, out, srcFrom + escaped.length, source.length - srcTo);
            return out;
        }
    }

    /** Builds decoded bytes and their source positions. */
    static final class EscapeSink {
        private byte[] bytes;
        private int[] at;
        private int size;

        EscapeSink(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
            at = new int[bytes.length + 1];
        }

        void add(int b, int sourceOffset) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
                at = Arrays.copyOf(at, size * 2 + 1);
            }
            bytes[size] = (byte) b;
            at[size++] = sourceOffset;
        }

        void addUtf8(int codePoint, int sourceOffset) {
            byte[] enc = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            for (byte b : enc) {
                add(b, sourceOffset);
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }

        /** Positions relative to {@code base}, with {@code end - base} appended. */
        int[] at(int base, int end) {
            int[] out = new int[size + 1];
            for (int i = 0; i < size; i++) {
                out[i] = at[i] - base;
            }
            out[size] = end - base;
            return out;
        }
    }

    static final class Escapes {
        private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

        private Escapes() {
        }

        static Decoded percent(byte[] t, int start, int end) {
            EscapeSink sink = new EscapeSink(end - start);
            boolean lower = false;
            for (int i = start; i < end; i++) {
                if (t[i] == '%' && i + 2 < end && hex(t[i + 1]) >= 0 && hex(t[i + 2]) >= 0) {
                    lower |= t[i + 1] >= 'a' || t[i + 2] >= 'a';
                    sink.add(hex(t[i + 1]) << 4 | hex(t[i + 2]), i);
                    i += 2;
                } else {
                    sink.add(t[i], i);
                }
            }
            boolean lowerCase = lower;
            return done("percent", t, start, end, sink, bytes -> {
                byte[] out = new byte[bytes.length * 3];
                for (int i = 0; i < bytes.length; i++) {
                    int c = bytes[i] & 0xff;
                    out[3 * i] = '%';
                    out[3 * i + 1] = hexDigit(c >>> 4, lowerCase);
                    out[3 * i + 2] = hexDigit(c & 0xf, lowerCase);
                }
                return out;
            });
        }

        static Decoded qp(byte[] t, int start, int end) {
            EscapeSink sink = new EscapeSink(end - start);
            for (int i = start; i < end; i++) {
                if (t[i] == '=') {
                    int j = i + 1;
                    if (j < end && t[j] == '\r' && j + 1 < end && t[j + 1] == '\n') {
                        i = j + 1;
                        continue;
                    }
                    if (j < end && t[j] == '\n') {
                        i = j;
                        continue;
                    }
                    if (i + 2 < end && hex(t[i + 1]) >= 0 && hex(t[i + 2]) >= 0) {
                        sink.add(hex(t[i + 1]) << 4 | hex(t[i + 2]), i);
                        i += 2;
                        continue;
                    }
                }
                sink.add(t[i], i);
            }
            return done("qp", t, start, end, sink, bytes -> {
                byte[] out = new byte[bytes.length * 3];
                for (int i = 0; i < bytes.length; i++) {
                    int c = bytes[i] & 0xff;
                    out[3 * i] = '=';
                    out[3 * i + 1] = HEX_UPPER[c >>> 4];
                    out[3 * i + 2] = HEX_UPPER[c & 0xf];
                }
                return out;
            });
        }

        static Decoded html(byte[] t, int start, int end) {
            EscapeSink sink = new EscapeSink(end - start);
            boolean hexForm = false;
            for (int i = start; i < end; i++) {
                if (t[i] == '&' && Candidates.entityAt(t, i, end)) {
                    int semi = i + 1;
                    while (t[semi] != ';') {
                        semi++;
                    }
                    String body = new String(t, i + 1, semi - i - 1, StandardCharsets.ISO_8859_1);
                    String value = null;
                    if (body.startsWith("#x") || body.startsWith("#X")) {
                        hexForm = true;
                        value = codePoint(body.substring(2), 16);
                    } else if (body.startsWith("#")) {
                        value = codePoint(body.substring(1), 10);
                    } else if (Entities.isNamedEntity(body)) {
                        value = Entities.getByName(body);
                    }
                    if (value != null && !value.isEmpty()) {
                        for (int k = 0; k < value.length(); ) {
                            int cp = value.codePointAt(k);
                            sink.addUtf8(cp, i);
                            k += Character.charCount(cp);
                        }
                        i = semi;
                        continue;
                    }
                }
                sink.add(t[i], i);
            }
            boolean hexEntities = hexForm;
            return done("html", t, start, end, sink, bytes -> {
                String s = new String(bytes, StandardCharsets.UTF_8);
                StringBuilder out = new StringBuilder(s.length() * 6);
                s.codePoints().forEach(cp -> out.append(hexEntities ? "&#x" + Integer.toHexString(cp) : "&#" + cp)
                        .append(';'));
                return out.toString().getBytes(StandardCharsets.US_ASCII);
            });
        }

        static Decoded jsonU(byte[] t, int start, int end) {
            EscapeSink sink = new EscapeSink(end - start);
            boolean bytesEscaped = false;
            boolean hexBytes = false;
            boolean braces = false;
            for (int i = start; i < end; i++) {
                if (t[i] == '\\' && i + 1 < end) {
                    byte e = t[i + 1];
                    int escapeEnd = Candidates.sourceEscapeEnd(t, i, end);
                    if (escapeEnd > 0 && e != 'u') {
                        int value = e == 'x' ? hex(t[i + 2]) << 4 | hex(t[i + 3])
                                : (t[i + 1] - '0') << 6 | (t[i + 2] - '0') << 3 | (t[i + 3] - '0');
                        sink.add(value, i); // a byte, as C, Python and printf read it
                        bytesEscaped = true;
                        hexBytes |= e == 'x';
                        i = escapeEnd - 1;
                        continue;
                    }
                    if (escapeEnd > 0 && t[i + 2] == '{') {
                        int cp = Integer.parseInt(new String(t, i + 3, escapeEnd - i - 4, StandardCharsets.US_ASCII),
                                16);
                        sink.addUtf8(Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp) ? cp : '?',
                                i);
                        braces = true;
                        i = escapeEnd - 1;
                        continue;
                    }
                    if (e == 'u' && i + 5 < end && hex4(t, i + 2) >= 0) {
                        int unit = hex4(t, i + 2);
                        int width = 6;
                        int cp = unit;
                        if (Character.isHighSurrogate((char) unit) && i + 11 < end && t[i + 6] == '\\'
                                && t[i + 7] == 'u' && hex4(t, i + 8) >= 0
                                && Character.isLowSurrogate((char) hex4(t, i + 8))) {
                            cp = Character.toCodePoint((char) unit, (char) hex4(t, i + 8));
                            width = 12;
                        } else if (Character.isSurrogate((char) unit)) {
                            cp = '?';
                        }
                        sink.addUtf8(cp, i);
                        i += width - 1;
                        continue;
                    }
                    int simple = switch (e) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case '"', '\\', '/' -> e;
                        default -> -1;
                    };
                    if (simple >= 0) {
                        sink.add(simple, i);
                        i++;
                        continue;
                    }
                }
                sink.add(t[i], i);
            }
            if (bytesEscaped) {
                // Byte escapes are written back as the layer wrote them: \xhh, or octal when it used only octal.
                String format = hexBytes ? "\\x%02x" : "\\%03o";
                return done("escape", t, start, end, sink, bytes -> {
                    StringBuilder out = new StringBuilder(bytes.length * 4);
                    for (byte b : bytes) {
                        out.append(String.format(format, b & 0xff));
                    }
                    return out.toString().getBytes(StandardCharsets.US_ASCII);
                });
            }
            boolean jsBraces = braces;
            return done("json-u", t, start, end, sink, bytes -> {
                String s = new String(bytes, StandardCharsets.UTF_8);
                StringBuilder out = new StringBuilder(s.length() * 6);
                if (jsBraces) {
                    s.codePoints().forEach(cp -> out.append("\\u{").append(Integer.toHexString(cp)).append('}'));
                } else {
                    for (int i = 0; i < s.length(); i++) {
                        out.append(String.format("\\u%04x", (int) s.charAt(i)));
                    }
                }
                return out.toString().getBytes(StandardCharsets.US_ASCII);
            });
        }

        private static Decoded done(String step, byte[] t, int start, int end, EscapeSink sink,
                                    UnaryOperator<byte[]> escaper) {
            byte[] bytes = sink.bytes();
            if (bytes.length == end - start) {
                return null; // nothing was escaped after all
            }
            return new Decoded(step, start, end, bytes,
                    new EscapeStyle(Arrays.copyOfRange(t, start, end), sink.at(start, end), escaper));
        }

        private static String codePoint(String digits, int radix) {
            try {
                int cp = Integer.parseInt(digits, radix);
                return cp > 0 && Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp)
                        ? new String(Character.toChars(cp)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static int hex4(byte[] t, int i) {
            int v = 0;
            for (int k = 0; k < 4; k++) {
                int h = hex(t[i + k]);
                if (h < 0) {
                    return -1;
                }
                v = v << 4 | h;
            }
            return v;
        }

        private static byte hexDigit(int v, boolean lower) {
            byte b = HEX_UPPER[v];
            return lower && b >= 'A' ? (byte) (b + 32) : b;
        }

        static int hex(byte b) {
            return UrlEncoded.hex(b);
        }
    }
}
