package dev.sieve.dlp;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Prints the expressions the Hyperscan engine compiles for the default pack, one per line: flags, the rule (or
 * {@code kw:RULE-INDEX} for a gated rule's keyword), the expression. Start-of-match is not shown (the engine adds it
 * after probing). Scratch tool for {@code HsDuel}, in the engine's package to reach its package-private parts; see
 * bench/README.md, "Seventh look".
 */
public final class DumpExpressions {
    public static void main(String[] args) throws Exception {
        PatternTable table = new PatternTable(dev.sieve.rules.DefaultRulePack.load());
        Method expressions = HyperscanEngine.class.getDeclaredMethod("expressions", PatternTable.class);
        expressions.setAccessible(true);
        for (Object e : (List<?>) expressions.invoke(null, table)) {
            int id = (Integer) accessor(e, "id").invoke(e);
            String rule = id < table.entries().size() ? table.entries().get(id).rule().id()
                    : "kw:" + table.gateKeywords().get(id - table.entries().size()).ruleIndex();
            System.out.println(accessor(e, "flags").invoke(e) + "\t" + rule + "\t" + accessor(e, "pattern").invoke(e));
        }
    }

    private static Method accessor(Object record, String name) throws NoSuchMethodException {
        Method m = record.getClass().getDeclaredMethod(name);
        m.setAccessible(true);
        return m;
    }
}
