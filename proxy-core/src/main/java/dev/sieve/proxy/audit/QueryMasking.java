package dev.sieve.proxy.audit;

import java.util.regex.Pattern;

/**
 * Masks the query of a request target before it is logged or audited.
 *
 * <p>Every parameter value becomes {@code ***}; parameter names stay when they look like names
 * ({@code [A-Za-z0-9_.\-\[\]]}, at most {@value #MAX_NAME_CHARS} characters), otherwise the whole parameter
 * becomes {@code ***}. A parameter without {@code =} is treated as a value. A fragment becomes {@code #***}.
 * The path is left to {@link PathMasking}, which applies this too. The result is stable: masking a masked target
 * returns it unchanged.
 */
public final class QueryMasking {

    static final String MASK = "***";
    private static final int MAX_NAME_CHARS = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]{1," + MAX_NAME_CHARS + "}");

    private QueryMasking() {}

    /** {@code /v1/x?q=secret&k=1} becomes {@code /v1/x?q=***&k=***}; null stays null. */
    public static String maskQuery(String pathAndQuery) {
        if (pathAndQuery == null) {
            return null;
        }
        String target = pathAndQuery;
        String fragment = "";
        int hash = target.indexOf('#');
        if (hash >= 0) {
            fragment = "#" + MASK;
            target = target.substring(0, hash);
        }
        int question = target.indexOf('?');
        if (question < 0) {
            return target + fragment;
        }
        StringBuilder out = new StringBuilder(target.length()).append(target, 0, question + 1);
        String query = target.substring(question + 1);
        if (query.isEmpty()) {
            return out.append(fragment).toString();
        }
        String[] params = query.split("&", -1);
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String param = params[i];
            int eq = param.indexOf('=');
            if (param.isEmpty()) {
                continue;
            }
            if (eq > 0 && NAME.matcher(param.substring(0, eq)).matches()) {
                out.append(param, 0, eq + 1).append(MASK);
            } else {
                out.append(MASK);
            }
        }
        return out.append(fragment).toString();
    }
}
