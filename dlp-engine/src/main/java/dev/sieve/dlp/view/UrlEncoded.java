package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code name=value&...} as in query strings and {@code application/x-www-form-urlencoded} bodies.
 * Decoding is lenient the way servers are: {@code +} is a space and a {@code %} not followed by two
 * hex digits stays literal (the literal text is what gets scanned). Rewritten names and values are
 * percent-encoded except for RFC 3986 unreserved characters.
 */
final class UrlEncoded {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private UrlEncoded() {
    }

    /**
     * Projects the pairs in {@code source[from, to)} as segments, names and values alike. A form body
     * ({@code spaceAsPlus}) also gets view {@code form|joined}: the boundaries between its consecutive values
     * ({@link Boundaries}), for a value split over fields. (A query's repeated names have {@code query|joined}.)
     */
    static Projection decode(byte[] source, int from, int to, String path, boolean spaceAsPlus, DecodeContext ctx)
            throws DecodeException {
        Projection projection = new Projection(path, source, decoded -> encode(decoded, spaceAsPlus),
                srcStart -> nameAt(source, from, srcStart), ctx);
        Boundaries values = spaceAsPlus ? Boundaries.ofValues() : null;
        forEachPair(source, from, to, (start, eq, end) -> {
            byte[] name = eq > start ? decode(source, start, eq) : new byte[0];
            Supplier<String> locator = () -> new String(name, StandardCharsets.UTF_8);
            if (eq > start) {
                projection.segment(start, eq, name, locator);
            }
            if (eq < end) {
                byte[] value = decode(source, eq + 1, end);
                projection.segment(eq + 1, end, value, locator);
                if (values != null && value.length >= Boundaries.MIN_VALUE) {
                    values.add(value, 0, value.length, eq + 1);
                }
            }
        });
        if (values != null) {
            projection.joined("|joined", values);
        }
        return projection.finish();
    }

    /** One {@code name=value} pair: where it starts, where its {@code =} is (its end when it has none), its end. */
    @FunctionalInterface
    interface PairVisitor<E extends Exception> {
        void pair(int start, int eq, int end) throws E;
    }

    /** Every {@code &}-separated pair of {@code source[from, to)}, in order (empty pairs included). */
    static <E extends Exception> void forEachPair(byte[] source, int from, int to, PairVisitor<E> visitor) throws E {
        int i = from;
        while (i < to) {
            int end = i;
            while (end < to && source[end] != '&') {
                end++;
            }
            int eq = i;
            while (eq < end && source[eq] != '=') {
                eq++;
            }
            visitor.pair(i, eq, end);
            i = end + 1;
        }
    }

    /**
     * For each name given two or more values in {@code source[from, to)}, its values decoded and concatenated in
     * order, followed by {@code '\n'}; empty when no name repeats ({@link Views#queryJoined}).
     */
    static byte[] joinedRepeats(byte[] source, int from, int to) {
        Map<String, List<byte[]>> values = new LinkedHashMap<>();
        forEachPair(source, from, to, (start, eq, end) -> {
            if (eq < end) {
                values.computeIfAbsent(new String(decode(source, start, eq), StandardCharsets.UTF_8),
                        k -> new ArrayList<>()).add(decode(source, eq + 1, end));
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (List<byte[]> parts : values.values()) {
            if (parts.size() > 1) {
                parts.forEach(out::writeBytes);
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /** The decoded name of the pair that holds {@code source[at]} (pairs start at {@code from}). */
    private static String nameAt(byte[] source, int from, int at) {
        int start = at;
        while (start > from && source[start - 1] != '&') {
            start--;
        }
        int eq = start;
        while (eq < source.length && source[eq] != '=' && source[eq] != '&') {
            eq++;
        }
        return new String(decode(source, start, eq), StandardCharsets.UTF_8);
    }

    static byte[] decode(byte[] s, int from, int to) {
        return percentDecode(s, from, to, true);
    }

    /** Percent-decodes {@code s[from, to)} once; {@code +} is a space only when {@code plusAsSpace} (not in paths). */
    static byte[] percentDecode(byte[] s, int from, int to, boolean plusAsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = s[i];
            if (b == '+' && plusAsSpace) {
                out.write(' ');
            } else if (b == '%' && i + 2 < to && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
                out.write(hex(s[i + 1]) << 4 | hex(s[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    static byte[] encode(byte[] decoded, boolean spaceAsPlus) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(decoded.length + 16);
        for (byte b : decoded) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.write(c);
            } else if (c == ' ' && spaceAsPlus) {
                out.write('+');
            } else {
                out.write('%');
                out.write(HEX[c >>> 4]);
                out.write(HEX[c & 0xf]);
            }
        }
        return out.toByteArray();
    }

    /** The value of a hex digit, or -1. */
    static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
