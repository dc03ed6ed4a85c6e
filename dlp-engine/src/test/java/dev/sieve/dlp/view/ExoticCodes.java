package dev.sieve.dlp.view;

/** Test access to {@link ExoticDecodersTest}'s encoders from other packages. */
public final class ExoticCodes {

    private ExoticCodes() {
    }

    /** International Morse, words one {@code /} apart. */
    public static String morse(String s) {
        return ExoticDecodersTest.morse(s, " / ");
    }
}
