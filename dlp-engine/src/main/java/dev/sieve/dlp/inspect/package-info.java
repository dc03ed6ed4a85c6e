/**
 * The inspection facade the proxy calls for every intercepted request: {@link dev.sieve.dlp.inspect.Inspector}
 * (shared, immutable) opens an {@link dev.sieve.dlp.inspect.Inspection} per request, which takes body chunks as
 * they arrive and returns an {@link dev.sieve.dlp.inspect.InspectionResult}: allow, log, redact (with the
 * rewritten body) or block, with findings that carry masked samples only. Applies an
 * {@link dev.sieve.dlp.inspect.InspectionPolicy} per destination. Fails closed; never throws on the request
 * path. No Netty types.
 *
 * <p>Every finding is placed ({@link dev.sieve.dlp.Finding#location()}: JSON path and code-point offset, or form and
 * query parameter) and fingerprinted (a keyed hash of its value) when it is made. Given a
 * {@link dev.sieve.dlp.inspect.TurnHistory} (the messages of the request's conversation that earlier turns already
 * sent, worked out by the proxy), findings in those messages are marked as history and judged by the
 * {@link dev.sieve.dlp.inspect.HistoryPolicy}: the weaker of the rule's history policy and its action.
 */
package dev.sieve.dlp.inspect;
