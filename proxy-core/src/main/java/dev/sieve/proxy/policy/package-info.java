/**
 * Pure egress decisions: which destinations an agent may reach and who the agent is.
 *
 * <p>No Netty types and no I/O except where named ({@link dev.sieve.proxy.policy.UpstreamResolver}
 * blocks on DNS, {@link dev.sieve.proxy.policy.AgentCredentials#loadTokenFile} reads a file).
 * The flow for one request:
 * <ol>
 *   <li>{@code dev.sieve.proxy.auth.AgentAuthenticator#authenticate} on the Proxy-Authorization header (the
 *       {@code auth} package: static and signed agent tokens);
 *   <li>{@link dev.sieve.proxy.policy.DestinationPolicy#decide} on the CONNECT target or absolute URL;
 *   <li>off the event loop, {@link dev.sieve.proxy.policy.UpstreamResolver#resolve} the allowed host;
 *   <li>{@link dev.sieve.proxy.policy.DestinationPolicy#checkAddresses} on the answers, and connect to
 *       exactly the one address it returns.
 * </ol>
 * Every refusal is a {@link dev.sieve.proxy.policy.Decision.Deny} with a closed
 * {@link dev.sieve.proxy.policy.DenyReason} and a detail that never contains request data or secrets.
 */
package dev.sieve.proxy.policy;
