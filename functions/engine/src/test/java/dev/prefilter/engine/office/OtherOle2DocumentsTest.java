package dev.prefilter.engine.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.MacroFixtures.Module;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

/**
 * Publisher, Visio and Project files are Compound Files that can carry a VBA project and embedded
 * objects: the analyzers read them, so an ordinary one is clean (not "macro-capable, uninspected")
 * and one with a macro is reported for its macro.
 */
class OtherOle2DocumentsTest {

    private static final String MACRO = "Sub Document_Open()\r\n    Shell \"cmd /c calc\"\r\nEnd Sub\r\n";

    /** Publisher's layout: the Quill/QuillSub/CONTENTS storage Tika recognises, the Contents stream, an optional project. */
    static byte[] publisher(List<Module> macros) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            DirectoryEntry quill = fs.getRoot().createDirectory("Quill").createDirectory("QuillSub");
            quill.createDocument("CONTENTS", new ByteArrayInputStream(new byte[600]));
            fs.createDocument(new ByteArrayInputStream(new byte[1200]), "Contents");
            fs.createDocument(new ByteArrayInputStream(new byte[200]), "Envelope");
            if (macros != null) MacroFixtures.vbaStorage(fs.getRoot(), "", macros, new byte[] {(byte) 0xCC, 0x61});
            return MacroFixtures.bytes(fs);
        }
    }

    /** Visio 2003's binary drawing: the VisioDocument stream. */
    static byte[] visio(List<Module> macros) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            byte[] header = new byte[1024];
            System.arraycopy(
                    "Visio (TM) Drawing\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, header, 0, 20);
            fs.createDocument(new ByteArrayInputStream(header), "VisioDocument");
            if (macros != null)
                MacroFixtures.vbaStorage(fs.getRoot(), "_VBA_PROJECT_CUR", macros, new byte[] {(byte) 0xCC, 0x61});
            return MacroFixtures.bytes(fs);
        }
    }

    @Test
    void anOrdinaryPublisherFileIsClean() throws IOException {
        Report report = TestEngines.scanFile("newsletter.pub", publisher(null));
        assertEquals("application/x-mspublisher", report.root().detectedType());
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings().toString());
        assertTrue(report.findings().isEmpty(), report.findings().toString());
    }

    @Test
    void aPublisherMacroIsFound() throws IOException {
        Report report =
                TestEngines.scanFile("newsletter.pub", publisher(List.of(Module.document("ThisDocument", MACRO))));
        assertTrue(
                TestEngines.codes(report).contains("vba.macros"),
                report.findings().toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void visioDrawingsAreReadTheSameWay() throws IOException {
        Report clean = TestEngines.scanFile("plan.vsd", visio(null));
        assertEquals("application/vnd.visio", clean.root().detectedType());
        assertEquals(Verdict.CLEAN, clean.verdict(), clean.findings().toString());
        assertTrue(clean.findings().isEmpty(), clean.findings().toString());
        Report macro = TestEngines.scanFile("plan.vsd", visio(List.of(Module.document("ThisDocument", MACRO))));
        assertEquals(Verdict.MALICIOUS, macro.verdict(), macro.findings().toString());
    }
}
