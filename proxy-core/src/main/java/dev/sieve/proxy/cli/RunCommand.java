package dev.sieve.proxy.cli;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.proxy.SieveServer;
import dev.sieve.proxy.config.SieveConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start the proxy (default 127.0.0.1:3128).",
            "On first run it creates its CA under the data directory and prints how to trust it."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SieveConfig cfg = config.load();
        SieveServer server = SieveServer.start(cfg, config.path());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sieve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        CertificateAuthority ca = server.ca();
        InetSocketAddress addr = server.proxyAddress();
        StartupBanner.lines("http://" + addr.getHostString() + ":" + addr.getPort(),
                ca.certificateFile().map(Object::toString).orElse("(in memory)"), ca.created(), ca.sha256Fingerprint(),
                cfg.admin().listen().toString(), config.path()).forEach(out::println);
        out.flush();
        server.awaitClose();
        return 0;
    }
}
