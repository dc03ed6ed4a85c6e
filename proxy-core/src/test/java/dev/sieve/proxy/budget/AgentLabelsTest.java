package dev.sieve.proxy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentLabelsTest {

    @Test
    void theFirstAgentsAreNamedAndTheRestAreOther() {
        AgentLabels labels = new AgentLabels(2);
        assertThat(labels.of("a")).isEqualTo("a");
        assertThat(labels.of("b")).isEqualTo("b");
        assertThat(labels.of("c")).isEqualTo(AgentLabels.OTHER);
        assertThat(labels.of("a")).isEqualTo("a");
        assertThat(labels.of("d")).isEqualTo(AgentLabels.OTHER);
    }
}
