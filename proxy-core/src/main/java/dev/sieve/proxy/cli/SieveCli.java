package dev.sieve.proxy.cli;

import dev.sieve.proxy.SieveVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sieve} command line. */
@Command(name = "sieve",
        mixinStandardHelpOptions = true,
        versionProvider = SieveCli.Version.class,
        description = {"Sieve: an egress DLP proxy for AI agents.",
            "Agents use it as HTTPS_PROXY and trust its CA. Sieve lets them reach only allowlisted model "
                + "endpoints, terminates and re-originates their TLS, and inspects every upload: it blocks, "
                + "redacts or logs PII, credentials and proprietary code, and audits every decision."},
        subcommands = {RunCommand.class, CaCommand.class, ScanCommand.class, EvalCommand.class, RulesCommand.class,
            AuditCommand.class, TokenCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class SieveCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new SieveCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("sieve: " + e.getMessage());
                    return 2;
                });
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sieve " + SieveVersion.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
