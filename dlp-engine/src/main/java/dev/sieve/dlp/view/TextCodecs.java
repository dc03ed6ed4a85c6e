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
     *              {@code rot13}, {@code uuencode}, {@code ascii85}; {@code base32hex}, {@code base32crockford},
     *              {@code base58}, {@code base85}, {@code z85}, {@code css}; {@code xxencode}, {@code bits},
     *              {@code octal}, {@code code-points}; {@code decimal}, {@code base36}, {@code morse},
     *              {@code digit-words}, {@code nato}, {@code braille} ({@link Exotic})
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
            case REVERSED -> c.arg() == 2 ? Framings.reversedHex(text, c.start(), c.end())
                    : c.arg() == 1 ? reversedBase64(text, c.start(), c.end())
                    : reversed(text, c.start(), c.end());
            case ROT13 -> rot13(text, c.start(), c.end());
            case CAESAR -> caesar(text, c.start(), c.end(), c.arg());
            case ATBASH -> atbash(text, c.start(), c.end());
            case SEPARATED -> separated(text, c.start(), c.end(), c.arg());
            case WRAPPED -> unwrapped(text, c.start(), c.end());
            case UUENCODE -> uudecode(text, c.start(), c.end(), false);
            case XXENCODE -> uudecode(text, c.start(), c.end(), true);
            case ASCII85 -> ascii85(text, c.start(), c.end());
            case BASE85 -> base85(text, c.start(), c.end(), 0);
            case Z85 -> base85(text, c.start(), c.end(), 1);
            case BASE58 -> base58(text, c.start(), c.end());
            case BITS -> bits(text, c.start(), c.end());
            case OCTAL -> octal(text, c.start(), c.end());
            case CODE_POINTS -> codePoints(text, c.start(), c.end());
            case CSS -> Escapes.css(text, c.start(), c.end());
            case HEX -> hex(text, c.start(), c.end(), (char) 0);
            case HEX_DELIMITED -> hex(text, c.start(), c.end(), (char) text[c.start() + 2]);
            case PERCENT -> Escapes.percent(text, c.start(), c.end());
            case HTML -> Escapes.html(text, c.start(), c.end());
            case QP -> Escapes.qp(text, c.start(), c.end());
            case JSON_U -> Escapes.jsonU(text, c.start(), c.end());
            case SEED_WORDS -> seedWords(text, c.start(), c.end());
            case SPLIT_NAME -> FileNames.decode(text, c.start(), c.end());
            case CONCAT -> Joins.concat(text, c.start(), c.end());
            case CDATA -> Joins.cdataText(text, c.start(), c.end());
            case UNFOLDED -> Joins.unfold(text, c.start(), c.end());
            case CONTINUED -> Joins.continuedText(text, c.start(), c.end());
            case UTF7 -> Escapes.utf7(text, c.start(), c.end());
            case MD_ESCAPE -> Escapes.markdown(text, c.start(), c.end());
            case DECIMAL -> Exotic.radix(text, c.start(), c.end(), 10);
            case BASE36 -> Exotic.radix(text, c.start(), c.end(), 36);
            case MORSE -> Exotic.morse(text, c.start(), c.end(), c.arg() == 1);
            case WORDS -> Exotic.words(text, c.start(), c.end(), c.arg() == 1);
            case BRAILLE -> Exotic.braille(text, c.start(), c.end());
            case TEX_CARET -> texCaret(text, c.start(), c.end());
            case XML_ENTITIES -> XmlEntities.decode(text, c.start(), c.end());
            case PIECES -> Pieces.decode(text, c);
            case DUMP -> Dumps.decode(text, c.start(), c.end());
            case B64_JOINED -> Framings.decode(text, c.start(), c.end());
            case HEX_JOINED -> Framings.decodeHex(text, c.start(), c.end());
            case MIME_WORDS -> EncodedWords.decode(text, c.start(), c.end(), c.arg() == 1);
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
            int escaped = b == '\\' ? Candidates.escapedBreakEnd(text, i, end) : -1;
            if (escaped > 0) { // a line break written as an escape, \r\n or \n (Candidates#run joins such lines)
                if (lineWidth == 0) {
                    lineWidth = n;
                    lineBreak = new String(text, i, escaped - i, StandardCharsets.US_ASCII);
                }
                i = escaped - 1;
                continue;
            }
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

    /**
     * Case, delimiter and line wrapping of a hex run ({@code xxd -p}: 30 pairs a line; {@code od -An -tx1}: 16,
     * each line after a space), kept so a rewritten run looks the same.
     */
    record HexStyle(boolean upper, char delimiter, int linePairs, String lineBreak) implements Style {
        HexStyle(boolean upper, char delimiter) {
            this(upper, delimiter, 0, "\n");
        }

        @Override
        public byte[] reencode(byte[] before, byte[] after) {
            HexFormat f = delimiter == 0 ? HexFormat.of() : HexFormat.ofDelimiter(String.valueOf(delimiter));
            f = upper ? f.withUpperCase() : f;
            if (linePairs <= 0 || after.length <= linePairs) {
                return f.formatHex(after).getBytes(StandardCharsets.US_ASCII);
            }
            StringBuilder out = new StringBuilder(after.length * 3 + after.length / linePairs * 3);
            for (int i = 0; i < after.length; i += linePairs) {
                out.append(i > 0 ? lineBreak : "").append(f.formatHex(after, i, Math.min(after.length, i + linePairs)));
            }
            return out.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Fewest characters of a line of wrapped plain hex ({@code xxd -p} writes 60, a fold 32 to 76). */
    static final int MIN_HEX_WRAP = 32;

    static Decoded hex(byte[] text, int start, int end, char delimiter) {
        if (delimiter == 0 || delimiter == ' ') {
            for (int i = start; i < end; i++) {
                if (text[i] == '\n' || text[i] == '\r') {
                    return wrappedHex(text, start, end, delimiter);
                }
            }
        }
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

    /**
     * Hex wrapped as a dump tool writes it: plain ({@code xxd -p}, a folded {@code hexdump}, a textwrap'd hexlify),
     * lines of one even width of at least {@value #MIN_HEX_WRAP} characters; or pairs one space apart with a space
     * before each line ({@code od -An -tx1 -v}), at least {@value Candidates#MIN_HEX_PAIRS} pairs a line. The last
     * line no wider, each break one {@code \n} or {@code \r\n} (the same throughout); null otherwise. Joined, the
     * lines decode to what the one run before wrapping did, and a rewrite keeps the width.
     */
    static Decoded wrappedHex(byte[] text, int start, int end, char delimiter) {
        byte[] chars = new byte[end - start];
        int n = 0;
        int width = 0;
        int line = 0;
        String lineBreak = null;
        boolean upper = false;
        int minPairs = delimiter == 0 ? MIN_HEX_WRAP / 2 : Candidates.MIN_HEX_PAIRS;
        for (int i = start; i < end; i++) {
            byte b = text[i];
            if (b == '\r' || b == '\n') {
                String br = b == '\r' && i + 1 < end && text[i + 1] == '\n' ? "\r\n" : String.valueOf((char) b);
                if (delimiter != 0) {
                    if (i + br.length() >= end || text[i + br.length()] != delimiter) {
                        return null;
                    }
                    br += delimiter;
                }
                if (lineBreak == null) {
                    lineBreak = br;
                    width = line;
                } else if (!lineBreak.equals(br) || line != width) {
                    return null;
                }
                if (width % 2 != 0 || width / 2 < minPairs) {
                    return null;
                }
                i += br.length() - 1;
                line = 0;
                continue;
            }
            if (delimiter != 0 && b == delimiter) {
                if (line % 2 != 0 || line == 0 || i + 1 >= end || text[i + 1] == delimiter) {
                    return null;
                }
                continue;
            }
            upper |= b >= 'A' && b <= 'F';
            chars[n++] = b;
            line++;
        }
        if (line == 0 || line > width || n % 2 != 0) {
            return null;
        }
        try {
            byte[] bytes = HexFormat.of().parseHex(new String(chars, 0, n, StandardCharsets.ISO_8859_1));
            return new Decoded("hex", start, end, bytes, new HexStyle(upper, delimiter, width / 2, lineBreak));
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

    /** Alphabet, letter case and padding of a base32 run, kept so a rewritten run looks the same. */
    record Base32Style(int alphabet, boolean lowerCase, boolean padded) implements Style {
        @Override
        public byte[] reencode(byte[] before, byte[] after) {
            String digits = Candidates.B32_ALPHABETS[alphabet];
            StringBuilder out = new StringBuilder((after.length + 4) / 5 * 8);
            int buffer = 0;
            int bits = 0;
            for (byte b : after) {
                buffer = buffer << 8 | (b & 0xff);
                bits += 8;
                while (bits >= 5) {
                    out.append(digits.charAt(buffer >> (bits - 5) & 31));
                    bits -= 5;
                }
            }
            if (bits > 0) {
                out.append(digits.charAt(buffer << (5 - bits) & 31));
            }
            while (padded && out.length() % 8 != 0) {
                out.append('=');
            }
            String s = lowerCase ? out.toString().toLowerCase(Locale.ROOT) : out.toString();
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** The view path step of each base32 alphabet ({@link Candidates#B32_RFC}, ...). */
    private static final String[] BASE32_STEPS = {"base32", "base32hex", "base32crockford"};

    /**
     * Base32 (written here: the JDK has none) in the first of RFC 4648's alphabet, RFC 4648's base32hex and
     * Crockford's that holds every character and decodes to something {@link Plausible} (or, when none does, the first
     * that holds them all). A run whose length cannot be base32 (1, 3 or 6 characters in its last group) is no value.
     */
    static Decoded base32(byte[] text, int start, int end) {
        Decoded first = null;
        for (int alphabet = 0; alphabet < BASE32_STEPS.length; alphabet++) {
            Decoded d = base32(text, start, end, alphabet);
            if (d != null && Plausible.layer(d.bytes())) {
                return d;
            }
            first = first == null ? d : first;
        }
        return first;
    }

    /** {@code text[start, end)} read in base32 alphabet {@code alphabet}, or null. */
    static Decoded base32(byte[] text, int start, int end, int alphabet) {
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
            int v = Candidates.base32(alphabet, text[i]);
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
        return new Decoded(BASE32_STEPS[alphabet], start, end, out.toByteArray(), new Base32Style(alphabet,
                text[start] >= 'a' || (text[start] < 'A' && hasLower(text, start, n)), end > n));
    }

    // ---- base58 ----

    /** Base58 is one big number: written back whole. */
    private static final Style BASE58_STYLE = (before, after) ->
            dev.sieve.dlp.validate.Base58.encode(after).getBytes(StandardCharsets.US_ASCII);

    /** Bitcoin base58 ({@link dev.sieve.dlp.validate.Base58}, shared with the WIF and xprv validators), or null. */
    static Decoded base58(byte[] text, int start, int end) {
        byte[] bytes = dev.sieve.dlp.validate.Base58.decode(
                new String(text, start, end - start, StandardCharsets.ISO_8859_1), Candidates.MAX_BASE58);
        return bytes == null || bytes.length < 2 ? null : new Decoded("base58", start, end, bytes, BASE58_STYLE);
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
    static final String NOT_REWRITTEN_REASON = "text decoded from char codes, spaced out, backwards, ROT13, uuencode,"
            + " xxencode, Ascii85, 8-bit groups, octal or U+ code points is not rewritten";

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
            // a hex list may hold any byte: Candidates made it a candidate only when it starts with a file's magic
            if (i == numberStart || !(Candidates.charCode(v) || (radix == 16 && v <= 0xff))) {
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
     * plus 32, then four characters (each a value plus 32, {@code `} for 0) per three bytes. xxencoded lines
     * ({@code xx}) are the same but for the alphabet: {@code +-0-9A-Za-z}.
     */
    static Decoded uudecode(byte[] text, int start, int end) {
        return uudecode(text, start, end, false);
    }

    /** Like {@link #uudecode(byte[], int, int)}; {@code xx}: xxencoded lines. */
    static Decoded uudecode(byte[] text, int start, int end, boolean xx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) * 3 / 4);
        int line = start;
        while (line < end) {
            int n = sixBits(text[line], xx);
            int k = line + 1;
            for (int written = 0; written < n; k += 4) {
                int v = 0;
                for (int j = 0; j < 4; j++) {
                    boolean in = k + j < end && text[k + j] != '\n' && text[k + j] != '\r';
                    v = v << 6 | (in ? sixBits(text[k + j], xx) : 0);
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
        return out.size() < 2 ? null : new Decoded(xx ? Views.XXENCODE_STEP : Views.UUENCODE_STEP, start, end,
                out.toByteArray(), NOT_REWRITTEN);
    }

    /** A uuencode character's value (its code minus 32, {@code `} 0), or an xxencode character's ({@code +} 0). */
    private static int sixBits(byte c, boolean xx) {
        return xx ? Math.max(0, Candidates.XX_VALUE[c & 0xff]) : (c - ' ') & 0x3f;
    }

    /**
     * The bytes of Ascii85 text (between {@code <~} and {@code ~>}): five characters {@code !} to {@code u} per four
     * bytes in base 85, {@code z} for four zero bytes, white space ignored, a last group of two to four characters
     * for one to three bytes; null for a group over 2^32 - 1, a lone last character or a {@code z} inside a group.
     */
    static Decoded ascii85(byte[] text, int start, int end) {
        byte[] bytes = base85Bytes(text, start, end, ASCII85_VALUE, true);
        return bytes == null || bytes.length < 2 ? null
                : new Decoded(Views.ASCII85_STEP, start, end, bytes, NOT_REWRITTEN);
    }

    /** Ascii85's values: {@code !} 0 to {@code u} 84. */
    private static final byte[] ASCII85_VALUE = new byte[256];

    static {
        Arrays.fill(ASCII85_VALUE, (byte) -1);
        for (int c = '!'; c <= 'u'; c++) {
            ASCII85_VALUE[c] = (byte) (c - '!');
        }
    }

    /**
     * Base85's arithmetic in the alphabet {@code value} gives (Ascii85, RFC 1924, Z85): five characters per four bytes,
     * a last group of two to four characters for one to three bytes; with {@code ascii85}, white space ignored and
     * {@code z} for four zero bytes. Null for a group over 2^32 - 1, a lone last character, a {@code z} inside a group
     * or a character of no value.
     */
    static byte[] base85Bytes(byte[] text, int start, int end, byte[] value, boolean ascii85) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) * 4 / 5 + 4);
        long v = 0;
        int k = 0;
        for (int i = start; i < end; i++) {
            int c = text[i];
            if (ascii85 && (c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            if (ascii85 && c == 'z') {
                if (k != 0) {
                    return null;
                }
                out.writeBytes(new byte[4]);
                continue;
            }
            int d = value[c & 0xff];
            if (d < 0) {
                return null;
            }
            v = v * 85 + d;
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
        return out.toByteArray();
    }

    /** Base85 in RFC 1924's alphabet (0) or Z85's (1), written back the same way (a short last group as Python's). */
    record Base85Style(int alphabet) implements Style {
        @Override
        public byte[] reencode(byte[] before, byte[] after) {
            return base85Encode(after, alphabet == 0 ? Candidates.B85_RFC1924 : Candidates.B85_Z85)
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** {@code bytes} in base85 with {@code digits}; a last group of k bytes as k + 1 characters (no padding). */
    static String base85Encode(byte[] bytes, String digits) {
        StringBuilder out = new StringBuilder((bytes.length + 3) / 4 * 5);
        char[] group = new char[5];
        for (int i = 0; i < bytes.length; i += 4) {
            long v = 0;
            for (int j = 0; j < 4; j++) {
                v = v << 8 | (i + j < bytes.length ? bytes[i + j] & 0xff : 0);
            }
            for (int j = 4; j >= 0; j--) {
                group[j] = digits.charAt((int) (v % 85));
                v /= 85;
            }
            out.append(group, 0, Math.min(5, bytes.length - i + 1));
        }
        return out.toString();
    }

    /** A base85 token ({@link Candidates#base85Kind}) in RFC 1924's alphabet (0) or Z85's (1), or null. */
    static Decoded base85(byte[] text, int start, int end, int alphabet) {
        byte[] bytes = base85Bytes(text, start, end, Candidates.B85_VALUE[alphabet], false);
        return bytes == null || bytes.length < 2 ? null
                : new Decoded(alphabet == 0 ? "base85" : "z85", start, end, bytes, new Base85Style(alphabet));
    }

    // ---- 8-bit groups, octal dumps, U+ lists (found after the scan, not rewritten) ----

    /** The bytes of 8-bit groups ({@link Candidates#bitsEnd}): every eight {@code 0}/{@code 1} digits one byte. */
    static Decoded bits(byte[] text, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) / 8);
        int v = 0;
        int n = 0;
        for (int i = start; i < end; i++) {
            byte b = text[i];
            if (b != '0' && b != '1') {
                continue; // a separator
            }
            v = v << 1 | (b - '0');
            if (++n == 8) {
                out.write(v);
                v = 0;
                n = 0;
            }
        }
        return n != 0 || out.size() < 2 ? null : new Decoded(Views.BITS_STEP, start, end, out.toByteArray(),
                NOT_REWRITTEN);
    }

    /** The bytes of an octal dump ({@link Candidates#octalEnd}): each three-digit number a byte, offsets skipped. */
    static Decoded octal(byte[] text, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) / 4);
        int i = start;
        while (i < end) {
            int d = i;
            while (d < end && text[d] >= '0' && text[d] <= '7') {
                d++;
            }
            if (d - i == 3) {
                out.write((text[i] - '0') << 6 | (text[i + 1] - '0') << 3 | (text[i + 2] - '0'));
            }
            i = d == i ? i + 1 : d; // offsets (six to eight digits) and separators are skipped
        }
        return out.size() < 2 ? null : new Decoded(Views.OCTAL_STEP, start, end, out.toByteArray(), NOT_REWRITTEN);
    }

    /** The text of a {@code U+XXXX} list: each code point as UTF-8 ({@code ?} for a surrogate or one out of range). */
    static Decoded codePoints(byte[] text, int start, int end) {
        StringBuilder out = new StringBuilder((end - start) / 7);
        for (int i = start; i + 1 < end; i++) {
            if ((text[i] == 'U' || text[i] == 'u') && text[i + 1] == '+') {
                int d = i + 2;
                int cp = 0;
                while (d < end && d - i - 2 < 6 && Escapes.hex(text[d]) >= 0) {
                    cp = cp << 4 | Escapes.hex(text[d]);
                    d++;
                }
                out.appendCodePoint(cp > 0 && cp <= Character.MAX_CODE_POINT && (cp < 0xd800 || cp > 0xdfff)
                        ? cp : '?');
                i = d - 1;
            }
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        return bytes.length < 2 ? null : new Decoded(Views.CODE_POINTS_STEP, start, end, bytes, NOT_REWRITTEN);
    }

    /** The line with its ASCII letters rotated by 13. */
    static Decoded rot13(byte[] text, int start, int end) {
        byte[] out = Arrays.copyOfRange(text, start, end);
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) CodeHints.rot13(out[i]);
        }
        return new Decoded(Views.ROT13_STEP, start, end, out, NOT_REWRITTEN);
    }

    /**
     * The line with its ASCII letters shifted back by {@code shift} (the shift that wrote it), then a line break and the
     * line with its digits shifted back by the same shift too (modulo 10), as tools that shift digits write it: a
     * rule sees the one reading that holds a valid value.
     */
    static Decoded caesar(byte[] text, int start, int end, int shift) {
        int n = end - start;
        byte[] out = new byte[2 * n + 1];
        for (int i = 0; i < n; i++) {
            byte b = text[start + i];
            out[i] = (byte) CodeHints.caesar(b, -shift);
            out[n + 1 + i] = b >= '0' && b <= '9' ? (byte) ('0' + Math.floorMod(b - '0' - shift, 10)) : out[i];
        }
        out[n] = '\n';
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

    // ---- TeX's ^^ notation (found after the scan, not rewritten) ----

    /**
     * A line in TeX's {@code ^^} notation ({@link Candidates#texCarets}) read as TeX reads it: {@code ^^} and two
     * lower-case hex digits is that byte; {@code ^^} and any other character {@code c} below 128 is {@code c} - 64
     * ({@code ^^M}, a carriage return) or {@code c} + 64 below 64 ({@code ^^:} is {@code z}), so that digits written
     * {@code ^^p^^q} inside an escaped line are read too; every other byte stays. Null when no {@code ^^xx} is read.
     */
    static Decoded texCaret(byte[] text, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        int hexPairs = 0;
        for (int i = start; i < end; i++) {
            if (text[i] == '^' && i + 2 < end && text[i + 1] == '^') {
                if (i + 3 < end && Candidates.texHex(text[i + 2]) && Candidates.texHex(text[i + 3])) {
                    out.write(Escapes.hex(text[i + 2]) << 4 | Escapes.hex(text[i + 3]));
                    hexPairs++;
                    i += 3;
                    continue;
                }
                int c = text[i + 2];
                if (c >= 0 && c < 128) {
                    out.write(c < 64 ? c + 64 : c - 64);
                    i += 2;
                    continue;
                }
            }
            out.write(text[i]);
        }
        return hexPairs == 0 ? null : new Decoded(Views.TEX_CARET_STEP, start, end, out.toByteArray(), NOT_REWRITTEN);
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
            boolean units = false;
            for (int i = start; i < end; i++) {
                if (t[i] == '%' && i + 2 < end && hex(t[i + 1]) >= 0 && hex(t[i + 2]) >= 0) {
                    lower |= t[i + 1] >= 'a' || t[i + 2] >= 'a';
                    sink.add(hex(t[i + 1]) << 4 | hex(t[i + 2]), i);
                    i += 2;
                } else if (t[i] == '%' && Candidates.percentEscapeEnd(t, i, end) == i + 6) {
                    // IIS's %uXXXX: a UTF-16 code unit (a pair of them for a supplementary character)
                    int unit = hex4(t, i + 2);
                    int cp = unit;
                    int width = 6;
                    if (Character.isHighSurrogate((char) unit) && Candidates.percentEscapeEnd(t, i + 6, end) == i + 12
                            && Character.isLowSurrogate((char) hex4(t, i + 8))) {
                        cp = Character.toCodePoint((char) unit, (char) hex4(t, i + 8));
                        width = 12;
                    } else if (Character.isSurrogate((char) unit)) {
                        cp = '?';
                    }
                    lower |= hasLowerHex(t, i + 2, i + 6);
                    sink.addUtf8(cp, i);
                    units = true;
                    i += width - 1;
                } else {
                    sink.add(t[i], i);
                }
            }
            boolean lowerCase = lower;
            if (units) {
                // written back as it was read: %uXXXX per UTF-16 code unit
                return done("percent", t, start, end, sink, bytes -> {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    StringBuilder out = new StringBuilder(text.length() * 6);
                    for (int i = 0; i < text.length(); i++) {
                        String unit = String.format("%04X", (int) text.charAt(i));
                        out.append("%u").append(lowerCase ? unit.toLowerCase(Locale.ROOT) : unit);
                    }
                    return out.toString().getBytes(StandardCharsets.US_ASCII);
                });
            }
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
                int entityEnd = t[i] == '&' ? Candidates.entityEnd(t, i, end) : -1;
                if (entityEnd > 0) {
                    int semi = t[entityEnd - 1] == ';' ? entityEnd - 1 : entityEnd; // &#115 may lack its semicolon
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
                        i = entityEnd - 1;
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
            boolean named = false;
            for (int i = start; i < end; i++) {
                if (t[i] == '\\' && i + 1 < end) {
                    byte e = t[i + 1];
                    int escapeEnd = Candidates.sourceEscapeEnd(t, i, end);
                    if (escapeEnd > 0 && e == 'N') {
                        int cp = namedCharacter(t, i + 3, escapeEnd - 1);
                        if (cp >= 0) {
                            sink.addUtf8(cp, i);
                            named = true;
                            i = escapeEnd - 1;
                            continue;
                        }
                        sink.add(t[i], i); // no such name: the text as it is
                        continue;
                    }
                    if (escapeEnd > 0 && e != 'u') {
                        int value = e == 'x' ? hex(t[i + 2]) << 4 | hex(t[i + 3])
                                : (t[i + 1] - '0') << 6 | (t[i + 2] - '0') << 3 | (t[i + 3] - '0');
                        sink.add(value, i); // a byte, as C, Python and printf read it
                        bytesEscaped = true;
                        hexBytes |= e == 'x';
                        i = escapeEnd - 1;
                        continue;
                    }
                    if (escapeEnd > 0 && e == 'u' && t[i + 2] == '{') {
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
                        case '"', '\\', '/', '\'' -> e; // \' as Python, JS and C write a quote
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
            boolean pyNames = named;
            return done("json-u", t, start, end, sink, bytes -> {
                String s = new String(bytes, StandardCharsets.UTF_8);
                StringBuilder out = new StringBuilder(s.length() * 6);
                if (pyNames) {
                    s.codePoints().forEach(cp -> {
                        String name = Character.getName(cp);
                        if (name != null) {
                            out.append("\\N{").append(name).append('}');
                        } else {
                            out.append(String.format("\\U%08x", cp)); // Python's escape for an unnamed one
                        }
                    });
                } else if (jsBraces) {
                    s.codePoints().forEach(cp -> out.append("\\u{").append(Integer.toHexString(cp)).append('}'));
                } else {
                    for (int i = 0; i < s.length(); i++) {
                        out.append(String.format("\\u%04x", (int) s.charAt(i)));
                    }
                }
                return out.toString().getBytes(StandardCharsets.US_ASCII);
            });
        }

        /** The code point {@code t[from, to)} names (Python's {@code \N{...}}, either case), or -1. */
        private static int namedCharacter(byte[] t, int from, int to) {
            try {
                return Character.codePointOf(new String(t, from, to - from, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                return -1;
            }
        }

        /**
         * UTF-7 shifted runs in a token ({@link Utf7}); a changed stretch is written back as one shifted run, closed by
         * {@code -}, every other source byte kept.
         */
        static Decoded utf7(byte[] t, int start, int end) {
            EscapeSink sink = new EscapeSink(end - start);
            if (!Utf7.decode(t, start, end, sink)) {
                return null;
            }
            return done(Utf7.STEP, t, start, end, sink, Utf7::shifted);
        }

        /** Markdown's and LaTeX's {@code \_ \* \- \# \. \` \[ \]}: the character without its backslash. */
        static Decoded markdown(byte[] t, int start, int end) {
            EscapeSink sink = new EscapeSink(end - start);
            for (int i = start; i < end; i++) {
                if (t[i] == '\\' && i + 1 < end && Candidates.markdownEscaped(t[i + 1])) {
                    sink.add(t[i + 1], i);
                    i++;
                    continue;
                }
                sink.add(t[i], i);
            }
            return done("md-escape", t, start, end, sink, bytes -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 2);
                for (byte b : bytes) {
                    if (Candidates.markdownEscaped(b)) {
                        out.write('\\');
                    }
                    out.write(b);
                }
                return out.toByteArray();
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

        private static boolean hasLowerHex(byte[] t, int from, int to) {
            for (int k = from; k < to; k++) {
                if (t[k] >= 'a' && t[k] <= 'f') {
                    return true;
                }
            }
            return false;
        }

        /**
         * CSS escapes ({@link Candidates#cssEscapeEnd}): a backslash, one to six hex digits of a code point and one
         * optional white space after them; written back as {@code \HH } per code point.
         */
        static Decoded css(byte[] t, int start, int end) {
            EscapeSink sink = new EscapeSink(end - start);
            for (int i = start; i < end; i++) {
                int e = t[i] == '\\' ? Candidates.cssEscapeEnd(t, i, end) : -1;
                if (e > 0) {
                    int cp = 0;
                    int k = i + 1;
                    while (k < e && hex(t[k]) >= 0) {
                        cp = cp << 4 | hex(t[k]);
                        k++;
                    }
                    sink.addUtf8(cp > 0 && cp <= Character.MAX_CODE_POINT && (cp < 0xd800 || cp > 0xdfff) ? cp : '?', i);
                    i = e - 1;
                    continue;
                }
                sink.add(t[i], i);
            }
            return done("css", t, start, end, sink, bytes -> {
                String s = new String(bytes, StandardCharsets.UTF_8);
                StringBuilder out = new StringBuilder(s.length() * 4);
                s.codePoints().forEach(cp -> out.append('\\').append(Integer.toHexString(cp)).append(' '));
                return out.toString().getBytes(StandardCharsets.US_ASCII);
            });
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
