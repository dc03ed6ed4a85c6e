package dev.sieve.bench.load;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the JVM's own GC log ({@code -Xlog:gc}, unified logging) of the process under test and reads the heap in
 * use before and after every collection: {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 606M->67M(1024M)
 * 3.4ms}. The "after" value is the JVM's exact heap occupancy after a collection, which neither a poll of
 * {@code jvm_memory_used_bytes} (it saw-tooths with allocation) nor Micrometer's {@code jvm_gc_live_data_size_bytes}
 * (it only moves when a collection shrinks the old generation, so an old generation that only grows leaves it
 * stale) gives. Reads only what was appended since the last call; keeps no history.
 */
final class GcLog {

    /** {@code before->after(committed)} with K, M or G units, as every HotSpot collector prints it. */
    private static final Pattern HEAP = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)([KMG])->(\\d+(?:\\.\\d+)?)([KMG])\\((\\d+(?:\\.\\d+)?)([KMG])\\)");

    private final Path file;
    private long position;
    private String partial = "";

    GcLog(Path file) {
        this.file = file;
    }

    /** The {@code -Xlog} option that makes a JVM write the log this class reads to {@code file} (never rotated). */
    static String jvmOption(Path file) {
        String path = file.toAbsolutePath().toString();
        if (path.contains(":") || path.contains(",")) {
            throw new IllegalArgumentException("--out: " + path + " (expected: a path without ':' or ',', which"
                    + " -Xlog cannot take)");
        }
        return "-Xlog:gc:file=" + path + ":uptime,level,tags:filecount=0";
    }

    /** One collection: heap in use before and after, in MiB. */
    record Collection(double beforeMiB, double afterMiB) {
    }

    /** The collections logged since the previous call (none if the file does not exist yet). */
    List<Collection> readNew() throws IOException {
        List<Collection> found = new ArrayList<>();
        if (!Files.exists(file)) {
            return found;
        }
        String text;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < position) {
                position = 0;
                partial = "";
            }
            byte[] bytes = new byte[(int) Math.min(length - position, 16 << 20)];
            in.seek(position);
            in.readFully(bytes);
            position += bytes.length;
            text = partial + new String(bytes, StandardCharsets.UTF_8);
        }
        int end = text.lastIndexOf('\n');
        partial = text.substring(end + 1);
        for (String line : text.substring(0, Math.max(end, 0)).split("\n")) {
            Collection c = parse(line);
            if (c != null) {
                found.add(c);
            }
        }
        return found;
    }

    /** The collection a log line reports, or null if it reports none. */
    static Collection parse(String line) {
        if (!line.contains(" GC(")) {
            return null;
        }
        Matcher m = HEAP.matcher(line);
        if (!m.find()) {
            return null;
        }
        return new Collection(mib(m.group(1), m.group(2)), mib(m.group(3), m.group(4)));
    }

    private static double mib(String number, String unit) {
        double v = Double.parseDouble(number);
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
