package dev.prefilter.engine.office;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.MacroFixtures.Module;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.poifs.macros.VBAMacroReader;
import org.junit.jupiter.api.Test;

/**
 * Damaged macro documents: every truncation point of a small VBA project and seeded byte flips in
 * VBA, XLM and SYLK documents. The scan always returns and no analyzer fails; where POI's own VBA
 * reader (the oracle) still finds the AutoOpen macro whole, the verdict is malicious, or suspicious
 * with a {@code parse.vba} finding that says what could not be read (POI finds a module by its
 * name where Office follows the stream name the project records, and reads a zip by its local
 * headers, which Office does only when repairing a file). A damaged file that is still
 * recognisably a document is never clean; only one whose container signature is gone (typed
 * {@code application/octet-stream}: no Office program opens it) may scan clean.
 */
class OfficeRobustnessTest {

    private static final String SOURCE = "Sub AutoOpen()\r\n    Shell \"cmd /c calc\"\r\nEnd Sub\r\n";

    /** What is wrong with the scan of one damaged variant, if anything. */
    private static List<String> problems(String name, byte[] bytes, boolean macroIntact) {
        Report report = TestEngines.scanFile(name, bytes);
        List<String> problems = new ArrayList<>();
        for (Finding f : report.findings()) {
            if (f.code().equals("analyzer.failed") || f.code().equals("engine.error"))
                problems.add(name + ": " + f.code() + " " + f.evidence());
        }
        String type = report.root().detectedType();
        boolean explained = report.verdict() == Verdict.SUSPICIOUS
                && TestEngines.codes(report).contains("parse.vba");
        if (macroIntact && report.verdict() != Verdict.MALICIOUS && !explained) {
            problems.add(name + ": the macro is intact, but the verdict is "
                    + report.verdict().label() + " " + TestEngines.codes(report));
        } else if (report.verdict() == Verdict.CLEAN && !type.equals("application/octet-stream")) {
            problems.add(name + " (" + type + ") is damaged but scanned clean");
        }
        return problems;
    }

    @Test
    void flippedBytesInVbaAndXlmDocumentsNeverFailAnAnalyzerNorPassAsClean() throws IOException {
        byte[] doc = MacroFixtures.doc(List.of(Module.standard("NewMacros", SOURCE)));
        byte[] xls = dev.prefilter.engine.office.xlm.XlmAnalyzerTestAccess.droppingWorkbook();
        byte[] docm = MacroFixtures.docm(
                MacroFixtures.vbaProjectBin(List.of(Module.standard("M", SOURCE)), new byte[] {1, 2}));
        byte[] xlsbSheet = dev.prefilter.engine.office.xlm.XlmAnalyzerTestAccess.xlsbMacroSheet();
        Random random = new Random(20261126L);
        List<String> failed = new ArrayList<>();
        int intact = 0;
        for (int i = 0; i < 150; i++) {
            byte[] flippedDoc = flip(doc, random);
            boolean docIntact = macroIntact(flippedDoc);
            failed.addAll(problems("f" + i + ".doc", flippedDoc, docIntact));
            failed.addAll(problems("f" + i + ".xls", flip(xls, random), false));
            byte[] flippedDocm = flip(docm, random);
            boolean docmIntact = macroIntact(vbaProjectOf(flippedDocm));
            failed.addAll(problems("f" + i + ".docm", flippedDocm, docmIntact));
            failed.addAll(problems("f" + i + ".xlsb", xlsb(flip(xlsbSheet, random)), false));
            intact += (docIntact ? 1 : 0) + (docmIntact ? 1 : 0);
        }
        assertTrue(intact > 0, "no flipped document kept its macro: the oracle is not checking anything");
        assertTrue(
                failed.isEmpty(),
                failed.size() + " problems, first: " + failed.stream().limit(5).toList());
    }

    @Test
    void everyTruncationOfAVbaProjectIsHandledAndNeverClean() throws Exception {
        byte[] bin = MacroFixtures.vbaProjectBin(
                List.of(Module.standard("NewMacros", SOURCE)), new byte[] {(byte) 0xCC, 0x61});
        List<String> failed = new ArrayList<>();
        for (int cut = 512; cut < bin.length; cut += 61) {
            byte[] truncated = Arrays.copyOf(bin, cut);
            failed.addAll(problems("vbaProject" + cut + ".bin", truncated, macroIntact(truncated)));
        }
        // whole sectors missing: the structure points past the end, which is suspicious and says why (a cut
        // inside the last sector is read zero-padded, as POI and Office do: checked by problems() above)
        for (int cut = 512; cut < bin.length; cut += 512) {
            Report report = TestEngines.scanFile("vbaProject" + cut + ".bin", Arrays.copyOf(bin, cut));
            if (report.verdict() != Verdict.SUSPICIOUS
                    || TestEngines.codes(report).stream().noneMatch(c -> c.startsWith("parse.")))
                failed.add("cut at " + cut + ": " + report.verdict().label() + " " + TestEngines.codes(report));
        }
        assertTrue(failed.isEmpty(), failed.toString());
    }

    /** POI's VBA reader, independent of ours: does it still read the AutoOpen macro whole? */
    private static boolean macroIntact(byte[] compoundFile) {
        if (compoundFile == null) return false;
        try (VBAMacroReader reader = new VBAMacroReader(new ByteArrayInputStream(compoundFile))) {
            return reader.readMacros().values().stream()
                    .anyMatch(source -> source.contains("Sub AutoOpen()") && source.contains("Shell \"cmd /c calc\""));
        } catch (IOException | RuntimeException poiGaveUp) {
            return false;
        }
    }

    /** The vbaProject.bin part of a (damaged) .docm, read with the JDK's zip reader, which checks CRCs. */
    private static byte[] vbaProjectOf(byte[] docm) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docm))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("word/vbaProject.bin")) return zip.readAllBytes();
            }
            return null;
        } catch (IOException | RuntimeException damaged) {
            return null;
        }
    }

    /**
     * An .xlsb package around a (damaged) macro sheet part, so the BIFF12 reader gets the damage, not
     * the zip reader.
     */
    private static byte[] xlsb(byte[] sheet) {
        java.util.Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        parts.put(
                "[Content_Types].xml",
                ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                + "<Default Extension=\"rels\" "
                                + "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                                + "<Override PartName=\"/xl/workbook.bin\" "
                                + "ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/>"
                                + "<Override PartName=\"/xl/macrosheets/sheet1.bin\" "
                                + "ContentType=\"application/vnd.ms-excel.macrosheet\"/></Types>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        parts.put(
                "_rels/.rels",
                ("<?xml version=\"1.0\"?><Relationships "
                                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                + "<Relationship Id=\"rId1\" "
                                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                + "officeDocument\" "
                                + "Target=\"xl/workbook.bin\"/>"
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
