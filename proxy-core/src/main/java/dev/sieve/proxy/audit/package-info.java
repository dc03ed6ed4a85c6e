/**
 * The tamper-evident audit trail: one JSON line per decision, HMAC-chained, written asynchronously.
 *
 * <p>Producers (the proxy's request handling) build an {@link dev.sieve.proxy.audit.AuditRecord} per decision
 * and hand it to {@link dev.sieve.proxy.audit.AuditLog}: {@code append} from worker threads (blocks or drops when
 * the queue is full, per {@link dev.sieve.proxy.audit.OverflowPolicy}), {@code tryAppend} from event loops
 * (never blocks; false means refuse the request with 503). One writer thread numbers ({@code seq}) and chains
 * every line ({@code mac = HMAC-SHA256(key, prev mac || line without mac)}), writes it to every
 * {@link dev.sieve.proxy.audit.AuditSink} (rotating files, stdout), flushes per batch, and writes a seal line
 * before each rotation and at shutdown. The chain continues across files and restarts. Records of other kinds
 * ({@code admin} actions, analyst {@link dev.sieve.proxy.audit.LabelEntry labels}, ...) are
 * {@link dev.sieve.proxy.audit.AuditEntry}s in the same chain; one process writes a directory at a time (it holds
 * {@code .lock} there).
 *
 * <p>With a {@link dev.sieve.proxy.audit.SealSigner} (the proxy always has one), every seal and a periodic chain-head
 * record are signed with Ed25519 over a digest of the lines they cover (see {@link dev.sieve.proxy.audit.AuditFormat}),
 * so the log verifies with the public key alone, and copied to the anchor sinks (the anchor file), against which
 * deleted or truncated newest files are detected.
 *
 * <p>{@link dev.sieve.proxy.audit.AuditVerifier} (and {@code sieve audit verify}) reports the first edited,
 * inserted, deleted or reordered record, a deleted or truncated file, or success with counts (and the live file
 * Sieve is still writing); a key that is not the log's is a key error, told apart by the key id records carry.
 *
 * <p>What never enters a record: query values and path segments that held a finding or look like data (masked by
 * {@link dev.sieve.proxy.audit.QueryMasking} and {@link dev.sieve.proxy.audit.PathMasking}, applied by the record
 * itself and, for findings, by its producer), raw findings (only {@link dev.sieve.dlp.Masking} samples, see
 * {@link dev.sieve.proxy.audit.AuditFinding#of}), the HMAC key (loaded by {@link dev.sieve.proxy.audit.AuditKeys},
 * never logged). Callers must put only reason codes and rule ids into {@code reasons}.
 */
package dev.sieve.proxy.audit;
