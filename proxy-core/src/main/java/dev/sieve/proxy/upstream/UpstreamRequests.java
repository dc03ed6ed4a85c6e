package dev.sieve.proxy.upstream;

import dev.sieve.proxy.route.RequestTarget;
import dev.sieve.proxy.route.Target;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Builds the request head Sieve sends upstream from the agent's request head. Pure: the agent's
 * head is never modified, and the result depends only on the arguments.
 *
 * <p>The upstream head is HTTP/1.1 in origin-form (without a fragment), without hop-by-hop fields ({@link HopByHop}),
 * {@code Transfer-Encoding} or {@code Expect} (Sieve holds the body, or streams what inspection proved clean, and
 * answered {@code Expect} itself). It carries {@code Content-Length} of the held body whenever the agent's
 * request had a body or declared a length, and a {@code Host} naming the target, except that an
 * agent's own {@code Host} is kept inside an intercepted (TLS) tunnel.
 */
public final class UpstreamRequests {
    private UpstreamRequests() {}

    /**
     * @param request   the agent's request head (after any rewrite by inspection)
     * @param target    the checked destination
     * @param bodyBytes the length of the body that follows the head
     */
    public static HttpRequest forUpstream(HttpRequest request, Target target, int bodyBytes) {
        // Never a userinfo nor a fragment: the exchange refuses a request that has one, and this holds anyway.
        HttpRequest out = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(),
                RequestTarget.parse(request.uri()).pathAndQuery(), request.headers().copy());
        HttpHeaders h = out.headers();
        HopByHop.strip(h);
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        h.remove(HttpHeaderNames.EXPECT);
        if (bodyBytes > 0 || request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)
                || HttpUtil.isTransferEncodingChunked(request)) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, bodyBytes);
        }
        if (!target.tls() || !h.contains(HttpHeaderNames.HOST)) {
            h.set(HttpHeaderNames.HOST, hostHeader(target));
        }
        return out;
    }

    /**
     * The head of a request whose body is streamed before its length is known (see {@link UpstreamCall#streamed}):
     * as {@link #forUpstream}, but framed open-ended, {@code Transfer-Encoding: chunked} and no
     * {@code Content-Length} (on an h2 stream the codec drops {@code Transfer-Encoding}, leaving the body's end to
     * END_STREAM).
     */
    public static HttpRequest forStreamedUpstream(HttpRequest request, Target target) {
        HttpRequest out = forUpstream(request, target, 0);
        out.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        HttpUtil.setTransferEncodingChunked(out, true);
        return out;
    }

    /** {@code host}, {@code [v6]} or either with {@code :port} when the port is not the scheme's default. */
    static String hostHeader(Target t) {
        boolean defaultPort = t.tls() ? t.port() == 443 : t.port() == 80;
        String host = t.host().indexOf(':') >= 0 ? "[" + t.host() + "]" : t.host();
        return defaultPort ? host : host + ":" + t.port();
    }

    /**
     * {@code https://host/p?q} -> {@code /p?q}; origin-form stays; empty becomes {@code /}. A fragment the agent sent
     * ({@code #...}) is kept, for inspection (view {@code target:fragment}) and the audit (masked {@code #***}); the
     * head sent upstream never has one ({@link #forUpstream}). See {@link RequestTarget}.
     */
    public static String originForm(String uri) {
        return RequestTarget.parse(uri).originFormWithFragment();
    }
}
