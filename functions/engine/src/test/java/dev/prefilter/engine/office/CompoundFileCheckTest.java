package dev.prefilter.engine.office;

import static dev.prefilter.engine.binary.Bytes.u32le;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.MacroFixtures.Module;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compound Files whose structure reaches past their end: damage when a stream needs what is
 * missing, a writer's quirk (info) when nothing does. The quirk is written by patching POI's
 * output: FAT entries for sectors past the end, marked end-of-chain, used by no stream.
 */
class CompoundFileCheckTest {

    private static final String MACRO = "Sub AutoOpen()\r\n    Shell \"cmd /c calc\"\r\nEnd Sub\r\n";

    /** POI's Compound File with {@code count} FAT entries past its last sector marked end-of-chain. */
    static byte[] withFatEntriesPastTheEnd(byte[] compoundFile, int count) {
        byte[] b = compoundFile.clone();
        int sectors = b.length / 512 - 1;
        assertTrue(sectors + count <= 128, "the first FAT sector describes the patched entries");
        int fat = (int) (u32le(b, 0x4C) + 1) * 512;
        for (int i = 0; i < count; i++) {
            int at = fat + 4 * (sectors + i);
            assertEquals(0xFFFFFFFFL, u32le(b, at), "entry " + (sectors + i) + " was free");
            b[at] = (byte) 0xFE;
            b[at + 1] = b[at + 2] = b[at + 3] = (byte) 0xFF;
        }
        return b;
    }

    @Test
    void fatEntriesPastTheEndThatNoStreamUsesAreAQuirkNotDamage() {
        byte[] doc = withFatEntriesPastTheEnd(MacroFixtures.doc(List.of(Module.standard("NewMacros", MACRO))), 5);
        Report report = TestEngines.scanFile("report.doc", doc);
        List<String> codes = TestEngines.codes(report);
        assertFalse(codes.contains("parse.compound-file"), codes.toString());
        Finding quirk = report.findings().stream()
                .filter(f -> f.code().equals("office.compound-file-quirk"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(codes));
        assertTrue(
                quirk.evidence().get("quirk").toString().startsWith("5 FAT entries"),
                quirk.evidence().toString());
        assertEquals(Verdict.MALICIOUS, report.verdict(), "the macro is read whole: " + codes);
    }

    @Test
    void aCleanDocumentWithTheQuirkStaysClean() {
        byte[] doc = withFatEntriesPastTheEnd(MacroFixtures.doc(null), 3);
        Report report = TestEngines.scanFile("letter.doc", doc);
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings().toString());
    }

    @Test
    void aStreamThatNeedsAMissingSectorIsStillDamage() {
        byte[] doc = withFatEntriesPastTheEnd(MacroFixtures.doc(List.of(Module.standard("NewMacros", MACRO))), 5);
        byte[] cut = Arrays.copyOf(doc, doc.length - 1024);
        Report report = TestEngines.scanFile("report.doc", cut);
        List<String> codes = TestEngines.codes(report);
        assertTrue(codes.contains("parse.compound-file"), codes.toString());
        assertFalse(codes.contains("office.compound-file-quirk"), "damage is not called a quirk: " + codes);
        assertTrue(report.verdict().compareTo(Verdict.SUSPICIOUS) >= 0, codes.toString());
    }
}
