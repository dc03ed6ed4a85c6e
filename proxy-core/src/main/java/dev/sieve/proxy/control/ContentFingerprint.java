package dev.sieve.proxy.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 fingerprints of what a watcher watches, computed from names, sizes and contents rather than modification
 * times: a Kubernetes ConfigMap volume replaces its files by swapping the {@code ..data} symlink, which keeps the
 * visible paths and can keep times, but always changes the contents the paths lead to. Symlinks are followed.
 *
 * <p>An unreadable file or folder has the fingerprint {@code unreadable:<exception class>}, so that becoming
 * unreadable counts as a change (the reload then fails and reports why) while staying unreadable does not.
 */
final class ContentFingerprint {

    private ContentFingerprint() {
    }

    /**
     * Fingerprint of the {@code *.yaml} and {@code *.yml} regular files directly in {@code dir}: the files
     * {@link dev.sieve.dlp.RuleSet#load} reads.
     */
    static String ofFolder(Path dir) {
        try {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(ContentFingerprint::isYamlFile).sorted().forEach(files::add);
            }
            MessageDigest sha = sha256();
            for (Path file : files) {
                byte[] content = Files.readAllBytes(file);
                sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Long.toString(content.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) 0);
                sha.update(content);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            return unreadable(e);
        }
    }

    /** Fingerprint of one file's contents. */
    static String ofFile(Path file) {
        try {
            return HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return unreadable(e);
        }
    }

    private static boolean isYamlFile(Path path) {
        String name = path.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(path);
    }

    private static String unreadable(IOException e) {
        return "unreadable:" + e.getClass().getName();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
