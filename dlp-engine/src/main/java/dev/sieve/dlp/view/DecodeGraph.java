package dev.sieve.dlp.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The decoding graph: finds encoded values inside a text ({@link Candidates}), decodes them
 * ({@link TextCodecs}), keeps what is plausible ({@link Plausible}) and decodes that as a file of unknown kind
 * ({@link Payloads#decode}), whose text is searched again, down to {@link ViewLimits#maxDecodeDepth()} layers.
 * A layer deeper than that is not decoded (the request does not fail); too many layers
 * ({@link ViewLimits#maxDecodeLayers()}), too much time ({@link ViewLimits#maxDecodeTime()}) or too many bytes
 * ({@link ViewLimits#maxDecodedBytes()}) fail it. A candidate that does not decode, or decodes to bytes that are
 * neither text nor a known file, is dropped silently: it was a hash, an id, a word.
 *
 * <p>A layer's view path is its parent's path and its step: {@code json:$.messages[0].content|base64},
 * {@code query:q|percent|base64}, {@code body|hex|gzip}.
 */
final class DecodeGraph {

    private DecodeGraph() {
    }

    /**
     * The layers decoded from {@code text[from, to)}; offsets of the layers are into {@code text}.
     *
     * @param path the view path of the text's place, asked for only when a layer is found
     */
    static List<Layer> expand(byte[] text, int from, int to, Supplier<String> path, DecodeContext ctx)
            throws DecodeException {
        return expand(text, from, to, null, path, ctx);
    }

    /**
     * Like {@link #expand(byte[], int, int, Supplier, DecodeContext)}; {@code chars}, when not null, is
     * {@code text[from, to)} as a string of one char per byte (see {@link Candidates#find(byte[], int, int, String)}).
     */
    static List<Layer> expand(byte[] text, int from, int to, String chars, Supplier<String> path, DecodeContext ctx)
            throws DecodeException {
        if (!worthTrying(text, from, to, ctx)) {
            return List.of();
        }
        List<Candidates.Candidate> candidates = Candidates.find(text, from, to, chars);
        if (SeedWords.isPhrase(text, from, to)) { // the words are written once, by the decoder
            candidates = new ArrayList<>(candidates);
            candidates.add(new Candidates.Candidate(from, to, Candidates.Kind.SEED_WORDS));
        }
        // w2_408-75-6753_2025.pdf, read with its words apart; not in a |joined view, whose names its pieces gave
        List<Candidates.Candidate> named = FileNames.find(text, from, to, chars);
        String base = named == null ? null : path.get();
        if (base != null && !base.contains("|joined")) {
            candidates = new ArrayList<>(candidates);
            candidates.addAll(named);
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        base = base == null ? path.get() : base;
        List<Layer> layers = new ArrayList<>(candidates.size());
        for (Candidates.Candidate c : candidates) {
            Layer layer = layer(text, c, base, ctx);
            if (layer != null) {
                layers.add(layer);
                Layer keyed = keyedXor(text, from, c, base, ctx);
                if (keyed != null) {
                    layers.add(keyed);
                }
            }
        }
        return layers;
    }

    /**
     * A hex or base64 value that decoded to text, read once more with the one-byte XOR key written just before it
     * ({@code xor: key=0x19 data=6a72...}; {@link Xor#keyBefore}), as {@code <path>|hex|xor}: XOR with a key below
     * 0x20 keeps printable text printable, so the value's own layer is text too and is kept beside this one. Null when
     * no key is written there or the XOR is not printable text.
     */
    private static Layer keyedXor(byte[] text, int from, Candidates.Candidate c, String base, DecodeContext ctx)
            throws DecodeException {
        Candidates.Kind k = c.kind();
        if (k != Candidates.Kind.HEX && k != Candidates.Kind.HEX_DELIMITED && k != Candidates.Kind.BASE64) {
            return null;
        }
        int key = Xor.keyBefore(text, from, c.start());
        if (key <= 0) {
            return null;
        }
        TextCodecs.Decoded d = TextCodecs.decode(text, c);
        TextCodecs.Decoded x = d == null ? null : Xor.withKey(d, key);
        if (x == null) {
            return null;
        }
        String layerPath = base + "|" + x.step();
        ctx.chargeLayer(layerPath);
        ctx.charge(x.bytes().length, layerPath);
        Node child;
        ctx.enterLayer();
        try {
            child = Payloads.decode(x.bytes(), layerPath, null, ctx, 0);
        } finally {
            ctx.exitLayer();
        }
        return child == null ? null : new Layer(x, child);
    }

    /** The layer decoded from candidate {@code c} of {@code text} (whose view path is {@code base}), or null. */
    static Layer layer(byte[] text, Candidates.Candidate c, String base, DecodeContext ctx) throws DecodeException {
        ctx.checkGraphTime(base);
        Picked picked = decode(text, c);
        if (picked == null) {
            return null;
        }
        TextCodecs.Decoded d = picked.decoded();
        String layerPath = base + "|" + d.step();
        ctx.chargeLayer(layerPath);
        ctx.charge(d.bytes().length, layerPath);
        Node child;
        ctx.enterLayer();
        try {
            // a seed phrase's words are plain words: nothing to decode in them, and read again they would be a phrase
            child = c.kind() == Candidates.Kind.SEED_WORDS ? RawView.leaf(layerPath, d.bytes(), ctx)
                    : inner(d.bytes(), picked.rawDeflate(), layerPath, ctx);
        } finally {
            ctx.exitLayer();
        }
        return child == null ? null : new Layer(d, child);
    }

    /** The cheap test before {@link #expand}: false when it would certainly return no layer. */
    static boolean worthTrying(byte[] text, int from, int to, DecodeContext ctx) {
        return to - from >= Candidates.MIN_RUN && ctx.graphMayDescend();
    }

    /** A candidate decoded, and whether its bytes are raw DEFLATE of text to inflate ({@link RawDeflate}). */
    private record Picked(TextCodecs.Decoded decoded, boolean rawDeflate) {
    }

    /**
     * The candidate decoded, or null when it is not plausible. A wrapped base64 run whose last line is a word of
     * text after it, or whose first line is a word before it, does not decode to anything plausible: it is tried once
     * more without that line.
     */
    private static Picked decode(byte[] text, Candidates.Candidate c) {
        Picked p = decodeText(text, c);
        if (p != null || (c.kind() != Candidates.Kind.BASE64 && c.kind() != Candidates.Kind.HEX)) {
            return p;
        }
        // no text, no known file: a binary serialisation's strings (|base64|strings), or nothing
        TextCodecs.Decoded d = TextCodecs.decode(text, c);
        TextCodecs.Decoded strings = d == null ? null : BinaryStrings.of(d);
        return strings == null ? null : new Picked(strings, false);
    }

    private static Picked decodeText(byte[] text, Candidates.Candidate c) {
        TextCodecs.Decoded d = TextCodecs.decode(text, c);
        if (d != null && Plausible.layer(d.bytes())) {
            return new Picked(d, false);
        }
        TextCodecs.Decoded utf16 = d == null ? null : TextCodecs.utf16le(d);
        if (utf16 != null) {
            return new Picked(utf16, false);
        }
        TextCodecs.Decoded foreign = d == null ? null : ForeignText.of(d);
        if (foreign != null) {
            return new Picked(foreign, false); // UTF-32 or EBCDIC text under base64 or hex (|base64|utf-32le, |hex|ibm037)
        }
        if (d != null && c.kind() == Candidates.Kind.BASE64 && RawDeflate.startsText(d.bytes())) {
            return new Picked(d, true); // inflated by inner(), or dropped there
        }
        TextCodecs.Decoded xored = d == null ? null : Xor.anyKey(d, c.kind());
        if (xored != null) {
            return new Picked(xored, false); // text under a one-byte XOR key (|hex|xor, |base64|xor)
        }
        if (c.kind() != Candidates.Kind.BASE64) {
            return null;
        }
        int lastBreak = c.end() - 1;
        while (lastBreak > c.start() && text[lastBreak] != '\n') {
            lastBreak--;
        }
        if (lastBreak <= c.start()) {
            return null;
        }
        int end = lastBreak > 0 && text[lastBreak - 1] == '\r' ? lastBreak - 1 : lastBreak;
        d = TextCodecs.decode(text, new Candidates.Candidate(c.start(), end, c.kind()));
        if (d != null && Plausible.layer(d.bytes())) {
            return new Picked(d, false);
        }
        // ... or whose first line is a word of text before it (a label all in base64's alphabet): without that line
        int firstBreak = c.start();
        while (firstBreak < c.end() && text[firstBreak] != '\n') {
            firstBreak++;
        }
        if (c.end() - firstBreak <= Candidates.MIN_RUN) {
            return null;
        }
        d = TextCodecs.decode(text, new Candidates.Candidate(firstBreak + 1, c.end(), c.kind()));
        return d != null && Plausible.layer(d.bytes()) ? new Picked(d, false) : null;
    }

    /**
     * A decoded layer's node: gzip/zlib by magic, or raw DEFLATE when {@link #decode} found it ({@code rawDeflate}),
     * undone first, then {@link Payloads#decode}; null to drop it.
     */
    private static Node inner(byte[] bytes, boolean rawDeflate, String path, DecodeContext ctx) throws DecodeException {
        ContentCodings.Coding coding = rawDeflate ? ContentCodings.Coding.DEFLATE_RAW : Plausible.compression(bytes);
        if (coding == null) {
            return Payloads.decode(bytes, path, null, ctx, 0);
        }
        String step = switch (coding) {
            case GZIP -> "|gzip";
            case DEFLATE_RAW -> "|deflate";
            default -> "|zlib";
        };
        byte[] inflated;
        try {
            inflated = ContentCodings.inflate(coding, bytes, ctx, path + step);
        } catch (DecodeException e) {
            if (e.reason() == FailReason.CORRUPT_ENCODING) {
                // Magic by chance ("x^" starts zlib's): text stays text, other bytes are dropped.
                if (Plausible.text(bytes)) {
                    return Payloads.decode(bytes, path, null, ctx, 0);
                }
                // A gzip or zlib stream cut short (a gzip without its trailer): what inflated before the cut is
                // scanned. Raw DEFLATE has no magic to say it is one: cut short, it stays dropped.
                byte[] head = coding == ContentCodings.Coding.DEFLATE_RAW ? null
                        : ContentCodings.inflateTruncated(coding, bytes, ctx, path + step);
                return head == null || !Plausible.layer(head) ? null
                        : Compressed.of(coding, Payloads.decode(head, path + step, null, ctx, 0), bytes, path + step, ctx);
            }
            throw e;
        }
        if (!Plausible.layer(inflated)) {
            return null;
        }
        return Compressed.of(coding, Payloads.decode(inflated, path + step, null, ctx, 0), bytes, path + step, ctx);
    }
}
