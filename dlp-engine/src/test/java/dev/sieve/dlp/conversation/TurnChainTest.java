package dev.sieve.dlp.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnChainTest {

    private static final byte[] KEY = new byte[32];
    private static final TurnChain CHAIN = new TurnChain(KEY);

    private static List<String> prefixes(TurnChain chain, String agent, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return chain.prefixes(agent, ConversationReader.read("/v1/messages", bytes).orElseThrow(), bytes);
    }

    private static final String TURN1 = "{\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    /** Turn 1's messages re-serialised (spaces, an escaped letter), then two more. */
    private static final String TURN2 = "{ \"model\": \"m\", \"system\" : \"be \\u0062rief\", \"messages\": [ {\"role\": "
            + "\"user\", \"content\": \"hi\"}, {\"role\":\"assistant\",\"content\":\"hello\"},"
            + " {\"role\":\"user\",\"content\":\"more\"} ] }";

    @Test
    void aLaterTurnSharesTheEarlierTurnsPrefixesWhateverItsWhitespaceAndEscapes() {
        List<String> one = prefixes(CHAIN, "agent:a", TURN1);
        List<String> two = prefixes(CHAIN, "agent:a", TURN2);

        assertThat(one).hasSize(2);
        assertThat(two).hasSize(4).startsWith(one.toArray(String[]::new));
        assertThat(two.get(0)).hasSize(32).matches("[0-9a-f]+");
        assertThat(two).doesNotHaveDuplicates();
    }

    @Test
    void aChangedMessageChangesItsHashAndEveryLaterOne() {
        List<String> original = prefixes(CHAIN, "agent:a", TURN2);
        List<String> edited = prefixes(CHAIN, "agent:a", TURN2.replace("hello", "hellO"));

        assertThat(edited.subList(0, 2)).isEqualTo(original.subList(0, 2));
        assertThat(edited.get(2)).isNotEqualTo(original.get(2));
        assertThat(edited.get(3)).isNotEqualTo(original.get(3));
    }

    @Test
    void anotherAgentOrKeyGivesOtherHashes() {
        byte[] otherKey = Arrays.copyOf(KEY, 32);
        otherKey[0] = 1;

        assertThat(prefixes(CHAIN, "agent:b", TURN1)).doesNotContainAnyElementsOf(prefixes(CHAIN, "agent:a", TURN1));
        assertThat(prefixes(new TurnChain(otherKey), "agent:a", TURN1))
                .doesNotContainAnyElementsOf(prefixes(CHAIN, "agent:a", TURN1));
    }

    @Test
    void keyOrderAndValueKindsCount() {
        String a = "{\"messages\":[{\"role\":\"user\",\"content\":\"1\"}]}";
        String number = "{\"messages\":[{\"role\":\"user\",\"content\":1}]}";
        String swapped = "{\"messages\":[{\"content\":\"1\",\"role\":\"user\"}]}";

        assertThat(prefixes(CHAIN, "x", a)).isNotEqualTo(prefixes(CHAIN, "x", number))
                .isNotEqualTo(prefixes(CHAIN, "x", swapped));
    }
}
