package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's help reads as written: a summary that is one complete sentence and shows on one line in its
 * parent's command list (picocli lists only the first description line, so a summary that runs on is cut
 * mid-sentence there), and description paragraphs and option texts that end a sentence.
 */
class HelpTextTest {
    /** A paragraph ends a sentence: terminal punctuation, possibly followed by a closing quote or bracket. */
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?][)\"']?$", Pattern.DOTALL);

    @Test
    void everyCommandHasAOneLineSummaryAndWholeSentences() {
        List<CommandLine> commands = new ArrayList<>();
        collect(SieveCli.commandLine(), commands);
        assertThat(commands).extracting(c -> c.getCommandSpec().qualifiedName())
                .contains("sieve", "sieve run", "sieve ca env", "sieve audit verify", "sieve rules lint", "sieve scan");

        SoftAssertions soft = new SoftAssertions();
        for (CommandLine command : commands) {
            CommandSpec spec = command.getCommandSpec();
            String name = spec.qualifiedName();
            List<String> description = paragraphs(spec.usageMessage().description());
            soft.assertThat(description).as(name + ": description").isNotEmpty();
            for (String paragraph : description) {
                soft.assertThat(paragraph).as(name + ": description paragraph").matches(SENTENCE_END);
            }
            for (ArgSpec arg : spec.args()) {
                for (String text : paragraphs(arg.description())) {
                    soft.assertThat(text).as(name + " " + arg + ": description").matches(SENTENCE_END);
                }
            }
            // picocli lists a subcommand by its header's first line, else its description's first line.
            List<String> header = paragraphs(spec.usageMessage().header());
            if (spec.parent() != null && !description.isEmpty()) {
                String summary = header.isEmpty() ? description.get(0) : header.get(0);
                String parentHelp = command.getParent().getUsageMessage();
                String listed = parentHelp.lines()
                        .filter(l -> l.startsWith("  " + spec.name() + " "))
                        .findFirst().orElse("(not listed)");
                soft.assertThat(listed.strip()).as(name + ": summary in the command list of '"
                        + spec.parent().qualifiedName() + " --help'").endsWith(summary);
            }
        }
        soft.assertAll();
    }

    /** Description lines as rendered: picocli expands {@code %n}; blank lines are spacing, not text. */
    private static List<String> paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            for (String part : line.split("%n")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static void collect(CommandLine command, List<CommandLine> out) {
        out.add(command);
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!out.contains(sub)) {
                collect(sub, out);
            }
        }
    }
}
