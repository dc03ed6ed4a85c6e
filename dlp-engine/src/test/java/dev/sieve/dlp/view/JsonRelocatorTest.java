package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader that names a finding's place: the same answers in any order of questions, reading forward. */
class JsonRelocatorTest {
    private static final String DOC = "{\"messages\":[{\"role\":\"user\",\"content\":\"a\\\"b\"},"
            + "{\"content\":[{\"type\":\"text\",\"text\":\"t1\"},{\"text\":\"t2\"}]}],\"odd key\":\"v\",\"n\":12}";
    private static final byte[] SRC = DOC.getBytes(StandardCharsets.UTF_8);

    /** Token start offset -> expected locator, in document order. */
    private static Map<Integer, String> expected() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(DOC.indexOf("\"user\""), "$.messages[0].role");
        m.put(DOC.indexOf("\"a\\"), "$.messages[0].content");
        m.put(DOC.indexOf("\"t1\""), "$.messages[1].content[0].text");
        m.put(DOC.indexOf("\"t2\""), "$.messages[1].content[1].text");
        m.put(DOC.indexOf("\"v\""), "$['odd key']");
        m.put(DOC.indexOf("12"), "$.n");
        return m;
    }

    @Test
    void namesEveryPlaceAskedInOrder() {
        JsonDecoder.JsonRelocator r = new JsonDecoder.JsonRelocator(SRC, 0, ViewLimits.defaults());
        expected().forEach((offset, path) -> assertThat(r.locator(offset)).as("offset %d", offset).isEqualTo(path));
    }

    @Test
    void namesEveryPlaceAskedOutOfOrderAndTwice() {
        JsonDecoder.JsonRelocator r = new JsonDecoder.JsonRelocator(SRC, 0, ViewLimits.defaults());
        List<Map.Entry<Integer, String>> asked = new ArrayList<>(expected().entrySet());
        java.util.Collections.reverse(asked);
        asked.addAll(expected().entrySet());
        asked.add(asked.get(2));
        for (Map.Entry<Integer, String> e : asked) {
            assertThat(r.locator(e.getKey())).as("offset %d", e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void anOffsetThatStartsNoTokenIsTheRoot() {
        JsonDecoder.JsonRelocator r = new JsonDecoder.JsonRelocator(SRC, 0, ViewLimits.defaults());
        assertThat(r.locator(DOC.indexOf("\"t1\"") + 1)).isEqualTo("$");
        assertThat(r.locator(DOC.indexOf("\"t2\""))).isEqualTo("$.messages[1].content[1].text");
    }
}
