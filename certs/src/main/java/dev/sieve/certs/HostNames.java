package dev.sieve.certs;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.bouncycastle.util.IPAddress;

/**
 * Canonical form of the host names Sieve mints certificates for and caches them under.
 *
 * <p>{@link #normalize} maps every spelling of one host to one string: DNS names become lower-case
 * ASCII (IDN labels as {@code xn--} A-labels) without a trailing dot; IPv4 literals must be strict
 * dotted quads; IPv6 literals lose their brackets and take the RFC 5952 text form. Nothing here
 * resolves names: no method performs a DNS lookup.
 */
public final class HostNames {

    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;
    private static final int MAX_ECHO_LENGTH = 300;

    private HostNames() {}

    /**
     * Returns the canonical form of {@code host}.
     *
     * @throws IllegalArgumentException if {@code host} is null, empty, longer than 253 characters,
     *     has an empty label or one longer than 63 characters, contains a character outside
     *     {@code [a-z0-9-_]} after IDN conversion, or looks numeric without being a valid IP literal
     */
    public static String normalize(String host) {
        if (host == null || host.isEmpty()) {
            throw invalid(host, "a non-empty host name or IP literal");
        }
        if (host.startsWith("[") || host.endsWith("]")) {
            if (host.length() < 2 || !host.startsWith("[") || !host.endsWith("]")) {
                throw invalid(host, "a bracketed IPv6 literal such as [::1]");
            }
            String inner = host.substring(1, host.length() - 1);
            if (!isIpv6Literal(inner)) {
                throw invalid(host, "a bracketed IPv6 literal such as [::1]");
            }
            return canonicalIpv6(inner);
        }
        if (host.indexOf(':') >= 0) {
            if (!isIpv6Literal(host)) {
                throw invalid(host, "an IPv6 literal without port or zone, such as ::1");
            }
            return canonicalIpv6(host);
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (isIpv4Literal(name)) {
            return name;
        }
        return normalizeDnsName(host, name);
    }

    /**
     * Returns true if {@code host} is an IPv4 dotted quad or an IPv6 literal (optionally in
     * brackets). Never performs a DNS lookup.
     */
    public static boolean isIpLiteral(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
            return isIpv6Literal(host.substring(1, host.length() - 1));
        }
        return isIpv4Literal(host) || isIpv6Literal(host);
    }

    /** Address bytes of a normalized IP literal (4 or 16 bytes); no DNS lookup happens. */
    static byte[] ipAddressBytes(String ipLiteral) {
        if (isIpv4Literal(ipLiteral)) {
            byte[] bytes = new byte[4];
            String[] parts = ipLiteral.split("\\.", -1);
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return bytes;
        }
        if (isIpv6Literal(ipLiteral)) {
            return ipv6Bytes(ipLiteral);
        }
        throw invalid(ipLiteral, "an IPv4 dotted quad or an IPv6 literal");
    }

    private static String normalizeDnsName(String original, String lowerCased) {
        String ascii = lowerCased;
        if (!isAscii(ascii)) {
            try {
                ascii = IDN.toASCII(ascii).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw invalid(original, "a valid internationalized domain name");
            }
        }
        if (ascii.isEmpty()) {
            throw invalid(original, "a non-empty host name or IP literal");
        }
        if (ascii.length() > MAX_NAME_LENGTH) {
            throw invalid(original, "at most " + MAX_NAME_LENGTH + " characters");
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            checkLabel(original, label);
        }
        if (isAllDigits(labels[labels.length - 1])) {
            throw invalid(original, "a dotted-quad IPv4 address or a DNS name whose last label is not numeric");
        }
        return ascii;
    }

    private static void checkLabel(String original, String label) {
        if (label.isEmpty()) {
            throw invalid(original, "no empty labels");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            throw invalid(original, "labels of at most " + MAX_LABEL_LENGTH + " characters");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw invalid(original, "only letters, digits, '-' and '_' in labels");
            }
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw invalid(original, "labels that do not start or end with '-'");
        }
    }

    /** Strict dotted quad: four decimal parts 0-255, no leading zeros (they read as octal elsewhere). */
    private static boolean isIpv4Literal(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !isAllDigits(part)) {
                return false;
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                return false;
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6Literal(String s) {
        if (s.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = Character.digit(c, 16) >= 0 || c == ':' || c == '.';
            if (!ok) {
                return false; // also rules out zone ids ('%') and anything a resolver would look up
            }
        }
        return IPAddress.isValidIPv6(s);
    }

    /** Only called on strings {@link #isIpv6Literal} accepted, so the JDK parses a literal and never resolves. */
    private static byte[] ipv6Bytes(String literal) {
        try {
            InetAddress address = InetAddress.getByName(literal);
            byte[] bytes = address.getAddress();
            if (address instanceof Inet4Address) { // the JDK folds ::ffff:a.b.c.d to IPv4; keep the IPv6 form
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw invalid(literal, "an IPv6 literal without port or zone, such as ::1");
        }
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run (first if tied) of 2+ zero groups as "::". */
    private static String canonicalIpv6(String literal) {
        byte[] bytes = ipv6Bytes(literal);
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String host, String expected) {
        return new IllegalArgumentException("host: " + printable(host) + " (expected: " + expected + ")");
    }

    /** Hosts are not secrets, but they come from clients: keep control characters and huge inputs out of logs. */
    static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_ECHO_LENGTH) + 2).append('"');
        int limit = Math.min(value.length(), MAX_ECHO_LENGTH);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > limit) {
            out.append("...(").append(value.length()).append(" chars)");
        }
        return out.append('"').toString();
    }
}
