package dev.prefilter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.score.AllowList;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllowListTest {

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Report scan(byte[] zip, AllowList list) {
        return TestEngines.standard()
                .scan(ScanRequest.file("tools.zip", "tools.zip", () -> new ByteArrayInputStream(zip))
                        .withAllowList(list));
    }

    @Test
    void findingsOnAnAllowedNodeAndBelowItStayAsInfoWithTheEntryAndDoNotCount() throws Exception {
        byte[] tool = Samples.pe();
        byte[] inner = Archives.zip(Map.of("setup.exe", tool));
        byte[] outer = Archives.zip(Map.of("inner.zip", inner));
        assertEquals(Verdict.MALICIOUS, scan(outer, AllowList.NONE).verdict());

        AllowList.Entry entry =
                new AllowList.Entry(sha256(inner), "our installer bundle", "alice", "2026-01-02T03:04:05Z");
        Report report = scan(outer, sha -> sha.equals(entry.sha256()) ? Optional.of(entry) : Optional.empty());

        assertEquals(Verdict.CLEAN, report.verdict());
        assertEquals(0, report.score());
        assertEquals(List.of(), report.reasons());
        Finding executable = report.findings().stream()
                .filter(f -> f.code().equals("type.executable"))
                .findFirst()
                .orElseThrow();
        assertEquals(Severity.INFO, executable.severity());
        assertEquals("tools.zip > inner.zip > setup.exe", executable.path());
        assertEquals(entry, executable.evidence().get(AllowList.EVIDENCE_KEY));
        assertEquals("critical", executable.evidence().get("originalSeverity"));
    }

    @Test
    void aHashThatIsNotListedChangesNothing() throws Exception {
        byte[] outer = Archives.zip(Map.of("setup.exe", Samples.pe()));
        AllowList.Entry other = new AllowList.Entry("0".repeat(64), "something else", "bob", "2026-01-02T03:04:05Z");
        Report report = scan(outer, sha -> sha.equals(other.sha256()) ? Optional.of(other) : Optional.empty());
        assertEquals(Verdict.MALICIOUS, report.verdict());
        assertTrue(report.findings().stream().noneMatch(f -> f.evidence().containsKey(AllowList.EVIDENCE_KEY)));
    }
}
