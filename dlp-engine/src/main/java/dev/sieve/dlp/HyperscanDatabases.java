package dev.sieve.dlp;

import static com.gliwka.hyperscan.jni.hyperscan.HS_SUCCESS;
import static com.gliwka.hyperscan.jni.hyperscan.hs_deserialize_database;
import static com.gliwka.hyperscan.jni.hyperscan.hs_free_database;
import static com.gliwka.hyperscan.jni.hyperscan.hs_populate_platform;
import static com.gliwka.hyperscan.jni.hyperscan.hs_serialize_database;
import static com.gliwka.hyperscan.jni.hyperscan.hs_stream_size;
import static com.gliwka.hyperscan.jni.hyperscan.hs_version;

import com.gliwka.hyperscan.jni.hs_database_t;
import com.gliwka.hyperscan.jni.hs_platform_info_t;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * A Hyperscan database to bytes and back ({@code hs_serialize_database} / {@code hs_deserialize_database}), and
 * what a serialized database depends on besides its expressions: the library version and this CPU. JNI bindings
 * directly, as {@link HyperscanEngine} uses them throughout: the wrapper's {@code Database} keeps its native pointer
 * private, and its {@code save}/{@code load} use a format of their own around the same two calls.
 */
final class HyperscanDatabases {

    /** Why bytes could not become a database: a fixed text with Hyperscan's return code. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private HyperscanDatabases() {
    }

    /** The serialized form of {@code db}, or empty if Hyperscan cannot serialize it. */
    static Optional<byte[]> serialize(hs_database_t db) {
        try (PointerPointer<BytePointer> out = new PointerPointer<>(1); SizeTPointer length = new SizeTPointer(1)) {
            if (hs_serialize_database(db, out, length) != HS_SUCCESS) {
                return Optional.empty();
            }
            BytePointer bytes = out.get(BytePointer.class, 0);
            try {
                long n = length.get();
                if (n <= 0 || n > Integer.MAX_VALUE - 64) {
                    return Optional.empty();
                }
                byte[] copy = new byte[(int) n];
                bytes.capacity(n).get(copy);
                return Optional.of(copy);
            } finally {
                // Hyperscan allocated it with its misc allocator, malloc unless set (Sieve never sets one).
                Pointer.free(bytes);
            }
        }
    }

    /**
     * A streaming database from {@code bytes}, owned by the caller ({@code hs_free_database}).
     *
     * @throws Refused if Hyperscan rejects the bytes (version, platform, damage) or the database is not a streaming one
     */
    static hs_database_t deserialize(byte[] bytes) throws Refused {
        hs_database_t db;
        try (BytePointer data = new BytePointer(bytes); PointerPointer<hs_database_t> out = new PointerPointer<>(1)) {
            int rc = hs_deserialize_database(data, bytes.length, out);
            if (rc != HS_SUCCESS) {
                throw new Refused("Hyperscan refused the database (hs_deserialize_database returned " + rc + ")");
            }
            db = out.get(hs_database_t.class);
        }
        try (SizeTPointer size = new SizeTPointer(1)) {
            int rc = hs_stream_size(db, size);
            if (rc != HS_SUCCESS) {
                hs_free_database(db);
                throw new Refused("not a streaming database (hs_stream_size returned " + rc + ")");
            }
        }
        return db;
    }

    /**
     * What a database compiled here depends on besides its expressions: the library version, and the platform
     * Hyperscan compiles for by default (tuning and CPU features). Empty if the platform cannot be read (then
     * nothing is cached).
     */
    static Optional<String> platform() {
        try (hs_platform_info_t platform = new hs_platform_info_t()) {
            if (hs_populate_platform(platform) != HS_SUCCESS) {
                return Optional.empty();
            }
            return Optional.of("hyperscan " + hs_version().getString() + "; tune " + platform.tune()
                    + "; cpu_features " + Long.toHexString(platform.cpu_features()));
        }
    }
}
