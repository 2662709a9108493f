package dev.prefilter.engine;

import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.content.Content;
import dev.prefilter.engine.content.ContentStore;
import dev.prefilter.engine.content.SpoolBudget;
import dev.prefilter.engine.detect.TypeCategory;
import dev.prefilter.engine.detect.TypeInfo;
import dev.prefilter.engine.limits.LimitExceededException;
import dev.prefilter.engine.limits.ScanLimits;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.password.PasswordBook;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The state of one scan: counters, deadline, spooled content, the tree. Never shared. */
final class ScanRun {

    private final EngineParts parts;
    private final ScanLimits limits;
    private final ContentStore store;
    private final PasswordBook passwords;
    private final java.time.Duration budget;
    private final long deadlineNanos;
    private final Set<String> limitsHit = new LinkedHashSet<>();
    /** Content hash and type of each node on the path from the root to the node being processed. */
    private final Deque<String> enclosing = new ArrayDeque<>();

    private int nodeCount;
    private int deepest;
    private long totalBytes;
    private boolean refuseChildren;
    private boolean stopped;
    private boolean timeExpired;

    private final ScanProgress progress;

    ScanRun(
            EngineParts parts,
            ContentStore store,
            PasswordBook passwords,
            long startNanos,
            java.time.Duration budget,
            ScanProgress progress) {
        this.progress = progress;
        this.parts = parts;
        this.limits = parts.limits();
        this.store = store;
        this.passwords = passwords;
        this.budget = budget;
        this.deadlineNanos = startNanos + budget.toNanos();
    }

    TreeNode spoolRoot(String name, String forcedType, InputStream in) throws IOException {
        // reading the input is bounded by the size limits; the time budget starts with the analysis
        NodeBudget budget = new NodeBudget(-1, false);
        Content content = store.spool(in, budget);
        nodeCount = 1;
        totalBytes = content.size();
        TreeNode root = new TreeNode(name, true, display(name), 0, Origin.INPUT, null, content);
        if (forcedType != null) {
            root.facts.put("inputKind", "mail");
        }
        budget.recordOn(root);
        return root;
    }

    void process(TreeNode node, String forcedType) {
        if (stopped) {
            return;
        }
        deepest = Math.max(deepest, node.depth);
        progress.at(node.path);
        try {
            checkTime();
            node.type = detect(node, forcedType);
            NodeInfo info = node.info();
            if (node.named) {
                parts.names().inspect(node.name).forEach(node::add);
            }
            Optional<TypeCategory> category = parts.categories().classify(info.detectedType(), info.extension());
            typeDisagreements(node, info, category);
            boolean inspected = selfNested(node, info) || runAnalyzers(node, info);
            categorise(node, info, category, inspected);
            if (timeExpired) {
                // an analyzer swallowed the exception; the limit still ends the scan here
                checkTime();
            }
        } catch (LimitExceededException e) {
            stopWith(node, e);
            return;
        }
        node.children.sort(Comparator.comparingInt(ScanRun::processingOrder));
        enclosing.push(identity(node));
        try {
            for (TreeNode child : node.children) {
                process(child, null);
            }
        } finally {
            enclosing.pop();
        }
    }

    private static String identity(TreeNode node) {
        return node.content.sha256() + " " + (node.type == null ? "" : TypeInfo.base(node.type.detected()));
    }

    /**
     * A node with the same bytes and type as one that encloses it (a zip that contains itself, a
     * parser that hands its whole input back) was analysed there already: opening it again would
     * only repeat itself down to the depth limit.
     */
    private boolean selfNested(TreeNode node, NodeInfo info) {
        if (node.content.size() == 0 || !enclosing.contains(identity(node))) {
            return false;
        }
        node.add(Finding.of(
                        "content.self-nesting",
                        Severity.LOW,
                        "the same bytes, of the same type, as an enclosing node: analysed there and not opened again")
                .with("detectedType", info.detectedType())
                .with("sha256", node.content.sha256())
                .build());
        return true;
    }

    /** Nested messages first, so that their bodies' passwords are known before archives are opened. */
    private static int processingOrder(TreeNode child) {
        return child.declaredType != null && child.declaredType.startsWith("message/") ? 0 : 1;
    }

    private TypeInfo detect(TreeNode node, String forcedType) {
        try {
            TypeInfo detected = parts.detector().detect(node.content, node.name, node.named, node.declaredType);
            if (forcedType != null
                    && !parts.detector().isA(detected.detected(), forcedType)
                    && parts.detector().isGeneric(detected.detected())) {
                return new TypeInfo(detected.declared(), detected.byExtension(), forcedType);
            }
            return detected;
        } catch (LimitExceededException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the last line of defence for a third-party detector: the node is still typed and analysed
            node.add(Finding.of("parse.type-detection", Severity.HIGH, "the type of this node could not be detected")
                    .withError(e)
                    .build());
            return new TypeInfo(
                    node.declaredType,
                    node.named ? parts.detector().byName(node.name) : null,
                    dev.prefilter.engine.detect.TypeDetector.OCTET_STREAM);
        }
    }

    private void typeDisagreements(TreeNode node, NodeInfo info, Optional<TypeCategory> category) {
        parts.disagreements().check(node.type, info.extension(), category).forEach(node::add);
    }

    private boolean runAnalyzers(TreeNode node, NodeInfo info) {
        if (node.content.truncated()) {
            return false;
        }
        boolean inspected = false;
        for (Analyzer analyzer : parts.analyzers()) {
            if (!analyzer.accepts(info)) {
                continue;
            }
            inspected |= analyzer.completesInspection();
            NodeContext context = new NodeContext(this, node, info);
            try {
                analyzer.analyze(context);
            } catch (LimitExceededException e) {
                throw e;
            } catch (Exception | StackOverflowError e) {
                node.add(Finding.of(
                                "analyzer.failed",
                                Severity.HIGH,
                                "the " + analyzer.name()
                                        + " analyzer could not finish on this node; its content is not fully inspected")
                        .with("analyzer", analyzer.name())
                        .withError(e)
                        .build());
            }
        }
        return inspected;
    }

    private void categorise(TreeNode node, NodeInfo info, Optional<TypeCategory> match, boolean inspected) {
        if (match.isEmpty()) {
            return;
        }
        TypeCategory category = match.get();
        if (category.uninspectedOnly() && inspected) {
            return;
        }
        String code = category.finding();
        Severity severity = category.severity();
        String description = category.description();
        if (!node.origin.userFacingFile() && severity == Severity.CRITICAL) {
            // an executable hidden after another file's end does not run by itself: it is staged
            code = code + "-hidden";
            severity = Severity.HIGH;
            description = description + " (found " + node.origin.label() + ", not directly runnable)";
        }
        node.add(Finding.of(code, severity, description)
                .with("category", category.name())
                .with("detectedType", info.detectedType())
                .with("extension", info.extension().isEmpty() ? null : info.extension())
                .build());
    }

    boolean addChild(TreeNode parent, ChildSpec spec, InputStream data) throws IOException {
        checkTime();
        if (refuseChildren) {
            return false;
        }
        if (parent.depth + 1 > limits.maxDepth()) {
            addLimitOnce(
                    parent,
                    "limit.depth",
                    "nesting deeper than " + limits.maxDepth() + " levels: this child was not opened",
                    "maxDepth",
                    limits.maxDepth());
            return false;
        }
        if (nodeCount >= limits.maxNodes()) {
            addLimitOnce(
                    parent,
                    "limit.node-count",
                    "more than " + limits.maxNodes() + " nodes in one mail: further children were not opened",
                    "maxNodes",
                    limits.maxNodes());
            refuseChildren = true;
            return false;
        }
        NodeBudget budget = new NodeBudget(spec.compressedSize(), true);
        Content content = store.spool(data, budget);
        nodeCount++;
        totalBytes += content.size();
        TreeNode child = new TreeNode(
                spec.name(),
                spec.named(),
                parent.path + " > " + display(spec.name()),
                parent.depth + 1,
                spec.origin(),
                spec.declaredType(),
                content);
        child.facts.putAll(spec.facts());
        budget.recordOn(child);
        parent.children.add(child);
        if ("limit.total-bytes".equals(budget.cutBy)) {
            refuseChildren = true;
            return false;
        }
        return true;
    }

    private void addLimitOnce(TreeNode node, String code, String description, String key, Object value) {
        limitsHit.add(code);
        if (!node.has(code)) {
            node.add(Finding.of(code, Severity.HIGH, description)
                    .with(key, value)
                    .build());
        }
    }

    void checkTime() {
        if (timeExpired || System.nanoTime() - deadlineNanos > 0) {
            timeExpired = true;
            throw new LimitExceededException(
                    "limit.time",
                    "the scan used its time budget of " + budget.toMillis()
                            + " ms; the rest of the mail was not inspected");
        }
    }

    void stopWith(TreeNode node, LimitExceededException e) {
        stopped = true;
        refuseChildren = true;
        limitsHit.add(e.code());
        if (!node.has(e.code())) {
            node.add(Finding.of(e.code(), Severity.HIGH, e.getMessage())
                    .with("budgetMillis", budget.toMillis())
                    .build());
        }
    }

    PasswordBook passwords() {
        return passwords;
    }

    ScanLimits limits() {
        return limits;
    }

    int nodeCount() {
        return nodeCount;
    }

    int deepest() {
        return deepest;
    }

    long totalBytes() {
        return totalBytes;
    }

    List<String> limitsHit() {
        return new ArrayList<>(limitsHit);
    }

    /** Names go into paths as they are, but without line breaks that would break a display line. */
    private static String display(String name) {
        return name.replace('\r', ' ').replace('\n', ' ');
    }

    /** Enforces the byte limits while one node spools, and remembers which one cut it. */
    private final class NodeBudget implements SpoolBudget {
        private final long compressedSize;
        private final boolean timed;
        String cutBy;
        private long cutAt;

        NodeBudget(long compressedSize, boolean timed) {
            this.compressedSize = compressedSize;
            this.timed = timed;
        }

        @Override
        public long allow(long soFar, int wanted) {
            if (timed) {
                checkTime();
            }
            long allowed = wanted;
            long nodeRoom = limits.maxNodeBytes() - soFar;
            if (allowed > nodeRoom) {
                allowed = Math.max(0, nodeRoom);
                cut("limit.node-size", soFar + allowed);
            }
            long totalRoom = limits.maxTotalBytes() - totalBytes - soFar;
            if (allowed > totalRoom) {
                allowed = Math.max(0, totalRoom);
                cut("limit.total-bytes", soFar + allowed);
            }
            if (compressedSize > 0) {
                long ratioRoom =
                        Math.max(limits.ratioGraceBytes(), (long) limits.maxCompressionRatio() * compressedSize)
                                - soFar;
                if (allowed > ratioRoom) {
                    allowed = Math.max(0, ratioRoom);
                    cut("limit.compression-ratio", soFar + allowed);
                }
            }
            return allowed;
        }

        private void cut(String code, long at) {
            cutBy = code;
            cutAt = at;
        }

        void recordOn(TreeNode node) {
            if (cutBy == null) {
                return;
            }
            limitsHit.add(cutBy);
            Finding.Builder finding = switch (cutBy) {
                case "limit.node-size" ->
                    Finding.of(
                                    cutBy,
                                    Severity.HIGH,
                                    "larger than " + limits.maxNodeBytes()
                                            + " bytes: only the first part was kept and it was not analysed")
                            .with("maxNodeBytes", limits.maxNodeBytes());
                case "limit.total-bytes" ->
                    Finding.of(
                                    cutBy,
                                    Severity.HIGH,
                                    "the mail expands to more than " + limits.maxTotalBytes()
                                            + " bytes: this node was cut off and nothing after it was opened")
                            .with("maxTotalBytes", limits.maxTotalBytes());
                default ->
                    Finding.of(
                                    cutBy,
                                    Severity.HIGH,
                                    "expands more than " + limits.maxCompressionRatio()
                                            + " times its stored size (a decompression bomb pattern): cut off "
                                            + "and not analysed")
                            .with("storedBytes", compressedSize)
                            .with("maxCompressionRatio", limits.maxCompressionRatio());
            };
            node.add(finding.with("keptBytes", cutAt).build());
        }
    }
}
