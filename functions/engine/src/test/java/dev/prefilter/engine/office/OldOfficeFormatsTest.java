package dev.prefilter.engine.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

/**
 * Office 95 files as their programs wrote them: no analyzer looks for what the format cannot
 * hold, and none calls the format damage.
 */
class OldOfficeFormatsTest {

    /**
     * PowerPoint 95: a {@code PowerPoint Document} stream and a {@code Current User} stream that is a
     * 4-byte size and that many bytes (PowerPoint 97's is at least 28 bytes of a fixed record).
     */
    static byte[] powerPoint95() throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new ByteArrayInputStream(new byte[2048]), "PowerPoint Document");
            byte[] currentUser = new byte[16];
            currentUser[0] = 12;
            fs.createDocument(new ByteArrayInputStream(currentUser), "Current User");
            return MacroFixtures.bytes(fs);
        }
    }

    @Test
    void powerPoint95IsNeitherDamagedNorLookedAtForVba() throws IOException {
        Report report = TestEngines.scanFile("slides.ppt", powerPoint95());
        assertEquals("application/vnd.ms-powerpoint", report.root().detectedType());
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings().toString());
        assertEquals(List.of("office.old-format"), TestEngines.codes(report));
        assertEquals(Severity.INFO, report.findings().get(0).severity());
        assertEquals("PowerPoint 95", report.findings().get(0).evidence().get("format"));
    }

    @Test
    void word95AndExcel95DocumentsStayClean() throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            byte[] fib = new byte[1024];
            fib[0] = (byte) 0xEC;
            fib[1] = (byte) 0xA5;
            fib[2] = 0x68; // nFib 104: Word 95
            fs.createDocument(new ByteArrayInputStream(fib), "WordDocument");
            Report word = TestEngines.scanFile("memo.doc", MacroFixtures.bytes(fs));
            assertEquals(Verdict.CLEAN, word.verdict(), word.findings().toString());
            assertTrue(word.findings().isEmpty(), word.findings().toString());
        }
        byte[] excel95 = BiffFixtures.xls(false, List.of(new BiffFixtures.Sheet("Sheet1", 0, 0, List.of())), List.of());
        Report excel = TestEngines.scanFile("budget.xls", excel95);
        assertEquals(Verdict.CLEAN, excel.verdict(), excel.findings().toString());
        assertTrue(excel.findings().isEmpty(), excel.findings().toString());
    }
}
