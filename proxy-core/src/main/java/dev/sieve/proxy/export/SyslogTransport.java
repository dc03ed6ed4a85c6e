package dev.sieve.proxy.export;

import dev.sieve.proxy.tls.TlsProviders;
import io.netty.util.NetUtil;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * RFC 5424 syslog messages over TCP or TLS (RFC 5425), framed by octet counting (RFC 6587 section 3.4.1:
 * {@code <length> SP <message>}). TLS verifies the server's certificate against the configured CA and its name
 * against {@code serverName} (or the host), TLS 1.2 or 1.3 only; a client certificate is presented when configured.
 *
 * <p>Syslog servers never answer on the connection, so a small reader thread per connection waits for end of
 * stream: when the server closes (restart, crash), the connection is marked down at once and the next send
 * reconnects. Syslog over TCP has no acknowledgements: messages the OS accepted just before an unnoticed drop can
 * be lost, which is the protocol's limit (RELP is not supported).
 */
final class SyslogTransport implements Transport {
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    /** RFC 5424 MSGID: 1-32 printable ASCII characters. */
    private static final Pattern MSG_ID = Pattern.compile("[\\x21-\\x7e]{1,32}");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final ExportSettings.Syslog target;
    private final SSLContext tls;
    private final String hostname;
    private final String procId;
    private final String name;
    private volatile Socket socket;
    private OutputStream out;
    private volatile boolean up;

    /** @param tls the client context for {@link ExportSettings.Transport#TLS}, null for TCP */
    SyslogTransport(String name, ExportSettings.Syslog target, SSLContext tls) {
        this.name = name;
        this.target = target;
        this.tls = tls;
        this.hostname = localHostname();
        this.procId = Long.toString(ProcessHandle.current().pid());
    }

    @Override
    public void send(List<ExportMessage> messages) throws IOException {
        if (socket == null || !up) {
            close();
            connect();
        }
        try {
            for (ExportMessage m : messages) {
                byte[] message = frame(m);
                out.write(Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII));
                out.write(' ');
                out.write(message);
            }
            out.flush();
        } catch (IOException e) {
            close();
            throw new IOException("audit export " + name + ": sending to " + target.host() + ":" + target.port()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** The RFC 5424 message: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG}. */
    byte[] frame(ExportMessage m) {
        String header = "<" + (target.facility() * 8 + m.severity()) + ">1 " + TIMESTAMP.format(m.time()) + " "
                + hostname + " " + target.appName() + " " + procId + " " + msgId(m.msgId()) + " - ";
        ByteArrayOutputStream b = new ByteArrayOutputStream(header.length() + m.json().length);
        b.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(m.json());
        return b.toByteArray();
    }

    /** RFC 5424 MSGID: 1-32 printable ASCII characters, else the nil value (a kind from a newer Sieve, say). */
    private static String msgId(String kind) {
        return MSG_ID.matcher(kind).matches() ? kind : "-";
    }

    private void connect() throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(target.host(), target.port()), CONNECT_TIMEOUT_MILLIS);
            plain.setKeepAlive(true);
            Socket s = plain;
            if (tls != null) {
                String expected = target.serverName().orElse(target.host());
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, expected, target.port(), true);
                SSLParameters params = ssl.getSSLParameters();
                params.setProtocols(TlsProviders.PROTOCOLS);
                params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name `expected`
                if (!NetUtil.isValidIpV4Address(expected) && !NetUtil.isValidIpV6Address(expected)) {
                    params.setServerNames(List.of(new SNIHostName(expected)));
                }
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                s = ssl;
            }
            socket = s;
            out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            up = true;
            watch(s);
        } catch (IOException e) {
            plain.close();
            throw new IOException("audit export " + name + ": connecting to " + target.host() + ":" + target.port()
                    + " failed: " + e.getMessage() + " (expected: a reachable syslog "
                    + target.transport().name().toLowerCase(java.util.Locale.ROOT) + " listener)", e);
        }
    }

    /** Marks the connection down as soon as the server closes it (it never sends anything). */
    private void watch(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        Thread reader = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // a syslog server sends nothing; ignore whatever arrives
                }
            } catch (IOException closed) {
                // reset or closed locally: down either way
            }
            if (socket == s) {
                up = false;
            }
        }, "sieve-audit-export-" + name + "-watch");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public boolean connected() {
        return up;
    }

    @Override
    public void close() {
        up = false;
        Socket s = socket;
        socket = null;
        out = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
        }
    }

    /** RFC 5424 HOSTNAME: printable ASCII, at most 255; {@code -} when unknown. */
    private static String localHostname() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.matches("[\\x21-\\x7e]{1,255}") ? h : "-";
        } catch (IOException e) {
            return "-";
        }
    }
}
