package dev.sieve.dlp.view;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A parsed {@code Content-Type} (or {@code Content-Disposition}) value: a token and its parameters. */
record MediaType(String essence, Map<String, String> params) {

    /** Parses {@code type/subtype; name=value; name="quoted"}; returns null for a missing or blank value. */
    static MediaType parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int semi = value.indexOf(';');
        String essence = (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return new MediaType(essence, semi < 0 ? Map.of() : params(value, semi + 1));
    }

    String param(String name) {
        return params.get(name);
    }

    boolean isJson() {
        return essence.equals("application/json") || essence.endsWith("+json") || essence.equals("text/json");
    }

    boolean isMultipart() {
        return essence.startsWith("multipart/");
    }

    boolean isForm() {
        return essence.equals("application/x-www-form-urlencoded");
    }

    boolean isPdf() {
        return essence.equals("application/pdf");
    }

    /** Parameters after {@code from}: names lower-cased, quoted strings unquoted; the first of a name wins. */
    static Map<String, String> params(String s, int from) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = from;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ';' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';') {
                i++;
            }
            String name = s.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            String value = "";
            if (i < n && s.charAt(i) == '=') {
                i++;
                while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && s.charAt(i) == '"') {
                    StringBuilder v = new StringBuilder();
                    i++;
                    while (i < n && s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        v.append(s.charAt(i++));
                    }
                    i++; // closing quote
                    value = v.toString();
                } else {
                    int valueStart = i;
                    while (i < n && s.charAt(i) != ';') {
                        i++;
                    }
                    value = s.substring(valueStart, i).trim();
                }
            }
            if (!name.isEmpty()) {
                out.putIfAbsent(name, value);
            }
        }
        return out;
    }
}
