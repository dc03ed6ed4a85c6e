package dev.sieve.dlp.inspect;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.CompiledRules;
import dev.sieve.dlp.Finding;
import dev.sieve.dlp.Masking;
import dev.sieve.dlp.Rule;
import dev.sieve.dlp.ScanSession;
import dev.sieve.dlp.ValueFingerprint;
import dev.sieve.dlp.view.Boundaries;
import dev.sieve.dlp.view.DecodeOutcome;
import dev.sieve.dlp.view.PathView;
import dev.sieve.dlp.view.Span;
import dev.sieve.dlp.view.ViewLimits;
import dev.sieve.dlp.view.ViewLocator;
import dev.sieve.dlp.view.ViewVisitor;
import dev.sieve.dlp.view.Views;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scans views one session each, keeps the findings that count under the policy, and prepares a redaction span
 * for every finding whose effective action is redact (the replacement is computed while the view's bytes are at
 * hand, so {@link Rule#MASK_LAST4} can keep the value's last four characters and {@link Rule#PLACEHOLDER} can hash
 * it into its stable placeholder, which the {@link PlaceholderSink} hears of). An engine error is recorded and
 * rethrown, which ends {@link dev.sieve.dlp.view.Views#decode}.
 *
 * <p>A view with non-ASCII text is also scanned as its {@link TextNormalizer normalised} text, view
 * {@code <path>|normalized}; a finding there that the view itself did not give (same rule, same masked value) is
 * evidence of evasion (zero-width characters, look-alike letters, fullwidth digits) and counts like any other.
 * It gets no redaction span: {@link RequestInspection} escalates its redact to block.
 */
final class ViewScanner implements ViewVisitor {

    private final CompiledRules engine;
    private final PolicyJudge judge;
    private final StreamedBody streamed;
    private final Placeholders placeholders;
    private final PlaceholderSink sink;
    private final ViewLimits limits;
    /** The request's budget for text decoded after a code hint ({@link Views#decodeCodes}), made at the first. */
    private Views.CodeBudget codeBudget;
    private int codeDepth;
    private DecodeOutcome.Failed codeFailure;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, List<Span>> redactions = new LinkedHashMap<>();
    private long bytesScanned;
    private String truncatedView;
    private RuntimeException error;

    /**
     * @param streamed     the body already scanned while it arrived, or null
     * @param placeholders mints the default replacement
     * @param sink         told about every placeholder minted, with its value
     * @param limits       the decoding limits: of the headers' and URL's texts, and of text decoded from char codes
     *                     or spaced out ({@link Views#decodeCodes})
     */
    ViewScanner(CompiledRules engine, PolicyJudge judge, StreamedBody streamed, Placeholders placeholders,
            PlaceholderSink sink, ViewLimits limits) {
        this.engine = engine;
        this.limits = limits;
        this.judge = judge;
        this.streamed = streamed;
        this.placeholders = placeholders;
        this.sink = sink;
    }

    /** Scans each header's view, then the boundaries between their values ({@link HeaderViews#joined}), if any. */
    void scanHeaders(List<HeaderViews.HeaderView> headers) {
        for (HeaderViews.HeaderView header : headers) {
            view(header.path(), ByteBuffer.wrap(header.content()).asReadOnlyBuffer());
        }
        Boundaries joined = HeaderViews.joined(headers);
        if (joined != null) {
            view(HeaderViews.JOINED_VIEW, joined.content(), joined.locator(place -> Optional.empty()));
        }
    }

    /**
     * Scans the URL path's decoded segments (view {@link PathView#VIEW}) and, with two or more segments, their
     * joined runs (view {@link PathView#JOINED_VIEW}); nothing for a path without any.
     */
    void scanPath(PathView path) {
        if (!path.segments().isEmpty()) {
            view(PathView.VIEW, ByteBuffer.wrap(path.content()).asReadOnlyBuffer());
        }
        if (path.segments().size() > 1) {
            view(PathView.JOINED_VIEW, ByteBuffer.wrap(path.joined()).asReadOnlyBuffer());
        }
    }

    /** Scans the values of repeated query parameters joined (view {@link Views#QUERY_JOINED_VIEW}), if any. */
    void scanQueryJoined(byte[] joined) {
        if (joined.length > 0) {
            view(Views.QUERY_JOINED_VIEW, ByteBuffer.wrap(joined).asReadOnlyBuffer());
        }
    }

    /**
     * Scans what the decoding graph decodes out of the headers, the URL path and the joined query values (views such
     * as {@code header:x-trace|hex}, {@code path|base64}, {@code query|joined|base64}); returns the decoding outcome.
     */
    DecodeOutcome scanDecodedTexts(List<HeaderViews.HeaderView> headers, PathView path, byte[] queryJoined) {
        List<Map.Entry<String, byte[]>> texts = new ArrayList<>(headers.size() + 2);
        for (HeaderViews.HeaderView header : headers) {
            texts.add(Map.entry(header.path(), header.content()));
        }
        if (!path.segments().isEmpty()) {
            texts.add(Map.entry(PathView.VIEW, path.content()));
        }
        if (path.segments().size() > 1) {
            texts.add(Map.entry(PathView.JOINED_VIEW, path.joined()));
        }
        if (queryJoined.length > 0) {
            texts.add(Map.entry(Views.QUERY_JOINED_VIEW, queryJoined));
        }
        return Views.decodeTexts(texts, limits, this);
    }

    @Override
    public void view(String viewPath, ByteBuffer content) {
        view(viewPath, content, ViewLocator.NONE);
    }

    @Override
    public void view(String viewPath, ByteBuffer content, ViewLocator locator) {
        try {
            ScanSession done = streamed != null && viewPath.equals(StreamedBody.BODY_VIEW)
                    ? streamed.sessionCovering(content) : null;
            if (done != null) {
                accept(viewPath, content, done, locator);
            } else {
                scan(viewPath, content, locator);
            }
            Optional<byte[]> normalized = TextNormalizer.normalize(content);
            if (normalized.isPresent()) {
                scan(viewPath + TextNormalizer.SUFFIX, ByteBuffer.wrap(normalized.get()).asReadOnlyBuffer(),
                        wholeViewPlace(locator, content.remaining()));
            }
        } catch (RuntimeException e) {
            if (error == null) {
                error = e;
            }
            throw e;
        }
    }

    private void scan(String viewPath, ByteBuffer content, ViewLocator locator) {
        try (ScanSession session = engine.open(viewPath)) {
            session.feed(content.duplicate());
            accept(viewPath, content, session, locator);
        }
    }

    private void accept(String viewPath, ByteBuffer content, ScanSession session, ViewLocator locator) {
        List<Finding> raw = session.finish();
        long codeHint = session.codeHint();
        bytesScanned += session.bytesScanned();
        if (session.truncated() && truncatedView == null) {
            truncatedView = viewPath;
        }
        boolean normalized = viewPath.endsWith(TextNormalizer.SUFFIX);
        String plainPath = normalized ? viewPath.substring(0, viewPath.length() - TextNormalizer.SUFFIX.length()) : "";
        String sourcePath = normalized ? plainPath : viewPath;
        boolean joinedText = Views.isJoinedText(sourcePath) || Views.isDocumentText(sourcePath);
        Set<String> undercounted = Views.isJoinedText(sourcePath) ? undercounted(raw, content, locator) : Set.of();
        for (Finding found : raw) {
            if (!locator.crossesJoin(found.start(), found.end())) {
                continue; // a view of joined values reports only a match that crosses a boundary (Boundaries)
            }
            if (undercounted.contains(found.ruleId())) {
                continue; // a min_count rule's values across boundaries are too few (glued artefacts counted once)
            }
            // A derived view reports only what its source did not: normalised text what the view itself did not
            // give, the joined view of block boundaries what no earlier view gave (a value inside one block), an
            // SVG's or RTF's text what its raw view did not (a value inside one tspan, or written plainly).
            if ((normalized && found(plainPath, found)) || (joinedText && found(null, found))) {
                continue;
            }
            Finding f = found.withLocation(locator.locate(found.start()), fingerprint(found, content));
            judge.judge(f).ifPresent(counted -> {
                findings.add(counted);
                // Offsets into normalised text do not map back to the view: RequestInspection escalates to block.
                if (counted.action() == Action.REDACT && !normalized) {
                    redactions.computeIfAbsent(viewPath, k -> new ArrayList<>())
                            .add(new Span(counted.start(), counted.end(), replacement(counted, content)));
                }
            });
        }
        if (codeHint >= 0 && !normalized) {
            decodeCodes(viewPath, content, codeHint, locator);
        }
    }

    /**
     * Scans what is written as char codes or spaced out in the view from {@code from} on (the session's code hint),
     * down to the decoding depth: char codes inside char codes are read again, no deeper than the graph reads.
     */
    private void decodeCodes(String viewPath, ByteBuffer content, long from, ViewLocator locator) {
        if (codeDepth >= Math.max(1, limits.maxDecodeDepth()) || codeFailure != null) {
            return;
        }
        if (codeBudget == null) {
            codeBudget = new Views.CodeBudget(limits);
        }
        codeDepth++;
        try {
            DecodeOutcome outcome = Views.decodeCodes(viewPath, content.duplicate(), Math.toIntExact(from), locator,
                    codeBudget, this);
            if (outcome instanceof DecodeOutcome.Failed failed && codeFailure == null) {
                codeFailure = failed;
            }
        } finally {
            codeDepth--;
        }
    }

    /**
     * The {@code min_count} rules whose matches in a view of joined boundaries are fewer than their count once each
     * is counted by what comes before the first boundary it crosses: a value glued to the next field
     * ({@code invoices@acme.example} + {@code Malmö} read as {@code invoices@acme.exampleMalm}) is one value however
     * many neighbours it is glued to, and the session's own count (every candidate, glued ones and the values
     * inside one field that this view never reports) is no count of what it reports.
     */
    private Set<String> undercounted(List<Finding> raw, ByteBuffer content, ViewLocator locator) {
        Map<String, Set<String>> prefixes = null;
        for (Finding f : raw) {
            int minCount = engine.rules().rule(f.ruleId()).map(Rule::minCount).orElse(1);
            if (minCount <= 1 || !locator.crossesJoin(f.start(), f.end())) {
                continue;
            }
            if (locator.crossesJoin(f.start(), f.start() + 1)) {
                return Set.of(); // no boundaries here (a layer decoded out of the joined view): every match counts
            }
            long lo = f.start() + 1;
            long hi = f.end(); // crossesJoin(start, hi) holds; find the least such end: the first glue is one before it
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (locator.crossesJoin(f.start(), mid)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            byte[] prefix = new byte[Math.toIntExact(hi - 1 - f.start())];
            content.duplicate().position(Math.toIntExact(f.start())).get(prefix);
            if (prefixes == null) {
                prefixes = new HashMap<>();
            }
            prefixes.computeIfAbsent(f.ruleId(), k -> new HashSet<>()).add(ValueFingerprint.of(prefix, 0, prefix.length));
        }
        if (prefixes == null) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        prefixes.forEach((rule, values) -> {
            if (values.size() < engine.rules().rule(rule).map(Rule::minCount).orElse(1)) {
                out.add(rule);
            }
        });
        return out;
    }

    /** The first failure of decoding char codes or spaced-out text (a budget exceeded), or null. */
    DecodeOutcome.Failed codeFailure() {
        return codeFailure;
    }

    /** True if view {@code viewPath} (any earlier view when null) already gave {@code f}'s rule the same masked value. */
    private boolean found(String viewPath, Finding f) {
        for (Finding earlier : findings) {
            if ((viewPath == null || earlier.viewPath().equals(viewPath)) && earlier.ruleId().equals(f.ruleId())
                    && earlier.masked().equals(f.masked())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Offsets into normalised text are not the view's: only a place that holds for the whole view (its first and
     * last byte are at the same place) is given, worked out once for the view when a finding asks.
     */
    private static ViewLocator wholeViewPlace(ViewLocator locator, long length) {
        return new ViewLocator() {
            private Optional<Finding.Location> place;

            @Override
            public Optional<Finding.Location> locate(long offset) {
                if (place == null) {
                    Optional<Finding.Location> first = locator.locate(0);
                    place = first.filter(l -> locator.locate(length - 1).equals(first));
                }
                return place;
            }
        };
    }

    private static String fingerprint(Finding f, ByteBuffer content) {
        byte[] value = new byte[Math.toIntExact(f.length())];
        content.duplicate().position(Math.toIntExact(f.start())).get(value);
        return ValueFingerprint.of(value, 0, value.length);
    }

    private String replacement(Finding f, ByteBuffer content) {
        String replacement = judge.rule(f.ruleId()).map(Rule::redactReplacement).orElse(Rule.PLACEHOLDER);
        if (!replacement.equals(Rule.MASK_LAST4) && !replacement.equals(Rule.PLACEHOLDER)) {
            return replacement;
        }
        ByteBuffer value = content.duplicate().position(Math.toIntExact(f.start())).limit(Math.toIntExact(f.end()))
                .slice();
        if (replacement.equals(Rule.PLACEHOLDER)) {
            String placeholder = placeholders.mint(f.ruleId(), value);
            sink.minted(placeholder, value.asReadOnlyBuffer());
            return placeholder;
        }
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        return Masking.mask(Category.PII, new String(bytes, StandardCharsets.UTF_8));
    }

    List<Finding> findings() {
        return findings;
    }

    /** Redaction spans per view path, for findings whose effective action is redact. */
    Map<String, List<Span>> redactions() {
        return redactions;
    }

    long bytesScanned() {
        return bytesScanned;
    }

    /** The first view whose session dropped candidates, or null. */
    String truncatedView() {
        return truncatedView;
    }

    /** The first engine error, or null. */
    RuntimeException error() {
        return error;
    }
}
