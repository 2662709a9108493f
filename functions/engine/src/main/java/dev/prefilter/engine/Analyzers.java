package dev.prefilter.engine;

import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.mime.MimeMessageAnalyzer;
import dev.prefilter.engine.office.dde.DdeAnalyzer;
import dev.prefilter.engine.office.links.ExternalRelationshipAnalyzer;
import dev.prefilter.engine.office.ole.OleObjectAnalyzer;
import dev.prefilter.engine.rtf.RtfAnalyzer;
import java.util.List;

/** The analyzers a standard engine runs, in the order they run on a node. */
public final class Analyzers {

    private Analyzers() {
    }

    public static List<Analyzer> standard() {
        return List.of(
                new MimeMessageAnalyzer(),
                new OleObjectAnalyzer(),
                new ExternalRelationshipAnalyzer(),
                new DdeAnalyzer(),
                new RtfAnalyzer());
    }
}
