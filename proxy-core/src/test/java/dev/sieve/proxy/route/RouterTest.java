package dev.sieve.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.error.Refusal;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Allowlist;
import dev.sieve.proxy.policy.DestinationPolicy;
import dev.sieve.proxy.policy.Mode;
import dev.sieve.proxy.policy.UpstreamResolver;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The subdomain exfiltration check refuses before any DNS lookup, for CONNECT and absolute-form alike. */
class RouterTest {

    private static final String DATA = "deadbeef0123456789abcdef0123";

    private final List<String> lookups = new ArrayList<>();
    private final Router router = new Router(
            () -> new DestinationPolicy(Allowlist.of(List.of(new AllowRule("*.exfil.example.com", Set.of(443, 80),
                    Mode.INSPECT, false, true)))),
            new UpstreamResolver(Map.of(), name -> {
                lookups.add(name);
                return new InetAddress[] {InetAddress.getByAddress(name, new byte[] {93, (byte) 184, (byte) 216, 34})};
            }),
            Runnable::run);

    private Router.Routed route(String host, int port, boolean tls) {
        return router.route(ImmediateEventExecutor.INSTANCE, host, port, tls).getNow();
    }

    @Test
    void encodedLabelsAreRefusedWithoutALookupForConnectAndAbsoluteForm() {
        for (boolean tls : new boolean[] {true, false}) {
            Router.Routed routed = route(DATA + ".exfil.example.com", tls ? 443 : 80, tls);

            assertThat(routed).isInstanceOfSatisfying(Router.Routed.Refused.class, r -> {
                assertThat(r.refusal()).isEqualTo(Refusal.SUBDOMAIN_EXFILTRATION);
                assertThat(r.detail()).contains("*.exfil.example.com").contains("test hex").doesNotContain(DATA);
            });
        }
        assertThat(lookups).isEmpty();
    }

    @Test
    void anOrdinarySubdomainIsResolvedAndRouted() {
        assertThat(route("team-a.exfil.example.com", 443, true)).isInstanceOf(Router.Routed.Route.class);
        assertThat(lookups).containsExactly("team-a.exfil.example.com");
    }
}
