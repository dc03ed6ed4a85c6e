package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the CLI in-process with captured output. */
record CliRun(int exit, String out, String err) {

    /** The engine's sample rule folder (tests run with the module folder as working directory). */
    static Path sampleRules() {
        Path sample = Path.of("..", "dlp-engine", "src", "test", "resources", "rules", "sample").toAbsolutePath().normalize();
        assertThat(sample).as("sample rule folder").isDirectory();
        return sample;
    }

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SieveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    static Path write(Path dir, String name, String content) throws java.io.IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
