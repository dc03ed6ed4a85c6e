package dev.sieve.proxy.handler;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids as agents see them: {@code req_} and 24 hex digits (96 random bits). */
public final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[28];
        out[0] = 'r';
        out[1] = 'e';
        out[2] = 'q';
        out[3] = '_';
        long a = random.nextLong();
        int b = random.nextInt();
        for (int i = 0; i < 16; i++) {
            out[4 + i] = HEX[(int) (a >>> (60 - 4 * i)) & 0xf];
        }
        for (int i = 0; i < 8; i++) {
            out[20 + i] = HEX[(b >>> (28 - 4 * i)) & 0xf];
        }
        return new String(out);
    }
}
