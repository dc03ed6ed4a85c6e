package dev.sieve.proxy.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtensionsTest {
    @Test
    void permessageDeflateIsTakenUpAndOthersDeclined() {
        Optional<WebSocketServerExtension> deflate = Extensions.negotiate(
                "x-webkit-deflate-frame, permessage-deflate; client_max_window_bits", 1024);
        assertThat(deflate).isPresent();
        assertThat(Extensions.header(deflate.get().newReponseData())).startsWith("permessage-deflate");

        assertThat(Extensions.negotiate("x-unknown-extension", 1024)).isEmpty();
        assertThat(Extensions.negotiate(null, 1024)).isEmpty();
        assertThat(Extensions.negotiate("  ", 1024)).isEmpty();
    }

    @Test
    void headerRendersParametersWithAndWithoutValues() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_no_context_takeover", null);
        params.put("server_max_window_bits", "10");
        assertThat(Extensions.header(new WebSocketExtensionData("permessage-deflate", params)))
                .isEqualTo("permessage-deflate; client_no_context_takeover; server_max_window_bits=10");
    }
}
