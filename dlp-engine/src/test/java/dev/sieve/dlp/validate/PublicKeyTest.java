package dev.sieve.dlp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code public-key} validator: keys shipped to browsers and apps by design fail it, everything else passes. */
class PublicKeyTest {

    private static final Validator V = Validators.create("public-key", Map.of());
    private static final String GOOGLE = "AIzaQ7fJk2LmN9pR4sT6vX8zB1dF3hK5mP7rT9w";
    private static final String HEX = "cc3fc1626e53a13043b026c48bbf33fe";

    private static ValidationContext around(String before, String after) {
        return new ValidationContext() {
            @Override
            public String ruleId() {
                return "credential.x";
            }

            @Override
            public CharSequence before(int maxChars) {
                return before.substring(Math.max(0, before.length() - maxChars));
            }

            @Override
            public CharSequence after(int maxChars) {
                return after.substring(0, Math.min(maxChars, after.length()));
            }
        };
    }

    private static boolean passes(String before, String match, String after) {
        return V.test(match, around(before, after));
    }

    @Test
    void googleKeysOfFirebaseClientConfigurationsAndBrowserMapsUrlsArePublic() {
        assertThat(passes("const firebaseConfig = {\n  apiKey: \"", GOOGLE,
                "\",\n  authDomain: \"shop-7f2a1.firebaseapp.com\",\n  projectId: \"shop-7f2a1\"\n};")).isFalse();
        assertThat(passes("{\"client\": [{\"client_info\": {\"mobilesdk_app_id\": \"1:8421:android:3f\"},"
                + " \"api_key\": [{\"current_key\": \"", GOOGLE, "\"}]}]}")).as("google-services.json").isFalse();
        assertThat(passes("<key>API_KEY</key>\n<string>", GOOGLE, "</string>\n<key>GOOGLE_APP_ID</key>"))
                .as("GoogleService-Info.plist").isFalse();
        assertThat(passes("<plist><dict>\n", "<key>API_KEY</key>\n<string>" + GOOGLE, "</string>\n<key>GOOGLE_APP_ID</key>"))
                .as("the plist's key and value in one match").isFalse();
        assertThat(passes("<script src=\"https://maps.googleapis.com/maps/api/js?key=", GOOGLE, "&callback=init\">"))
                .as("the Maps JavaScript loader").isFalse();
        assertThat(passes("<iframe src=\"https://www.google.com/maps/embed/v1/place?q=Berlin&key=", GOOGLE, "\">"))
                .as("the Maps Embed API").isFalse();
    }

    @Test
    void mapsKeysLabelledForTheBrowserArePublic() {
        assertThat(passes("// restricted to https://*.shop.invalid/*\nNEXT_PUBLIC_GOOGLE_MAPS_API_KEY=", GOOGLE, "\n"))
                .isFalse();
        assertThat(passes("", "GOOGLE_MAPS_BROWSER_KEY=" + GOOGLE, "\n")).as("the label inside the match").isFalse();
        assertThat(passes("GOOGLE_MAPS_API_KEY=", GOOGLE, "\n")).as("a server's maps key").isTrue();
        assertThat(passes("NEXT_PUBLIC_GEMINI_KEY=", GOOGLE, "\n")).as("not a maps key").isTrue();
    }

    @Test
    void otherGoogleKeysStayFindings() {
        assertThat(passes("GEMINI_API_KEY=", GOOGLE, "\n")).isTrue();
        assertThat(passes("FIREBASE_AUTH_DOMAIN=shop-7f2a1.firebaseapp.com\nGEMINI_API_KEY=", GOOGLE, "\n"))
                .as("another key beside a Firebase configuration").isTrue();
        assertThat(passes("NEXT_PUBLIC_FIREBASE_AUTH_DOMAIN=shop-7f2a1.firebaseapp.com\n", "NEXT_PUBLIC_FIREBASE_API_KEY="
                + GOOGLE, "\n")).as("(but the configuration's own key is public)").isFalse();
        assertThat(passes("curl 'https://maps.googleapis.com/maps/api/geocode/json?address=x&key=", GOOGLE, "'"))
                .as("a web-service (server) key").isTrue();
        assertThat(passes("see /maps/api/js? for the loader. Our server key: ", GOOGLE, ""))
                .as("the loader's URL is not this key's").isTrue();
        assertThat(passes("", GOOGLE, "")).isTrue();
    }

    @Test
    void segmentWriteKeysInTheAnalyticsJsSnippetArePublic() {
        String snippet = "!function(){var i=\"analytics\",analytics=window[i]=window[i]||[];analytics.SNIPPET_VERSION="
                + "\"5.2.0\";\n";
        assertThat(passes(snippet, "analytics.load(\"NicHTp8hkqdlm7tOtHWnsCGRlrwZbqca\"", ");}}();")).isFalse();
        assertThat(passes(snippet, "_writeKey=\"NicHTp8hkqdlm7tOtHWnsCGRlrwZbqca\"", ";")).isFalse();
        assertThat(passes("# segment\n", "SEGMENT_WRITE_KEY=NicHTp8hkqdlm7tOtHWnsCGRlrwZbqca", "\n"))
                .as("a server source's key").isTrue();
        assertThat(passes(snippet, GOOGLE + "x", "")).as("the snippet says nothing of other keys").isTrue();
    }

    @Test
    void algoliaKeysLabelledSearchArePublicAdminAndWriteKeysAreNot() {
        assertThat(passes("NEXT_PUBLIC_ALGOLIA_SEARCH_ONLY_API_KEY=", HEX, "\n")).isFalse();
        assertThat(passes("algolia:\n  appId: FW0H9NYWT1\n  searchKey: ", HEX, "\n")).isFalse();
        assertThat(passes("ALGOLIA_ADMIN_API_KEY=", HEX, "\n")).isTrue();
        assertThat(passes("ALGOLIA_SEARCH_WRITE_KEY=", HEX, "\n")).isTrue();
        assertThat(passes("const client = algoliasearch('VML73CTYXV', '", HEX, "');"))
                .as("the client's name is not the key's label").isTrue();
        assertThat(passes("search results cached\nALGOLIA_API_KEY=", HEX, "\n")).as("search on another line").isTrue();
        assertThat(passes("// search-only key\nconst searchClient = algoliasearch(\"JDLLGZYRWF\", \"", HEX, "\");"))
                .as("the search client's key").isFalse();
        assertThat(passes("import algoliasearch from \"algoliasearch/lite\";\nconst c = algoliasearch(\"ID\", \"", HEX,
                "\");")).as("the lite client searches only").isFalse();
        assertThat(passes("NEXT_PUBLIC_ALGOLIA_SEARCH_ONLY_", "API_KEY=" + HEX, "\n"))
                .as("an assignment's match, its label begun before it").isFalse();
        assertThat(passes("# algolia index settings\n", "ELASTIC_SEARCH_API_KEY=" + HEX, "\n"))
                .as("a search engine's key of another vendor").isTrue();
    }

    @Test
    void datadogBrowserClientTokensArePublic() {
        assertThat(passes("datadogRum.init({ ", "clientToken: 'pub3f9a1c0e7b2d4f6a8c1e3b5d7f9a0c2e'", " });"))
                .isFalse();
        assertThat(passes("datadogRum.init({ client", "Token: 'pub3f9a1c0e7b2d4f6a8c1e3b5d7f9a0c2e'", " });"))
                .as("the match starts inside the key").isFalse();
        assertThat(passes("", "api_token: 'pub3f9a1c0e7b2d4f6a8c1e3b5d7f9a0c2e'", "")).as("not a client token")
                .isTrue();
        assertThat(passes("", "clientToken: 'b3f9a1c0e7b2d4f6a8c1e3b5d7f9a0c2e1'", "")).as("no pub prefix").isTrue();
    }
}
