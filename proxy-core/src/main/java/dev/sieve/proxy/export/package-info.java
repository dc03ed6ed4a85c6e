/**
 * SIEM export of the audit trail ({@code audit.export}): each configured sink is an
 * {@link dev.sieve.proxy.audit.AuditSink} that receives every chained line from the audit writer, queues it and,
 * on its own thread, formats it ({@link dev.sieve.proxy.export.ExportFormat}: the chained JSON line, or OCSF
 * events from {@link dev.sieve.proxy.export.OcsfMapper}) and sends it (RFC 5424 syslog over TCP or TLS with
 * octet-counted framing, or standard output). A full queue blocks the audit writer or fails the audit log closed,
 * per sink; nothing is dropped silently.
 *
 * <p>Exports carry only what the audit line carries: no request data, no raw findings (OCSF events do not even copy
 * the masked samples).
 */
package dev.sieve.proxy.export;
