package dev.prefilter.engine;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.content.Content;
import dev.prefilter.engine.limits.ScanLimits;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.password.PasswordBook;
import java.io.IOException;
import java.io.InputStream;

/** What one analyzer sees of one node. */
final class NodeContext implements AnalysisContext {

    private final ScanRun run;
    private final TreeNode node;
    private final NodeInfo info;

    NodeContext(ScanRun run, TreeNode node, NodeInfo info) {
        this.run = run;
        this.node = node;
        this.info = info;
    }

    @Override
    public NodeInfo node() {
        return info;
    }

    @Override
    public Content content() {
        return node.content;
    }

    @Override
    public void report(Finding finding) {
        node.add(finding);
    }

    @Override
    public void fact(String key, Object value) {
        if (value != null) {
            node.facts.put(key, value);
        }
    }

    @Override
    public boolean child(ChildSpec spec, InputStream data) throws IOException {
        return run.addChild(node, spec, data);
    }

    @Override
    public PasswordBook passwords() {
        return run.passwords();
    }

    @Override
    public ScanLimits limits() {
        return run.limits();
    }

    @Override
    public void checkTime() {
        run.checkTime();
    }
}
