package dev.prefilter.engine;

import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.content.ContentStore;
import dev.prefilter.engine.detect.NameInspector;
import dev.prefilter.engine.detect.TypeAliases;
import dev.prefilter.engine.detect.TypeCategories;
import dev.prefilter.engine.detect.TypeDetector;
import dev.prefilter.engine.detect.TypeDisagreements;
import dev.prefilter.engine.limits.ScanLimits;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.MailHeaders;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.password.PasswordBook;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.report.ScanStats;
import dev.prefilter.engine.sample.Sample;
import dev.prefilter.engine.sample.SampleSink;
import dev.prefilter.engine.sample.SampleSinkException;
import dev.prefilter.engine.score.AllowList;
import dev.prefilter.engine.score.Scorer;
import dev.prefilter.engine.score.ScoringPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scans one mail (or file) into a {@link Report}. Build once, share freely: it holds no per-scan
 * state, so a warm Lambda container or a CLI walking a folder reuses it for every input.
 * A scan never throws because of its input: what cannot be read becomes a finding and the
 * verdict fails closed. Only a request's own {@link SampleSink} failing leaves it, as a
 * {@link SampleSinkException}, because that is the caller's fault to retry, not the mail's.
 */
public final class ScanEngine {

    public static final String VERSION = "prefilter-engine/0.1";
    private static final String MAIL_TYPE = "message/rfc822";

    private final EngineParts parts;
    private final Scorer scorer;
    private final List<String> defaultPasswords;
    private final Path tempRoot;
    private final Clock clock;

    private ScanEngine(Builder b) {
        TypeDetector detector = b.detector != null ? b.detector : TypeDetector.create();
        TypeCategories categories = TypeCategories.load(detector);
        List<Analyzer> analyzers = b.analyzers != null ? b.analyzers : Analyzers.standard();
        this.parts = new EngineParts(
                detector,
                categories,
                new NameInspector(categories.riskyExtensions()),
                new TypeDisagreements(detector, TypeAliases.load(detector, categories)),
                List.copyOf(analyzers),
                b.limits);
        this.scorer = new Scorer(b.policy);
        this.defaultPasswords = List.copyOf(b.defaultPasswords);
        this.tempRoot = b.tempRoot;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ScanLimits limits() {
        return parts.limits();
    }

    public ScoringPolicy policy() {
        return scorer.policy();
    }

    /**
     * Runs the scan on a worker thread and waits for it at most its time budget plus a grace
     * period. Analyzers stop themselves at the budget; the watchdog is for a third-party parser
     * that never returns: the caller still gets a fail-closed verdict in time, and the stuck
     * worker is interrupted.
     */
    public Report scan(ScanRequest request) {
        long startNanos = System.nanoTime();
        Instant startedAt = clock.instant();
        Duration budget = budget(request);
        ScanProgress progress = new ScanProgress();
        Future<Report> future = ScanWorkers.submit(() -> scanHere(request, startedAt, startNanos, budget, progress));
        try {
            return future.get(budget.toMillis() + ScanWorkers.grace(budget).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return stuck(request, startedAt, startNanos, budget, progress);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SampleSinkException sinkFailure) {
                throw sinkFailure;
            }
            return failClosed(request, startedAt, startNanos, e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failClosed(request, startedAt, startNanos, e);
        }
    }

    private Report scanHere(
            ScanRequest request, Instant startedAt, long startNanos, Duration budget, ScanProgress progress) {
        PasswordBook passwords = new PasswordBook(request.passwords(), defaultPasswords);
        try (ContentStore store = new ContentStore(tempRoot, parts.limits().memoryThreshold())) {
            ScanRun run = new ScanRun(parts, store, passwords, startNanos, budget, progress);
            TreeNode root;
            try (InputStream in = request.source().open()) {
                root = run.spoolRoot(
                        request.rootName(), request.kind() == ScanRequest.Kind.MAIL ? MAIL_TYPE : null, in);
            }
            run.process(root, request.kind() == ScanRequest.Kind.MAIL ? MAIL_TYPE : null);
            allow(root, request.allowList(), null);
            Report report = report(
                    request,
                    startedAt,
                    startNanos,
                    root.toReport(),
                    collect(root),
                    new ScanStats(
                            run.nodeCount(),
                            run.deepest(),
                            run.totalBytes(),
                            elapsedMillis(startNanos),
                            run.limitsHit()));
            if (request.sampleSink() != null) {
                handOverSamples(root, request.sampleSink());
            }
            return report;
        } catch (SampleSinkException e) {
            throw e;
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            return failClosed(request, startedAt, startNanos, e);
        }
    }

    /** The worker did not come back: report where it was, and do not pass the mail. */
    private Report stuck(
            ScanRequest request, Instant startedAt, long startNanos, Duration budget, ScanProgress progress) {
        String where = progress.currentPath();
        Finding finding = Finding.of(
                        "limit.time",
                        Severity.HIGH,
                        "the analysis did not return within its time budget (a parser "
                                + "did not stop); the input was not fully inspected")
                .with("budgetMillis", budget.toMillis())
                .with("stuckAt", where)
                .build()
                .atPath(where != null ? where : request.rootName());
        ReportNode root = new ReportNode(
                request.rootName(),
                request.rootName(),
                Origin.INPUT,
                null,
                null,
                null,
                0,
                null,
                List.of(finding),
                Map.of(),
                List.of());
        return report(
                request,
                startedAt,
                startNanos,
                root,
                List.of(finding),
                new ScanStats(0, 0, 0, elapsedMillis(startNanos), List.of("limit.time")));
    }

    private Duration budget(ScanRequest request) {
        Duration limit = parts.limits().timeBudget();
        return request.timeBudget() != null && request.timeBudget().compareTo(limit) < 0 ? request.timeBudget() : limit;
    }

    /**
     * Turns the findings on an allow-listed node, and below it, into {@code info} findings that
     * carry the allow entry as evidence: they stay visible and count for nothing.
     */
    private static void allow(TreeNode node, AllowList list, AllowList.Entry inherited) {
        AllowList.Entry entry = inherited;
        if (entry == null && !node.listedOnly()) {
            entry = list.find(node.content.sha256()).orElse(null);
        }
        if (entry != null) {
            for (int i = 0; i < node.findings.size(); i++) {
                Finding f = node.findings.get(i);
                Map<String, Object> evidence = new java.util.LinkedHashMap<>(f.evidence());
                evidence.put("originalSeverity", f.severity().label());
                evidence.put(AllowList.EVIDENCE_KEY, entry);
                node.findings.set(i, new Finding(f.code(), Severity.INFO, f.path(), f.description(), evidence));
            }
        }
        for (TreeNode child : node.children) {
            allow(child, list, entry);
        }
    }

    /** Every distinct node below the input that carries a finding the policy does not rate clean. */
    private void handOverSamples(TreeNode root, SampleSink sink) {
        Set<String> seen = new HashSet<>();
        Deque<TreeNode> pending = new ArrayDeque<>(root.children);
        while (!pending.isEmpty()) {
            TreeNode node = pending.poll();
            pending.addAll(node.children);
            Verdict worst = Verdict.CLEAN;
            List<String> codes = new ArrayList<>();
            for (Finding f : node.findings) {
                Verdict v = scorer.policy().effectOf(f).verdict();
                if (v != Verdict.CLEAN) {
                    worst = worst.atLeast(v);
                    codes.add(f.code());
                }
            }
            if (worst == Verdict.CLEAN || !seen.add(node.content.sha256())) {
                continue;
            }
            Sample sample = new Sample(
                    node.name,
                    node.path,
                    node.type == null ? null : node.type.detected(),
                    node.content.size(),
                    node.content.sha256(),
                    worst,
                    codes,
                    node.content.truncated());
            try {
                sink.accept(sample, node.content);
            } catch (IOException | RuntimeException e) {
                throw new SampleSinkException(
                        "could not store the sample " + sample.sha256() + " (" + sample.path() + ")", e);
            }
        }
    }

    private static List<Finding> collect(TreeNode root) {
        List<Finding> all = new ArrayList<>();
        root.collectFindings(all);
        return all;
    }

    private Report report(
            ScanRequest request,
            Instant startedAt,
            long startNanos,
            ReportNode root,
            List<Finding> findings,
            ScanStats stats) {
        Scorer.Outcome outcome = scorer.score(findings);
        MailHeaders mail = root.facts().get("mail") instanceof MailHeaders h ? h : null;
        if (mail != null) {
            root = withoutFact(root, "mail");
        }
        return new Report(
                Report.SCHEMA,
                request.input(),
                startedAt.toString(),
                VERSION,
                scorer.policy().label(),
                outcome.verdict(),
                outcome.score(),
                outcome.reasons(),
                findings,
                mail,
                stats,
                root);
    }

    /** The root's mail headers are the report's own {@code mail}; they are not repeated under the root's facts. */
    private static ReportNode withoutFact(ReportNode node, String key) {
        Map<String, Object> facts = new java.util.LinkedHashMap<>(node.facts());
        facts.remove(key);
        return new ReportNode(
                node.name(),
                node.path(),
                node.origin(),
                node.declaredType(),
                node.extensionType(),
                node.detectedType(),
                node.size(),
                node.sha256(),
                node.findings(),
                facts,
                node.children());
    }

    /** The input could not be scanned at all (unreadable source, engine fault): say so, and do not pass it. */
    private Report failClosed(ScanRequest request, Instant startedAt, long startNanos, Throwable error) {
        Finding finding = Finding.of(
                        "engine.error", Severity.HIGH, "the scan could not complete; the input was not inspected")
                .withError(error)
                .build()
                .atPath(request.rootName());
        ReportNode root = new ReportNode(
                request.rootName(),
                request.rootName(),
                Origin.INPUT,
                null,
                null,
                null,
                0,
                null,
                List.of(finding),
                Map.of(),
                List.of());
        return report(
                request,
                startedAt,
                startNanos,
                root,
                List.of(finding),
                new ScanStats(0, 0, 0, elapsedMillis(startNanos), List.of()));
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public static final class Builder {
        private ScanLimits limits = ScanLimits.DEFAULTS;
        private ScoringPolicy policy;
        private List<Analyzer> analyzers;
        private List<String> defaultPasswords = List.of("infected", "malware", "virus");
        private Path tempRoot = Path.of(System.getProperty("java.io.tmpdir"));
        private TypeDetector detector;
        private Clock clock = Clock.systemUTC();

        public Builder limits(ScanLimits value) {
            this.limits = Objects.requireNonNull(value);
            return this;
        }

        public Builder policy(ScoringPolicy value) {
            this.policy = Objects.requireNonNull(value);
            return this;
        }

        public Builder analyzers(List<Analyzer> value) {
            this.analyzers = List.copyOf(value);
            return this;
        }

        public Builder defaultPasswords(List<String> value) {
            this.defaultPasswords = List.copyOf(value);
            return this;
        }

        public Builder tempRoot(Path value) {
            this.tempRoot = Objects.requireNonNull(value);
            return this;
        }

        /** Share one detector between engines (tests, several policies): it is the slow part to build. */
        public Builder detector(TypeDetector value) {
            this.detector = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        public ScanEngine build() {
            if (policy == null) {
                policy = ScoringPolicy.defaults();
            }
            return new ScanEngine(this);
        }
    }
}
