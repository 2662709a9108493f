package dev.prefilter.engine.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.ScanEngine;
import dev.prefilter.engine.ScanRequest;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.Corpus;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared corpus for embedded objects, external links, DDE and RTF: every file gets MANIFEST's
 * verdict, payloads are extracted and typed, and the clean Office documents get no finding above
 * info from these analyzers.
 */
class OfficeObjectsCorpusTest {

    private static final List<String> CATEGORIES =
            List.of("office_oleobj", "office_extlink", "office_dde", "rtf", "office_clean");
    private static final String EXTRA = "script/strelka_test_external.xml";
    /** The oletools sample zips' password, given as an operator password as the README documents. */
    static final List<String> PASSWORDS = List.of("infected-test");

    /** What a file must show beyond its verdict: a payload child of a type, or a finding code. */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("office_oleobj/sample_with_lnk_file.doc", List.of("child calc.lnk application/x-ms-shortcut")),
            Map.entry("office_oleobj/sample_with_lnk_file.pps", List.of("child calc.lnk application/x-ms-shortcut")),
            Map.entry("office_oleobj/sample_with_lnk_to_calc.doc", List.of("code ole.package-command")),
            Map.entry(
                    "office_oleobj/strelka_test_pe_object.doc",
                    List.of("child test.exe application/x-msdownload", "code type.executable")),
            Map.entry("office_oleobj/embedded-unicode-2007.docx", List.of("code ole.package")),
            Map.entry(
                    "office_extlink/sample_with_external_link_to_doc.docm", List.of("code ooxml.external-ole-object")),
            Map.entry(
                    "office_extlink/sample_with_external_link_to_doc.docx", List.of("code ooxml.external-ole-object")),
            Map.entry(
                    "office_extlink/sample_with_external_link_to_doc.xlsx", List.of("code ooxml.external-ole-object")),
            Map.entry("office_dde/dde-in-csv.csv", List.of("code dde.formula")),
            Map.entry("office_dde/dde-in-excel2003.xml", List.of("code dde.link", "code dde.formula")),
            Map.entry("office_dde/dde-test.docx", List.of("code dde.field")),
            Map.entry("office_dde/dde-test.xlsm", List.of("code dde.link")),
            Map.entry("office_dde/dde-test.xlsx", List.of("code dde.link")),
            Map.entry(
                    "office_dde/dde-test-from-office2003.doc.zip",
                    List.of("code archive.password-opened", "code dde.field")),
            Map.entry(
                    "office_dde/dde-test-from-office2016.doc.zip",
                    List.of("code archive.password-opened", "code dde.field")),
            Map.entry("rtf/issue_185.rtf.zip", List.of("code archive.password-opened", "code rtf.object-autoupdate")),
            Map.entry(EXTRA, List.of("code ooxml.hyperlink-to-program")));

    @TestFactory
    Stream<DynamicTest> everyFileGetsItsManifestVerdict() {
        return Corpus.cases(root -> Corpus.manifest().values().stream()
                .filter(e -> CATEGORIES.contains(e.category()) || e.path().equals(EXTRA))
                .map(e -> DynamicTest.dynamicTest(e.path(), () -> getsItsManifestVerdict(root, e))));
    }

    private static void getsItsManifestVerdict(Path root, Corpus.Entry entry) {
        String path = entry.path();
        Report report = scan(root.resolve(path));
        if (entry.category().equals("office_clean")) {
            assertEquals(List.of(), ReportChecks.oursAboveInfo(report), path);
        }
        assertEquals(Verdict.parse(entry.expectedVerdict()), report.verdict(), path + ": " + TestEngines.codes(report));
        for (String what : EXPECTED.getOrDefault(path, List.of())) {
            String[] w = what.split(" ");
            if (w[0].equals("code")) {
                assertTrue(
                        TestEngines.codes(report).contains(w[1]),
                        path + " lacks " + w[1] + ": " + TestEngines.codes(report));
            } else if (w[0].equals("child")) {
                ReportNode child = TestEngines.node(report, w[1]);
                assertTrue(child.detectedType().startsWith(w[2]), path + ": " + w[1] + " is " + child.detectedType());
            }
        }
    }

    @Test
    void embeddedTextPackagesAreExtractedFromEveryFormat() {
        Path root = Corpus.require();
        for (String ext : List.of("doc", "docx", "dot", "odp", "ods", "ppt", "pptx", "xls", "xlsb", "xlsm")) {
            Report report = scan(root.resolve("office_oleobj/embedded-simple-2007." + ext));
            ReportNode txt = TestEngines.node(report, "simple-text-file.txt");
            assertEquals("text/plain", txt.detectedType(), ext);
            assertTrue(TestEngines.codes(report).contains("ole.package"), ext + ": " + TestEngines.codes(report));
        }
    }

    static Report scan(Path path) {
        return scan(TestEngines.standard(), path);
    }

    static Report scan(ScanEngine engine, Path path) {
        String name = path.getFileName().toString();
        return engine.scan(ScanRequest.file(path.toString(), name, () -> Files.newInputStream(path))
                .withPasswords(PASSWORDS));
    }
}
