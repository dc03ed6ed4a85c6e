package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

class ListenExceptionTest {
    private static final ListenAddress ADDRESS = new ListenAddress("127.0.0.1", 3128);

    @Test
    void namesKeyAddressAndReasonWhicheverTransportFailed() {
        assertThat(ListenException.of("proxy.listen", ADDRESS, new BindException("Address already in use"))
                .getMessage()).startsWith("proxy.listen 127.0.0.1:3128: address already in use");
        // what Netty's native transports (epoll, io_uring) raise
        assertThat(ListenException.of("proxy.listen", ADDRESS, new IOException("bind(..) failed with error(-98): Address already in use"))
                .getMessage()).startsWith("proxy.listen 127.0.0.1:3128: address already in use");
        assertThat(ListenException.of("admin.listen", new ListenAddress("10.9.8.7", 9090),
                new BindException("Cannot assign requested address")).getMessage())
                .startsWith("admin.listen 10.9.8.7:9090: address not available on this machine");
        assertThat(ListenException.of("proxy.listen", new ListenAddress("127.0.0.1", 80),
                new BindException("Permission denied")).getMessage())
                .startsWith("proxy.listen 127.0.0.1:80: permission denied");
        assertThat(ListenException.of("proxy.listen", new ListenAddress("nowhere.invalid", 3128),
                new UnresolvedAddressException()).getMessage())
                .isEqualTo("proxy.listen nowhere.invalid:3128: the host name does not resolve "
                        + "(expected: an address of this machine)");
        assertThat(ListenException.of("proxy.listen", ADDRESS, new IOException("odd")).getMessage())
                .isEqualTo("proxy.listen 127.0.0.1:3128: cannot listen (java.io.IOException: odd)");
    }
}
