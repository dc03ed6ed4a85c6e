package dev.sieve.dlp.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.dlp.Finding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Conversation read(String path, String body) {
        return ConversationReader.read(path, body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    /** Each message's byte range holds exactly the JSON value at its path. */
    private static void rangesMatchPaths(String body, Conversation c) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (Conversation.Message m : c.messages()) {
            String pointer = m.path().substring(1).replace(".", "/").replaceAll("\\[(\\d+)]", "/$1");
            assertThat(JSON.readTree(Arrays.copyOfRange(bytes, m.start(), m.end())))
                    .as(m.path()).isEqualTo(JSON.readTree(body).at(pointer));
        }
    }

    private static List<String> roles(Conversation c) {
        return c.messages().stream().map(Conversation.Message::role).toList();
    }

    @Test
    void anthropicMessagesPutTheSystemPromptFirstAndKeepToolBlocksInTheirMessage() throws Exception {
        String body = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"cat .env\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"bash\","
                + "\"input\":{\"cmd\":\"cat .env\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"A=1\"}]}],"
                + " \"system\": [{\"type\":\"text\",\"text\":\"be brief\"}], \"max_tokens\": 5}";

        Conversation c = read("/v1/messages?beta=true", body);

        assertThat(c.shape()).isEqualTo(ConversationShape.ANTHROPIC_MESSAGES);
        assertThat(c.messages()).extracting(Conversation.Message::path)
                .containsExactly("$.system", "$.messages[0]", "$.messages[1]", "$.messages[2]");
        assertThat(roles(c)).containsExactly("system", "user", "assistant", "user");
        rangesMatchPaths(body, c);
        assertThat(c.messageAt("$.messages[2].content[0].content")).isEqualTo(3);
        assertThat(c.messageAt("$.system[0].text")).isZero();
        assertThat(c.messageAt("$.model")).isEqualTo(-1);
        assertThat(c.messageAt(new Finding.Location("json", "$.messages[1].content[0].input.cmd", 0))).isEqualTo(2);
        assertThat(c.messageAt(new Finding.Location("query", "$.messages[1]", 0))).isEqualTo(-1);
        assertThat(c.units()).extracting(Conversation.Unit::path).containsExactly("$.system", "$.messages[0]", "$.messages[1]", "$.messages[1].content[0]", "$.messages[2]",
                "$.messages[2].content[0]");
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Conversation.Unit toolResult = c.units().get(5);
        assertThat(JSON.readTree(Arrays.copyOfRange(bytes, toolResult.start(), toolResult.end())).get("type").asText())
                .isEqualTo("tool_result");
        assertThat(c.unitAt(new Finding.Location("json", "$.messages[2].content[0].content", 0))).isEqualTo(5);
    }

    @Test
    void indexesAreNotConfusedByPrefixes() {
        StringBuilder body = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 12; i++) {
            body.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"m").append(i).append("\"}");
        }
        Conversation c = read("/v1/messages", body.append("]}").toString());

        assertThat(c.messageAt("$.messages[1].content")).isEqualTo(1);
        assertThat(c.messageAt("$.messages[11].content")).isEqualTo(11);
    }

    @Test
    void openAiChatWithToolCalls() throws Exception {
        String body = "{\"model\":\"gpt\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":\\\"\\\\u00e9\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"r\\u00e9sult \\\"q\\\"\"}]}";

        Conversation c = read("/openai/deployments/d/chat/completions?api-version=2024", body);

        assertThat(c.shape()).isEqualTo(ConversationShape.OPENAI_CHAT);
        assertThat(roles(c)).containsExactly("system", "assistant", "tool");
        rangesMatchPaths(body, c);
        assertThat(c.messageAt("$.messages[1].tool_calls[0].function.arguments")).isEqualTo(1);
    }

    @Test
    void openAiResponsesWithInstructionsAndItems() throws Exception {
        String body = "{\"model\":\"gpt\",\"instructions\":\"be brief\",\"input\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]},"
                + "{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"ok\"}]}";

        Conversation c = read("/v1/responses", body);

        assertThat(c.shape()).isEqualTo(ConversationShape.OPENAI_RESPONSES);
        assertThat(roles(c)).containsExactly("system", "user", "function_call", "function_call_output");
        assertThat(c.messages()).extracting(Conversation.Message::path)
                .containsExactly("$.instructions", "$.input[0]", "$.input[1]", "$.input[2]");
        rangesMatchPaths(body, c);

        Conversation single = read("/v1/responses", "{\"input\":\"just \\\"this\\\"\",\"model\":\"m\"}");
        assertThat(single.messages()).singleElement().satisfies(m -> {
            assertThat(m.path()).isEqualTo("$.input");
            assertThat(m.role()).isEqualTo("user");
        });
        rangesMatchPaths("{\"input\":\"just \\\"this\\\"\",\"model\":\"m\"}", single);
    }

    @Test
    void geminiContentsAndSystemInstruction() throws Exception {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]}],"
                + "\"systemInstruction\":{\"parts\":[{\"text\":\"be brief\"}]},\"generationConfig\":{}}";

        Conversation c = read("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", body);

        assertThat(c.shape()).isEqualTo(ConversationShape.GEMINI);
        assertThat(roles(c)).containsExactly("system", "user", "model");
        assertThat(c.messages().get(0).path()).isEqualTo("$.systemInstruction");
        rangesMatchPaths(body, c);
        assertThat(c.messageAt("$.contents[1].parts[0].functionCall.name")).isEqualTo(2);
    }

    @Test
    void otherPathsAndBodiesHaveNoConversation() {
        assertThat(ConversationReader.read("/v1/embeddings", "{\"input\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(ConversationReader.read("/v1/messages", "not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ConversationReader.read("/v1/messages", "[1,2]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ConversationReader.read("/v1/messages", "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(ConversationReader.read("/v1/messages", "{\"messages\":[{}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }
}
