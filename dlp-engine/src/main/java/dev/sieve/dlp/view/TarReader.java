package dev.sieve.dlp.view;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The regular files of a tar archive (POSIX ustar, GNU and pax), bounded by {@code maxArchiveEntries}. Names are
 * the ustar prefix and name, a GNU long name ({@code L}) or a pax {@code path} record. Links, directories and
 * devices have no content to scan. A header with a bad checksum or data running past the end fails closed.
 * Written here rather than taken from Commons Compress: a tar header is 512 bytes of fixed fields, and this
 * reader needs only names and sizes of in-memory data.
 */
final class TarReader {

    private static final int BLOCK = 512;

    /** A regular file: its name and where its data lies in the archive. */
    record Entry(String name, int start, int size) {
    }

    private TarReader() {
    }

    /** True when the first block is a ustar/GNU header with a valid checksum. */
    static boolean sniff(byte[] b) {
        return b.length >= BLOCK && Sniff.startsWith(b, 257, new byte[] {'u', 's', 't', 'a', 'r'})
                && checksumOk(b, 0);
    }

    static List<Entry> read(byte[] data, String path, DecodeContext ctx) throws DecodeException {
        List<Entry> entries = new ArrayList<>();
        int max = ctx.limits().maxArchiveEntries();
        String longName = null;
        String paxPath = null;
        int pos = 0;
        int headers = 0;
        while (pos + BLOCK <= data.length) {
            if (zeroBlock(data, pos)) {
                break; // end of archive
            }
            if (!checksumOk(data, pos)) {
                throw invalid(path, "header " + headers + " fails its checksum");
            }
            if (++headers > max) {
                throw new DecodeException(FailReason.ARCHIVE_LIMIT, ViewLimits.Limit.MAX_ARCHIVE_ENTRIES, path
                        + ": tar archive of more than " + max + " entries (expected: <= maxArchiveEntries " + max + ")");
            }
            long size = size(data, pos, path);
            byte type = data[pos + 156];
            int start = pos + BLOCK;
            if (size > data.length - start) {
                throw invalid(path, "entry " + headers + " runs past the end of the archive (truncated?)");
            }
            int n = (int) size;
            switch (type) {
                case 'L' -> longName = cString(data, start, n);
                case 'x' -> paxPath = paxPath(data, start, n);
                case '0', 0, '7' -> {
                    String name = paxPath != null ? paxPath : longName != null ? longName : ustarName(data, pos);
                    entries.add(new Entry(name, start, n));
                    longName = null;
                    paxPath = null;
                }
                default -> {
                    longName = null; // directories, links, devices, global pax headers: nothing to scan
                    paxPath = null;
                }
            }
            pos = start + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
        }
        if (pos + BLOCK > data.length && pos < data.length) {
            throw invalid(path, "ends inside a header block (truncated?)");
        }
        return entries;
    }

    static byte[] content(byte[] data, Entry e, String entryPath, DecodeContext ctx) throws DecodeException {
        ctx.charge(e.size(), entryPath);
        return Arrays.copyOfRange(data, e.start(), e.start() + e.size());
    }

    private static long size(byte[] h, int pos, String path) throws DecodeException {
        if ((h[pos + 124] & 0x80) != 0) { // GNU base-256
            long v = h[pos + 124] & 0x7f;
            for (int i = 1; i < 12; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    throw invalid(path, "entry size out of range");
                }
                v = v << 8 | (h[pos + 124 + i] & 0xff);
            }
            return v;
        }
        long v = 0;
        for (int i = 0; i < 12; i++) {
            byte c = h[pos + 124 + i];
            if (c == 0 || c == ' ') {
                continue; // padding before or after the digits
            }
            if (c < '0' || c > '7') {
                throw invalid(path, "entry size is not octal");
            }
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private static String ustarName(byte[] h, int pos) {
        String name = cString(h, pos, 100);
        String prefix = cString(h, pos + 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The {@code path} record of a pax extended header ({@code "<len> path=<value>\n"} records), or null. */
    private static String paxPath(byte[] b, int start, int n) {
        String text = new String(b, start, n, StandardCharsets.UTF_8);
        int i = 0;
        String found = null;
        while (i < text.length()) {
            int space = text.indexOf(' ', i);
            if (space < 0) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(text.substring(i, space));
            } catch (NumberFormatException e) {
                break;
            }
            int recordEnd = i + len;
            if (len <= 0 || recordEnd > text.length()) {
                break;
            }
            String record = text.substring(space + 1, Math.max(space + 1, recordEnd - 1));
            if (record.startsWith("path=")) {
                found = record.substring(5);
            }
            i = recordEnd;
        }
        return found;
    }

    private static String cString(byte[] b, int start, int max) {
        int end = start;
        while (end < start + max && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    private static boolean zeroBlock(byte[] b, int pos) {
        for (int i = pos; i < pos + BLOCK; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The header checksum: the sum of its bytes with the checksum field read as spaces (unsigned, or signed). */
    private static boolean checksumOk(byte[] b, int pos) {
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int v = (i >= 148 && i < 156) ? ' ' : b[pos + i];
            unsigned += v & 0xff;
            signed += (i >= 148 && i < 156) ? ' ' : b[pos + i];
        }
        long stored = 0;
        boolean digits = false;
        for (int i = 148; i < 156; i++) {
            byte c = b[pos + i];
            if (c >= '0' && c <= '7') {
                stored = stored * 8 + (c - '0');
                digits = true;
            } else if (c != ' ' && c != 0) {
                return false;
            }
        }
        return digits && (stored == unsigned || stored == signed);
    }

    private static DecodeException invalid(String path, String what) {
        return new DecodeException(FailReason.ARCHIVE_INVALID, path + ": tar archive " + what);
    }
}
