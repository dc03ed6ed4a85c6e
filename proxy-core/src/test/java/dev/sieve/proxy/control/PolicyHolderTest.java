package dev.sieve.proxy.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Allowlist;
import dev.sieve.proxy.policy.Decision;
import dev.sieve.proxy.policy.DenyReason;
import dev.sieve.proxy.policy.Destination;
import dev.sieve.proxy.policy.DestinationPolicy;
import dev.sieve.proxy.policy.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyHolderTest {

    private static final Destination ONE = new Destination("api.one.example", 443, true);
    private static final Destination TWO = new Destination("api.two.example", 443, true);

    @Test
    void swapChangesWhatLaterRequestsDecideWith() {
        PolicyHolder holder = new PolicyHolder(Allowlist.of(List.of(AllowRule.https("api.one.example", Mode.INSPECT))));
        DestinationPolicy before = holder.get();
        assertThat(before.decide(ONE)).isInstanceOf(Decision.Allow.class);
        assertThat(before.decide(TWO)).isInstanceOfSatisfying(Decision.Deny.class,
                d -> assertThat(d.reason()).isEqualTo(DenyReason.NOT_ALLOWLISTED));

        holder.swap(Allowlist.of(List.of(AllowRule.https("api.two.example", Mode.PASSTHROUGH))));

        assertThat(holder.get().decide(TWO)).isInstanceOf(Decision.Allow.class);
        assertThat(holder.get().decide(ONE)).isInstanceOf(Decision.Deny.class);
        assertThat(before.decide(ONE)).as("a policy already read keeps its allowlist").isInstanceOf(Decision.Allow.class);
    }
}
