package dev.sieve.dlp.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * Tokens published as samples that documentation re-signs with keys of its own, so that no fixed list of tokens can
 * hold them: a JWT carrying the claims of jwt.io's debugger sample (sub 1234567890, John Doe, iat 1516239022, with or
 * without {@code admin: true}) or of RFC 7519's example (iss joe), whatever its header, signature or spacing. A
 * credential finding whose value holds one is reported as a published example (logged, not a detection), whichever
 * rule matched it: the JWT itself, an Authorization header or a {@code token = '...'} assignment.
 *
 * <p>Also counted as published: a Supabase project's anon key, public by design, and the keys of Supabase's local
 * development stack ({@link #supabasePublic}).
 *
 * <p>Only exactly these claims count: a token with one more claim, another name or subject is someone's own. An
 * expired token is not a sample: its {@code exp} proves nothing about other copies of the key, an HS256 signature can
 * be attacked offline whatever the expiry, and a clock would make a request's verdict change with the date.
 */
public final class SampleTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SEGMENT = 4096;

    /** The samples' claims, compared as JSON values (key order and spacing do not matter). */
    private static final List<JsonNode> SAMPLE_CLAIMS = List.of(
            claims("{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}"),
            claims("{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"admin\":true,\"iat\":1516239022}"),
            claims("{\"iss\":\"joe\",\"exp\":1300819380,\"http://example.com/is_root\":true}"));

    private SampleTokens() {
    }

    /** True if {@code value} holds a JWT whose payload is one of the published samples' claims. */
    public static boolean within(CharSequence value) {
        return within(value, 0, value.length());
    }

    /**
     * True if a JWT that starts in {@code text[from, to)} has one of the published samples' claims. The token may run
     * past {@code to}: a rule that caps its value's length (a generic assignment) matches a long token's start only.
     */
    public static boolean within(CharSequence text, int from, int to) {
        int limit = Math.min(text.length(), to + 2 * MAX_SEGMENT);
        for (int at = nextStart(text, from, to); at >= 0; at = nextStart(text, at + 3, to)) {
            int dot = at;
            while (dot < limit && base64Url(text.charAt(dot))) {
                dot++;
            }
            if (dot >= limit || text.charAt(dot) != '.') {
                continue;
            }
            int end = dot + 1;
            while (end < limit && base64Url(text.charAt(end))) {
                end++;
            }
            if (end < limit && text.charAt(end) == '.' && sample(text.subSequence(dot + 1, end).toString())) {
                return true;
            }
        }
        return false;
    }

    /** Where the next {@code eyJ} (base64 of a JSON object's start) begins in {@code text[from, to)}, or -1. */
    private static int nextStart(CharSequence text, int from, int to) {
        for (int i = from; i < to && i + 2 < text.length(); i++) {
            if (text.charAt(i) == 'e' && text.charAt(i + 1) == 'y' && text.charAt(i + 2) == 'J') {
                return i;
            }
        }
        return -1;
    }

    private static boolean sample(String payload) {
        if (payload.isEmpty()) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(payload));
            return node != null && (SAMPLE_CLAIMS.contains(node) || supabasePublic(node));
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /**
     * A Supabase project's anon key ({@code iss} supabase, {@code role} anon: the key its client libraries ship to
     * browsers, row-level security deciding what it may read), or any key of the CLI's local stack ({@code iss}
     * supabase-demo, signed with the secret every {@code supabase start} prints). A {@code service_role} key of a
     * project is a secret and stays a finding.
     */
    private static boolean supabasePublic(JsonNode claims) {
        String iss = claims.path("iss").asText("");
        return iss.equals("supabase-demo") || (iss.equals("supabase") && claims.path("role").asText("").equals("anon"));
    }

    private static boolean base64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static JsonNode claims(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
