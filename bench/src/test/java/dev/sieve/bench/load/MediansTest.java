package dev.sieve.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediansTest {

    private static Map<String, Object> row(String route, double rate) {
        return Map.of("workload", "small-posts c=16", "route", route, "metrics", Map.of("req_per_s", rate));
    }

    @Test
    void everyMetricIsTheMedianOfItsRunsPerWorkloadAndRoute() {
        List<Map<String, Object>> medians = Medians.of(List.of(
                List.of(row("direct", 100), row("squid-bump", 7)),
                List.of(row("direct", 300), row("squid-bump", 5)),
                List.of(row("direct", 200), row("squid-bump", 9))));

        assertThat(medians).extracting(r -> r.get("route")).containsExactly("direct", "squid-bump");
        assertThat(medians).extracting(r -> r.get("metrics"))
                .containsExactly(Map.of("req_per_s", 200.0), Map.of("req_per_s", 7.0));
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwo() {
        assertThat(Medians.median(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5);
    }
}
