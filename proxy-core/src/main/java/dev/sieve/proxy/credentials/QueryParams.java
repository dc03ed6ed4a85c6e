package dev.sieve.proxy.credentials;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and rewrites one parameter in a request target's query ({@code /p?a=1&key=x}). Names compare after
 * percent-decoding; other parameters are kept byte for byte and in order. The JDK's {@link URLDecoder} and
 * {@link URLEncoder} do the form encoding; a parameter that does not decode is treated as another parameter.
 */
final class QueryParams {
    private QueryParams() {}

    /** The decoded values of {@code name} in {@code uri}'s query, in order (empty when absent). */
    static List<String> values(String uri, String name) {
        List<String> out = new ArrayList<>();
        int q = uri.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String pair : uri.substring(q + 1).split("&", -1)) {
            int eq = pair.indexOf('=');
            if (name.equals(decode(eq < 0 ? pair : pair.substring(0, eq)))) {
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                out.add(v == null ? pair : v);
            }
        }
        return out;
    }

    /** {@code uri} without {@code name}, then (when {@code value} is not null) with {@code name=value} at the end. */
    static String replace(String uri, String name, String value) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        StringBuilder query = new StringBuilder();
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&", -1)) {
                int eq = pair.indexOf('=');
                if (pair.isEmpty() || name.equals(decode(eq < 0 ? pair : pair.substring(0, eq)))) {
                    continue;
                }
                query.append(query.length() == 0 ? "" : "&").append(pair);
            }
        }
        if (value != null) {
            query.append(query.length() == 0 ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return query.length() == 0 ? path : path + "?" + query;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
