package dev.sieve.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.dlp.Action;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolPolicyTest {

    @Test
    void denyListRefusesOnlyItsTools() {
        ToolPolicy p = new ToolPolicy(true, Set.of(), Set.of("shell"), Map.of("search", Action.REDACT));

        assertThat(p.allows("shell")).isFalse();
        assertThat(p.allows("search")).isTrue();
        assertThat(p.allows("anything_else")).isTrue();
        assertThat(p.action("search")).contains(Action.REDACT);
        assertThat(p.action("anything_else")).isEmpty();
    }

    @Test
    void allowListRefusesEveryOtherTool() {
        ToolPolicy p = new ToolPolicy(false, Set.of("search"), Set.of(), Map.of());

        assertThat(p.allows("search")).isTrue();
        assertThat(p.allows("shell")).isFalse();
        assertThat(p.allows("Search")).isFalse(); // names are case-sensitive, as MCP's are
    }

    @Test
    void namesAreTheOnesTheAdministratorWrote() {
        ToolPolicy p = new ToolPolicy(true, Set.of(), Set.of("shell"), Map.of("search", Action.LOG));

        assertThat(p.names("shell")).isTrue();
        assertThat(p.names("search")).isTrue();
        assertThat(p.names("other")).isFalse();
    }
}
