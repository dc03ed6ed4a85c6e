package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text in an encoding that does not write ASCII as ASCII, found under a base64 or hex layer by the shape of its bytes
 * alone (no charset is declared there): UTF-32 ({@code |base64|utf-32le}, {@code |hex|utf-32be}; with or without a
 * byte order mark) and EBCDIC ({@code |hex|ibm037}, {@code |base64|ibm500}, {@code |base64|ibm1047}). Tried by the
 * decoding graph only on a decoded layer that is not text itself (nor UTF-16LE), so clean traffic never reaches it.
 *
 * <ul>
 *   <li><b>UTF-32</b>: a multiple of four bytes, at least 16, every unit's top byte zero and the next at most
 *       {@code 0x10} (little- or big-endian: ASCII is {@code 73 00 00 00} or {@code 00 00 00 73}), decoding strictly
 *       to text.</li>
 *   <li><b>EBCDIC</b>: at least 12 bytes, no byte below {@code 0x40} but EBCDIC's tab and line breaks
 *       ({@code 05 0D 15 25}), and letters ({@code 81-89 91-99 A2-A9 C1-C9 D1-D9 E2-E9}), digits ({@code F0-F9}) and
 *       space ({@code 40}) at least 70 % of the bytes, with a letter; decoded with the code page its brackets say
 *       ({@code AD}/{@code BD}: IBM1047, {@code 4A}: IBM500, else IBM037: the three agree on letters, digits and
 *       the punctuation tokens use), and kept only when the text is mostly ASCII. Random bytes (what a hash decodes
 *       to) have about a third of their bytes in that set.</li>
 * </ul>
 * A redaction is written back in the same encoding (byte order mark kept), then through the layer below.
 */
final class ForeignText {

    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset IBM037 = Charset.forName("IBM037");
    private static final Charset IBM500 = Charset.forName("IBM500");
    private static final Charset IBM1047 = Charset.forName("IBM1047");

    private ForeignText() {
    }

    /** {@code d}'s bytes read as UTF-32 or EBCDIC text, as UTF-8 with the step {@code <step>|<charset>}, or null. */
    static TextCodecs.Decoded of(TextCodecs.Decoded d) {
        TextCodecs.Decoded wide = utf32(d);
        return wide != null ? wide : ebcdic(d);
    }

    static TextCodecs.Decoded utf32(TextCodecs.Decoded d) {
        byte[] b = d.bytes();
        if (b.length < 16 || b.length % 4 != 0) {
            return null;
        }
        boolean le = true;
        boolean be = true;
        for (int i = 0; i < b.length && (le || be); i += 4) {
            le &= b[i + 3] == 0 && (b[i + 2] & 0xff) <= 0x10;
            be &= b[i] == 0 && (b[i + 1] & 0xff) <= 0x10;
        }
        if (!le && !be) {
            return null;
        }
        Charset cs = le ? UTF_32LE : UTF_32BE;
        String s = strict(b, cs);
        if (s == null) {
            return null;
        }
        boolean bom = WideJson.startsWithMark(b, cs); // the JDK's UTF-32LE/BE decoders drop it: told by the bytes
        if (s.startsWith("\ufeff")) {
            s = s.substring(1);
        }
        return text(d, cs, "utf-32" + (le ? "le" : "be"), s, bom);
    }

    static TextCodecs.Decoded ebcdic(TextCodecs.Decoded d) {
        byte[] b = d.bytes();
        if (b.length < 12) {
            return null;
        }
        int common = 0;
        boolean letter = false;
        boolean b1047 = false;
        boolean b500 = false;
        for (byte x : b) {
            int v = x & 0xff;
            if (v < 0x40 && v != 0x05 && v != 0x0d && v != 0x15 && v != 0x25) {
                return null;
            }
            boolean isLetter = v >= 0x81 && v <= 0x89 || v >= 0x91 && v <= 0x99 || v >= 0xa2 && v <= 0xa9
                    || v >= 0xc1 && v <= 0xc9 || v >= 0xd1 && v <= 0xd9 || v >= 0xe2 && v <= 0xe9;
            letter |= isLetter;
            if (isLetter || v == 0x40 || v >= 0xf0 && v <= 0xf9) {
                common++;
            }
            b1047 |= v == 0xad || v == 0xbd;
            b500 |= v == 0x4a;
        }
        if (!letter || common * 10 < b.length * 7) {
            return null;
        }
        Charset cs = b1047 ? IBM1047 : b500 ? IBM500 : IBM037;
        String s = strict(b, cs);
        if (s == null) {
            return null;
        }
        int ascii = 0;
        for (int i = 0; i < s.length(); i++) {
            ascii += s.charAt(i) < 0x80 || s.charAt(i) == '\u0085' ? 1 : 0;
        }
        if (ascii * 10 < s.length() * 9) {
            return null;
        }
        return text(d, cs, cs.name().toLowerCase(java.util.Locale.ROOT), s, false);
    }

    private static TextCodecs.Decoded text(TextCodecs.Decoded d, Charset cs, String step, String s, boolean bom) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (!Plausible.text(utf8)) {
            return null;
        }
        byte[] source = d.bytes();
        TextCodecs.Style inner = d.style();
        return new TextCodecs.Decoded(d.step() + "|" + step, d.start(), d.end(), utf8, (before, after) -> {
            String t = (bom ? "\ufeff" : "") + new String(after, StandardCharsets.UTF_8);
            byte[] encoded = encodeStrict(t, cs);
            if (encoded == null) {
                throw new CannotRewriteException("", "the new text cannot be written in " + cs.name());
            }
            return inner.reencode(source, encoded);
        });
    }

    private static String strict(byte[] b, Charset cs) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] encodeStrict(String s, Charset cs) {
        try {
            ByteBuffer out = cs.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(s));
            byte[] b = new byte[out.remaining()];
            out.get(b);
            return b;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
