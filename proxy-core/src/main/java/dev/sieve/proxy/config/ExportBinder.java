package dev.sieve.proxy.config;

import dev.sieve.proxy.export.ExportFormat;
import dev.sieve.proxy.export.ExportSettings;
import dev.sieve.proxy.export.RecordKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Validates {@code audit.export} into {@link ExportSettings}; errors in {@link ConfigBinder}'s form. */
final class ExportBinder {

    /** RFC 5424 facility names and numbers. */
    static final Map<String, Integer> FACILITIES = Map.ofEntries(Map.entry("kern", 0), Map.entry("user", 1),
            Map.entry("daemon", 3), Map.entry("auth", 4), Map.entry("syslog", 5), Map.entry("authpriv", 10),
            Map.entry("audit", 13), Map.entry("local0", 16), Map.entry("local1", 17), Map.entry("local2", 18),
            Map.entry("local3", 19), Map.entry("local4", 20), Map.entry("local5", 21), Map.entry("local6", 22),
            Map.entry("local7", 23));
    private static final String RECORDS = Arrays.stream(RecordKind.values()).map(RecordKind::yamlName)
            .collect(Collectors.joining(", "));

    private final ConfigBinder binder;

    ExportBinder(ConfigBinder binder) {
        this.binder = binder;
    }

    List<ExportSettings> bind(List<ConfigDto.ExportDto> list) {
        if (list == null) {
            return List.of();
        }
        List<ExportSettings> sinks = new ArrayList<>(list.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "audit.export[" + i + "]";
            ConfigDto.ExportDto e = list.get(i);
            if (e == null) {
                throw binder.fail(path, "null", "a mapping with type: syslog or stdout");
            }
            ExportSettings s = entry(path, e, i);
            if (!names.add(s.name())) {
                throw binder.fail(path + ".name", ConfigBinder.quote(s.name()), "each sink name once");
            }
            sinks.add(s);
        }
        return List.copyOf(sinks);
    }

    private ExportSettings entry(String path, ConfigDto.ExportDto e, int index) {
        ExportSettings.Type type = switch (e.type == null ? "" : e.type) {
            case "syslog" -> ExportSettings.Type.SYSLOG;
            case "stdout" -> ExportSettings.Type.STDOUT;
            default -> throw binder.fail(path + ".type", ConfigBinder.quote(e.type), "syslog or stdout");
        };
        String name = e.name == null ? type.name().toLowerCase(Locale.ROOT) + "-" + index : e.name;
        if (!name.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw binder.fail(path + ".name", ConfigBinder.quote(name),
                    "1-32 lower-case letters, digits and '-' (it labels metrics)");
        }
        ExportFormat format = switch (e.format == null ? "json" : e.format) {
            case "json" -> ExportFormat.JSON;
            case "ocsf" -> ExportFormat.OCSF;
            default -> throw binder.fail(path + ".format", ConfigBinder.quote(e.format), "json or ocsf");
        };
        ExportSettings.Overflow overflow = switch (e.overflow == null ? "block" : e.overflow) {
            case "block" -> ExportSettings.Overflow.BLOCK;
            case "fail-closed" -> ExportSettings.Overflow.FAIL_CLOSED;
            default -> throw binder.fail(path + ".overflow", ConfigBinder.quote(e.overflow), "block or fail-closed");
        };
        int capacity = e.queueCapacity == null ? ExportSettings.DEFAULT_QUEUE_CAPACITY
                : binder.integer(path + ".queueCapacity", e.queueCapacity, 1, ExportSettings.MAX_QUEUE_CAPACITY);
        Set<RecordKind> records = records(path + ".records", e.records);
        Optional<ExportSettings.Syslog> syslog = Optional.empty();
        if (type == ExportSettings.Type.SYSLOG) {
            syslog = Optional.of(syslog(path, e));
        } else {
            for (var key : Map.of("address", Optional.ofNullable(e.address), "transport",
                    Optional.ofNullable(e.transport), "caFile", Optional.ofNullable(e.caFile), "certFile",
                    Optional.ofNullable(e.certFile), "keyFile", Optional.ofNullable(e.keyFile), "serverName",
                    Optional.ofNullable(e.serverName), "appName", Optional.ofNullable(e.appName), "facility",
                    Optional.ofNullable(e.facility)).entrySet()) {
                if (key.getValue().isPresent()) {
                    throw binder.fail(path + "." + key.getKey(), ConfigBinder.quote(key.getValue().get()),
                            "no " + key.getKey() + " for type stdout (syslog only)");
                }
            }
        }
        return new ExportSettings(name, type, format, syslog, records, capacity, overflow);
    }

    private ExportSettings.Syslog syslog(String path, ConfigDto.ExportDto e) {
        if (e.address == null) {
            throw binder.fail(path + ".address", "null", "host:port of the syslog listener");
        }
        int colon = e.address.lastIndexOf(':');
        String host = colon <= 0 ? "" : e.address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(e.address.substring(colon + 1));
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw binder.fail(path + ".address", ConfigBinder.quote(e.address),
                    "host:port of the syslog listener, such as siem.example.com:6514");
        }
        ExportSettings.Transport transport = switch (e.transport == null ? "tcp" : e.transport) {
            case "tcp" -> ExportSettings.Transport.TCP;
            case "tls" -> ExportSettings.Transport.TLS;
            default -> throw binder.fail(path + ".transport", ConfigBinder.quote(e.transport), "tcp or tls");
        };
        boolean tls = transport == ExportSettings.Transport.TLS;
        if (!tls) {
            for (var key : Map.of("caFile", Optional.ofNullable(e.caFile), "certFile", Optional.ofNullable(e.certFile),
                    "keyFile", Optional.ofNullable(e.keyFile), "serverName", Optional.ofNullable(e.serverName))
                    .entrySet()) {
                if (key.getValue().isPresent()) {
                    throw binder.fail(path + "." + key.getKey(), ConfigBinder.quote(key.getValue().get()),
                            "no " + key.getKey() + " with transport: tcp (TLS only; set transport: tls)");
                }
            }
        } else if (e.caFile == null) {
            throw binder.fail(path + ".caFile", "null", "the PEM CA file the syslog server's certificate chains to"
                    + " (required for transport: tls)");
        }
        if ((e.certFile == null) != (e.keyFile == null)) {
            throw binder.fail(path + (e.certFile == null ? ".certFile" : ".keyFile"), "null",
                    "certFile and keyFile together (a client certificate and its key), or neither");
        }
        String appName = e.appName == null ? "sieve" : e.appName;
        if (!appName.matches("[\\x21-\\x7e]{1,48}")) {
            throw binder.fail(path + ".appName", ConfigBinder.quote(appName),
                    "1-48 printable ASCII characters without spaces");
        }
        String facilityName = e.facility == null ? "local0" : e.facility;
        Integer facility = FACILITIES.get(facilityName);
        if (facility == null) {
            throw binder.fail(path + ".facility", ConfigBinder.quote(facilityName),
                    "one of " + FACILITIES.keySet().stream().sorted().collect(Collectors.joining(", ")));
        }
        return new ExportSettings.Syslog(host, port, transport,
                binder.optionalFile(path + ".caFile", e.caFile),
                binder.optionalFile(path + ".certFile", e.certFile),
                binder.optionalFile(path + ".keyFile", e.keyFile),
                Optional.ofNullable(e.serverName), appName, facility);
    }

    private Set<RecordKind> records(String path, List<String> values) {
        if (values == null) {
            return EnumSet.allOf(RecordKind.class);
        }
        if (values.isEmpty()) {
            throw binder.fail(path, "[]", "at least one of " + RECORDS + "; omit the key for all");
        }
        Set<RecordKind> kinds = EnumSet.noneOf(RecordKind.class);
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            String itemPath = path + "[" + i + "]";
            RecordKind kind = Arrays.stream(RecordKind.values()).filter(k -> k.yamlName().equals(v)).findFirst()
                    .orElseThrow(() -> binder.fail(itemPath, ConfigBinder.quote(v), "one of " + RECORDS));
            if (!kinds.add(kind)) {
                throw binder.fail(itemPath, ConfigBinder.quote(v), "each record kind once");
            }
        }
        return kinds;
    }
}
