package dev.sieve.dlp.view;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A bounded zip reader over bytes in memory, driven by the central directory.
 *
 * <p>Why not {@code java.util.zip}: {@code ZipInputStream} reads local headers front to back and trusts them
 * (sizes hidden behind data descriptors, entries the central directory does not list, and it has no way to see
 * entries that share their data); {@code ZipFile} needs a file on disk. Commons Compress would add a dependency
 * for the same few checks. This reader takes the central directory as the truth (as unzip and the JDK's
 * {@code ZipFile} do), refuses archives over {@code maxArchiveEntries} before reading an entry, refuses
 * overlapping entries (the overlap zip bomb), split, encrypted and unknown-method entries, checks every
 * entry's local header, declared size and CRC, and inflates with {@link ContentCodings#inflate}, so each
 * entry is bounded by the ratio limit and all of them together by the request's decoded-bytes budget.
 * ZIP64 sizes and offsets are read.
 */
final class ZipReader {

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int END64 = 0x06064b50;
    private static final int END64_LOCATOR = 0x07064b50;
    private static final int MAX_NAME_IN_PATH = 200;

    /** One file of the archive (directories are left out). */
    record Entry(String name, int method, long crc, long compressedSize, long size, long localOffset) {
    }

    private final byte[] data;
    private final String path;
    private final List<Entry> entries;
    private final String metadata;

    private ZipReader(byte[] data, String path, List<Entry> entries, String metadata) {
        this.data = data;
        this.path = path;
        this.entries = entries;
        this.metadata = metadata;
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * What the archive says besides its entries' contents, one item a line: every name in the central directory
     * (directories too), every entry comment, and the archive's own comment. A value hidden there (a file named
     * after a token, a comment holding a password) travels with the archive as surely as its contents.
     */
    String metadata() {
        return metadata;
    }

    /** Reads the central directory of {@code data}; {@code path} is the archive's view path, for errors. */
    static ZipReader open(byte[] data, String path, DecodeContext ctx) throws DecodeException {
        int end = findEnd(data, path);
        long count = u16(data, end + 10);
        long cdSize = u32(data, end + 12);
        long cdOffset = u32(data, end + 16);
        if (u16(data, end + 4) != 0 || u16(data, end + 6) != 0) {
            throw invalid(path, "split over several disks (expected: one file)");
        }
        if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            int locator = end - 20;
            if (locator < 0 || i32(data, locator) != END64_LOCATOR) {
                throw invalid(path, "ZIP64 end record without its locator");
            }
            long end64 = u64(data, locator + 8);
            if (end64 < 0 || end64 > locator - 56 || i32(data, (int) end64) != END64) {
                throw invalid(path, "ZIP64 end record out of place");
            }
            count = u64(data, (int) end64 + 32);
            cdSize = u64(data, (int) end64 + 40);
            cdOffset = u64(data, (int) end64 + 48);
        }
        int max = ctx.limits().maxArchiveEntries();
        if (count > max || count < 0) {
            throw tooMany(path, count, max);
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > end) {
            throw invalid(path, "central directory outside the archive");
        }
        List<Entry> entries = new ArrayList<>();
        StringBuilder meta = new StringBuilder();
        int pos = (int) cdOffset;
        int cdEnd = (int) (cdOffset + cdSize);
        long listed = 0;
        while (pos < cdEnd) {
            if (pos + 46 > cdEnd || i32(data, pos) != CENTRAL) {
                throw invalid(path, "central directory entry " + listed + " is damaged");
            }
            if (++listed > max) {
                throw tooMany(path, listed, max);
            }
            int flags = u16(data, pos + 8);
            int method = u16(data, pos + 10);
            long crc = u32(data, pos + 16);
            long csize = u32(data, pos + 20);
            long size = u32(data, pos + 24);
            int nameLen = u16(data, pos + 28);
            int extraLen = u16(data, pos + 30);
            int commentLen = u16(data, pos + 32);
            long local = u32(data, pos + 42);
            int next = pos + 46 + nameLen + extraLen + commentLen;
            if (next > cdEnd) {
                throw invalid(path, "central directory entry " + (listed - 1) + " runs past the directory");
            }
            Charset cs = (flags & 0x0800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
            String name = new String(data, pos + 46, nameLen, cs);
            meta.append(name).append('\n');
            if (commentLen > 0) {
                meta.append(new String(data, pos + 46 + nameLen + extraLen, commentLen, cs)).append('\n');
            }
            long[] z64 = zip64(data, pos + 46 + nameLen, extraLen, size, csize, local);
            size = z64[0];
            csize = z64[1];
            local = z64[2];
            pos = next;
            if (name.endsWith("/") && size == 0) {
                continue; // a directory
            }
            if ((flags & 0x0001) != 0) {
                throw invalid(path, "entry " + shown(name) + " is encrypted (expected: unencrypted entries)");
            }
            if (method != 0 && method != 8) {
                throw invalid(path, "entry " + shown(name) + " uses compression method " + method
                        + " (expected: 0 stored or 8 deflated)");
            }
            entries.add(new Entry(name, method, crc, csize, size, local));
        }
        if (listed != count) {
            throw invalid(path, "central directory lists " + listed + " entries, its end record " + count);
        }
        checkLayout(data, path, entries, (int) cdOffset);
        int archiveComment = u16(data, end + 20);
        if (archiveComment > 0) {
            meta.append(new String(data, end + 22, archiveComment, StandardCharsets.UTF_8)).append('\n');
        }
        return new ZipReader(data, path, List.copyOf(entries), meta.toString());
    }

    /** The path of an entry under the archive: {@code <archive path>|zip:<name>}. */
    static String entryPath(String archivePath, String kind, String name) {
        return archivePath + "|" + kind + ":" + shown(name);
    }

    /** The entry's bytes: stored ones as they are, deflated ones inflated within the limits; CRC checked. */
    byte[] content(Entry e, String entryPath, DecodeContext ctx) throws DecodeException {
        int start = dataStart(data, path, e);
        byte[] stored = Arrays.copyOfRange(data, start, (int) (start + e.compressedSize()));
        byte[] out;
        if (e.method() == 0) {
            if (e.compressedSize() != e.size()) {
                throw invalid(path, "stored entry " + shown(e.name()) + " with two different sizes");
            }
            ctx.charge(stored.length, entryPath);
            out = stored;
        } else {
            try {
                out = ContentCodings.inflate(ContentCodings.Coding.DEFLATE_RAW, stored, ctx, entryPath);
            } catch (DecodeException ex) {
                if (ex.reason() == FailReason.CORRUPT_ENCODING) {
                    throw invalid(path, "entry " + shown(e.name()) + " does not inflate");
                }
                throw ex;
            }
            if (out.length != e.size()) {
                throw invalid(path, "entry " + shown(e.name()) + " inflates to " + out.length + " bytes, not the "
                        + e.size() + " its header states");
            }
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != e.crc()) {
            throw invalid(path, "entry " + shown(e.name()) + " fails its CRC check");
        }
        return out;
    }

    /** Every entry's local header and data lie before the central directory and no two entries share bytes. */
    private static void checkLayout(byte[] data, String path, List<Entry> entries, int cdOffset)
            throws DecodeException {
        long[][] ranges = new long[entries.size()][];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int start = dataStart(data, path, e);
            long dataEnd = start + e.compressedSize();
            if (dataEnd > cdOffset) {
                throw invalid(path, "entry " + shown(e.name()) + " runs past the central directory (truncated?)");
            }
            ranges[i] = new long[] {e.localOffset(), dataEnd};
        }
        Arrays.sort(ranges, Comparator.comparingLong(r -> r[0]));
        for (int i = 1; i < ranges.length; i++) {
            if (ranges[i][0] < ranges[i - 1][1]) {
                throw invalid(path, "entries overlap (expected: each entry's data stored once)");
            }
        }
    }

    private static int dataStart(byte[] data, String path, Entry e) throws DecodeException {
        long local = e.localOffset();
        if (local < 0 || local + 30 > data.length || i32(data, (int) local) != LOCAL) {
            throw invalid(path, "entry " + shown(e.name()) + " has no local header where the directory says");
        }
        long start = local + 30 + u16(data, (int) local + 26) + u16(data, (int) local + 28);
        if (start + e.compressedSize() > data.length || e.compressedSize() < 0) {
            throw invalid(path, "entry " + shown(e.name()) + " runs past the end of the archive (truncated?)");
        }
        return (int) start;
    }

    /** Sizes and offset, replaced from the ZIP64 extra field where the central directory has 0xffffffff. */
    private static long[] zip64(byte[] b, int at, int len, long size, long csize, long local) {
        long[] out = {size, csize, local};
        int end = at + len;
        int p = at;
        while (p + 4 <= end) {
            int id = u16(b, p);
            int n = u16(b, p + 2);
            if (id == 0x0001) {
                int q = p + 4;
                int qEnd = Math.min(end, q + n);
                for (int i = 0; i < 3; i++) {
                    if (out[i] == 0xffffffffL && q + 8 <= qEnd) {
                        out[i] = u64(b, q);
                        q += 8;
                    }
                }
                break;
            }
            p += 4 + n;
        }
        return out;
    }

    /** The end-of-central-directory record: the last one within the final 64 KiB + 22 bytes. */
    private static int findEnd(byte[] data, String path) throws DecodeException {
        int stop = Math.max(0, data.length - 22 - 0xffff);
        for (int i = data.length - 22; i >= stop; i--) {
            if (i32(data, i) == END && i + 22 + u16(data, i + 20) <= data.length) {
                return i;
            }
        }
        throw invalid(path, "no end of central directory (truncated?)");
    }

    static String shown(String name) {
        return name.length() > MAX_NAME_IN_PATH ? name.substring(0, MAX_NAME_IN_PATH) + "..." : name;
    }

    private static DecodeException invalid(String path, String what) {
        return new DecodeException(FailReason.ARCHIVE_INVALID, path + ": zip archive " + what);
    }

    private static DecodeException tooMany(String path, long count, int max) {
        return new DecodeException(FailReason.ARCHIVE_LIMIT, ViewLimits.Limit.MAX_ARCHIVE_ENTRIES, path
                + ": zip archive of " + count + " entries (expected: <= maxArchiveEntries " + max + ")");
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    static long u32(byte[] b, int i) {
        return i32(b, i) & 0xffffffffL;
    }

    static int i32(byte[] b, int i) {
        if (i < 0 || i + 4 > b.length) {
            return 0;
        }
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static long u64(byte[] b, int i) {
        return u32(b, i) | u32(b, i + 4) << 32;
    }
}
