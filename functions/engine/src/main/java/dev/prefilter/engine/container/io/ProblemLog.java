package dev.prefilter.engine.container.io;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Structural problems a reader stepped over (a truncated member, a bad checksum, a broken
 * chain). They become one {@code parse.<kind>} finding with the first few examples, so a
 * container with a thousand broken entries does not flood the report.
 */
public final class ProblemLog {

    private static final int EXAMPLES = 5;

    private final String kind;
    private final List<String> examples = new ArrayList<>();
    private int count;

    public ProblemLog(String kind) {
        this.kind = kind;
    }

    public void add(String problem) {
        count++;
        if (examples.size() < EXAMPLES) {
            examples.add(Evidence.text(problem));
        }
    }

    public int count() {
        return count;
    }

    public List<String> examples() {
        return List.copyOf(examples);
    }

    /** Reports the collected problems, if any, as one high finding. */
    public void reportTo(AnalysisContext context, String what) {
        if (count == 0) {
            return;
        }
        context.report(Finding.of(
                        "parse." + kind,
                        Severity.HIGH,
                        what + " is damaged in " + count + (count == 1 ? " place" : " places")
                                + ": what it holds may be incomplete")
                .with("problems", count)
                .with("examples", List.copyOf(examples))
                .build());
    }
}
