package dev.prefilter.engine;

import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.container.CabAnalyzer;
import dev.prefilter.engine.container.IsoAnalyzer;
import dev.prefilter.engine.container.RarAnalyzer;
import dev.prefilter.engine.container.RawDiskAnalyzer;
import dev.prefilter.engine.container.VhdAnalyzer;
import dev.prefilter.engine.container.VhdxAnalyzer;
import dev.prefilter.engine.mime.MimeMessageAnalyzer;
import java.util.List;

/** The analyzers a standard engine runs, in the order they run on a node. */
public final class Analyzers {

    private Analyzers() {
    }

    public static List<Analyzer> standard() {
        return List.of(
                new MimeMessageAnalyzer(),
                new IsoAnalyzer(),
                new RawDiskAnalyzer(),
                new VhdAnalyzer(),
                new VhdxAnalyzer(),
                new CabAnalyzer(),
                new RarAnalyzer());
    }
}
