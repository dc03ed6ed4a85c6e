package dev.sieve.proxy.cli;

import dev.sieve.proxy.SieveVersion;
import dev.sieve.proxy.audit.AuditKeys;
import dev.sieve.proxy.audit.AuditVerification;
import dev.sieve.proxy.audit.AuditVerifier;
import dev.sieve.proxy.audit.SealSigner;
import dev.sieve.proxy.auth.AuditSigningKeys;
import dev.sieve.proxy.auth.Ed25519Keys;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.export.ExportFormat;
import dev.sieve.proxy.export.ExportMessage;
import dev.sieve.proxy.export.OcsfMapper;
import dev.sieve.proxy.export.RecordKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Work with Sieve's tamper-evident audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.PublicKeyCommand.class, AuditCommand.Export.class,
                LabelCommand.class})
final class AuditCommand {

    static final int OK = 0;
    static final int TAMPERED = 1;
    static final int ERROR = 2;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check audit files and report the first sign of tampering.",
                "That is an edited, inserted, deleted or reordered record, a deleted file, or truncation after "
                    + "the last seal.",
                "With --public-key only (no HMAC key needed, for a third party): checks every seal's and chain "
                    + "head's signature, the seq numbers, the prev links and the counts; records after the last "
                    + "signed seal are reported as unproven. With --key as well, every MAC is checked too.",
                "With --anchors: every anchor (a seal or head copied elsewhere) must match the files; an anchor "
                    + "beyond the files' last record means the newest files were deleted or truncated.",
                "Files may be given in any order; a directory stands for its audit-*.jsonl files.",
                "The newest file may be the one Sieve is writing: its records after the last seal are reported as "
                    + "not yet sealed (the live file), not as truncation.",
                "Exit status: 0 verified, 1 tampered or malformed, 2 error (unreadable file, missing or wrong key)."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audit files or directories.")
        List<Path> files;

        @Option(names = "--key", paramLabel = "FILE",
                description = "HMAC key file (default: audit.hmacKeyFile, else audit.key in the configured dataDir,"
                        + " unless --public-key is given).")
        Path key;

        @Option(names = "--public-key", paramLabel = "FILE",
                description = "Public key of the seal signing key (PEM, as printed by sieve audit pubkey).")
        Path publicKey;

        @Option(names = "--anchors", paramLabel = "FILE",
                description = "Anchor file: seal and head lines kept elsewhere (audit.anchors.file, or a syslog or "
                        + "SIEM capture: text before the first { on a line is ignored).")
        Path anchors;

        @Option(names = "--sealed", description = "The log is closed (Sieve has stopped): the newest file must end"
                + " with a seal too; a live file is truncation.")
        boolean sealed;

        /** Accepted for scripts written before the live file was detected by itself; no effect. */
        @Option(names = "--live", hidden = true)
        boolean live;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            byte[] hmacKey = null;
            try {
                List<Path> audit = expand(files);
                PublicKey signer = null;
                try {
                    if (publicKey != null) {
                        signer = Ed25519Keys.readPublic(publicKey);
                    }
                    if (publicKey == null || key != null) {
                        hmacKey = AuditKeys.load(keyFile());
                    }
                } catch (IOException | IllegalArgumentException e) {
                    err.println("KEY ERROR: " + e.getMessage());
                    return ERROR;
                }
                List<AuditVerifier.Anchor> anchorList = List.of();
                if (anchors != null) {
                    if (!Files.isRegularFile(anchors)) {
                        throw new IOException("--anchors " + anchors + ": no such file (expected: an anchor file)");
                    }
                    anchorList = AuditVerifier.readAnchors(anchors);
                }
                AuditVerification result = AuditVerifier.verify(audit,
                        new AuditVerifier.Check(hmacKey, signer, anchorList, sealed));
                (result.ok() ? out : err).println(result.describe());
                return result.ok() ? OK : result.keyError() ? ERROR : TAMPERED;
            } catch (Exception e) {
                err.println("sieve audit verify: " + e.getMessage());
                return ERROR;
            } finally {
                if (hmacKey != null) {
                    Arrays.fill(hmacKey, (byte) 0);
                }
                out.flush();
                err.flush();
            }
        }

        /** {@code --key}, else the key the proxy uses: {@code audit.hmacKeyFile}, or its default in the data directory. */
        private Path keyFile() throws Exception {
            if (key != null) {
                return key;
            }
            SieveConfig loaded = config.load();
            return loaded.audit().keyFile(loaded.dataDir());
        }

        static List<Path> expand(List<Path> args) throws IOException {
            List<Path> result = new ArrayList<>();
            for (Path p : args) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        s.filter(f -> f.getFileName().toString().matches("audit-.*\\.jsonl")).sorted().forEach(result::add);
                    }
                } else if (Files.isRegularFile(p)) {
                    result.add(p);
                } else {
                    throw new IOException(p + ": no such file (expected: an audit file or directory)");
                }
            }
            if (result.isEmpty()) {
                throw new IOException("no audit files in " + args + " (expected: audit-*.jsonl files)");
            }
            return result;
        }
    }

    @Command(name = "pubkey", mixinStandardHelpOptions = true,
            description = {"Print the public key of the seal signing key (PEM) and its key id.",
                "Give it to whoever verifies the audit trail: sieve audit verify --public-key FILE DIR.",
                "The key is audit.signing.keyFile, else audit-signing.key in the configured dataDir (Sieve creates "
                    + "it on first start).",
                "Exit status: 0 printed, 2 error (missing or unreadable key)."})
    static final class PublicKeyCommand implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                SieveConfig loaded = config.load();
                Path file = loaded.audit().signing().keyFile(loaded.dataDir());
                SealSigner signer = AuditSigningKeys.load(file);
                out.print(Ed25519Keys.publicPem(signer.publicKey()));
                out.println("key id: " + signer.keyId());
                return OK;
            } catch (Exception e) {
                err.println("sieve audit pubkey: " + e.getMessage());
                return ERROR;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Print audit files as a SIEM export sends them, one message a line.",
                "For backfill: the same formats and record selection as audit.export sinks. Files are read in"
                    + " chain order; a directory stands for its audit-*.jsonl files. Lines are not verified:"
                    + " run `sieve audit verify` on the files first.",
                "Exit status: 0 written, 2 error (unreadable file, a line that is not an audit line)."})
    static final class Export implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audit files or directories.")
        List<Path> files;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
                description = "json (the chained lines as they are) or ocsf (OCSF 1.3.0 events). Default: json.")
        String format;

        @Option(names = "--records", paramLabel = "KIND", split = ",",
                description = "Record kinds: decisions, findings, alerts, admin, labels, anchors. Default: all.")
        List<String> records;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                ExportFormat exportFormat = switch (format) {
                    case "json" -> ExportFormat.JSON;
                    case "ocsf" -> ExportFormat.OCSF;
                    default -> throw new IllegalArgumentException("--format: " + format + " (expected: json or ocsf)");
                };
                Set<RecordKind> kinds = EnumSet.noneOf(RecordKind.class);
                if (records == null) {
                    kinds.addAll(EnumSet.allOf(RecordKind.class));
                } else {
                    for (String r : records) {
                        try {
                            kinds.add(RecordKind.valueOf(r.toUpperCase(Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--records: " + r
                                    + " (expected: decisions, findings, alerts, admin, labels or anchors)");
                        }
                    }
                }
                OcsfMapper ocsf = new OcsfMapper(SieveVersion.get());
                PrintWriter out = spec.commandLine().getOut();
                for (Path file : Verify.expand(files)) {
                    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        int n = 0;
                        for (String line; (line = in.readLine()) != null; ) {
                            n++;
                            if (line.isBlank()) {
                                continue;
                            }
                            List<ExportMessage> messages;
                            try {
                                messages = exportFormat.messages(line.getBytes(StandardCharsets.UTF_8), kinds, ocsf);
                            } catch (IOException | RuntimeException e) {
                                throw new IOException(file + ":" + n + ": not an audit line (expected: a chained"
                                        + " JSON line)");
                            }
                            for (ExportMessage m : messages) {
                                out.println(new String(m.json(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
                out.flush();
                return OK;
            } catch (Exception e) {
                err.println("sieve audit export: " + e.getMessage());
                err.flush();
                return ERROR;
            }
        }
    }
}
