package dev.sieve.proxy.control;

import dev.sieve.dlp.Composition;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.RuleOverride;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

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
                s.rules().rules().stream().map(Rule::id).toList(), Optional.of(s.loadedAt()), store.lastError(),
                store.lastFailureReason(), selection(s));
    }

    @Override
    public Outcome reload() {
        ReloadResult r = store.reload();
        Result result = switch (r.outcome()) {
            case RELOADED -> Result.RELOADED;
            case UNCHANGED -> Result.UNCHANGED;
            case FAILED -> Result.FAILED;
        };
        return new Outcome(result, r.error(), r.reason(), status());
    }

    @Override
    public void poll() {
        store.poll();
    }

    private RulesStatus.Selection selection(RuleSnapshot s) {
        Composition.Summary summary = s.selection();
        Map<String, RulesStatus.Override> overrides = new LinkedHashMap<>();
        summary.overridden().forEach((id, o) -> overrides.put(id, override(o, summary.weakened().contains(id))));
        TreeSet<String> categories = new TreeSet<>();
        s.rules().rules().forEach(r -> categories.add(r.category().yamlName()));
        return new RulesStatus.Selection(store.settings().builtin(), store.folder().map(Object::toString),
                summary.builtinRules(), summary.folderRules(), summary.disabled(), summary.replaced(), overrides,
                categories.stream().toList(), summary.notes());
    }

    private static RulesStatus.Override override(RuleOverride o, boolean lowers) {
        Map<String, String> classActions = new LinkedHashMap<>();
        o.classActions().forEach((c, a) -> classActions.put(c, a.name().toLowerCase(Locale.ROOT)));
        return new RulesStatus.Override(o.action().map(a -> a.name().toLowerCase(Locale.ROOT)),
                o.severity().map(v -> v.name().toLowerCase(Locale.ROOT)), lowers, classActions);
    }
}
