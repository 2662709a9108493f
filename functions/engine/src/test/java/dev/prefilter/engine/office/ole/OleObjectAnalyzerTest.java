package dev.prefilter.engine.office.ole;

import static dev.prefilter.engine.office.OfficeFixtures.EXE;
import static dev.prefilter.engine.office.OfficeFixtures.LNK;
import static dev.prefilter.engine.office.OfficeFixtures.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.ScanEngine;
import dev.prefilter.engine.ScanRequest;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.limits.ScanLimits;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.OfficeFixtures;
import dev.prefilter.engine.office.ReportChecks;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hpsf.ClassID;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.junit.jupiter.api.Test;

class OleObjectAnalyzerTest {

    @Test
    void anExecutableInAWordObjectPoolIsExtractedAndMakesTheMailMalicious() {
        byte[] doc = OfficeFixtures.wordWithObjects(Map.of(
                "_1573545115",
                OfficeFixtures.packageStream(
                        "Invoice.pdf", "C:\\Users\\x\\Invoice.exe", "C:\\Temp\\Invoice.exe", EXE)));

        Report report = TestEngines.scanFile("invoice.doc", doc);

        ReportNode child = TestEngines.node(report, "Invoice.exe");
        assertEquals(Origin.EMBEDDED, child.origin());
        assertTrue(child.detectedType().startsWith("application/x-msdownload"), child.detectedType());
        assertTrue(TestEngines.codes(report).contains("type.executable"));
        assertTrue(TestEngines.codes(report).contains("ole.package-label-disguise"), "caption says .pdf, file is .exe");
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void aShortcutInAnOoxmlEmbeddingIsTypedAsAShortcut() {
        byte[] bin = OfficeFixtures.oleObjectBin(
                OfficeFixtures.packageStream("calc.lnk", "C:\\calc.lnk", "C:\\Temp\\calc.lnk", LNK));
        byte[] docx = docxWithEmbedding("word/embeddings/oleObject1.bin", bin);

        Report report = TestEngines.scanFile("report.docx", docx);

        ReportNode lnk = TestEngines.node(report, "calc.lnk");
        assertEquals("application/x-ms-shortcut", lnk.detectedType());
        assertTrue(TestEngines.codes(report).contains("type.shortcut"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void anEmbeddingAboveTheConfiguredInMemoryBoundIsALimitNotAPass() {
        ScanEngine engine =
                TestEngines.withLimits(ScanLimits.fromSettings(Map.of("P_MAX_IN_MEMORY_PARSE_BYTES", "1024"), "P_"));
        byte[] docx = docxWithEmbedding("word/embeddings/oleObject1.bin", new byte[4096]);

        Report report = engine.scan(ScanRequest.file("a.docx", "a.docx", () -> new ByteArrayInputStream(docx)));

        Finding limit = ReportChecks.only(report, "limit.ole-object-size");
        assertEquals(1024L, limit.evidence().get("limit"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void aTextFilePackageStaysCleanWithAnInfoFinding() {
        byte[] bin = OfficeFixtures.oleObjectBin(
                OfficeFixtures.packageStream("notes.txt", "C:\\notes.txt", "C:\\Temp\\notes.txt", TEXT));

        Report report = TestEngines.scanFile("notes.docx", docxWithEmbedding("word/embeddings/oleObject1.bin", bin));

        assertEquals(Severity.INFO, ReportChecks.only(report, "ole.package").severity());
        assertEquals("text/plain", TestEngines.node(report, "notes.txt").detectedType());
        assertEquals(Verdict.CLEAN, report.verdict());
        assertEquals(0, report.score());
    }

    @Test
    void aCommandLinePackageIsCritical() {
        byte[] doc = OfficeFixtures.wordWithObjects(Map.of(
                "_1",
                OfficeFixtures.commandPackageStream("readme.txt", "C:\\Windows\\notepad.exe", "cmd.exe /c calc.exe")));

        Report report = TestEngines.scanFile("a.doc", doc);

        Finding f = ReportChecks.only(report, "ole.package-command");
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("cmd.exe /c calc.exe", f.evidence().get("command"));
        assertEquals(true, f.evidence().get("startsProgram"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void aWordDocumentStoredInAnExcelObjectStorageBecomesAChild() {
        byte[] inner = OfficeFixtures.wordWithObjects(Map.of(
                "_9",
                OfficeFixtures.packageStream("x.js", "C:\\x.js", "C:\\Temp\\x.js", "WScript.Echo(1)".getBytes())));
        byte[] xls = OfficeFixtures.ole2(root -> {
            root.createDocument("Workbook", new ByteArrayInputStream(new byte[512]));
            DirectoryEntry mbd = root.createDirectory("MBD0009CF7B");
            mbd.setStorageClsid(new ClassID("{00020906-0000-0000-C000-000000000046}"));
            copyInto(inner, mbd);
        });

        Report report = TestEngines.scanFile("book.xls", xls);

        assertEquals(
                "word",
                ReportChecks.only(report, "ole.embedded-document").evidence().get("kind"));
        ReportNode embedded = TestEngines.node(report, "MBD0009CF7B");
        assertEquals("application/msword", embedded.detectedType());
        assertTrue(
                ReportChecks.child(report, "x.js").isPresent(),
                "the package inside the embedded document is reached by recursion");
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void anEquationEditorObjectIsNamed() {
        byte[] doc = OfficeFixtures.ole2(root -> {
            root.createDocument("WordDocument", new ByteArrayInputStream(new byte[512]));
            DirectoryEntry eq = root.createDirectory("ObjectPool").createDirectory("_2");
            eq.setStorageClsid(new ClassID("{0002CE02-0000-0000-C000-000000000046}"));
            eq.createDocument("Equation Native", new ByteArrayInputStream(new byte[64]));
        });

        Report report = TestEngines.scanFile("eq.doc", doc);

        assertEquals(
                Severity.HIGH, ReportChecks.only(report, "ole.equation-editor").severity());
        assertNotEquals(Verdict.CLEAN, report.verdict());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "report.fodt, text",
        "figures.fods, spreadsheet",
        "slides.fodp, presentation"
    })
    void aFlatOpenDocumentIsNotOpenedAsAZip(String name, String kind) {
        String flat = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\""
                + " office:mimetype=\"application/vnd.oasis.opendocument." + kind + "\">"
                + "<office:body><office:text><text:p>Quarterly figures</text:p></office:text></office:body>"
                + "</office:document>\n";

        Report report = TestEngines.scanFile(name, flat.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals(List.of(), ReportChecks.oursAboveInfo(report));
        assertEquals(Verdict.CLEAN, report.verdict(), TestEngines.codes(report).toString());
    }

    @Test
    void anEquationsNativeStreamIsNoDamagedPackage() {
        // MTEF 2 from a Macintosh (version 2, platform 0) starts like a package header (02 00)
        byte[] mtef = {2, 0, 1, 0, 0, 0x0A, 0x01, 0x01, 0x03, 0x0A, 0x0A, 0x01, 0x00, 0x02, 0x00, 0x78, 0x00, 0x00};
        byte[] nativeStream = new byte[4 + mtef.length];
        nativeStream[0] = (byte) mtef.length;
        System.arraycopy(mtef, 0, nativeStream, 4, mtef.length);
        byte[] doc = OfficeFixtures.ole2(root -> {
            root.createDocument("WordDocument", new ByteArrayInputStream(new byte[512]));
            DirectoryEntry eq = root.createDirectory("ObjectPool").createDirectory("_3");
            eq.setStorageClsid(new ClassID("{0002CE02-0000-0000-C000-000000000046}"));
            eq.createDocument("\u0001Ole10Native", new ByteArrayInputStream(nativeStream));
        });

        Report report = TestEngines.scanFile("formulae.doc", doc);

        assertEquals(
                List.of("ole.equation-editor"),
                ReportChecks.oursAboveInfo(report).stream().map(Finding::code).toList());
    }

    @Test
    void aLinkedObjectWithAUrlMonikerIsAnOleLink() {
        byte[] bin = OfficeFixtures.ole2(root -> root.createDocument(
                "\u0001Ole",
                new ByteArrayInputStream(OfficeFixtures.oleLinkStream("http://198.51.100.7/payload.hta", true))));

        Report report = TestEngines.scanFile("o.docx", docxWithEmbedding("word/embeddings/oleObject1.bin", bin));

        Finding link = ReportChecks.only(report, "ole.link");
        assertEquals("http://198.51.100.7/payload.hta", link.evidence().get("target"));
        assertEquals(true, link.evidence().get("updatesOnOpen"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void aBrokenOle2DocumentIsReportedAndNeverClean() {
        byte[] doc = OfficeFixtures.wordWithObjects(
                Map.of("_1", OfficeFixtures.packageStream("a.txt", "C:\\a.txt", "C:\\T\\a.txt", TEXT)));
        byte[] broken = Arrays.copyOf(doc, 1536);

        Report report = TestEngines.scanFile("broken.doc", broken);

        assertNotEquals(
                Verdict.CLEAN, report.verdict(), TestEngines.codes(report).toString());
    }

    @Test
    void aMalformedPackageIsReportedAndItsBytesStillAnalysed() {
        byte[] stream = OfficeFixtures.packageStream("a.exe", "C:\\a.exe", "C:\\T\\a.exe", EXE);
        byte[] broken = Arrays.copyOf(stream, 12); // header and part of the label, no terminator
        Report report = TestEngines.scanFile("m.doc", OfficeFixtures.wordWithObjects(Map.of("_1", broken)));

        assertEquals(
                Severity.HIGH, ReportChecks.only(report, "parse.ole-package").severity());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void aWorkbookWithoutObjectsHasNoObjectFindings() {
        byte[] xls =
                OfficeFixtures.ole2(root -> root.createDocument("Workbook", new ByteArrayInputStream(new byte[512])));

        Report report = TestEngines.scanFile("plain.xls", xls);

        assertEquals(java.util.List.of(), ReportChecks.oursAboveInfo(report));
        assertTrue(report.findings().stream().noneMatch(f -> f.code().startsWith("ole.")));
    }

    static byte[] docxWithEmbedding(String partName, byte[] bin) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", OfficeFixtures.utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>
                <Override PartName="/word/document.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                </Types>"""));
        parts.put("_rels/.rels", OfficeFixtures.utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
                Target="word/document.xml"/>
                </Relationships>"""));
        parts.put("word/document.xml", OfficeFixtures.utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
                <w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>"""));
        parts.put(partName, bin);
        return OfficeFixtures.zip(parts);
    }

    private static void copyInto(byte[] ole2, DirectoryEntry target) throws java.io.IOException {
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs =
                new org.apache.poi.poifs.filesystem.POIFSFileSystem(new ByteArrayInputStream(ole2))) {
            org.apache.poi.poifs.filesystem.EntryUtils.copyNodes(fs.getRoot(), target);
        }
    }
}
