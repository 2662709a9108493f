package dev.prefilter.engine.office;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Damaged documents (truncated, bytes flipped) never make these analyzers fail with an
 * unexpected exception: what they cannot read becomes a parse finding, and the scan goes on.
 * Seeded, so a failure reproduces.
 */
class MalformedOfficeInputTest {

    private static final Set<String> OURS = Set.of("ole-objects", "ooxml-links", "dde", "rtf");

    @Test
    void damagedDocumentsDoNotBreakTheAnalyzers() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put(
                "seed.doc",
                OfficeFixtures.wordWithObjects(Map.of(
                        "_1", OfficeFixtures.packageStream("a.exe", "C:\\a.exe", "C:\\T\\a.exe", OfficeFixtures.EXE),
                        "_2", OfficeFixtures.commandPackageStream("c", "C:\\c", "cmd /c calc"))));
        seeds.put(
                "seed.docx",
                dev.prefilter.engine.office.ole.OleObjectAnalyzerTestAccess.docxWithEmbedding(
                        OfficeFixtures.oleObjectBin(OfficeFixtures.packageStream(
                                "b.lnk", "C:\\b.lnk", "C:\\T\\b.lnk", OfficeFixtures.LNK))));
        byte[] ole1 = OfficeFixtures.ole1Embedded(
                "Package", OfficeFixtures.packageNativeData("c.js", "C:\\c.js", "C:\\T\\c.js", OfficeFixtures.TEXT));
        seeds.put(
                "seed.rtf",
                ("{\\rtf1{\\object\\objemb\\objupdate{\\*\\objclass Package}{\\*\\objdata " + OfficeFixtures.hex(ole1)
                                + "}}}")
                        .getBytes(StandardCharsets.US_ASCII));
        seeds.put("seed.csv", "a,=cmd|' /c calc'!A0\r\n".getBytes(StandardCharsets.US_ASCII));

        Random random = new Random(20261126L);
        List<String> failures = new ArrayList<>();
        int scans = 0;
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            byte[] original = seed.getValue();
            for (int i = 0; i < 60; i++) {
                byte[] damaged =
                        i % 4 == 0 ? Arrays.copyOf(original, random.nextInt(original.length)) : original.clone();
                if (i % 4 != 0) {
                    for (int flips = 1 + random.nextInt(24); flips > 0; flips--) {
                        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                    }
                }
                Report report = TestEngines.scanFile(seed.getKey(), damaged);
                scans++;
                for (Finding f : report.findings()) {
                    if (f.code().equals("analyzer.failed")
                            && OURS.contains(String.valueOf(f.evidence().get("analyzer")))) {
                        failures.add(
                                seed.getKey() + " #" + i + ": " + f.evidence().get("analyzer") + " "
                                        + f.evidence().get("error"));
                    }
                }
                if (report.findings().stream().anyMatch(f -> f.code().equals("engine.error"))) {
                    failures.add(seed.getKey() + " #" + i + ": engine.error");
                }
            }
        }
        assertTrue(scans == 240);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
