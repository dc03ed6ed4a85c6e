package dev.sieve.bench.load;

import java.util.Map;

/**
 * Reads values out of a Prometheus text exposition (what Sieve's {@code /metrics} serves). A dozen lines for the
 * few gauges the soak samples; the Prometheus Java client writes this format but has no parser for it.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of the samples of metric {@code name} whose labels include every entry of {@code labels}, or NaN when
     * there is none.
     */
    static double sum(String exposition, String name, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(name) || line.length() == name.length()) {
                continue;
            }
            char after = line.charAt(name.length());
            if (after != '{' && after != ' ') {
                continue;
            }
            int valueAt = after == '{' ? line.indexOf("} ", name.length()) + 2 : name.length() + 1;
            if (valueAt < 2) {
                continue;
            }
            String labelText = after == '{' ? line.substring(name.length(), valueAt - 1) : "";
            if (labels.entrySet().stream().allMatch(e -> hasLabel(labelText, e.getKey(), e.getValue()))) {
                String value = line.substring(valueAt).trim().split(" ")[0];
                sum += Double.parseDouble(value);
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /** Whether {@code labelText} ({@code {a="x",b="y"}}) has {@code key="value"} as a whole label. */
    private static boolean hasLabel(String labelText, String key, String value) {
        String pair = key + "=\"" + value + "\"";
        return labelText.contains("{" + pair) || labelText.contains("," + pair);
    }
}
