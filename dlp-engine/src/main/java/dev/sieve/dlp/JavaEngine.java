package dev.sieve.dlp;

import java.nio.ByteBuffer;

/** The pure-Java engine: every position is a possible match end, so every pattern's matcher runs over all bytes. */
final class JavaEngine implements CompiledRules {

    private final PatternTable table;

    JavaEngine(RuleSet rules) {
        this.table = new PatternTable(rules);
    }

    @Override
    public RuleSet rules() {
        return table.rules();
    }

    @Override
    public String engineName() {
        return "java";
    }

    @Override
    public ScanSession open(String viewPath) {
        return new Session(table, viewPath);
    }

    @Override
    public void close() {
        // nothing native
    }

    private static final class Session extends AbstractSession {

        Session(PatternTable table, String viewPath) {
            super(table, viewPath);
        }

        @Override
        void scanSlice(ByteBuffer chunk, int from, int to, long absFrom) {
            core.hitAll(absFrom + 1, absFrom + (to - from));
        }

        @Override
        void endStream() {
            // every end was already signalled
        }

        @Override
        void release() {
            // nothing native
        }
    }
}
