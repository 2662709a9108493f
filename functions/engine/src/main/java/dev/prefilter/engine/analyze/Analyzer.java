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

    /**
     * Whether accepting a node means its risky content has been looked at, so that the
     * "uninspected" type categories (a macro-capable Office document no analyzer opened) stay
     * silent. Analyzers that look at one aspect of a node only (embedded objects, external links,
     * DDE) return false: a .doc whose objects were read but whose macros were not is still
     * uninspected until an analyzer that reads its macros accepts it.
     */
    default boolean completesInspection() {
        return true;
    }
}
