package dev.sieve.proxy.handler;

import dev.sieve.proxy.error.Refusal;

/**
 * The decoder-result cause {@link RequestValidator} sets on a request head that Netty decoded but
 * Sieve refuses; {@link Refusals#ofDecoderFailure} turns it back into its refusal.
 */
final class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RequestHeadCheck.Problem problem;

    InvalidRequestException(RequestHeadCheck.Problem problem) {
        super(problem.refusal().code() + (problem.detail() == null ? "" : ": " + problem.detail()), null, false, false);
        this.problem = problem;
    }

    RequestHeadCheck.Problem problem() {
        return problem;
    }
}
