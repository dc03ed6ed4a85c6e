/**
 * Who an agent is and what it may do: static credentials and signed, short-lived agent tokens (Ed25519, see
 * {@link dev.sieve.proxy.auth.TokenCodec}), their {@link dev.sieve.proxy.auth.Grant} (scope, budget, mode), the
 * revocation list and the {@link dev.sieve.proxy.auth.AgentAuthenticator} that checks all of it on every CONNECT,
 * plain-HTTP request and request inside a tunnel.
 *
 * <p>Dependencies point one way: this package uses {@code config} (the shared {@code BudgetLimits} value) and
 * {@code policy} (the agent id syntax); {@code config} and {@code policy} do not use it. No Netty types. No result,
 * message or exception ever contains a token or a key.
 */
package dev.sieve.proxy.auth;
