package dev.sieve.proxy.control;

import dev.sieve.dlp.Rule;
import dev.sieve.proxy.admin.RuleControl;
import dev.sieve.proxy.admin.RulesStatus;
import java.util.Optional;

/** The admin API's view of a {@link RuleStore}: status, reload on demand, and the folder watch. */
public final class StoreRuleControl implements RuleControl {
    private final RuleStore store;

    public StoreRuleControl(RuleStore store) {
        this.store = store;
    }

    @Override
    public RulesStatus status() {
        RuleSnapshot s = store.current();
        return new RulesStatus(s.version(), s.compiled().engineName(),
                s.rules().rules().stream().map(Rule::id).toList(), Optional.of(s.loadedAt()), store.lastError());
    }

    @Override
    public Outcome reload() {
        ReloadResult r = store.reload();
        return new Outcome(r.outcome() == ReloadResult.Outcome.RELOADED, r.error(), status());
    }

    @Override
    public void poll() {
        if (store.folder().isPresent()) {
            store.poll();
        }
    }
}
