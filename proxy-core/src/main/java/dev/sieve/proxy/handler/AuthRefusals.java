package dev.sieve.proxy.handler;

import dev.sieve.proxy.auth.Grant;
import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.auth.AuthResult;

/** Maps an authentication outcome to the refusal an agent gets, and a permitted one to its grant. */
final class AuthRefusals {
    private AuthRefusals() {}

    /** The refusal for {@code auth}, or null if it may proceed. */
    static Refusal of(AuthResult auth) {
        if (auth.permitted()) {
            return null;
        }
        if (auth instanceof AuthResult.Missing) {
            return Refusal.PROXY_AUTH_REQUIRED;
        }
        if (auth instanceof AuthResult.Expired) {
            return Refusal.TOKEN_EXPIRED;
        }
        if (auth instanceof AuthResult.Revoked) {
            return Refusal.TOKEN_REVOKED;
        }
        if (auth instanceof AuthResult.Stopped) {
            return Refusal.KILL_SWITCH;
        }
        return Refusal.PROXY_AUTH_INVALID; // Invalid, and anything not permitted that a later result type adds
    }

    /** The grant of a permitted result; an anonymous (unscoped) grant otherwise. */
    static Grant grantOf(AuthResult auth) {
        return auth instanceof AuthResult.Authenticated a ? a.grant() : Grant.of(ProxyRequestHandler.ANONYMOUS);
    }

    /** The detail of a {@link Refusal#TOKEN_SCOPE}: what the token allows (its own claims, no secret). */
    static String scopeDetail(Grant grant) {
        return "token " + grant.tokenId().orElse("?") + " allows " + String.join(", ", grant.scope().texts());
    }
}
