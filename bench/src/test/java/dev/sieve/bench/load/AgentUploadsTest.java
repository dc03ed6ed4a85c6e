package dev.sieve.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.bench.fixture.Bodies;
import dev.sieve.bench.fixture.InputKind;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AgentUploadsTest {

    @Test
    void theTextUploadIsTheConversationsWordsInWholeLinesOfValidUtf8() throws CharacterCodingException {
        byte[] json = Bodies.generate(InputKind.JSON, 200_000, false).wire();
        byte[] text = LoadHarness.words(json, 100_000);

        assertTrue(text.length <= 100_000 && text.length > 90_000, "length " + text.length);
        assertEquals('\n', text[text.length - 1]);
        assertNotEquals('{', text[0], "plain text, not JSON Sieve would sniff");
        String decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(text)).toString();
        String first = decoded.substring(0, decoded.indexOf('\n'));
        assertTrue(new String(json, StandardCharsets.UTF_8).contains(first), "a value of the conversation: " + first);
    }
}
