package dev.sieve.dlp.view;

import java.io.ByteArrayOutputStream;
import java.util.BitSet;

/**
 * The text of an SQLite database file ({@code SQLite format 3\0}; an {@code app.db} an agent attaches as base64): the
 * text values of every cell of its table and index b-tree leaf pages, a row's values one space apart, a row a line
 * ({@code sqlite_master}'s {@code CREATE TABLE} statements among them). View step {@code |sqlite}.
 *
 * <p>Why the cells and not a {@code strings}-style extraction of printable runs: a record's values sit next to each
 * other with nothing between them ({@code stripe} then {@code sk_live_...} is {@code stripesk_live_...}), so a run of
 * printable bytes glues a label to the value after it and a vendor prefix loses the word boundary its rule needs;
 * reading the record header (varints, serial types) gives each text value on its own. No JDBC driver: the file format
 * (sqlite.org/fileformat2.html) is read directly over the bytes in memory, and only what text needs: page size,
 * leaf pages ({@code 0x0D} table, {@code 0x0A} index), cell pointers, record headers, text serial types (odd, 13 or
 * more) and overflow chains. Free pages, freeblocks, integers, reals and blobs are skipped.
 *
 * <p>Bounded: every overflow page is read at most once (a crafted chain that loops or that cells share ends there),
 * and the text stops growing at twice the file's size (a crafted page's cell pointers may all name one large cell), so
 * no database expands; a malformed cell or page is skipped. A file
 * whose header is unreadable (a page size that is no power of two) gives null.
 */
final class SqliteText {

    private static final int HEADER = 100;
    private static final int LEAF_TABLE = 0x0d;
    private static final int LEAF_INDEX = 0x0a;

    private SqliteText() {
    }

    /** The text of the cells of database file {@code db}, or null when its header is not SQLite's. */
    static byte[] text(byte[] db) {
        if (db.length < HEADER) {
            return null;
        }
        int pageSize = (db[16] & 0xff) << 8 | (db[17] & 0xff);
        if (pageSize == 1) {
            pageSize = 65536;
        }
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            return null;
        }
        int usable = pageSize - (db[20] & 0xff);
        if (usable < 480) {
            return null;
        }
        Reader r = new Reader(db, pageSize, usable);
        int pages = (int) Math.min(Integer.MAX_VALUE, (db.length + (long) pageSize - 1) / pageSize);
        for (int page = 1; page <= pages; page++) {
            r.page(page);
        }
        return r.out.toByteArray();
    }

    private static final class Reader {
        final byte[] db;
        final int pageSize;
        final int usable;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        /** Overflow pages already read. */
        final BitSet overflowRead = new BitSet();

        Reader(byte[] db, int pageSize, int usable) {
            this.db = db;
            this.pageSize = pageSize;
            this.usable = usable;
        }

        void page(int page) {
            int base = (page - 1) * pageSize;
            int header = page == 1 ? base + HEADER : base;
            if (header + 8 > db.length) {
                return;
            }
            int type = db[header] & 0xff;
            if (type != LEAF_TABLE && type != LEAF_INDEX) {
                return; // interior pages hold no values; overflow and free pages are read from their cells or not at all
            }
            int cells = u16(header + 3);
            int pageEnd = Math.min(db.length, base + pageSize);
            for (int k = 0; k < cells && header + 8 + 2 * k + 1 < pageEnd; k++) {
                int cell = base + u16(header + 8 + 2 * k);
                if (cell <= header || cell >= pageEnd) {
                    continue;
                }
                cell(cell, pageEnd, type == LEAF_TABLE);
            }
        }

        /** One cell: its payload's size, the rowid of a table cell, then the record (local part and overflow chain). */
        void cell(int at, int pageEnd, boolean table) {
            if (out.size() > 2L * db.length) {
                return; // cell pointers of a crafted page may all name one large cell: the text stays file-sized
            }
            long[] v = new long[2];
            int k = varint(at, pageEnd, v);
            if (k < 0) {
                return;
            }
            long payload = v[0];
            if (table) {
                k = varint(k, pageEnd, v); // the rowid
                if (k < 0) {
                    return;
                }
            }
            if (payload <= 0 || payload > db.length) {
                return;
            }
            int local = localSize(payload, table);
            byte[] record;
            if (local >= payload) {
                if (k + payload > pageEnd) {
                    return;
                }
                record = java.util.Arrays.copyOfRange(db, k, k + (int) payload);
            } else {
                if (k + local + 4 > pageEnd) {
                    return;
                }
                record = overflow(k, local, (int) payload, u32(k + local));
            }
            record(record);
        }

        /** The bytes of a payload stored in part on its page and the rest on its chain of overflow pages. */
        byte[] overflow(int at, int local, int payload, long first) {
            ByteArrayOutputStream b = new ByteArrayOutputStream(payload);
            b.write(db, at, local);
            long page = first;
            while (b.size() < payload && page > 0 && page <= Integer.MAX_VALUE && !overflowRead.get((int) page)) {
                overflowRead.set((int) page);
                long start = (page - 1) * pageSize;
                if (start + 4 > db.length) {
                    break;
                }
                int s = (int) start;
                int n = (int) Math.min(Math.min(usable - 4, payload - b.size()), db.length - s - 4);
                b.write(db, s + 4, n);
                page = u32(s);
            }
            return b.toByteArray(); // a chain cut short gives what it held
        }

        /** The payload kept on the page (the rest spills to overflow pages), as the file format computes it. */
        int localSize(long payload, boolean table) {
            int x = table ? usable - 35 : (usable - 12) * 64 / 255 - 23;
            if (payload <= x) {
                return (int) payload;
            }
            int m = (usable - 12) * 32 / 255 - 23;
            int kk = (int) (m + (payload - m) % (usable - 4));
            return kk <= x ? kk : m;
        }

        /** A record: its header of serial types, then the values; text values written one space apart, a line. */
        void record(byte[] rec) {
            long[] v = new long[2];
            int k = varintIn(rec, 0, rec.length, v);
            if (k < 0 || v[0] > rec.length || v[0] < k) {
                return;
            }
            int headerEnd = (int) v[0];
            long body = headerEnd;
            boolean any = false;
            while (k < headerEnd) {
                k = varintIn(rec, k, headerEnd, v);
                if (k < 0) {
                    break;
                }
                long type = v[0];
                long size = size(type);
                if (size < 0 || body + size > rec.length) {
                    break;
                }
                if (type >= 13 && (type & 1) == 1 && size > 0) {
                    if (any) {
                        out.write(' ');
                    }
                    out.write(rec, (int) body, (int) size);
                    any = true;
                }
                body += size;
            }
            if (any) {
                out.write('\n');
            }
        }

        /** The size of a value of serial type {@code type}, or -1 for a reserved type. */
        static long size(long type) {
            if (type <= 4) {
                return type; // NULL (0), 1 to 4-byte integers
            }
            if (type == 5) {
                return 6;
            }
            if (type == 6 || type == 7) {
                return 8;
            }
            if (type == 8 || type == 9) {
                return 0; // the constants 0 and 1
            }
            if (type < 12) {
                return -1;
            }
            return (type - (type % 2 == 0 ? 12 : 13)) / 2; // a blob (even) or text (odd)
        }

        int varint(int at, int end, long[] v) {
            return varintIn(db, at, end, v);
        }

        /** An SQLite varint (1 to 9 bytes, big-endian, the ninth byte whole) at {@code at} into {@code v[0]}. */
        static int varintIn(byte[] b, int at, int end, long[] v) {
            long x = 0;
            for (int i = 0; i < 9; i++) {
                if (at + i >= end) {
                    return -1;
                }
                int c = b[at + i] & 0xff;
                if (i == 8) {
                    v[0] = x << 8 | c;
                    return at + 9;
                }
                x = x << 7 | (c & 0x7f);
                if ((c & 0x80) == 0) {
                    v[0] = x;
                    return at + i + 1;
                }
            }
            return -1;
        }

        int u16(int at) {
            return at + 1 < db.length ? (db[at] & 0xff) << 8 | (db[at + 1] & 0xff) : 0;
        }

        long u32(int at) {
            return at + 3 < db.length ? (db[at] & 0xffL) << 24 | (db[at + 1] & 0xffL) << 16 | (db[at + 2] & 0xffL) << 8
                    | (db[at + 3] & 0xffL) : 0;
        }
    }
}
