package dev.sieve.proxy.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Loads the Sieve configuration: embedded defaults overlaid with one optional YAML file.
 *
 * <p>Every key has a default, held in the resource {@value #DEFAULTS_RESOURCE}. A user file
 * overrides key by key; a section set to null or left empty keeps its defaults; lists and maps
 * replace the default as a whole (a file that sets {@code allow:} replaces the default allowlist).
 * A key whose default is not null may not be set to null. Unknown keys, duplicate keys and bad
 * values are errors ({@link ConfigException}) naming the file, line and key path.
 *
 * <p>Relative paths in the file are resolved against the file's directory ({@link #parse}: the
 * working directory); {@code ~} and {@code ~/...} expand to {@code $HOME} (Java's {@code user.home} when
 * {@code HOME} is not set). {@code dataDir}
 * defaults to the environment variable {@code SIEVE_DATA_DIR} when set, else {@code ~/.sieve}; a
 * {@code dataDir} in the file wins over the variable.
 */
public final class ConfigLoader {

    /** Classpath resource with the default configuration, including the default allowlist. */
    public static final String DEFAULTS_RESOURCE = "/dev/sieve/proxy/config/sieve-default.yaml";
    /** Environment variable naming the config file when no {@code --config} is given. */
    public static final String CONFIG_ENV = "SIEVE_CONFIG";
    /** Environment variable giving the default {@code dataDir}. */
    public static final String DATA_DIR_ENV = "SIEVE_DATA_DIR";
    /** The home directory {@code ~} expands to (falls back to Java's {@code user.home}). */
    public static final String HOME_ENV = "HOME";

    private static final String DEFAULTS_NAME = "sieve-default.yaml";
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final ObjectMapper MAPPER = mapper();
    private static final JsonNode DEFAULTS = YamlTree.parse(readDefaults(), DEFAULTS_NAME).root();

    private final Map<String, String> environment;
    private final Path home;
    private final Path workingDir;

    /**
     * @param environment the process environment ({@code HOME}, {@code SIEVE_CONFIG}, {@code SIEVE_DATA_DIR})
     * @param userHome    the JVM's {@code user.home}, used only when {@code HOME} is unset or not absolute
     */
    ConfigLoader(Map<String, String> environment, Path userHome, Path workingDir) {
        this.environment = Map.copyOf(environment);
        this.home = homeDirectory(environment, userHome);
        this.workingDir = workingDir;
    }

    private static ConfigLoader system() {
        return new ConfigLoader(System.getenv(), Path.of(System.getProperty("user.home")), Path.of("").toAbsolutePath());
    }

    /**
     * The home directory {@code ~} stands for: {@code $HOME} when it is set to an absolute path, as for every
     * other tool started from the same shell or container, else the JVM's {@code user.home} (which Java takes
     * from the password database, ignoring {@code HOME}).
     */
    static Path homeDirectory(Map<String, String> environment, Path userHome) {
        String home = environment.get(HOME_ENV);
        if (home != null && !home.isBlank()) {
            try {
                Path path = Path.of(home);
                if (path.isAbsolute()) {
                    return path;
                }
            } catch (java.nio.file.InvalidPathException e) {
                // not a usable path: fall back to user.home
            }
        }
        return userHome;
    }

    /**
     * Loads {@code file}, or else the file named by {@code SIEVE_CONFIG}, or else the defaults alone.
     *
     * @throws ConfigException if the file cannot be read or is not a valid configuration
     */
    public static SieveConfig load(Optional<Path> file) {
        return system().loadFrom(file);
    }

    /**
     * Parses a configuration given as text; {@code sourceName} names it in error messages.
     *
     * @throws ConfigException if it is not a valid configuration
     */
    public static SieveConfig parse(String yaml, String sourceName) {
        ConfigLoader loader = system();
        return loader.parse(yaml, sourceName, loader.workingDir);
    }

    /** The built-in configuration (what {@code ./sieve run} uses without a config file). */
    public static SieveConfig defaults() {
        return parse("", DEFAULTS_NAME);
    }

    SieveConfig loadFrom(Optional<Path> file) {
        Optional<Path> chosen = file.or(() -> Optional.ofNullable(environment.get(CONFIG_ENV))
                .filter(s -> !s.isBlank())
                .map(Path::of));
        if (chosen.isEmpty()) {
            return parse("", DEFAULTS_NAME, workingDir);
        }
        Path path = workingDir.resolve(chosen.get()).normalize();
        String sourceName = chosen.get().toString();
        String yaml;
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new ConfigException(sourceName, 0, "file larger than 16MiB (expected: a config file)");
            }
            yaml = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(sourceName, 0, "cannot read config file (" + e.getClass().getSimpleName() + ")", e);
        }
        return parse(yaml, sourceName, path.getParent());
    }

    SieveConfig parse(String yaml, String sourceName, Path baseDir) {
        Objects.requireNonNull(yaml, "yaml");
        YamlTree user = YamlTree.parse(yaml, sourceName);
        JsonNode root = user.root();
        if (!root.isNull() && !root.isObject()) {
            throw new ConfigException(sourceName, 1, "(root): " + render("", root) + " (expected: a mapping of config keys)");
        }
        ObjectNode merged = (ObjectNode) merge(DEFAULTS, root);
        String envDataDir = environment.get(DATA_DIR_ENV);
        boolean dataDirFromEnv = !user.has("dataDir") && envDataDir != null && !envDataDir.isBlank();
        if (dataDirFromEnv) {
            merged.put("dataDir", envDataDir);
        }
        ConfigDto dto = bind(merged, user, sourceName);
        return new ConfigBinder(sourceName, user, merged, baseDir, home, workingDir, dataDirFromEnv, environment::get)
                .bind(dto);
    }

    /** Overlays {@code user} on {@code defaults}: mappings merge key by key, everything else replaces. */
    static JsonNode merge(JsonNode defaults, JsonNode user) {
        if (defaults == null || !defaults.isObject()) {
            return user;
        }
        if (user.isNull()) {
            return defaults.deepCopy();
        }
        if (!user.isObject()) {
            return user;
        }
        ObjectNode out = ((ObjectNode) defaults).deepCopy();
        for (Map.Entry<String, JsonNode> field : user.properties()) {
            out.set(field.getKey(), merge(defaults.get(field.getKey()), field.getValue()));
        }
        return out;
    }

    private static ConfigDto bind(JsonNode merged, YamlTree user, String sourceName) {
        try {
            return MAPPER.treeToValue(merged, ConfigDto.class);
        } catch (UnrecognizedPropertyException e) {
            String path = path(e.getPath());
            throw new ConfigException(sourceName, user.lineOf(path),
                    "unknown key '" + path + "' (known: " + known(e.getKnownPropertyIds()) + ")");
        } catch (JsonMappingException e) {
            String path = path(e.getPath());
            JsonNode value = nodeAt(merged, e.getPath());
            throw new ConfigException(sourceName, user.lineOf(path),
                    path + ": " + render(path, value) + " (expected: " + expected(e) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("binding a tree does no I/O", e);
        }
    }

    private static String expected(JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target == null) {
            return "a valid value";
        }
        if (target == Integer.class || target == int.class) {
            return "an integer";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "a single value";
        }
        if (List.class.isAssignableFrom(target)) {
            return "a list";
        }
        return "a mapping";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "(root)" : out.toString();
    }

    private static JsonNode nodeAt(JsonNode root, List<JsonMappingException.Reference> references) {
        JsonNode node = root;
        for (JsonMappingException.Reference ref : references) {
            node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
        }
        return node;
    }

    private static String known(Collection<Object> ids) {
        TreeSet<String> names = new TreeSet<>();
        for (Object id : ids) {
            names.add(String.valueOf(id));
        }
        return String.join(", ", names);
    }

    /** A value as shown in messages: strings quoted, structures abbreviated, tokens never shown. */
    static String render(String path, JsonNode value) {
        if (path.startsWith("auth.tokens")) {
            return "<not shown>";
        }
        if (value == null || value.isMissingNode()) {
            return "(missing)";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "[]" : "a list";
        }
        if (value.isObject()) {
            return value.isEmpty() ? "{}" : "a mapping";
        }
        String text = value.toString();
        return text.length() > 200 ? text.substring(0, 200) + "...\"" : text;
    }

    private static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Array, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Object, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Collection)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /**
     * The {@code class} of every built-in allow entry by its host pattern: an entry of a user's allowlist that names
     * no class gets the class of the built-in entry for the same host ({@code model-provider}), else {@code other}.
     */
    static Map<String, String> builtInClasses() {
        Map<String, String> classes = new java.util.HashMap<>();
        for (JsonNode entry : DEFAULTS.path("allow")) {
            if (entry.hasNonNull("class")) {
                classes.put(dev.sieve.proxy.policy.AllowRule.normalizePattern(entry.get("host").asText()),
                        entry.get("class").asText());
            }
        }
        return Map.copyOf(classes);
    }

    private static String readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
