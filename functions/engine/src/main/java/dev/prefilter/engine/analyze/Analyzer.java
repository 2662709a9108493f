package dev.prefilter.engine.analyze;

import java.io.IOException;

/**
 * Looks at one kind of node and reports findings, facts and children. Children go back to the
 * engine, which types them and routes them to analyzers again: analyzers never recurse.
 * Implementations are stateless and shared between scans and threads.
 */
public interface Analyzer {

    /** Short stable name, used in facts and in failure findings. */
    String name();

    boolean accepts(NodeInfo node);

    void analyze(AnalysisContext context) throws IOException;
}
