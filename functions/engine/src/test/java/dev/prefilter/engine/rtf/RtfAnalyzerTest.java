package dev.prefilter.engine.rtf;

import static dev.prefilter.engine.office.OfficeFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.OfficeFixtures;
import dev.prefilter.engine.office.ReportChecks;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.hpsf.ClassID;
import org.junit.jupiter.api.Test;

class RtfAnalyzerTest {

    static String rtf(String body) {
        return "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Calibri;}}\\pard Please see the attached form.\\par " + body + "}";
    }

    static String object(String className, byte[] data, String controls) {
        return "{\\object\\objemb" + controls + "{\\*\\objclass " + className + "}\\objw100\\objh100{\\*\\objdata "
                + hex(data) + "}{\\result {\\pict\\wmetafile8 0100}}}";
    }

    @Test
    void aPackageWithAShortcutIsExtractedFromObjectData() {
        byte[] ole1 = OfficeFixtures.ole1Embedded(
                "Package",
                OfficeFixtures.packageNativeData(
                        "calc.lnk", "C:\\Users\\x\\calc.lnk", "C:\\Temp\\calc.lnk", OfficeFixtures.LNK));

        Report report = TestEngines.scanFile(
                "form.rtf", rtf(object("Package", ole1, "")).getBytes(StandardCharsets.US_ASCII));

        ReportNode lnk = TestEngines.node(report, "calc.lnk");
        assertEquals(Origin.EMBEDDED, lnk.origin());
        assertEquals("application/x-ms-shortcut", lnk.detectedType());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertTrue(!TestEngines.codes(report).contains("type.macro-capable-uninspected"), "RTF objects were inspected");
    }

    @Test
    void anExecutableInAPackageIsMalicious() {
        byte[] ole1 = OfficeFixtures.ole1Embedded(
                "Package",
                OfficeFixtures.packageNativeData("scan.pdf", "C:\\scan.exe", "C:\\Temp\\scan.exe", OfficeFixtures.EXE));

        Report report = TestEngines.scanFile(
                "scan.doc", rtf(object("Package", ole1, "")).getBytes(StandardCharsets.US_ASCII));

        assertEquals("application/rtf", report.root().detectedType(), "RTF named .doc is still RTF");
        assertTrue(TestEngines.node(report, "scan.exe").detectedType().startsWith("application/x-msdownload"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void hexIsDecodedThroughWhitespaceGarbageAndIgnorableGroups() {
        byte[] ole1 = OfficeFixtures.ole1Embedded(
                "Package",
                OfficeFixtures.packageNativeData(
                        "a.js", "C:\\a.js", "C:\\Temp\\a.js", "WScript.Echo(1)".getBytes(StandardCharsets.US_ASCII)));
        String h = hex(ole1).replace("\r\n", "");
        StringBuilder mangled = new StringBuilder();
        for (int i = 0; i < h.length(); i += 10) {
            mangled.append(h, i, Math.min(h.length(), i + 10));
            mangled.append(
                    i % 30 == 0
                            ? " \t\r\n"
                            : i % 20 == 0 ? "{\\*\\junk 0123456789abcdef}" : i % 40 == 0 ? "\\par " : "zz");
        }
        String doc = "{\\rt{\\object\\objemb{\\*\\objdata " + mangled + "}}}";

        RtfObjectScanner.Result result =
                new RtfObjectScanner(1 << 20, () -> {}).scan(doc.getBytes(StandardCharsets.US_ASCII));

        assertEquals(1, result.objects().size());
        assertArrayEquals(ole1, result.objects().get(0).data());
        Report report = TestEngines.scanFile("x.rtf", doc.getBytes(StandardCharsets.US_ASCII));
        assertTrue(
                ReportChecks.child(report, "a.js").isPresent(),
                TestEngines.nodes(report).toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void anEquationEditorObjectIsNamedByClassNameAndByClassId() {
        byte[] equationOle2 = OfficeFixtures.ole2(root -> {
            root.setStorageClsid(new ClassID("{0002CE02-0000-0000-C000-000000000046}"));
            root.createDocument("Equation Native", new ByteArrayInputStream(new byte[40]));
        });
        String byName =
                rtf(object("Equation.3", OfficeFixtures.ole1Embedded("Equation.3", equationOle2), "\\objupdate"));
        String mangled = rtf("{\\object\\objemb\\objupdate{\\*\\objdata 0105000002000000" + hex(new byte[] {1, 2, 3})
                + hex(new byte[] {2, (byte) 0xCE, 2, 0, 0, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0x46}) + "}}");

        for (String doc : List.of(byName, mangled)) {
            Report report = TestEngines.scanFile("eq.rtf", doc.getBytes(StandardCharsets.US_ASCII));
            Finding f = ReportChecks.only(report, "ole.equation-editor");
            assertEquals(Severity.HIGH, f.severity());
            assertEquals(
                    Severity.MEDIUM,
                    ReportChecks.only(report, "rtf.object-autoupdate").severity());
            assertEquals(Verdict.SUSPICIOUS, report.verdict());
        }
    }

    @Test
    void anOle2LinkWithAUrlMonikerIsAnOleLink() {
        byte[] ole2Link = OfficeFixtures.ole2(root -> root.createDocument(
                "\u0001Ole", new ByteArrayInputStream(OfficeFixtures.oleLinkStream("http://192.0.2.5/doc.hta", true))));
        String doc =
                rtf(object("OLE2Link", OfficeFixtures.ole1Embedded("OLE2Link", ole2Link), "\\objautlink\\objupdate"));

        Report report = TestEngines.scanFile("cve-2017-0199.rtf", doc.getBytes(StandardCharsets.US_ASCII));

        assertEquals(
                "http://192.0.2.5/doc.hta",
                ReportChecks.only(report, "ole.link").evidence().get("target"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void aLinkedOle1ObjectWithAnMhtmlTopicIsMalicious() {
        String doc = rtf(object(
                "htmlfile",
                OfficeFixtures.ole1Linked("htmlfile", "mhtml:http://192.0.2.5/x.html!x-usc:http://192.0.2.5/x.html"),
                "\\objautlink"));

        Report report = TestEngines.scanFile("l.rtf", doc.getBytes(StandardCharsets.US_ASCII));

        assertEquals(
                Severity.CRITICAL, ReportChecks.only(report, "ole.link-mhtml").severity());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void anAutoUpdatingLinkWithAShortHeaderIsNamedAsALink() {
        // OLE 1.0 header: version 0x0501, format 2, class name "Word.Document.8", and nothing after it
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {1, 5, 0, 0, 2, 0, 0, 0, 16, 0, 0, 0});
        bytes.writeBytes("Word.Document.8\0".getBytes(StandardCharsets.US_ASCII));
        byte[] header = bytes.toByteArray();
        String rtf = rtf("{\\object\\objautlink\\objupdate\\rsltpict{\\*\\objclass Word.Document.8}"
                + "\\objw100\\objh100{\\*\\objdata " + hex(header) + "}{\\result {\\pict\\wmetafile8 0100}}}");

        Report report = TestEngines.scanFile("linked.rtf", rtf.getBytes(StandardCharsets.US_ASCII));

        Finding link = ReportChecks.only(report, "ole.link");
        assertEquals(Boolean.TRUE, link.evidence().get("updatesOnOpen"));
        assertTrue(TestEngines.codes(report).contains("rtf.object-autoupdate"));
        assertTrue(
                !TestEngines.codes(report).contains("parse.rtf-object"),
                TestEngines.codes(report).toString());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void whatALinkObjectsDataHoldsIsStillTyped() {
        String rtf = rtf("{\\object\\objautlink\\objupdate{\\*\\objclass Word.Document.8}{\\*\\objdata "
                + hex(OfficeFixtures.EXE) + "}}");

        Report report = TestEngines.scanFile("linked.rtf", rtf.getBytes(StandardCharsets.US_ASCII));

        assertTrue(
                TestEngines.codes(report).contains("ole.link"),
                TestEngines.codes(report).toString());
        assertEquals(Verdict.MALICIOUS, report.verdict(), "the executable in the object data is found");
    }

    @Test
    void objectDataThatIsNotOleIsReportedAndHandedOnRaw() {
        String doc = rtf("{\\object\\objemb{\\*\\objdata 4d5a900003000000}}");

        Report report = TestEngines.scanFile("raw.rtf", doc.getBytes(StandardCharsets.US_ASCII));

        assertEquals(
                Severity.HIGH, ReportChecks.only(report, "parse.rtf-object").severity());
        assertNotEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void anRtfWithoutObjectsIsCleanAndInspected() {
        String doc =
                rtf("{\\b bold} {\\field{\\*\\fldinst HYPERLINK \"https://example.com\"}{\\fldrslt example}}\\par");

        Report report = TestEngines.scanFile("letter.rtf", doc.getBytes(StandardCharsets.US_ASCII));

        assertEquals(List.of(), TestEngines.codes(report));
        assertEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void moreObjectsThanTheBoundIsALimitFinding() {
        StringBuilder doc = new StringBuilder("{\\rtf1");
        for (int i = 0; i <= RtfObjectScanner.MAX_OBJECTS; i++) {
            doc.append("{\\object\\objemb{\\*\\objdata 00}}");
        }
        doc.append('}');

        Report report = TestEngines.scanFile("many.rtf", doc.toString().getBytes(StandardCharsets.US_ASCII));

        assertEquals(
                Severity.HIGH,
                ReportChecks.only(report, "limit.rtf-object-count").severity());
        assertNotEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void truncatedAndUnbalancedRtfNeverThrows() {
        byte[] ole1 = OfficeFixtures.ole1Embedded(
                "Package", OfficeFixtures.packageNativeData("a.txt", "C:\\a.txt", "C:\\T\\a.txt", OfficeFixtures.TEXT));
        byte[] doc = rtf(object("Package", ole1, "")).getBytes(StandardCharsets.US_ASCII);
        for (int len = 0; len < doc.length; len += 7) {
            byte[] cut = java.util.Arrays.copyOf(doc, len);
            new RtfObjectScanner(1 << 20, () -> {}).scan(cut);
        }
        byte[] unbalanced = "}}}{\\object{\\*\\objdata 0102\\bin999999 }}}}}\\".getBytes(StandardCharsets.US_ASCII);
        assertEquals(
                1,
                new RtfObjectScanner(1 << 20, () -> {})
                        .scan(unbalanced)
                        .objects()
                        .size());
    }
}
