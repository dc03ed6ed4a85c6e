package dev.sieve.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BudgetLimitsTest {

    @Test
    void parsesEveryLimitWithUnitsAndFormatsItBack() {
        BudgetLimits b = BudgetLimits.parse("rpm=60, uploadPerHour=100MiB,uploadPerDay=1GB,connections=4");
        assertEquals(OptionalLong.of(60), b.requestsPerMinute());
        assertEquals(OptionalLong.of(100L * 1024 * 1024), b.uploadBytesPerHour());
        assertEquals(OptionalLong.of(1_000_000_000L), b.uploadBytesPerDay());
        assertEquals(OptionalLong.of(4), b.concurrentConnections());
        assertEquals("rpm=60,uploadPerHour=100MiB,uploadPerDay=1GB,connections=4", b.format());
        assertEquals(b, BudgetLimits.parse(b.format()));
    }

    @Test
    void emptyIsUnlimited() {
        assertTrue(BudgetLimits.parse("").unlimited());
        assertEquals("", BudgetLimits.NONE.format());
    }

    @Test
    void narrowestTakesTheSmallerOfEachLimitAndKeepsOneSidedLimits() {
        BudgetLimits config = BudgetLimits.parse("rpm=60,uploadPerDay=1GiB");
        BudgetLimits token = BudgetLimits.parse("rpm=10,connections=2");
        BudgetLimits both = config.narrowest(token);
        assertEquals(BudgetLimits.parse("rpm=10,uploadPerDay=1GiB,connections=2"), both);
        assertEquals(both, token.narrowest(config));
        assertEquals(config, config.narrowest(BudgetLimits.NONE));
    }

    @Test
    void rejectsUnknownRepeatedZeroAndMalformedLimitsNamingTheSyntax() {
        for (String bad : new String[] {"rpm", "rpm=0", "rpm=-1", "rpm=1,rpm=2", "speed=3", "uploadPerHour=lots",
                "rpm=1,", "connections=1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BudgetLimits.parse(bad),
                    bad);
            assertTrue(e.getMessage().startsWith("budget: ") && e.getMessage().contains("expected: "),
                    e.getMessage());
        }
    }
}
