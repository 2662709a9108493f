package dev.prefilter.engine.office;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.TestEngines;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Questions the Office tests ask of a report. */
public final class ReportChecks {

    /** Finding-code prefixes of the embedded-object, link, DDE and RTF analyzers. */
    public static final Set<String> OUR_PREFIXES = Set.of("ole.", "ooxml.", "dde.", "rtf.");

    private ReportChecks() {}

    public static List<Finding> withCode(Report report, String code) {
        return report.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    public static Finding only(Report report, String code) {
        List<Finding> found = withCode(report, code);
        if (found.size() != 1) {
            throw new AssertionError(
                    "expected one " + code + " finding, got " + found.size() + " in " + TestEngines.codes(report));
        }
        return found.get(0);
    }

    /** Findings of this analyzer family above info. */
    public static List<Finding> oursAboveInfo(Report report) {
        return report.findings().stream()
                .filter(f -> f.severity() != Severity.INFO)
                .filter(f -> OUR_PREFIXES.stream().anyMatch(p -> f.code().startsWith(p))
                        || f.code().startsWith("parse.")
                        || f.code().startsWith("analyzer."))
                .toList();
    }

    public static Optional<ReportNode> child(Report report, String name) {
        return TestEngines.nodes(report).stream()
                .filter(n -> n.name().equals(name))
                .findFirst();
    }
}
