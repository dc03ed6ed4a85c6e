package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a client on this machine reaches a listen address, and which addresses bind everything. */
class ListenAddressTest {

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, true, 127.0.0.1:9091",
        "::, true, 127.0.0.1:9091",
        "0:0:0:0:0:0:0:0, true, 127.0.0.1:9091",
        "127.0.0.1, false, 127.0.0.1:9091",
        "::1, false, [::1]:9091",
        "localhost, false, localhost:9091",
    })
    void aWildcardIsReachedOnTheLoopbackAnythingElseAsItIs(String host, boolean wildcard, String connectable) {
        ListenAddress address = new ListenAddress(host, 9091);
        assertThat(address.wildcard()).isEqualTo(wildcard);
        assertThat(address.connectable().toString()).isEqualTo(connectable);
    }
}
