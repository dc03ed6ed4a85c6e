package dev.sieve.dlp.validate;

import java.util.zip.CRC32;

/**
 * {@code github-crc32}: a GitHub token of the 2021 format ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_},
 * {@code ghr_} and 36 base62 characters): its last six characters are the CRC32 of the 30 characters before them, in
 * base62 ({@code 0-9A-Za-z}, most significant first, zero-padded). The prefix and anything before it (a glued word)
 * is ignored: the token is the last 36 characters after the last {@code _}.
 */
public final class GithubChecksum implements Validator {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** The six-character checksum GitHub appends to a token's 30 random characters (for synthetic test tokens). */
    public static String checksum(CharSequence random) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < random.length(); i++) {
            crc.update(random.charAt(i));
        }
        return base62(crc.getValue());
    }

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String s = match.toString();
        String body = s.substring(s.lastIndexOf('_') + 1);
        if (body.length() != 36) {
            return false;
        }
        return checksum(body.substring(0, 30)).equals(body.substring(30));
    }

    static String base62(long value) {
        char[] out = new char[6];
        long v = value;
        for (int i = 5; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return v == 0 ? new String(out) : "";
    }
}
