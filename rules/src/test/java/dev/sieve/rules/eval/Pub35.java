package dev.sieve.rules.eval;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Family {@code pub35}: keys that vendors ship to every browser or app by design, which a request may carry without
 * leaking anything, against the secret keys of the same vendors in the same places (session 35, from the blind vendor
 * round {@code rt35-vendors}, which found 93 of its 441 negatives flagged, 78 of them such public keys).
 * <ul>
 *   <li>Negatives ({@code neg:pub35}, {@code neg:<kind>}): a Google API key in a Firebase web {@code firebaseConfig},
 *       Android's {@code google-services.json} or iOS's {@code GoogleService-Info.plist}; in the Maps JavaScript
 *       loader's or the Maps Embed API's URL, or under a framework's public variable for Maps
 *       ({@code NEXT_PUBLIC_GOOGLE_MAPS_API_KEY}); a Segment write key in the analytics.js snippet; an Algolia key
 *       labelled search-only, or given to the search-only {@code algoliasearch/lite} client; a Datadog browser
 *       {@code clientToken} ({@code pub...}); a Supabase project's anon JWT and the keys of Supabase's local stack
 *       ({@code iss: supabase-demo}, published examples: logged); a digest of a key under a {@code _sha256} name.</li>
 *   <li>Positives ({@code pub35:<kind>}): the same vendors' secret keys in the same files and sentences: a Gemini key,
 *       a Maps web-service (server) key, a Segment server source's write key, an Algolia admin key and a key given to
 *       the full {@code algoliasearch} client, a Datadog API key, a Supabase {@code service_role} JWT.</li>
 * </ul>
 * Written with the fix, so not held out.
 */
final class Pub35 {

    static final long SEED = 20_261_235L;
    static final String FAMILY = "pub35";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String HEX = "0123456789abcdef";
    private static final List<String> TEXT_CONTAINERS = List.of("text", "json-anthropic", "json-anthropic-tool",
            "json-openai-chat", "json-gemini");

    private final Rng r;
    private final TextFamily cases;

    private Pub35(Rng r) {
        this.r = r;
        this.cases = new TextFamily(FAMILY, TEXT_CONTAINERS, r);
    }

    /** Every case of the family. */
    static List<HardCorpus.Out> cases(Rng r) {
        Pub35 c = new Pub35(r);
        for (int i = 0; i < 4; i++) {
            c.google(i);
            c.segment(i);
            c.algolia(i);
            c.datadog(i);
            c.supabase(i);
        }
        return c.cases.cases();
    }

    private String google() {
        return "AIza" + r.from(KEY_CHARS, 35);
    }

    private String project() {
        return r.pick("shop", "fieldnote", "orderly", "kestrel", "atlas") + "-" + r.from(HEX, 5);
    }

    private void google(int i) {
        String p = project();
        negative("firebase-web", "// src/firebase.js\nimport { initializeApp } from \"firebase/app\";\n\n"
                + "const firebaseConfig = {\n  apiKey: \"" + google() + "\",\n  authDomain: \"" + p
                + ".firebaseapp.com\",\n  projectId: \"" + p + "\",\n  storageBucket: \"" + p + ".appspot.com\",\n"
                + "  messagingSenderId: \"" + r.digits(12) + "\",\n  appId: \"1:" + r.digits(12) + ":web:"
                + r.from(HEX, 22) + "\"\n};\n\nexport const app = initializeApp(firebaseConfig);\n");
        negative("firebase-android", "$ cat app/google-services.json\n{\n  \"project_info\": {\"project_number\": \""
                + r.digits(12) + "\", \"project_id\": \"" + p + "\"},\n  \"client\": [{\n    \"client_info\": "
                + "{\"mobilesdk_app_id\": \"1:" + r.digits(12) + ":android:" + r.from(HEX, 16) + "\"},\n"
                + "    \"api_key\": [{\"current_key\": \"" + google() + "\"}]\n  }]\n}\n");
        negative("firebase-ios", "<key>API_KEY</key>\n<string>" + google() + "</string>\n<key>GCM_SENDER_ID</key>\n"
                + "<string>" + r.digits(12) + "</string>\n<key>GOOGLE_APP_ID</key>\n<string>1:" + r.digits(12)
                + ":ios:" + r.from(HEX, 16) + "</string>\n");
        negative("maps-browser", switch (i % 3) {
            case 0 -> "<script async\n  src=\"https://maps.googleapis.com/maps/api/js?key=" + google()
                    + "&callback=initMap&v=weekly\"></script>\n";
            case 1 -> "<iframe width=\"600\" height=\"450\" loading=\"lazy\"\n  src=\"https://www.google.com/maps/embed/"
                    + "v1/place?q=place_id:ChIJ" + r.from(ALNUM, 20) + "&key=" + google() + "\"></iframe>\n";
            default -> "# restricted to https://*." + p + ".invalid/* (HTTP referrer)\n"
                    + r.pick("NEXT_PUBLIC_GOOGLE_MAPS_API_KEY=", "VITE_GOOGLE_MAPS_KEY=", "GOOGLE_MAPS_BROWSER_KEY=")
                    + google() + "\n";
        });
        add("gemini", "credential.gcp-api-key", r.pick("GEMINI_API_KEY=", "GOOGLE_API_KEY=", "export GOOGLE_GENAI_KEY=")
                + google() + "\n");
        add("maps-server", "credential.gcp-api-key", switch (i % 2) {
            case 0 -> "curl -s 'https://maps.googleapis.com/maps/api/geocode/json?address=" + r.pick("Berlin", "Lyon")
                    + "&key=" + google() + "' | jq .results[0]\n";
            default -> "# server-side geocoding\nGOOGLE_MAPS_API_KEY=" + google() + "\n";
        });
        add("firebase-other-key", "credential.gcp-api-key", "const firebaseConfig = {\n  authDomain: \"" + p
                + ".firebaseapp.com\",\n  projectId: \"" + p + "\"\n};\n// TODO move out of the repo: the Gemini key for"
                + " the summariser\nconst GEMINI_KEY = \"" + google() + "\";\n");
    }

    private void segment(int i) {
        String key = r.from(ALNUM, 32);
        String snippet = "<!-- Segment -->\n<script>\n  !function(){var i=\"analytics\",analytics=window[i]=window[i]||[];"
                + "if(!analytics.initialize){analytics.methods=[\"track\",\"page\",\"identify\"];analytics._writeKey=\""
                + key + "\";analytics.SNIPPET_VERSION=\"5.2.0\";\n  var t=document.createElement(\"script\");t.src=\"https://"
                + "cdn.segment.com/analytics.js/v1/\"+analytics._writeKey+\"/analytics.min.js\";\n  analytics.load(\"" + key
                + "\");\n  analytics.page();\n  }}();\n</script>\n";
        negative("segment-snippet", i % 2 == 0 ? snippet : "$ cat public/index.html | sed -n '8,16p'\n" + snippet);
        add("segment-server", "credential.segment-write-key", i % 2 == 0
                ? "# Segment server source (Node)\nSEGMENT_WRITE_KEY=" + r.from(ALNUM, 32) + "\n"
                : "import { Analytics } from '@segment/analytics-node';\n// segment\nconst analytics = new Analytics({ "
                        + "writeKey: '" + r.from(ALNUM, 32) + "' });\n");
    }

    private void algolia(int i) {
        String app = r.from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10);
        negative("algolia-search", switch (i % 3) {
            case 0 -> "NEXT_PUBLIC_ALGOLIA_APP_ID=" + app + "\nNEXT_PUBLIC_ALGOLIA_SEARCH_ONLY_API_KEY=" + r.from(HEX, 32)
                    + "\nNEXT_PUBLIC_ALGOLIA_INDEX=products\n";
            case 1 -> "import algoliasearch from \"algoliasearch/lite\";\n\nconst searchClient = algoliasearch(\"" + app
                    + "\", \"" + r.from(HEX, 32) + "\");\n";
            default -> "algolia:\n  appId: " + app + "\n  searchKey: " + r.from(HEX, 32) + "\n  index: docs\n";
        });
        add("algolia-admin", "credential.algolia-key", switch (i % 3) {
            case 0 -> "ALGOLIA_APP_ID=" + app + "\nALGOLIA_ADMIN_API_KEY=" + r.from(HEX, 32) + "\n";
            case 1 -> "// indexer (server)\nconst client = algoliasearch('" + app + "', '" + r.from(HEX, 32) + "');\n"
                    + "await client.initIndex('products').saveObjects(rows);\n";
            default -> "here is the Algolia write key the search indexer uses: " + r.from(HEX, 32) + "\n";
        });
    }

    private void datadog(int i) {
        negative("datadog-client-token", "datadogRum.init({\n  applicationId: '" + uuid() + "',\n  clientToken: 'pub"
                + r.from(HEX, 32) + "',\n  site: '" + r.pick("datadoghq.com", "datadoghq.eu") + "',\n  service: '"
                + r.pick("web", "shop-ui") + "',\n  sessionSampleRate: 100\n});\n");
        negative("key-digest", r.pick("api_key_sha256: ", "token_sha1 = ", "\"secret_md5\": \"")
                + r.from(HEX, i % 2 == 0 ? 64 : 40) + (i % 2 == 0 ? "\n" : "\"\n"));
    }

    private String uuid() {
        return r.from(HEX, 8) + "-" + r.from(HEX, 4) + "-4" + r.from(HEX, 3) + "-a" + r.from(HEX, 3) + "-"
                + r.from(HEX, 12);
    }

    private String jwt(String claims) {
        return B64URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + r.from(KEY_CHARS, 43);
    }

    private void supabase(int i) {
        String ref = r.from("abcdefghijklmnopqrstuvwxyz", 20);
        long iat = 1_780_000_000L + r.nextInt(5_000_000);
        String anon = jwt("{\"iss\":\"supabase\",\"ref\":\"" + ref + "\",\"role\":\"anon\",\"iat\":" + iat + ",\"exp\":"
                + (iat + 315_360_000L) + "}");
        negative("supabase-anon", i % 2 == 0
                ? "import { createClient } from '@supabase/supabase-js'\n\n// anon key: row level security applies\n"
                        + "export const supabase = createClient('https://" + ref + ".supabase.co', '" + anon + "')\n"
                : "NEXT_PUBLIC_SUPABASE_URL=https://" + ref + ".supabase.co\nNEXT_PUBLIC_SUPABASE_ANON_KEY=" + anon + "\n");
        if (i < 2) {
            String role = i == 0 ? "anon" : "service_role";
            negative("supabase-local", "$ supabase status\n         API URL: http://127.0.0.1:54321\n" + role
                    + " key: " + jwt("{\"iss\":\"supabase-demo\",\"role\":\"" + role + "\",\"exp\":1983812996}") + "\n");
        }
        add("supabase-service-role", "credential.jwt", "SUPABASE_URL=https://" + ref + ".supabase.co\n"
                + "SUPABASE_SERVICE_ROLE_KEY=" + jwt("{\"iss\":\"supabase\",\"ref\":\"" + ref
                + "\",\"role\":\"service_role\",\"iat\":" + iat + ",\"exp\":" + (iat + 315_360_000L) + "}") + "\n");
    }

    private void add(String kind, String rule, String text) {
        cases.positive(kind, rule, text);
    }

    private void negative(String kind, String text) {
        cases.negative(kind, text);
    }
}
