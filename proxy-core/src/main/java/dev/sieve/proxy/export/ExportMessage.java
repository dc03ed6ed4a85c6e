package dev.sieve.proxy.export;

import java.time.Instant;

/**
 * One message an export sink sends: a JSON document (no newline) with what the syslog header needs.
 *
 * @param msgId    the RFC 5424 MSGID: the record kind ({@code decision}, {@code finding}, {@code alert}, ...)
 * @param time     when the recorded event happened
 * @param severity RFC 5424 severity (0..7)
 * @param json     the document, UTF-8
 */
public record ExportMessage(String msgId, Instant time, int severity, byte[] json) {
    /** RFC 5424 severities used here. */
    static final int WARNING = 4;
    static final int NOTICE = 5;
    static final int INFO = 6;
}
