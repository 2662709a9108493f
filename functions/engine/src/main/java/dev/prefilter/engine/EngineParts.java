package dev.prefilter.engine;

import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.detect.NameInspector;
import dev.prefilter.engine.detect.TypeCategories;
import dev.prefilter.engine.detect.TypeDetector;
import dev.prefilter.engine.detect.TypeDisagreements;
import dev.prefilter.engine.limits.ScanLimits;
import java.util.List;

/** The immutable collaborators every scan shares. */
record EngineParts(
        TypeDetector detector,
        TypeCategories categories,
        NameInspector names,
        TypeDisagreements disagreements,
        List<Analyzer> analyzers,
        ScanLimits limits) {}
