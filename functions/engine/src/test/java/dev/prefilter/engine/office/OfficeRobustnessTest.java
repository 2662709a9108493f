package dev.prefilter.engine.office;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.office.MacroFixtures.Module;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged macro documents: every truncation point of a small VBA document and seeded byte flips
 * in VBA, XLM and SYLK documents. The scan always returns; when the VBA project or macro sheet is
 * still there it is still found; the analyzers say "parse" rather than fail.
 */
class OfficeRobustnessTest {

    private static final String SOURCE = "Sub AutoOpen()\r\n    Shell \"cmd /c calc\"\r\nEnd Sub\r\n";

    private static List<String> failures(String name, byte[] bytes) {
        Report report = TestEngines.scanFile(name, bytes);
        assertNotNull(report.verdict());
        List<String> failed = new ArrayList<>();
        for (Finding f : report.findings()) {
            if (f.code().equals("analyzer.failed") || f.code().equals("engine.error"))
                failed.add(name + ": " + f.evidence());
        }
        return failed;
    }

    @Test
    void flippedBytesInVbaAndXlmDocumentsNeverFailAnAnalyzer() {
        byte[] doc = MacroFixtures.doc(List.of(Module.standard("NewMacros", SOURCE)));
        byte[] xls = dev.prefilter.engine.office.xlm.XlmAnalyzerTestAccess.droppingWorkbook();
        byte[] docm = MacroFixtures.docm(
                MacroFixtures.vbaProjectBin(List.of(Module.standard("M", SOURCE)), new byte[] {1, 2}));
        byte[] xlsbSheet = dev.prefilter.engine.office.xlm.XlmAnalyzerTestAccess.xlsbMacroSheet();
        Random random = new Random(20261126L);
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            failed.addAll(failures("f" + i + ".doc", flip(doc, random)));
            failed.addAll(failures("f" + i + ".xls", flip(xls, random)));
            failed.addAll(failures("f" + i + ".docm", flip(docm, random)));
            failed.addAll(failures("f" + i + ".xlsb", xlsb(flip(xlsbSheet, random))));
        }
        assertTrue(
                failed.isEmpty(),
                failed.size() + " analyzer failures, first: "
                        + failed.stream().limit(5).toList());
    }

    @Test
    void everyTruncationOfAVbaProjectIsHandledAndNeverClean() throws Exception {
        byte[] bin = MacroFixtures.vbaProjectBin(
                List.of(Module.standard("NewMacros", SOURCE)), new byte[] {(byte) 0xCC, 0x61});
        List<String> failed = new ArrayList<>();
        for (int cut = 512; cut < bin.length; cut += 61) {
            failed.addAll(failures("vbaProject" + cut + ".bin", Arrays.copyOf(bin, cut)));
        }
        // whole sectors missing: the structure points past the end, which is never clean (a cut inside the
        // last sector is read zero-padded, as POI and Office do, and what is not there cannot run)
        for (int cut = 512; cut < bin.length; cut += 512) {
            Report report = TestEngines.scanFile("vbaProject" + cut + ".bin", Arrays.copyOf(bin, cut));
            if (report.verdict() == dev.prefilter.engine.model.Verdict.CLEAN)
                failed.add("cut at " + cut + " scanned clean: " + report.findings());
        }
        assertTrue(failed.isEmpty(), failed.toString());
    }

    /** An .xlsb package around a (damaged) macro sheet part, so the BIFF12 reader gets the damage, not the zip reader. */
    private static byte[] xlsb(byte[] sheet) {
        java.util.Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        parts.put(
                "[Content_Types].xml",
                ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                                + "<Override PartName=\"/xl/workbook.bin\" ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/>"
                                + "<Override PartName=\"/xl/macrosheets/sheet1.bin\" ContentType=\"application/vnd.ms-excel.macrosheet\"/></Types>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        parts.put(
                "_rels/.rels",
                ("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.bin\"/>"
                                + "</Relationships>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        parts.put("xl/workbook.bin", new byte[] {(byte) 0x83, 0x01, 0x00});
        parts.put("xl/macrosheets/sheet1.bin", sheet);
        return MacroFixtures.zip(parts);
    }

    private static byte[] flip(byte[] original, Random random) {
        byte[] copy = original.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
        return copy;
    }
}
