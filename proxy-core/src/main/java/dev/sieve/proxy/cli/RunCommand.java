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
        String proxyUrl = "http://" + addr.getHostString() + ":" + addr.getPort();
        out.println("Sieve is listening on " + proxyUrl);
        out.println("CA certificate: " + ca.certificateFile().map(Object::toString).orElse("(in memory)")
                + (ca.created() ? "  (created now)" : ""));
        out.println("CA fingerprint (SHA-256): " + ca.sha256Fingerprint());
        out.println("Admin (health, metrics, rules, kill switch): http://" + cfg.admin().listen() + "/healthz");
        out.println();
        out.println("Point an agent at it:");
        out.println("  export HTTPS_PROXY=" + proxyUrl + " HTTP_PROXY=" + proxyUrl);
        out.println("and make it trust the CA (curl, Python, Node, git, Java):");
        out.println("  eval \"$(./sieve ca env)\"      # prints the exports; see README \"Trusting the CA\"");
        out.flush();
        server.awaitClose();
        return 0;
    }
}
