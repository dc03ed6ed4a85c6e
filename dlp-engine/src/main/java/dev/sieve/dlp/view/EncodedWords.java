package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RFC 2047 encoded words ({@link Candidates.Kind#MIME_WORDS}, view step {@code mime-word}): the way mail and HTTP
 * headers carry non-ASCII text, {@code =?UTF-8?B?U1NOIDMz?=} (base64) or {@code =?UTF-8?Q?SSN_339-89-8769?=} (a
 * quoted-printable where {@code _} is a space). A mail an agent uploads (an {@code .eml}, an mbox, a pasted header)
 * writes its subject, names and attachment names so; a value in Q words has its blanks turned into underscores,
 * which hides it from rules that read words, and one split over adjacent words is only whole once they are joined.
 * Adjacent words, at most {@value #MAX_GAP} blanks apart (a folded header's line break and indentation), are one
 * candidate and are decoded joined, as RFC 2047 section 6.2 says a reader joins them, and also each on a line of its
 * own ({@link #decode}). Only words in a charset Java knows are words (a malformed byte becomes U+FFFD); one in any
 * other charset is left to the rest of the graph as text (its base64 is still a run).
 *
 * <p>Written by hand: Jakarta Mail's {@code MimeUtility.decodeText} would add a dependency for forty lines, and it
 * throws on the malformed words an evasion may write instead of reading what it can. Never rewritten: a redaction in
 * a decoded word escalates to block.
 */
final class EncodedWords {

    static final String STEP = "mime-word";
    /** Longest word read (RFC 2047 allows 75 characters; mailers and agents write longer ones). */
    static final int MAX_WORD = 2048;
    /** Most words joined into one candidate. */
    static final int MAX_WORDS = 512;
    /** Most white space between two adjacent words (a folded header line's break and indentation). */
    static final int MAX_GAP = 16;
    /** Longest charset name. */
    private static final int MAX_CHARSET = 40;

    private EncodedWords() {
    }

    /** End of the encoded words starting at {@code t[i]} ({@code =?}), adjacent ones joined; -1 if no word starts there. */
    static int end(byte[] t, int i, int to) {
        int e = wordEnd(t, i, to);
        if (e < 0) {
            return -1;
        }
        int end = e;
        for (int words = 1; words < MAX_WORDS; words++) {
            int k = end;
            while (k < to && k - end < MAX_GAP && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r' || t[k] == '\n')) {
                k++;
            }
            int next = k > end ? wordEnd(t, k, to) : -1;
            if (next < 0) {
                break;
            }
            end = next;
        }
        return end;
    }

    /** Whether an encoded word starts at {@code t[i]}. */
    static boolean at(byte[] t, int i, int to) {
        return i + 1 < to && t[i] == '=' && t[i + 1] == '?' && wordEnd(t, i, to) > 0;
    }

    /**
     * End (after {@code ?=}) of the one encoded word at {@code t[i]}, or -1: {@code =?charset[*lang]?B|Q?text?=}, the
     * text printable ASCII without {@code ?} or a blank, and a word at most {@value #MAX_WORD} bytes long.
     */
    static int wordEnd(byte[] t, int i, int to) {
        if (i + 7 >= to || t[i] != '=' || t[i + 1] != '?') {
            return -1;
        }
        int k = i + 2;
        while (k < to && k - i - 2 <= MAX_CHARSET && charsetByte(t[k])) {
            k++;
        }
        if (k == i + 2 || k + 3 >= to || t[k] != '?' || encoding(t[k + 1]) == 0 || t[k + 2] != '?'
                || charset(t, i + 2, k) == null) {
            return -1;
        }
        k += 3;
        while (k + 1 < to && k - i < MAX_WORD) {
            byte b = t[k];
            if (b == '?') {
                return t[k + 1] == '=' ? k + 2 : -1;
            }
            if (b <= ' ' || b >= 0x7f) {
                return -1;
            }
            k++;
        }
        return -1;
    }

    private static boolean charsetByte(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_'
                || b == '.' || b == ':' || b == '*';
    }

    /** {@code 'B'} or {@code 'Q'} for the encoding letter {@code b} (either case); 0 for any other byte. */
    private static char encoding(byte b) {
        return b == 'B' || b == 'b' ? 'B' : b == 'Q' || b == 'q' ? 'Q' : 0;
    }

    /**
     * The words of {@code t[start, end)} decoded, as UTF-8; null when not one word decodes. Joined as RFC 2047 says, or,
     * {@code apart}, each on a line of its own: a mailer cuts a long header between words anywhere, so a value may be
     * split over two words (read joined), but a writer may also put one line in each word ({@code Card number: ...},
     * {@code Exp: ...}), and joined they glue a value to the next line's label (read apart).
     */
    static TextCodecs.Decoded decode(byte[] t, int start, int end, boolean apart) {
        StringBuilder text = new StringBuilder(end - start);
        int i = start;
        int words = 0;
        while (i < end) {
            while (i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n')) {
                i++;
            }
            int e = i < end ? wordEnd(t, i, end) : -1;
            if (e < 0) {
                break;
            }
            String word = word(t, i, e);
            if (word == null) {
                break;
            }
            if (apart && words > 0) {
                text.append('\n');
            }
            text.append(word);
            words++;
            i = e;
        }
        if (words == 0) {
            return null;
        }
        return new TextCodecs.Decoded(STEP, start, end, text.toString().getBytes(StandardCharsets.UTF_8),
                TextCodecs.NOT_REWRITTEN);
    }

    /** One word {@code t[i, e)} decoded, or null (base64 that does not decode). */
    private static String word(byte[] t, int i, int e) {
        int q1 = i + 2;
        while (t[q1] != '?') {
            q1++;
        }
        Charset charset = charset(t, i + 2, q1);
        char how = encoding(t[q1 + 1]);
        int from = q1 + 3;
        int to = e - 2;
        byte[] bytes;
        if (how == 'B') {
            try {
                bytes = Base64.getMimeDecoder().decode(new String(t, from, to - from, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException bad) {
                return null;
            }
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
            for (int k = from; k < to; k++) {
                byte b = t[k];
                int hi = k + 2 < to ? Character.digit(t[k + 1], 16) : -1;
                int lo = k + 2 < to ? Character.digit(t[k + 2], 16) : -1;
                if (b == '=' && hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    k += 2;
                } else {
                    out.write(b == '_' ? ' ' : b);
                }
            }
            bytes = out.toByteArray();
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException impossible) {
            return null; // REPLACE never throws
        }
    }

    /** The charset named by {@code t[from, to)} (an RFC 2231 language after {@code *} left out), or null. */
    private static Charset charset(byte[] t, int from, int to) {
        String name = new String(t, from, to - from, StandardCharsets.US_ASCII);
        int star = name.indexOf('*'); // =?UTF-8*en?Q?...?=
        return charset(star >= 0 ? name.substring(0, star) : name);
    }

    private static Charset charset(String name) {
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException bad) {
            return null; // an illegal charset name
        }
    }
}
