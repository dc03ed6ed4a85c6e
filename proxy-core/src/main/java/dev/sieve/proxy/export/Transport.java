package dev.sieve.proxy.export;

import java.io.IOException;
import java.util.List;

/** Where an export sink's thread sends messages; only that thread calls it. */
interface Transport extends AutoCloseable {

    /** Sends the messages in order and hands them to the OS; connects first if needed. */
    void send(List<ExportMessage> messages) throws IOException;

    /** Whether the last connection is believed up (for a gauge; a stream is always "connected"). */
    boolean connected();

    /** Drops the connection, if any; the next {@link #send} reconnects. */
    @Override
    void close();
}
