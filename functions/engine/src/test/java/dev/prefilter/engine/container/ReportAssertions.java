package dev.prefilter.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.TestEngines;
import java.util.List;
import java.util.Map;

/** Assertions shared by the container tests. */
public final class ReportAssertions {

    private ReportAssertions() {}

    /** Names of the root's children, in order. */
    public static List<String> childNames(Report report) {
        return report.root().children().stream().map(ReportNode::name).toList();
    }

    public static List<String> codes(ReportNode node) {
        return node.findings().stream().map(Finding::code).toList();
    }

    /** Malformed input: no analyzer crashed, the damage was reported, and the verdict is not clean. */
    public static void damagedButHandled(Report report, String context) {
        List<String> codes = TestEngines.codes(report);
        assertFalse(codes.contains("analyzer.failed"), context + ": an analyzer failed: " + report.findings());
        assertTrue(
                codes.stream()
                        .anyMatch(c ->
                                c.startsWith("parse.") || c.equals("archive.unsupported") || c.startsWith("limit.")),
                context + ": no parse/unsupported finding in " + codes);
        assertNotEquals(Verdict.CLEAN, report.verdict(), context);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> facts(ReportNode node, String key) {
        return (Map<String, Object>) node.facts().get(key);
    }

    public static void assertNoParseFindings(Report report) {
        assertEquals(
                List.of(),
                TestEngines.codes(report).stream()
                        .filter(c -> c.startsWith("parse.") || c.equals("analyzer.failed"))
                        .toList(),
                () -> "unexpected findings: " + report.findings());
    }
}
