package dev.sieve.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompiledCacheTest {

    /** Variable width, no leading run, literal-led: compiled with start-of-match (see {@link StartOfMatchTest}). */
    private static final String DATABASE_URL = "\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql"
            + "|sqlserver|cockroachdb|clickhouse)://[^:/\\s@\"'<>]{0,64}:[^@/\\s\"'<>]{3,128}@[A-Za-z0-9._-]{1,253}";

    @TempDir
    Path dir;

    @BeforeEach
    void needsHyperscan() {
        assumeTrue(Engines.hyperscanAvailable(), "Hyperscan not available here");
    }

    @Test
    void aSecondBuildWithTheSameRulesReadsTheCacheAndFindsTheSame() throws IOException {
        CompiledCache cache = CompiledCache.in(dir.resolve("cache"));
        try (CompiledRules fresh = Engines.compile(SampleRules.RULES, EngineKind.HYPERSCAN);
                CompiledRules first = Engines.compile(SampleRules.RULES, EngineKind.HYPERSCAN, cache);
                CompiledRules second = Engines.compile(SampleRules.RULES, EngineKind.HYPERSCAN, cache)) {
            assertThat(fresh.fromCache()).isFalse();
            assertThat(first.fromCache()).isFalse();
            assertThat(second.fromCache()).isTrue();
            assertThat(entries()).hasSize(1);
            int findings = 0;
            for (String body : Corpus.bodies()) {
                List<Finding> expected = fresh.scan("v", SampleRules.utf8(body));
                assertThat(second.scan("v", SampleRules.direct(body))).as(body).isEqualTo(expected);
                findings += expected.size();
            }
            assertThat(findings).as("the corpus has findings to compare").isGreaterThan(50);
        }
    }

    @Test
    void theStartOfMatchChoiceComesBackWithTheDatabase() throws Exception {
        CompiledCache cache = CompiledCache.in(dir);
        RuleSet rules = rules(DATABASE_URL, "low");
        String text = "a postgres://app:s3cr3t-pw@db.x.y:5432/app mysql://:pw0@h redis://u:p@h";
        try (HyperscanEngine compiled = new HyperscanEngine(rules, cache);
                HyperscanEngine cached = new HyperscanEngine(rules, cache)) {
            assertThat(cached.fromCache()).isTrue();
            assertThat(compiled.startOfMatch(0)).isTrue();
            assertThat(cached.startOfMatch(0)).isTrue();
            assertThat(cached.scan("v", SampleRules.utf8(text))).hasSize(2)
                    .isEqualTo(compiled.scan("v", SampleRules.utf8(text)));
        }
    }

    @Test
    void changedPatternsMissAndAChangeThatLeavesThePatternsHits() throws Exception {
        CompiledCache cache = CompiledCache.in(dir);
        try (HyperscanEngine a = new HyperscanEngine(rules("secret-[0-9]{4}", "low"), cache);
                HyperscanEngine other = new HyperscanEngine(rules("secret-[0-9]{5}", "low"), cache);
                HyperscanEngine severity = new HyperscanEngine(rules("secret-[0-9]{4}", "critical"), cache)) {
            assertThat(a.fromCache()).isFalse();
            assertThat(other.fromCache()).as("another pattern").isFalse();
            assertThat(severity.fromCache()).as("the same pattern, another severity").isTrue();
            assertThat(severity.scan("v", SampleRules.utf8("x secret-1234 y"))).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
        }
        assertThat(entries()).hasSize(2);
    }

    @Test
    void theKeyCoversPatternsIdsFlagsCandidatesAndPlatform() throws Exception {
        PatternTable table = new PatternTable(rules("secret-[0-9]{4}", "low"));
        byte[] key = HyperscanEngine.cacheKey("p", table, new boolean[] {false});

        assertThat(HyperscanEngine.cacheKey("p", table, new boolean[] {false})).isEqualTo(key);
        assertThat(HyperscanEngine.cacheKey("q", table, new boolean[] {false})).isNotEqualTo(key);
        assertThat(HyperscanEngine.cacheKey("p", table, new boolean[] {true})).isNotEqualTo(key);
        assertThat(HyperscanEngine.cacheKey("p", new PatternTable(rules("secret-[0-9]{5}", "low")),
                new boolean[] {false})).isNotEqualTo(key);
        RuleSet caseless = RuleSet.parse(Map.of("r.yaml", "rules:\n  - id: pii.x\n    category: pii\n"
                + "    severity: low\n    flags: [caseless]\n    patterns: ['secret-[0-9]{4}']\n"));
        assertThat(HyperscanEngine.cacheKey("p", new PatternTable(caseless), new boolean[] {false}))
                .isNotEqualTo(key);
        RuleSet twoPatterns = RuleSet.parse(Map.of("r.yaml", "rules:\n  - id: pii.x\n    category: pii\n"
                + "    severity: low\n    patterns: ['other-[0-9]{4}', 'secret-[0-9]{4}']\n"));
        assertThat(HyperscanEngine.cacheKey("p", new PatternTable(twoPatterns), new boolean[2])).isNotEqualTo(key);
    }

    @Test
    void aDamagedOrForeignEntryIsIgnoredAndReplaced() throws Exception {
        CompiledCache elsewhere = CompiledCache.in(dir.resolve("other-rules"));
        new HyperscanEngine(rules("secret-[0-9]{4}", "low"), elsewhere).close();
        byte[] otherRulesEntry = Files.readAllBytes(single(dir.resolve("other-rules")));
        List<UnaryOperator<byte[]>> damages = List.of(
                bytes -> flip(bytes, bytes.length / 2),
                bytes -> flip(bytes, 20),
                bytes -> flip(bytes, bytes.length - 1),
                bytes -> Arrays.copyOf(bytes, bytes.length - 100),
                bytes -> Arrays.copyOf(bytes, 10),
                bytes -> new byte[0],
                bytes -> "not a cache file at all\n".repeat(100).getBytes(StandardCharsets.US_ASCII),
                bytes -> otherRulesEntry);
        RuleSet rules = rules(DATABASE_URL, "low");
        String text = "a postgres://app:s3cr3t-pw@db.x.y:5432/app";
        for (int k = 0; k < damages.size(); k++) {
            Path cacheDir = dir.resolve("case" + k);
            CompiledCache cache = CompiledCache.in(cacheDir);
            new HyperscanEngine(rules, cache).close();
            Path entry = single(cacheDir);
            byte[] good = Files.readAllBytes(entry);
            Files.write(entry, damages.get(k).apply(good));

            try (HyperscanEngine engine = new HyperscanEngine(rules, cache)) {
                assertThat(engine.fromCache()).as("case %d", k).isFalse();
                assertThat(engine.scan("v", SampleRules.utf8(text))).as("case %d", k).hasSize(1);
            }
            assertThat(Files.readAllBytes(entry)).as("case %d: replaced by the compile", k).isEqualTo(good);
            try (HyperscanEngine again = new HyperscanEngine(rules, cache)) {
                assertThat(again.fromCache()).as("case %d", k).isTrue();
            }
        }
    }

    @Test
    void anIntactEntryWhoseContentHyperscanRefusesIsIgnoredAndReplaced() throws Exception {
        RuleSet rules = rules(DATABASE_URL, "low");
        CompiledCache cache = CompiledCache.in(dir);
        new HyperscanEngine(rules, cache).close();
        Path entry = single(dir);
        byte[] key = HexFormat.of().parseHex(entry.getFileName().toString().replace(CompiledCache.SUFFIX, ""));
        byte[] payload = CacheFile.decode(Files.readAllBytes(entry), key);
        List<byte[]> refused = new ArrayList<>();
        byte[] garbageDatabase = payload.clone();
        for (int i = 5 + 64; i < garbageDatabase.length; i += 97) {
            garbageDatabase[i] ^= (byte) 0x5a;
        }
        refused.add(garbageDatabase);
        byte[] wrongFlagCount = payload.clone();
        wrongFlagCount[3] = 2;
        refused.add(wrongFlagCount);
        byte[] flagOnANonCandidate = ByteBuffer.allocate(payload.length).put(payload).array();
        flagOnANonCandidate[4] = 7;
        refused.add(flagOnANonCandidate);
        refused.add(new byte[3]);

        for (byte[] bad : refused) {
            Files.write(entry, CacheFile.encode(key, bad));
            try (HyperscanEngine engine = new HyperscanEngine(rules, cache)) {
                assertThat(engine.fromCache()).isFalse();
                assertThat(engine.scan("v", SampleRules.utf8("postgres://app:s3cr3t-pw@db"))).hasSize(1);
            }
            assertThat(CacheFile.decode(Files.readAllBytes(entry), key)).isEqualTo(payload);
        }
    }

    @Test
    void aCacheThatCannotBeWrittenStillCompiles() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CompiledCache cache = CompiledCache.in(file.resolve("cache"));
        for (int k = 0; k < 2; k++) {
            try (CompiledRules engine = Engines.compile(SampleRules.RULES, EngineKind.HYPERSCAN, cache)) {
                assertThat(engine.fromCache()).isFalse();
                assertThat(engine.scan("v", SampleRules.utf8("SSN 536-22-8174"))).hasSize(1);
            }
        }
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void entriesAndTheDirectoryAreTheOwnersOnly() throws Exception {
        Path cacheDir = dir.resolve("new");
        new HyperscanEngine(rules("secret-[0-9]{4}", "low"), CompiledCache.in(cacheDir)).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(single(cacheDir))))
                .isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(cacheDir)) {
            assertThat(files).as("no temporary file left").hasSize(1);
        }
    }

    @Test
    void theDirectoryKeepsTheMostRecentlyUsedEntries() throws Exception {
        CompiledCache cache = CompiledCache.in(dir, 2);
        Path stranger = Files.writeString(dir.resolve("notes.txt"), "not ours");
        new HyperscanEngine(rules("a-[0-9]{4}", "low"), cache).close();
        Path a = single(dir);
        new HyperscanEngine(rules("b-[0-9]{4}", "low"), cache).close();
        Path b = entries().stream().filter(p -> !p.equals(a)).findFirst().orElseThrow();
        Files.setLastModifiedTime(a, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(b, FileTime.fromMillis(2_000_000));
        try (HyperscanEngine hit = new HyperscanEngine(rules("a-[0-9]{4}", "low"), cache)) {
            assertThat(hit.fromCache()).isTrue();
        }
        Path staleTemp = Files.writeString(dir.resolve("." + b.getFileName() + "123.tmp"), "left by a crash");
        Files.setLastModifiedTime(staleTemp, FileTime.fromMillis(0));

        new HyperscanEngine(rules("c-[0-9]{4}", "low"), cache).close();

        assertThat(entries()).hasSize(2).contains(a).doesNotContain(b);
        assertThat(stranger).exists();
        assertThat(staleTemp).doesNotExist();
    }

    @Test
    void maxEntriesMustBePositive() {
        assertThatThrownBy(() -> CompiledCache.in(dir, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEntries: 0 (expected: at least 1)");
        assertThat(CompiledCache.none().directory()).isEmpty();
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(CompiledCache.SUFFIX)).toList();
        }
    }

    private static Path single(Path cacheDir) throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(p -> p.toString().endsWith(CompiledCache.SUFFIX)).reduce((x, y) -> {
                throw new AssertionError("more than one entry: " + x + ", " + y);
            }).orElseThrow();
        }
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x10;
        return copy;
    }

    private static RuleSet rules(String pattern, String severity) throws RuleLoadException {
        return RuleSet.parse(Map.of("r.yaml", "rules:\n  - id: pii.x\n    category: pii\n    severity: " + severity
                + "\n    patterns: ['" + pattern.replace("'", "''") + "']\n"));
    }
}
