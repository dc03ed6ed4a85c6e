/**
 * The inspection facade the proxy calls for every intercepted request: {@link dev.sieve.dlp.inspect.Inspector}
 * (shared, immutable) opens an {@link dev.sieve.dlp.inspect.Inspection} per request, which takes body chunks as
 * they arrive and returns an {@link dev.sieve.dlp.inspect.InspectionResult}: allow, log, redact (with the
 * rewritten body) or block, with findings that carry masked samples only. Applies an
 * {@link dev.sieve.dlp.inspect.InspectionPolicy} per destination. Fails closed; never throws on the request
 * path. No Netty types.
 */
package dev.sieve.dlp.inspect;
