package dev.prefilter.engine.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringPolicyTest {

    private static Finding f(String code, Severity severity, String path) {
        return Finding.of(code, severity, "d").build().atPath(path);
    }

    @Test
    void severitiesRulesAndThresholdsDecideTheVerdict() {
        Scorer scorer = new Scorer(ScoringPolicy.defaults());
        assertEquals(
                Verdict.CLEAN,
                scorer.score(List.of(f("x.low", Severity.LOW, "a"))).verdict());
        assertEquals(
                Verdict.SUSPICIOUS,
                scorer.score(List.of(f("x.high", Severity.HIGH, "a"))).verdict());
        assertEquals(
                Verdict.MALICIOUS,
                scorer.score(List.of(f("x.critical", Severity.CRITICAL, "a"))).verdict());
        assertEquals(
                Verdict.SUSPICIOUS,
                scorer.score(List.of(f("limit.depth", Severity.INFO, "a"))).verdict(),
                "prefix rule");
        Scorer.Outcome many = scorer.score(List.of(
                f("a.m", Severity.MEDIUM, "a"), f("b.m", Severity.MEDIUM, "a"), f("c.m", Severity.MEDIUM, "b")));
        assertEquals(45, many.score());
        assertEquals(Verdict.SUSPICIOUS, many.verdict(), "accumulated medium findings pass the threshold");
    }

    @Test
    void theSameCodeOnTheSameNodeCountsOnce() {
        Scorer scorer = new Scorer(ScoringPolicy.defaults());
        Scorer.Outcome outcome = scorer.score(List.of(f("a.m", Severity.MEDIUM, "a"), f("a.m", Severity.MEDIUM, "a")));
        assertEquals(15, outcome.score());
        assertEquals(1, outcome.reasons().size());
    }

    @Test
    void reasonsPutTheVerdictMakersFirst() {
        Scorer.Outcome outcome = new Scorer(ScoringPolicy.defaults())
                .score(List.of(
                        f("a.m", Severity.MEDIUM, "x"),
                        f("type.executable", Severity.CRITICAL, "x > y.exe"),
                        f("b.h", Severity.HIGH, "x")));
        assertEquals("type.executable", outcome.reasons().get(0).code());
        assertEquals(Verdict.MALICIOUS, outcome.reasons().get(0).verdict());
    }

    @Test
    void anOperatorFileOverridesKeyByKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("policy.json");
        Files.writeString(
                file,
                "{\"name\":\"strict\",\"version\":\"7\",\"thresholds\":{\"malicious\":60},"
                        + "\"rules\":{\"type.shortcut\":{\"verdict\":\"malicious\"}}}");
        ScoringPolicy policy = ScoringPolicy.withOverrides(file);
        Scorer scorer = new Scorer(policy);

        assertEquals("strict-7", policy.label());
        assertEquals(
                Verdict.MALICIOUS,
                scorer.score(List.of(f("type.shortcut", Severity.HIGH, "a"))).verdict());
        assertEquals(
                Verdict.MALICIOUS,
                scorer.score(List.of(
                                f("a.h", Severity.HIGH, "a"),
                                f("b.m", Severity.MEDIUM, "a"),
                                f("c.m", Severity.MEDIUM, "a")))
                        .verdict());
        assertEquals(
                Verdict.SUSPICIOUS,
                scorer.score(List.of(f("archive.encrypted-unopened", Severity.HIGH, "a")))
                        .verdict(),
                "defaults kept");
    }

    @Test
    void badPolicyFilesFailWithTheProblemNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(
                file, "{\"rules\":{\"Not A Code\":{\"verdict\":\"clean\"}},\"severities\":{\"high\":{\"weight\":-1}}}");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ScoringPolicy.withOverrides(file));
        assertTrue(e.getMessage().contains("Not A Code"), e.getMessage());
        assertTrue(e.getMessage().contains("severities.high"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScoringPolicy.withOverrides(dir.resolve("missing.json")));
    }
}
