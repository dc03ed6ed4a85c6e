package dev.sieve.proxy.upstream;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/** What Sieve changes in a relayed response (the exchange's verdict decides it). */
public interface ResponseEdit {
    /** Amends the final response head before it is written to the agent. */
    void onHead(HttpResponse response, boolean bodyless);

    /** The content to write instead of {@code content} (which it then owns); {@code content} itself when unchanged. */
    HttpContent onContent(HttpContent content);
}
