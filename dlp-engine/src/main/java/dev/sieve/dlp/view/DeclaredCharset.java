package dev.sieve.dlp.view;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Text in a declared charset that does not write ASCII as ASCII: EBCDIC code pages ({@code IBM037}, {@code IBM500},
 * {@code IBM1047}, ...), UTF-32, and whatever else the JDK knows of that kind. Scanned as bytes, no rule's ASCII
 * token matches it ({@code ghp_} is {@code 87 88 97 6D} in IBM037). Such a body or part is transcoded with the JDK's
 * decoder into the view {@code <path>|<charset>} (the charset's canonical name, lower case: {@code body|ibm037}),
 * scanned beside the bytes as they are ({@code <path>}): the label is only the sender's word, and ASCII text that
 * claims to be EBCDIC must not escape by being read as EBCDIC. UTF-16 is {@link Utf16}'s (it also reads UTF-16 that
 * declares nothing); charsets that write ASCII as ASCII (ISO-8859-*, windows-125*, Shift_JIS, GB18030...) are left
 * to the raw view, where every ASCII token already matches.
 *
 * <p>A redaction in the transcoded view is written back in the declared charset when the bytes' own view needs no
 * change; when both do, or the new text cannot be encoded, the request is blocked. An unknown charset name, or bytes
 * the charset does not decode strictly, leave only the raw view: nothing is lost by scanning them as they are.
 *
 * <p>UTF-7 (RFC 2152), which the JDK lacks, is read by {@link Utf7} into {@code <path>|utf7} when the text holds a
 * shifted run (text without one reads the same as its bytes); a redaction there is written back by shifting only the
 * changed run again, every other byte kept. A value in direct characters is found in both views: when the bytes'
 * rewrite reads exactly as the text's, it is written; otherwise a change in both blocks, as above.
 */
final class DeclaredCharset implements Node {

    /** ASCII's printable characters and white space: a charset that writes them as ASCII needs no transcoding. */
    private static final String ASCII_SAMPLE;
    private static final byte[] ASCII_SAMPLE_BYTES;

    static {
        StringBuilder s = new StringBuilder("\t\n\r");
        for (char c = ' '; c < 0x7f; c++) {
            s.append(c);
        }
        ASCII_SAMPLE = s.toString();
        ASCII_SAMPLE_BYTES = ASCII_SAMPLE.getBytes(StandardCharsets.US_ASCII);
    }

    /** Names of charsets that write ASCII as ASCII, most bodies' (tested by {@link #transcodable} anyway). */
    private static final java.util.Set<String> ASCII_NAMES = java.util.Set.of("utf-8", "utf8", "us-ascii", "ascii",
            "iso-8859-1", "latin1", "windows-1252");

    /** The JDK charset, or null for UTF-7 ({@link #utf7}). */
    private final Charset charset;
    /** UTF-7's way back: the changed run shifted again, every other source byte kept. */
    private final TextCodecs.EscapeStyle utf7;
    private final byte[] utf7Text;
    private final boolean bom;
    private final Node raw;
    private final Node text;
    private final String path;

    private DeclaredCharset(Charset charset, boolean bom, Node raw, Node text, String path) {
        this(charset, null, null, bom, raw, text, path);
    }

    private DeclaredCharset(Charset charset, TextCodecs.EscapeStyle utf7, byte[] utf7Text, boolean bom, Node raw,
            Node text, String path) {
        this.charset = charset;
        this.utf7 = utf7;
        this.utf7Text = utf7Text;
        this.bom = bom;
        this.raw = raw;
        this.text = text;
        this.path = path;
    }

    /**
     * The raw view of {@code data} and its transcoded view when {@code type} declares a charset this class reads
     * (above), else null: the caller goes on as if no charset were declared.
     */
    static Node decode(byte[] data, String path, MediaType type, DecodeContext ctx) throws DecodeException {
        if (type != null && Utf7.named(type.param("charset"))) {
            return utf7(data, path, ctx);
        }
        Charset cs = transcodable(type == null ? null : type.param("charset"));
        if (cs == null || data.length == 0) {
            return null;
        }
        String decoded;
        try {
            decoded = cs.newDecoder().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        boolean bom = WideJson.startsWithMark(data, cs);
        byte[] utf8 = (decoded.startsWith("\ufeff") ? decoded.substring(1) : decoded).getBytes(StandardCharsets.UTF_8);
        String here = path + "|" + cs.name().toLowerCase(Locale.ROOT);
        ctx.charge(utf8.length, here);
        return new DeclaredCharset(cs, bom, RawView.of(path, data, ctx), RawView.of(here, utf8, ctx), here);
    }

    /** Text declared UTF-7: its bytes and, when it holds a shifted run and decodes, its text {@code <path>|utf7}. */
    private static Node utf7(byte[] data, String path, DecodeContext ctx) throws DecodeException {
        TextCodecs.EscapeSink sink = new TextCodecs.EscapeSink(data.length);
        if (data.length == 0 || !Utf7.decode(data, 0, data.length, sink)) {
            return null;
        }
        byte[] text = sink.bytes();
        if (text.length == data.length) {
            return null; // no shifted run: the text is its bytes
        }
        String here = path + "|" + Utf7.STEP;
        ctx.charge(text.length, here);
        TextCodecs.EscapeStyle style = new TextCodecs.EscapeStyle(data, sink.at(0, data.length), Utf7::shifted);
        // The bytes are scanned as they are, but not searched for encodings: the text view is, and a direct character
        // reads the same in both (the graph would find each shifted run again, as an inline utf7 layer of the bytes).
        return new DeclaredCharset(null, style, text, false, RawView.leaf(path, data, ctx), RawView.of(here, text, ctx),
                here);
    }

    /** Whether {@code name} is a charset this class transcodes: UTF-7, or {@link #transcodable}. */
    static boolean declared(String name) {
        return Utf7.named(name) || transcodable(name) != null;
    }

    /** The charset {@code name} names when the JDK knows it, it is not UTF-16, and it does not write ASCII as ASCII. */
    static Charset transcodable(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("utf-16") || ASCII_NAMES.contains(lower)) {
            return null; // UTF-16 is Utf16's; the common ASCII-compatible names skip the encoder test below
        }
        Charset cs;
        try {
            if (!Charset.isSupported(name)) {
                return null;
            }
            cs = Charset.forName(name);
        } catch (IllegalCharsetNameException e) {
            return null;
        }
        if (!cs.canEncode()) {
            return null;
        }
        try {
            ByteBuffer b = cs.newEncoder().encode(CharBuffer.wrap(ASCII_SAMPLE));
            byte[] bytes = Arrays.copyOf(b.array(), b.limit());
            return Arrays.equals(bytes, ASCII_SAMPLE_BYTES) ? null : cs;
        } catch (CharacterCodingException e) {
            return cs; // it cannot even write ASCII: its bytes are surely not ASCII's
        }
    }

    /** Whether {@code bytes} (UTF-7) read as exactly {@code text}. */
    private static boolean agrees(byte[] bytes, byte[] text) {
        TextCodecs.EscapeSink sink = new TextCodecs.EscapeSink(bytes.length);
        return Utf7.decode(bytes, 0, bytes.length, sink) && Arrays.equals(sink.bytes(), text);
    }

    @Override
    public void emit(ViewVisitor visitor) {
        raw.emit(visitor);
        text.emit(visitor);
    }

    @Override
    public byte[] rewrite(SpanPlan plan) throws CannotRewriteException {
        byte[] asIs = raw.rewrite(plan);
        byte[] rewritten = text.rewrite(plan);
        if (rewritten == null) {
            return asIs;
        }
        String name = charset == null ? "UTF-7" : charset.name();
        if (asIs != null && charset == null && agrees(asIs, rewritten)) {
            // A value in direct characters is in both views, redacted alike: the bytes' rewrite reads as the text's.
            return asIs;
        }
        if (asIs != null) {
            throw new CannotRewriteException(path, "both the bytes and their " + name + " reading changed");
        }
        if (charset == null) {
            return utf7.reencode(utf7Text, rewritten);
        }
        try {
            ByteBuffer b = charset.newEncoder().encode(CharBuffer.wrap((bom ? "\ufeff" : "")
                    + new String(rewritten, StandardCharsets.UTF_8)));
            return Arrays.copyOf(b.array(), b.limit());
        } catch (CharacterCodingException e) {
            throw new CannotRewriteException(path, "the new text cannot be written in " + charset.name());
        }
    }
}
