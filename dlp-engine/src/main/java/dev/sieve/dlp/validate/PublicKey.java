package dev.sieve.dlp.validate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code public-key}: fails a match that is a key its vendor ships to every browser or app, so that sending it leaks
 * nothing (the way public crypto addresses are not secrets). Only where the context says so:
 * <ul>
 *   <li>a Google API key ({@code AIza...}) of a Firebase app's client configuration, under the name the
 *       configuration gives it ({@link #firebaseKeyName}), with a web {@code firebaseConfig}'s marks (an
 *       {@code authDomain} under {@code firebaseapp.com}, a {@code messagingSenderId}), Android's
 *       {@code google-services.json} ({@code mobilesdk_app_id}) or iOS's {@code GoogleService-Info.plist}
 *       ({@code GOOGLE_APP_ID}) within {@value #REACH} characters;</li>
 *   <li>a Google API key in the URL of the Maps JavaScript loader or the Maps Embed API ({@code /maps/api/js?key=},
 *       {@code /maps/embed/v1/...?key=}): a browser key by construction. A key in a web-service URL
 *       ({@code /maps/api/geocode/json?key=}) is a server key and stays a finding;</li>
 *   <li>a Segment write key inside the analytics.js snippet ({@code SNIPPET_VERSION}, {@code window.analytics},
 *       {@code analytics=window[...]}, {@code cdn.segment.com/analytics.js} before it): a browser source's key;</li>
 *   <li>a Google Maps key whose label says it is bundled into the page ({@code NEXT_PUBLIC_GOOGLE_MAPS_API_KEY},
 *       {@code VITE_...}, {@code GOOGLE_MAPS_BROWSER_KEY});</li>
 *   <li>an Algolia key whose label (its line) says search ({@code ALGOLIA_SEARCH_ONLY_API_KEY}, {@code searchKey},
 *       {@code const searchClient = algoliasearch(...)}) and not admin or write, or that follows an import of
 *       {@code algoliasearch/lite} (the search-only client): search-only keys are made for front ends.
 *       {@code const client = algoliasearch(appId, key)} names the client, not the key, and stays a finding;</li>
 *   <li>a Datadog browser client token ({@code clientToken: 'pub' + 32 hex}), which RUM and browser logs embed.</li>
 * </ul>
 * Each check applies to its own shape of match (a key holding {@code AIza}; a write-key label or
 * {@code analytics.load}; a 32-hex key, bare or under a label naming algolia; a {@code clientToken} assignment), so a
 * rule may list the validator whatever it matches. A Gemini or Maps server key, a Segment server source's key, an
 * Algolia admin key and every other value stays a finding.
 */
final class PublicKey implements Validator {

    static final int REACH = 400;
    /** How far before an Algolia key its label is looked for (a line's variable name, a JSON or YAML key). */
    private static final int LABEL_REACH = 64;

    private static final String[] FIREBASE_MARKERS = {"firebaseapp.com", "messagingsenderid", "mobilesdk_app_id",
        "google_app_id", "gcm_sender_id"};
    private static final String[] BROWSER_MAPS_URLS = {"/maps/api/js?", "/maps/embed/v1/"};
    private static final String[] SEGMENT_SNIPPET = {"snippet_version", "window.analytics", "analytics=window[",
        "cdn.segment.com/analytics.js", "analytics = window["};
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    /** A match ending in a 32-hex value (an assignment's), with its closing quote. */
    private static final Pattern HEX32_VALUE = Pattern.compile("(?<![0-9a-f])[0-9a-f]{32}[\"'`]?$");
    /** Labels of a key bundled into a page: a browser key, or a framework's variable inlined into the client build. */
    private static final String[] BROWSER_LABELS = {"browser", "next_public_", "vite_", "react_app_", "expo_public_",
        "nuxt_public_", "gatsby_", "public_"};
    private static final Pattern DATADOG_CLIENT_TOKEN =
            Pattern.compile("(?i)token[\"']?[ \\t]{0,4}[:=][ \\t]{0,4}[\"'`]?pub[0-9a-f]{32}\\b");

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        String m = match.toString();
        String lower = m.toLowerCase(Locale.ROOT);
        String before = ctx.before(REACH).toString().toLowerCase(Locale.ROOT);
        if (DATADOG_CLIENT_TOKEN.matcher(m).find() && (lower.contains("client") || before.endsWith("client")
                || before.endsWith("client_"))) {
            return false;
        }
        if (m.contains("AIza")) {
            String around = before + " " + ctx.after(REACH).toString().toLowerCase(Locale.ROOT);
            String upTo = before + m.substring(0, m.indexOf("AIza")).toLowerCase(Locale.ROOT);
            String label = label(upTo);
            if (firebaseKeyName(label, upTo) && containsAny(around, FIREBASE_MARKERS)) {
                return false;
            }
            String near = before.substring(Math.max(0, before.length() - 160));
            int url = lastIndexOfAny(near, BROWSER_MAPS_URLS);
            if (url >= 0 && near.indexOf(' ', url) < 0 && near.indexOf('\n', url) < 0) {
                return false; // the key is a parameter of that loader's URL
            }
            if (label.contains("maps") && containsAny(label, BROWSER_LABELS)) {
                return false; // NEXT_PUBLIC_GOOGLE_MAPS_API_KEY, GOOGLE_MAPS_BROWSER_KEY: bundled into the page
            }
        }
        if ((lower.contains("write") || lower.contains("analytics.load")) && containsAny(before, SEGMENT_SNIPPET)) {
            return false;
        }
        Matcher hex = HEX32_VALUE.matcher(m);
        if (hex.find()) {
            String label = label(before + m.substring(0, hex.start()).toLowerCase(Locale.ROOT));
            boolean algolia = HEX32.matcher(m).matches() || label.contains("algolia"); // the rule's own, or labelled so
            return !(algolia && (before.contains("algoliasearch/lite") || searchOnly(label)));
        }
        return true;
    }

    @Override
    public int reach() {
        return REACH;
    }

    /**
     * The label of a value whose text before it (lower case) is {@code lowerBefore}: its line back to a line break, a
     * brace or a semicolon, at most {@value #LABEL_REACH} characters ({@code const searchClient = algoliasearch("ID", },
     * {@code NEXT_PUBLIC_ALGOLIA_SEARCH_ONLY_API_KEY=}, {@code searchKey: }).
     */
    static String label(String lowerBefore) {
        int from = Math.max(0, lowerBefore.length() - LABEL_REACH);
        int cut = Math.max(lowerBefore.lastIndexOf('\n'), Math.max(lowerBefore.lastIndexOf('{'),
                lowerBefore.lastIndexOf(';')));
        return lowerBefore.substring(Math.max(from, cut + 1));
    }

    /** A label that names a search key, not an admin or write one ({@code algoliasearch} names the client). */
    static boolean searchOnly(String label) {
        String l = label.replace("algoliasearch", "");
        return l.contains("search") && !l.contains("admin") && !l.contains("write");
    }

    /**
     * The key's own name is the one a Firebase configuration gives it: {@code apiKey} (web), {@code current_key}
     * (google-services.json), {@code API_KEY} on the plist line before, or a name holding firebase
     * ({@code NEXT_PUBLIC_FIREBASE_API_KEY}); a {@code GEMINI_API_KEY} beside a Firebase configuration is not.
     */
    static boolean firebaseKeyName(String label, String lowerUpTo) {
        int end = label.length();
        while (end > 0 && !Character.isLetterOrDigit(label.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && (Character.isLetterOrDigit(label.charAt(start - 1)) || label.charAt(start - 1) == '_'
                || label.charAt(start - 1) == '-')) {
            start--;
        }
        String name = label.substring(start, end).replace("_", "").replace("-", "");
        if (name.equals("string")) { // <key>API_KEY</key>\n<string>AIza...
            String tail = lowerUpTo.substring(Math.max(0, lowerUpTo.length() - 48));
            return tail.contains("<key>api_key</key>");
        }
        return name.equals("apikey") || name.equals("currentkey") || name.contains("firebase");
    }

    private static boolean containsAny(String text, String[] needles) {
        for (String n : needles) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static int lastIndexOfAny(String text, String[] needles) {
        int best = -1;
        for (String n : needles) {
            best = Math.max(best, text.lastIndexOf(n));
        }
        return best;
    }
}
