package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingEndsTest {

    @Test
    void disjointSpansStayApartInOrder() {
        PendingEnds p = new PendingEnds();
        p.add(10, 20);
        p.add(30, 40);

        assertThat(p.size()).isEqualTo(2);
        assertThat(p.firstLo()).isEqualTo(10);
        assertThat(p.firstHi()).isEqualTo(20);
        p.pop();
        assertThat(p.firstLo()).isEqualTo(30);
        assertThat(p.firstHi()).isEqualTo(40);
    }

    @Test
    void aSpanReachingBackMergesEverySpanItOverlapsSoStartsKeepIncreasing() {
        PendingEnds p = new PendingEnds();
        p.add(10, 20);
        p.add(30, 40);
        p.add(50, 60);
        p.add(35, 70);

        assertThat(p.size()).isEqualTo(2);
        assertThat(p.firstLo()).isEqualTo(10);
        p.pop();
        assertThat(p.firstLo()).isEqualTo(30);
        assertThat(p.firstHi()).isEqualTo(70);
    }

    @Test
    void growsPastItsInitialCapacityAfterPops() {
        PendingEnds p = new PendingEnds();
        for (int k = 0; k < 100; k++) {
            p.add(k * 10L, k * 10L + 5);
            if (k % 3 == 0) {
                p.pop();
            }
        }
        assertThat(p.size()).isEqualTo(66);
        assertThat(p.firstLo()).isEqualTo(340);
    }
}
