package dev.sieve.proxy.audit;

/**
 * Masks the host of a request refused as subdomain exfiltration before it is audited: the labels are the suspected
 * data, so every label but the last two that is longer than {@value #MAX_SHOWN} characters or holds a digit becomes
 * {@code {len=N}} ({@code {len=40}.team.example.com}), as {@link PathMasking} does for path segments. Pure.
 */
public final class HostMasking {

    static final int MAX_SHOWN = 12;

    private HostMasking() {}

    public static String mask(String host) {
        String[] labels = host.split("\\.", -1);
        if (labels.length <= 2) {
            return host;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            String label = labels[i];
            boolean data = label.length() > MAX_SHOWN || label.chars().anyMatch(Character::isDigit);
            out.append(i < labels.length - 2 && data ? "{len=" + label.length() + "}" : label);
        }
        return out.toString();
    }
}
