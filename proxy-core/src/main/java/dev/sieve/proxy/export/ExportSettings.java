package dev.sieve.proxy.export;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code audit.export} entry: where a copy of the audit trail goes, in which format, which kinds of record, and
 * what a full queue does.
 *
 * @param name          the sink's name in metrics and readiness ({@code sink} label); unique
 * @param type          {@link Type#SYSLOG} or {@link Type#STDOUT}
 * @param format        {@link ExportFormat#JSON} (the chained line as is) or {@link ExportFormat#OCSF}
 * @param syslog        the syslog target, present exactly for {@link Type#SYSLOG}
 * @param records       the record kinds sent (default: all)
 * @param queueCapacity lines waiting for the sink thread before {@code overflow} applies
 * @param overflow      what a full queue does
 */
public record ExportSettings(String name, Type type, ExportFormat format, Optional<Syslog> syslog,
        Set<RecordKind> records, int queueCapacity, Overflow overflow) {

    public static final int DEFAULT_QUEUE_CAPACITY = 8192;
    public static final int MAX_QUEUE_CAPACITY = 1 << 20;

    /** Where an export sink writes. */
    public enum Type { SYSLOG, STDOUT }

    /** Syslog transport: plain TCP or TLS (RFC 5425). */
    public enum Transport { TCP, TLS }

    /**
     * What a full export queue does: {@link #BLOCK} makes the audit writer wait (its own queue then fills, so
     * requests slow down and, past it, are refused); {@link #FAIL_CLOSED} fails the audit log (readiness turns
     * false and requests are refused with 503 until Sieve restarts). Both are counted; nothing is dropped silently.
     */
    public enum Overflow { BLOCK, FAIL_CLOSED }

    /**
     * A syslog target (RFC 5424 messages, octet-counted framing per RFC 6587).
     *
     * @param host       target host name or address
     * @param port       target port
     * @param transport  TCP or TLS
     * @param caFile     PEM CA certificates the server's certificate must chain to (TLS only; required for TLS)
     * @param certFile   client certificate chain, PEM (TLS only, optional, with {@code keyFile})
     * @param keyFile    client private key, PKCS#8 PEM (TLS only, optional, with {@code certFile})
     * @param serverName the name the server's certificate must carry; empty means {@code host}
     * @param appName    RFC 5424 APP-NAME
     * @param facility   syslog facility number (0..23; the default is 16, local0)
     */
    public record Syslog(String host, int port, Transport transport, Optional<Path> caFile, Optional<Path> certFile,
            Optional<Path> keyFile, Optional<String> serverName, String appName, int facility) {
        public Syslog {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(caFile, "caFile");
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(serverName, "serverName");
            Objects.requireNonNull(appName, "appName");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
            }
            if (facility < 0 || facility > 23) {
                throw new IllegalArgumentException("facility: " + facility + " (expected: 0..23)");
            }
            if (!appName.matches("[\\x21-\\x7e]{1,48}")) {
                throw new IllegalArgumentException("appName: " + appName
                        + " (expected: 1-48 printable ASCII characters without spaces)");
            }
            if (transport == Transport.TLS && caFile.isEmpty()) {
                throw new IllegalArgumentException("caFile: none (expected: the CA file for a TLS syslog target)");
            }
            if (certFile.isPresent() != keyFile.isPresent()) {
                throw new IllegalArgumentException("certFile/keyFile: only one given (expected: both or neither)");
            }
        }
    }

    public ExportSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(syslog, "syslog");
        Objects.requireNonNull(overflow, "overflow");
        records = Set.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("records: none (expected: at least one record kind)");
        }
        if (syslog.isPresent() != (type == Type.SYSLOG)) {
            throw new IllegalArgumentException("syslog: " + syslog.isPresent() + " for type " + type
                    + " (expected: a syslog target exactly for type syslog)");
        }
        if (queueCapacity < 1 || queueCapacity > MAX_QUEUE_CAPACITY) {
            throw new IllegalArgumentException("queueCapacity: " + queueCapacity + " (expected: 1.."
                    + MAX_QUEUE_CAPACITY + ")");
        }
    }
}
