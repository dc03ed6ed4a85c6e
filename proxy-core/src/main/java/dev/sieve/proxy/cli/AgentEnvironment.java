package dev.sieve.proxy.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code sieve ca env} prints: the variables that make common runtimes send their traffic through Sieve and
 * trust its CA, rendered for a shell. Pure: the files it names are written by the command.
 */
final class AgentEnvironment {
    static final String NO_PROXY = "localhost,127.0.0.1,::1";

    enum Shell { BASH, FISH, POWERSHELL }

    /** Where agents reach Sieve: {@code http://HOST:PORT}, as given to {@code --proxy} or derived from the listener. */
    record ProxyUrl(String host, int port) {
        /** {@code http://host:port}; IPv6 hosts in brackets. */
        String url() {
            return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }

        /**
         * Parses {@code http://HOST:PORT} (a trailing {@code /} is accepted).
         *
         * @throws IllegalArgumentException naming {@code option} when {@code text} is anything else
         */
        static ProxyUrl parse(String option, String text) {
            String expected = option + ": " + text + " (expected: http://HOST:PORT)";
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(expected);
            }
            String path = uri.getRawPath();
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || (path != null && !path.isEmpty() && !path.equals("/"))) {
                throw new IllegalArgumentException(expected);
            }
            String host = uri.getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new ProxyUrl(host, uri.getPort());
        }
    }

    private AgentEnvironment() {}

    /**
     * The variables in print order.
     *
     * @param bundle        PEM bundle of the system trust anchors plus Sieve's CA
     * @param caCertificate Sieve's CA certificate alone (Node adds it to its own store)
     * @param trustStore    PKCS#12 trust store with the same anchors as {@code bundle} (for Java)
     */
    static Map<String, String> variables(ProxyUrl proxy, Path bundle, Path caCertificate, Path trustStore) {
        String url = proxy.url();
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("HTTPS_PROXY", url);
        vars.put("HTTP_PROXY", url);
        vars.put("https_proxy", url);
        vars.put("http_proxy", url);
        vars.put("NO_PROXY", NO_PROXY);
        vars.put("no_proxy", NO_PROXY);
        // Node.js ignores the proxy variables unless told (honoured from Node 22.21 and 24); older Node goes
        // direct, which only an egress firewall stops (README: "Making the proxy mandatory").
        vars.put("NODE_USE_ENV_PROXY", "1");
        vars.put("CURL_CA_BUNDLE", bundle.toString());
        vars.put("REQUESTS_CA_BUNDLE", bundle.toString());
        vars.put("SSL_CERT_FILE", bundle.toString());
        // boto3/botocore (Amazon Bedrock) read their own variable, not REQUESTS_CA_BUNDLE.
        vars.put("AWS_CA_BUNDLE", bundle.toString());
        vars.put("GIT_SSL_CAINFO", bundle.toString());
        vars.put("NODE_EXTRA_CA_CERTS", caCertificate.toString());
        vars.put("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + trustStore
                + " -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12"
                + " -Dhttps.proxyHost=" + proxy.host() + " -Dhttps.proxyPort=" + proxy.port()
                + " -Dhttp.proxyHost=" + proxy.host() + " -Dhttp.proxyPort=" + proxy.port()
                + " -Dhttp.nonProxyHosts=localhost|127.0.0.1");
        return vars;
    }

    /** One line per variable in {@code shell}'s syntax, values quoted so the shell takes them literally. */
    static List<String> render(Shell shell, Map<String, String> vars) {
        List<String> lines = new ArrayList<>(vars.size());
        for (var e : vars.entrySet()) {
            lines.add(switch (shell) {
                case BASH -> "export " + e.getKey() + "=" + posixQuote(e.getValue());
                case FISH -> "set -gx " + e.getKey() + " " + posixQuote(e.getValue());
                case POWERSHELL -> "$env:" + e.getKey() + " = '" + e.getValue().replace("'", "''") + "'";
            });
        }
        return lines;
    }

    static String posixQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
