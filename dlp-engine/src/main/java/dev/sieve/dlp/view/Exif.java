package dev.sieve.dlp.view;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text tags of an EXIF (TIFF) block: every ASCII tag of IFD0, the EXIF sub-IFD and IFD1, UserComment (with
 * its ASCII, Unicode or undefined character code) and the Windows XP tags (UTF-16LE). Numbers, thumbnails and
 * maker notes are left out. Offsets are bounds-checked, each IFD is read once (no loops) and at most
 * {@link #MAX_ENTRIES} entries are read in all; a damaged block yields what was read before the damage.
 */
final class Exif {

    record Field(String name, String text) {
    }

    private static final int MAX_ENTRIES = 1024;
    private static final int EXIF_IFD = 0x8769;
    private static final int USER_COMMENT = 0x9286;
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x010d, "DocumentName"), Map.entry(0x010e, "ImageDescription"), Map.entry(0x010f, "Make"),
            Map.entry(0x0110, "Model"), Map.entry(0x0131, "Software"), Map.entry(0x0132, "DateTime"),
            Map.entry(0x013b, "Artist"), Map.entry(0x013c, "HostComputer"), Map.entry(0x8298, "Copyright"),
            Map.entry(0xa420, "ImageUniqueID"), Map.entry(0xa430, "CameraOwnerName"),
            Map.entry(0xa431, "BodySerialNumber"), Map.entry(0xa435, "LensSerialNumber"),
            Map.entry(USER_COMMENT, "UserComment"), Map.entry(0x9c9b, "XPTitle"), Map.entry(0x9c9c, "XPComment"),
            Map.entry(0x9c9d, "XPAuthor"), Map.entry(0x9c9e, "XPKeywords"), Map.entry(0x9c9f, "XPSubject"));

    private final byte[] b;
    private final boolean little;
    private final List<Field> fields = new ArrayList<>();
    private final Set<Long> seen = new HashSet<>();
    private int entries;

    private Exif(byte[] b, boolean little) {
        this.b = b;
        this.little = little;
    }

    /** The text fields of a TIFF block ({@code II*\0} or {@code MM\0*}); empty when it is not one. */
    static List<Field> strings(byte[] tiff) {
        if (tiff.length < 8) {
            return List.of();
        }
        boolean little = tiff[0] == 'I' && tiff[1] == 'I';
        if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) {
            return List.of();
        }
        Exif e = new Exif(tiff, little);
        try {
            long next = e.u32(4);
            while (next != 0 && e.ifd(next)) {
                next = e.nextIfd;
            }
        } catch (IndexOutOfBoundsException ignored) {
            // damaged: keep what was read
        }
        return e.fields;
    }

    private long nextIfd;

    /** Reads the IFD at {@code offset}; false when it was read before or lies outside. */
    private boolean ifd(long offset) {
        if (offset < 8 || offset + 2 > b.length || !seen.add(offset)) {
            return false;
        }
        int at = (int) offset;
        int n = u16(at);
        long[] subIfds = new long[0];
        for (int i = 0; i < n && entries < MAX_ENTRIES; i++, entries++) {
            int e = at + 2 + i * 12;
            int tag = u16(e);
            int type = u16(e + 2);
            long count = u32(e + 4);
            if (tag == EXIF_IFD) {
                subIfds = java.util.Arrays.copyOf(subIfds, subIfds.length + 1);
                subIfds[subIfds.length - 1] = u32(e + 8);
                continue;
            }
            boolean text = type == 2 || NAMES.containsKey(tag) && (type == 1 || type == 7);
            if (!text || count <= 0 || count > b.length) {
                continue;
            }
            int data = count <= 4 ? e + 8 : (int) Math.min(Integer.MAX_VALUE, u32(e + 8));
            if (data < 0 || data + count > b.length) {
                continue;
            }
            String name = NAMES.getOrDefault(tag, String.format("Tag 0x%04x", tag));
            fields.add(new Field(name, decode(tag, type, data, (int) count)));
        }
        nextIfd = at + 2 + n * 12 + 4 <= b.length ? u32(at + 2 + n * 12) : 0;
        long next = nextIfd;
        for (long sub : subIfds) {
            ifd(sub);
        }
        nextIfd = next;
        return true;
    }

    private String decode(int tag, int type, int at, int count) {
        if (tag == USER_COMMENT && count >= 8) {
            String code = new String(b, at, 8, StandardCharsets.ISO_8859_1);
            if (code.startsWith("UNICODE")) {
                return new String(b, at + 8, count - 8, little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
            }
            return new String(b, at + 8, count - 8, StandardCharsets.UTF_8);
        }
        if (tag >= 0x9c9b && tag <= 0x9c9f) {
            return new String(b, at, count, StandardCharsets.UTF_16LE);
        }
        return new String(b, at, count, StandardCharsets.UTF_8);
    }

    private int u16(int i) {
        return little ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 : (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private long u32(int i) {
        long v = little
                ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (long) (b[i + 3] & 0xff) << 24
                : (long) (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
        return v & 0xffffffffL;
    }
}
