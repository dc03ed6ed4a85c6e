package dev.sieve.dlp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PathViewTest {

    @Test
    void segmentsArePercentDecodedOncePerLineAndTheQueryIsLeftOut() {
        PathView path = PathView.of("/v1/files/export%20GITHUB_TOKEN%3Dabc+d%2541//x%zz/?q=secret#frag");

        assertThat(new String(path.content(), StandardCharsets.UTF_8))
                .isEqualTo("v1\nfiles\nexport GITHUB_TOKEN=abc+d%41\nx%zz\n");
        assertThat(path.segments()).hasSize(4);
    }

    @Test
    void segmentsKnowTheirPlaceInTheTargetAndInTheContent() {
        String target = "/v1/files/a%2Fb/%C3%A9t%C3%A9?x=1";
        PathView path = PathView.of(target);

        assertThat(path.segments()).extracting(s -> target.substring(s.from(), s.to()))
                .containsExactly("v1", "files", "a%2Fb", "%C3%A9t%C3%A9");
        PathView.Segment third = path.segments().get(2);
        assertThat(new String(path.content(), third.start(), third.end() - third.start(), StandardCharsets.UTF_8))
                .isEqualTo("a/b");
        PathView.Segment fourth = path.segments().get(3);
        assertThat(new String(path.content(), fourth.start(), fourth.end() - fourth.start(), StandardCharsets.UTF_8))
                .isEqualTo("\u00e9t\u00e9");
        assertThat(third.overlaps(third.start() + 1, third.start() + 2)).isTrue();
        assertThat(third.overlaps(fourth.start(), fourth.end())).isFalse();
    }

    @Test
    void targetsWithoutSegmentsHaveAnEmptyView() {
        assertThat(PathView.of("/").segments()).isEmpty();
        assertThat(PathView.of("*").segments()).hasSize(1);
        assertThat(PathView.of("/?a=b").content()).isEmpty();
        assertThat(PathView.of("").segments()).isEmpty();
    }
}
