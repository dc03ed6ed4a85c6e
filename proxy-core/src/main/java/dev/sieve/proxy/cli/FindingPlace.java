package dev.sieve.proxy.cli;

import dev.sieve.dlp.Finding;
import dev.sieve.proxy.audit.PathMasking;
import java.util.Optional;

/**
 * Where a finding is, as every CLI output shows it ({@code sieve scan}'s table and JSON, {@code sieve eval}'s lists
 * and JSON): the view path and the location masked like the audit masks them ({@link PathMasking#maskViewPath}).
 *
 * <p>Both hold names an agent chose (a multipart file name, a JSON key, a query parameter name), so a secret used
 * as a name would otherwise print in full in the place of a finding, its own or another one. Route-shaped names
 * and the decode chain stay readable: {@code multipart:file/{len=32}.txt|gzip}, {@code $.messages[0].content}.
 */
final class FindingPlace {

    private FindingPlace() {}

    /** The finding's view path ({@code json}, {@code multipart:file/notes.txt|base64}), data-like names masked. */
    static String view(Finding f) {
        return PathMasking.maskViewPath(f.viewPath());
    }

    /** The finding's location as shown to people ({@link Finding.Location#where()}), masked; empty without one. */
    static Optional<String> where(Finding f) {
        return f.location().map(l -> PathMasking.maskViewPath(l.where()));
    }

    /** {@link #where} with the offset in its string ({@code $.messages[0].content@5}), as {@code Location} prints. */
    static Optional<String> whereAt(Finding f) {
        return f.location().map(l -> PathMasking.maskViewPath(l.where()) + "@" + l.offset());
    }
}
