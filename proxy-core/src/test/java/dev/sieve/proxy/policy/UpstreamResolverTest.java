package dev.sieve.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamResolverTest {

    private final List<String> lookedUp = new ArrayList<>();

    @Test
    void overrideAnswersWithoutLookup() throws Exception {
        InetAddress pinned = InetAddress.getByAddress("api.anthropic.com", new byte[] {10, 0, 0, 5});
        UpstreamResolver resolver = new UpstreamResolver(Map.of("api.anthropic.com", pinned), recording(new InetAddress[0]));

        Resolution resolution = resolver.resolve("api.anthropic.com");

        assertThat(resolution.addresses()).containsExactly(pinned);
        assertThat(resolution.overridden()).isTrue();
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void otherHostsGoToLookupInOrder() throws Exception {
        InetAddress a = InetAddress.getByName("160.79.104.10");
        InetAddress b = InetAddress.getByName("2607:6bc0::10");
        UpstreamResolver resolver = new UpstreamResolver(
                Map.of("pinned.example", InetAddress.getByName("10.0.0.5")), recording(new InetAddress[] {a, b}));

        Resolution resolution = resolver.resolve("api.anthropic.com");

        assertThat(resolution.addresses()).containsExactly(a, b);
        assertThat(resolution.overridden()).isFalse();
        assertThat(lookedUp).containsExactly("api.anthropic.com");
    }

    @Test
    void nullAnswersBecomeEmptyResolution() throws Exception {
        UpstreamResolver resolver = new UpstreamResolver(Map.of(), host -> null);

        assertThat(resolver.resolve("x.example").addresses()).isEmpty();
    }

    @Test
    void lookupFailurePropagates() {
        UpstreamResolver resolver = new UpstreamResolver(Map.of(), host -> {
            throw new UnknownHostException(host);
        });

        assertThatExceptionOfType(UnknownHostException.class).isThrownBy(() -> resolver.resolve("nx.example"))
                .withMessage("nx.example");
    }

    @Test
    void systemLookupResolvesLiteralsWithoutDns() throws Exception {
        UpstreamResolver resolver = new UpstreamResolver(Map.of(), HostLookup.system());

        assertThat(resolver.resolve("127.0.0.1").addresses()).containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    private HostLookup recording(InetAddress[] answer) {
        return host -> {
            lookedUp.add(host);
            return answer;
        };
    }
}
