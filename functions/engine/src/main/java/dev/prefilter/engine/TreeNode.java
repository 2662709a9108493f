package dev.prefilter.engine;

import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.content.Content;
import dev.prefilter.engine.detect.TypeInfo;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.report.ReportNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node while its scan runs; becomes a {@link ReportNode} at the end. Confined to one scan. */
final class TreeNode {

    final String name;
    final boolean named;
    final String path;
    final int depth;
    final Origin origin;
    final String declaredType;
    final Content content;
    final List<Finding> findings = new ArrayList<>();
    final Map<String, Object> facts = new LinkedHashMap<>();
    final List<TreeNode> children = new ArrayList<>();
    TypeInfo type;

    TreeNode(String name, boolean named, String path, int depth, Origin origin, String declaredType, Content content) {
        this.name = name;
        this.named = named;
        this.path = path;
        this.depth = depth;
        this.origin = origin;
        this.declaredType = declaredType;
        this.content = content;
    }

    void add(Finding finding) {
        findings.add(finding.atPath(path));
    }

    boolean has(String code) {
        return findings.stream().anyMatch(f -> f.code().equals(code));
    }

    NodeInfo info() {
        return new NodeInfo(name, named, path, depth, origin, type, content.size(), content.sha256());
    }

    /** A member known by name only (locked or unsupported container): it has no bytes of its own to report. */
    boolean listedOnly() {
        return Boolean.TRUE.equals(facts.get("listedOnly"));
    }

    ReportNode toReport() {
        TypeInfo t = type != null ? type : new TypeInfo(declaredType, null, null);
        boolean listed = listedOnly();
        return new ReportNode(
                name,
                path,
                origin,
                t.declared(),
                t.byExtension(),
                listed ? null : t.detected(),
                listed ? 0 : content.size(),
                listed ? null : content.sha256(),
                List.copyOf(findings),
                facts.isEmpty() ? Map.of() : new LinkedHashMap<>(facts),
                children.stream().map(TreeNode::toReport).toList());
    }

    void collectFindings(List<Finding> into) {
        into.addAll(findings);
        children.forEach(c -> c.collectFindings(into));
    }
}
