package dev.sieve.proxy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The chart under {@code helm/sieve}, driven through real Helm (helm-java): lint and template, with
 * the rendered manifests parsed into Jackson trees.
 */
final class HelmChart {

    static final YAMLMapper YAML = new YAMLMapper();
    static final String RELEASE = "sieve";
    static final String NAMESPACE = "egress";
    /** The Kubernetes version templates render for (helm-java's default, 1.20, is below the chart's kubeVersion). */
    static final String KUBE_VERSION = "1.31.0";

    private HelmChart() {}

    /** The chart directory, found from the module directory (surefire's working directory) or the repository root. */
    static Path dir() {
        for (Path candidate : List.of(Path.of("../helm/sieve"), Path.of("helm/sieve"))) {
            if (Files.isRegularFile(candidate.resolve("Chart.yaml"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("helm/sieve/Chart.yaml not found from " + Path.of("").toAbsolutePath());
    }

    /** The example values files under {@code ci/}, one per feature. */
    static List<Path> ciValues() {
        try (Stream<Path> files = Files.list(dir().resolve("ci"))) {
            return files.filter(f -> f.toString().endsWith("-values.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path ci(String name) {
        return dir().resolve("ci").resolve(name);
    }

    /** {@code helm template} with the given values files (later ones win), parsed into manifests. */
    static Manifests template(Path... valuesFiles) {
        TemplateCommand command = Helm.template(dir().toString()).withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path values : valuesFiles) {
            command = command.withValuesFile(values);
        }
        return Manifests.parse(command.call());
    }

    /** The release notes (NOTES.txt) of a client-only dry-run install with the chart's defaults. */
    static String notes() {
        String output = Helm.install(dir().toString()).withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).dryRun().clientOnly().call().getOutput();
        int start = output.indexOf("NOTES:");
        if (start < 0) {
            throw new AssertionError("no NOTES in the install output");
        }
        return output.substring(start);
    }

    /**
     * {@code helm lint --strict} on a copy of the chart whose values.yaml is the chart's defaults
     * overlaid with {@code overrides} (helm-java's lint takes no values files).
     */
    static LintResult lint(Path scratch, Optional<Path> overrides) throws IOException {
        Path copy = scratch.resolve("sieve");
        copyTree(dir(), copy);
        if (overrides.isPresent()) {
            YAML.writeValue(copy.resolve("values.yaml").toFile(), values(overrides.get()));
        }
        return new Helm(copy).lint().strict().call();
    }

    /** The chart's values.yaml overlaid with the given values files, as Helm merges them. */
    static JsonNode values(Path... valuesFiles) throws IOException {
        JsonNode merged = YAML.readTree(dir().resolve("values.yaml").toFile());
        for (Path values : valuesFiles) {
            merged = merge(merged, YAML.readTree(values.toFile()));
        }
        return merged;
    }

    /** Helm's values merge: mappings key by key, everything else replaces. */
    static JsonNode merge(JsonNode base, JsonNode overlay) {
        if (!base.isObject() || !overlay.isObject()) {
            return overlay;
        }
        ObjectNode out = ((ObjectNode) base).deepCopy();
        for (Map.Entry<String, JsonNode> field : overlay.properties()) {
            JsonNode existing = out.get(field.getKey());
            out.set(field.getKey(), existing == null ? field.getValue() : merge(existing, field.getValue()));
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** The documents of one rendering, by kind and name. */
    record Manifests(List<JsonNode> documents) {

        static Manifests parse(String rendered) {
            List<JsonNode> docs = new ArrayList<>();
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(rendered)) {
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && doc.isObject() && doc.has("kind")) {
                        docs.add(doc);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("helm template rendered invalid YAML", e);
            }
            return new Manifests(List.copyOf(docs));
        }

        List<JsonNode> ofKind(String kind) {
            return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        }

        Optional<JsonNode> find(String kind, String name) {
            return ofKind(kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText())).findFirst();
        }

        JsonNode get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name
                    + " in " + documents.stream().map(d -> d.path("kind").asText() + "/"
                            + d.path("metadata").path("name").asText()).toList()));
        }

        JsonNode deployment() {
            return get("Deployment", RELEASE);
        }

        JsonNode podSpec() {
            return deployment().path("spec").path("template").path("spec");
        }

        JsonNode container() {
            return podSpec().path("containers").path(0);
        }

        /** The Sieve config file the chart renders. */
        String sieveConfig() {
            return get("ConfigMap", RELEASE + "-config").path("data").path("sieve.yaml").asText();
        }
    }
}
