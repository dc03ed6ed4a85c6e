package dev.sieve.dlp.view;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.MemoryLimitException;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * A 7z archive found by magic: each entry with content decoded by what it is, {@code <path>|7z:<entry name>}, and
 * the entries' names as {@code <path>|7z|names}, like a zip's. Read with Commons Compress ({@link Packed} says why
 * a library) from a {@link SeekableInMemoryByteChannel} over the bytes already in memory, with the decoder memory
 * capped ({@link Packed#MEMORY_LIMIT_KIB}: a crafted header cannot make it allocate gigabytes), at most
 * {@code maxArchiveEntries} entries, and every entry read through {@link ContentCodings#readBounded}: the entries
 * together may expand to {@code maxDecompressionRatio} times the archive (a solid block gives no per-entry
 * compressed size), within {@code maxDecodedBytes} and the decode time. Entry sizes the header states are not
 * trusted; CRCs are checked by the library.
 *
 * <p>A corrupt or truncated archive fails closed ({@link FailReason#ARCHIVE_INVALID}), as a zip does. An encrypted
 * archive (encrypted entries, or encrypted headers) cannot be inspected: it fails closed with
 * {@link FailReason#ARCHIVE_INVALID}, exactly as an encrypted zip entry does. Never rewritten: a redaction inside
 * escalates to block ({@link Archive}).
 */
final class SevenZ {

    private SevenZ() {
    }

    static Node decode(byte[] data, String path, DecodeContext ctx, int depth) throws DecodeException {
        String here = path + "|7z";
        List<Node> children = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        try (SevenZFile archive = SevenZFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(data))
                .setMaxMemoryLimitKiB(Packed.MEMORY_LIMIT_KIB)
                .setTryToRecoverBrokenArchives(false)
                .get()) {
            int max = ctx.limits().maxArchiveEntries();
            int count = 0;
            for (SevenZArchiveEntry ignored : archive.getEntries()) {
                if (++count > max) {
                    throw new DecodeException(FailReason.ARCHIVE_LIMIT, ViewLimits.Limit.MAX_ARCHIVE_ENTRIES, here
                            + ": 7z archive of more than " + max + " entries (expected: <= maxArchiveEntries " + max + ")");
                }
            }
            if (count > 0) {
                ctx.checkDepth(depth + 1, here);
            }
            InputStream entryStream = new InputStream() { // the current entry's bytes
                @Override
                public int read() throws IOException {
                    return archive.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return archive.read(b, off, len);
                }
            };
            long produced = 0;
            int index = 0;
            for (SevenZArchiveEntry e = archive.getNextEntry(); e != null; e = archive.getNextEntry()) {
                String name = e.getName() != null ? e.getName() : "[" + index + "]";
                index++;
                names.append(name).append('\n');
                if (e.isDirectory() || e.isAntiItem() || !e.hasStream()) {
                    continue;
                }
                String entryPath = ZipReader.entryPath(path, "7z", name);
                byte[] content = ContentCodings.readBounded(entryStream, data.length, produced, ctx, entryPath, true);
                produced += content.length;
                children.add(Payloads.decode(content, entryPath, null, ctx, depth + 1));
            }
        } catch (PasswordRequiredException e) {
            throw invalid(here, "is encrypted (expected: unencrypted entries; an encrypted archive cannot be inspected)");
        } catch (MemoryLimitException | org.tukaani.xz.MemoryLimitException e) {
            throw Packed.overMemory(here);
        } catch (IOException | RuntimeException e) {
            // only the exception's type: its message may quote entry names or bytes
            throw invalid(here, "does not decode (" + e.getClass().getSimpleName() + "; corrupt or truncated?)");
        }
        children.add(Archive.names(here, names.toString(), ctx));
        return new Archive(here, "a 7z archive", children);
    }

    private static DecodeException invalid(String here, String what) {
        return new DecodeException(FailReason.ARCHIVE_INVALID, here + ": 7z archive " + what);
    }
}
