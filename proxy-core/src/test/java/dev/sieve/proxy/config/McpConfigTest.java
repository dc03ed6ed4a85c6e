package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code allow[].mcp} and {@code allow[].tools} bind into {@link SieveConfig#mcpFor}. */
class McpConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of(), Path.of("/home/agent"), Path.of("/work"));

    @Test
    void mcpEntriesCarryTheirToolPolicyAndOthersNone() throws Exception {
        Path file = Path.of(getClass().getClassLoader().getResource("config/valid/mcp-servers.yaml").toURI());
        SieveConfig config = LOADER.parse(Files.readString(file), "mcp-servers.yaml", file.getParent());

        assertThat(config.mcpFor(config.allowlist().match("api.anthropic.com").orElseThrow())).isEmpty();
        assertThat(config.mcpFor(config.allowlist().match("mcp.example.com").orElseThrow()))
                .contains(ToolPolicy.ALLOW_ALL);
        assertThat(config.mcpFor(config.allowlist().match("tools.example.com").orElseThrow())).contains(
                new ToolPolicy(false, Set.of("search", "read_file", "create_issue"), Set.of(),
                        Map.of("search", Action.REDACT, "create_issue", Action.BLOCK)));
        assertThat(config.mcpFor(config.allowlist().match("a.mcp.example.net").orElseThrow())).contains(
                new ToolPolicy(true, Set.of(), Set.of("delete_repo", "shell.exec"), Map.of("read_file", Action.LOG)));
    }

    @Test
    void theDefaultsHaveNoMcpServer() {
        assertThat(LOADER.parse("", "defaults", Path.of("/work")).mcpServers()).isEmpty();
    }
}
