package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * An ActiveMime part (from an MHT document's MIME parts or a Word 2003 XML binData element):
 * inflates it and hands the Compound File inside back as a child, where the VBA analyzer reads
 * the project.
 */
public final class ActiveMimeAnalyzer implements Analyzer {

    static final String TYPE = "application/x-activemime";

    @Override
    public String name() {
        return "activemime";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return node.is(TYPE);
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        long max = ctx.limits().maxInMemoryParse();
        Optional<byte[]> ole = ActiveMime.decode(ctx.content().readAll(max), max);
        if (ole.isEmpty()) {
            ctx.report(Finding.of(
                            "parse.activemime",
                            Severity.HIGH,
                            "an ActiveMime (MSO) part, which carries VBA macros, could not be decompressed")
                    .build());
            return;
        }
        ctx.child(
                ChildSpec.labelled(ctx.node().name() + " (inflated)", Origin.EMBEDDED)
                        .withFact("container", "ActiveMime"),
                new ByteArrayInputStream(ole.get()));
    }
}
