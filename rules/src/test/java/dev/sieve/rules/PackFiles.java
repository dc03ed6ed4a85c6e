package dev.sieve.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The pack's source folder as the test sees it (the module directory is the working directory under Maven). */
final class PackFiles {

    private PackFiles() {
    }

    static Path folder() {
        Path inModule = Path.of("src", "main", "resources").resolve(DefaultRulePack.RESOURCE_FOLDER);
        if (Files.isDirectory(inModule)) {
            return inModule;
        }
        return DefaultRulePack.sourceFolder(Path.of("")).orElseThrow(() -> new IllegalStateException(
                "pack folder: not found from " + Path.of("").toAbsolutePath() + " (expected: run from the rules module)"));
    }

    /** Every *.yaml file of the folder, by name. */
    static Map<String, String> read() {
        Map<String, String> files = new TreeMap<>();
        for (String name : onDisk()) {
            try {
                files.put(name, Files.readString(folder().resolve(name), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    static List<String> onDisk() {
        try (Stream<Path> list = Files.list(folder())) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> indexed() {
        try {
            return Files.readAllLines(folder().resolve("index.txt"), StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
