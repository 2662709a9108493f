package dev.prefilter.engine.office.vba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.MacroFixtures;
import dev.prefilter.engine.office.MacroFixtures.Module;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** VBA in the single-file formats: Word 2003 XML (ActiveMime in binData), Flat OPC, MHT. */
class OfficeXmlVbaTest {

    private static final String AUTO_SHELL = "Sub AutoOpen()\r\n    Shell \"calc.exe\"\r\nEnd Sub\r\n";

    /** ActiveMime: "ActiveMime" header, the zlib offset (minus 46) at 0x1E, then the zlib stream. */
    static byte[] activeMime(byte[] ole) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[50];
        System.arraycopy("ActiveMime".getBytes(StandardCharsets.US_ASCII), 0, header, 0, 10);
        header[0x1E] = 4;
        out.write(header);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(ole);
        }
        return out.toByteArray();
    }

    private static byte[] project() {
        return MacroFixtures.vbaProjectBin(
                List.of(Module.standard("NewMacros", AUTO_SHELL)), new byte[] {(byte) 0xCC, 0x61});
    }

    @Test
    void word2003XmlWithEditdataMsoIsReadThroughActiveMime() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<?mso-application "
                + "progid=\"Word.Document\"?>\n"
                + "<w:wordDocument xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\"><w:body/>"
                + "<w:docSuppData><w:binData w:name=\"editdata.mso\">"
                + Base64.getMimeEncoder().encodeToString(activeMime(project()))
                + "</w:binData></w:docSuppData></w:wordDocument>";
        Report report = TestEngines.scanFile("letter.xml", xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(Verdict.MALICIOUS, report.verdict(), report.findings().toString());
        ReportNode mso = TestEngines.node(report, "editdata.mso");
        assertEquals("application/x-activemime", mso.detectedType());
        assertTrue(TestEngines.codes(report).contains("vba.autoexec-write-execute"));
    }

    @Test
    void flatOpcWithVbaProjectBin() {
        String xml = "<?xml version=\"1.0\" standalone=\"yes\"?>\n<?mso-application progid=\"Word.Document\"?>\n"
                + "<pkg:package xmlns:pkg=\"http://schemas.microsoft.com/office/2006/xmlPackage\">"
                + "<pkg:part pkg:name=\"/word/vbaProject.bin\" pkg:contentType="
                + "\"application/vnd.ms-office.vbaProject\"><pkg:binaryData>"
                + Base64.getMimeEncoder().encodeToString(project()) + "</pkg:binaryData></pkg:part></pkg:package>";
        Report report = TestEngines.scanFile("flat.xml", xml.getBytes(StandardCharsets.UTF_8));
        assertTrue(
                TestEngines.codes(report).contains("vba.macros"),
                report.findings().toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void mhtWithActiveMimePart() throws Exception {
        String mht = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart\"\r\n\r\n"
                + "------=_NextPart\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Location: "
                + "file:///C:/doc.htm\r\n\r\n<html><body>Invoice</body></html>\r\n"
                + "------=_NextPart\r\nContent-Type: application/x-mso\r\nContent-Transfer-Encoding: "
                + "base64\r\nContent-Location: file:///C:/doc_files/editdata.mso\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(activeMime(project())) + "\r\n------=_NextPart--\r\n";
        Report report = TestEngines.scanMail(mht.getBytes(StandardCharsets.UTF_8));
        assertTrue(
                TestEngines.codes(report).contains("vba.macros"),
                TestEngines.nodes(report).stream()
                        .map(n -> n.name() + ":" + n.detectedType() + n.findings())
                        .toList()
                        .toString());
    }

    @Test
    void cleanWord2003XmlHasNoChildAndNoFinding() {
        String xml = "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Word.Document\"?>\n"
                + "<w:wordDocument xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\">"
                + "<w:body/></w:wordDocument>";
        Report report = TestEngines.scanFile("clean.xml", xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(Verdict.CLEAN, report.verdict());
        assertTrue(report.root().children().isEmpty());
    }

    @Test
    void brokenActiveMimeIsAParseFinding() {
        byte[] junk = "ActiveMime\u0000\u0000junk-that-is-not-zlib-at-all-0123456789012345678901234567890"
                .getBytes(StandardCharsets.ISO_8859_1);
        Report report = TestEngines.scanFile("editdata.mso", junk);
        assertTrue(
                TestEngines.codes(report).contains("parse.activemime"),
                report.findings().toString());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }
}
