package dev.sieve.proxy.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.proxy.auth.Revocation;
import dev.sieve.proxy.auth.RevocationState;
import dev.sieve.proxy.control.KillSwitchScope;
import dev.sieve.proxy.control.KillSwitchState;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Redis set members of the shared revocation list and kill switch, both ways. */
class FleetMembersTest {

    @Test
    void revocationsRoundTripAndAMemberThatIsNotARevocationRevokesNothingElse() {
        RevocationState state = RevocationState.EMPTY.with(Revocation.token("tok_1")).with(Revocation.agent("bot-1"));
        assertThat(FleetRevocations.members(state)).containsExactlyInAnyOrder("token:tok_1", "agent:bot-1");
        assertThat(FleetRevocations.state(FleetRevocations.members(state))).isEqualTo(state);
        assertThat(FleetRevocations.state(Set.of("token:tok_1", "nonsense", "agent:"))).isEqualTo(
                RevocationState.EMPTY.with(Revocation.token("tok_1")));
    }

    @Test
    void killSwitchScopesRoundTrip() {
        KillSwitchState state = KillSwitchState.RELEASED.engage(KillSwitchScope.ALL)
                .engage(KillSwitchScope.agent("bot-1")).engage(KillSwitchScope.token("tok_1"));
        assertThat(FleetKillSwitch.members(state)).containsExactlyInAnyOrder("all", "agent:bot-1", "token:tok_1");
        assertThat(FleetKillSwitch.state(FleetKillSwitch.members(state))).isEqualTo(state);
        assertThat(KillSwitchScope.ALL.label()).isEqualTo("all");
        assertThat(KillSwitchScope.agent("bot-1").label()).isEqualTo("agent:bot-1");
        assertThat(KillSwitchScope.token("tok_1").label()).isEqualTo("token:tok_1");
        assertThat(FleetKillSwitch.state(Set.of())).isEqualTo(KillSwitchState.RELEASED);
    }

    @Test
    void aKillSwitchMemberThatDoesNotParseEngagesEverything() {
        KillSwitchState state = FleetKillSwitch.state(Set.of("agent:bot-1", "what is this"));
        assertThat(state.all()).isTrue();
        assertThat(state.agents()).containsExactly("bot-1");
    }
}
