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

        assertTrue(policy.label().matches("strict-7@[0-9a-f]{12}"), policy.label());
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

    @Test
    void theLabelIsTheNameAndVersionPlusAHashOfTheRulesInForce(@TempDir Path dir) throws IOException {
        String defaults = ScoringPolicy.defaults().label();
        assertTrue(defaults.matches("default-1@[0-9a-f]{12}"), defaults);

        Path unnamed = dir.resolve("unnamed.json");
        Files.writeString(unnamed, "{\"rules\":{\"type.shortcut\":{\"verdict\":\"clean\"}}}");
        String custom = ScoringPolicy.withOverrides(unnamed).label();
        assertTrue(custom.matches("custom@[0-9a-f]{12}"), "a file without a name is not the default: " + custom);

        Path sameRulesOtherLayout = dir.resolve("same.json");
        Files.writeString(
                sameRulesOtherLayout,
                "{\n  \"_comment\": \"whitespace and comments do not change the rules\",\n"
                        + "  \"rules\": { \"type.shortcut\": { \"verdict\": \"clean\" } }\n}");
        assertEquals(custom, ScoringPolicy.withOverrides(sameRulesOtherLayout).label());

        Path renamedDefault = dir.resolve("renamed.json");
        Files.writeString(
                renamedDefault, "{\"name\":\"default\",\"version\":\"1\",\"thresholds\":{\"suspicious\":50}}");
        String renamed = ScoringPolicy.withOverrides(renamedDefault).label();
        assertTrue(renamed.startsWith("default-1@"), renamed);
        assertTrue(!renamed.equals(defaults), "a changed threshold under the default's name still gets another label");
    }

    @Test
    void aRuleForACodeNobodyEmitsIsWarnedAboutWithTheNearestKnownCode(@TempDir Path dir) throws IOException {
        assertEquals(List.of(), PolicyCheck.warnings(ScoringPolicy.defaults()));
        Path file = dir.resolve("typo.json");
        Files.writeString(
                file,
                "{\"rules\":{\"archive.encrypted-unopend\":{\"verdict\":\"clean\"},\"lnkk.*\":{\"weight\":0},"
                        + "\"parse.zip\":{\"weight\":1},\"limit.*\":{\"verdict\":\"malicious\"}}}");
        List<String> warnings = PolicyCheck.warnings(ScoringPolicy.withOverrides(file));
        assertEquals(
                List.of(
                        "rule 'archive.encrypted-unopend' matches no finding code the engine emits; nearest known code: 'archive.encrypted-unopened'",
                        "rule 'lnkk.*' matches no finding code the engine emits; nearest known prefix: 'lnk.*'"),
                warnings);
    }
}
