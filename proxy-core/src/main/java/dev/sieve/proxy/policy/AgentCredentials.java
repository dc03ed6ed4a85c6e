package dev.sieve.proxy.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The syntax of agent ids and static agent tokens, and the token file: what the configuration checks at load and
 * the authenticator ({@code dev.sieve.proxy.auth.AgentAuthenticator}) uses. No message ever shows a token.
 */
public final class AgentCredentials {

    /** Agent ids appear in logs, audit records and metric labels, so they are restricted to a safe alphabet. */
    public static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The shortest static token accepted; shorter ones are guessable. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private AgentCredentials() {}

    /**
     * Reads a token file: one {@code agentId:token} per line; blank lines and lines starting with
     * {@code #} are skipped; surrounding whitespace is trimmed.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException {@code "<file>:<line>: ..."} for a malformed line or a repeated
     *     agent id; the message names file and line only, never an id or a token (a line with its
     *     fields swapped would otherwise leak the token)
     */
    public static Map<String, String> loadTokenFile(Path file) throws IOException {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                String where = file + ":" + lineNumber + ": ";
                if (colon < 0) {
                    throw new IllegalArgumentException(where + "no ':' in line (expected: agentId:token)");
                }
                String agentId = trimmed.substring(0, colon).strip();
                String token = trimmed.substring(colon + 1).strip();
                String problem = validate(agentId, token);
                if (problem != null) {
                    throw new IllegalArgumentException(where + problem);
                }
                Integer earlier = firstLine.putIfAbsent(agentId, lineNumber);
                if (earlier != null) {
                    throw new IllegalArgumentException(
                            where + "agent id: repeated (expected: each agent once; first on line " + earlier + ")");
                }
                tokens.put(agentId, token);
            }
        }
        return tokens;
    }

    /**
     * Checks one agent id and token the way the constructor does.
     *
     * @throws IllegalArgumentException {@code "agent id: <not shown> (expected: ...)"} or
     *     {@code "token: <not shown> (expected: ...)"}; neither value is ever shown
     */
    public static void checkCredential(String agentId, String token) {
        String problem = validate(agentId, token);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Returns why an id/token pair is unacceptable, or null; mentions neither value (they may be swapped). */
    static String validate(String agentId, String token) {
        if (agentId == null || !AGENT_ID.matcher(agentId).matches()) {
            return "agent id: <not shown> (expected: 1-64 of [A-Za-z0-9._-], starting with a letter or digit)";
        }
        if (token == null || token.length() < MIN_TOKEN_LENGTH || hasWhitespaceOrControl(token)) {
            return "token: <not shown> (expected: at least " + MIN_TOKEN_LENGTH + " characters, no whitespace)";
        }
        return null;
    }

    private static boolean hasWhitespaceOrControl(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }
}
