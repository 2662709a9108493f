package dev.prefilter.engine.office.odf;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.OfficeFixtures;
import dev.prefilter.engine.report.Report;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OdfMacroAnalyzerTest {

    private static final String SHELL_MACRO =
            "REM  *****  BASIC  *****\n\nSub Main\n    Shell(\"calc.exe\")\nEnd Sub\n";

    private static Finding finding(Report report, String code) {
        return report.findings().stream()
                .filter(f -> f.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + codes(report)));
    }

    @Test
    void aStarBasicShellRunOnOpenIsMalicious() {
        Report report =
                scanFile("invoice.odt", OdfFixtures.odt(OdfFixtures.AUTO_OPEN_EVENT, Map.of("Module1", SHELL_MACRO)));

        assertEquals(
                List.of("Standard.Module1"),
                finding(report, "odf.macros").evidence().get("modules"));
        assertEquals("Shell", finding(report, "odf.execute").evidence().get("keyword"));
        assertEquals("dom:load", finding(report, "odf.autorun-event").evidence().get("event"));
        Finding rule = finding(report, "odf.autoexec-write-execute");
        assertEquals("A-X", rule.evidence().get("flags"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
        @SuppressWarnings("unchecked")
        Map<String, Object> odf = (Map<String, Object>) report.root().facts().get("odf");
        @SuppressWarnings("unchecked")
        Map<String, Object> module = ((List<Map<String, Object>>) odf.get("modules")).get(0);
        assertEquals("Basic/Standard/Module1.xml", module.get("part"));
        assertEquals(
                List.of("REM  *****  BASIC  *****", "Sub Main", "Shell(\"calc.exe\")", "End Sub"),
                module.get("firstLines"));
    }

    @Test
    void aMacroWithoutAnAutoRunEventIsSuspicious() {
        Report report = scanFile("sheet.ods", OdfFixtures.odt("", Map.of("Module1", SHELL_MACRO)));

        assertTrue(codes(report).contains("odf.macros"));
        assertFalse(codes(report).contains("odf.autoexec-write-execute"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void aDocumentWithoutMacrosOrOnlyAnEmptyModuleIsClean() {
        Report plain = scanFile("letter.odt", OdfFixtures.odt("", Map.of()));
        Report empty = scanFile("letter.odt", OdfFixtures.odt("", Map.of("Module1", "REM  *****  BASIC  *****\n\n")));

        assertEquals(Verdict.CLEAN, plain.verdict(), codes(plain).toString());
        assertEquals(List.of(), codes(plain));
        assertEquals(Verdict.CLEAN, empty.verdict(), codes(empty).toString());
        assertFalse(codes(empty).contains("odf.macros"));
    }

    @Test
    void aFlatDocumentWithAnEmbeddedModuleAndAnOpenEventIsMalicious() {
        String scripts = OdfFixtures.flatScripts(
                "Module1",
                SHELL_MACRO,
                OdfFixtures.flatEvents(
                        "dom:load", "vnd.sun.star.script:Standard.Module1.Main?language=Basic&location=document"));

        Report report = scanFile("invoice.fodt", OdfFixtures.fodt(scripts, ""));

        assertTrue(
                codes(report).contains("odf.autoexec-write-execute"),
                codes(report).toString());
        assertFalse(codes(report).contains("parse.ooxml-embedding"), "a flat file is no zip");
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void anEventThatClimbsOutToTheSuitesOwnScriptsIsReported() {
        String href =
                "vnd.sun.star.script:../../../program/python-core-3.5.5/lib/pydoc.py$tempfilepager(1, cmd.exe /C calc.exe )"
                        + "?language=Python&location=share";
        Report report = scanFile(
                "poc.fodt",
                OdfFixtures.fodt(
                        "<office:scripts>" + OdfFixtures.flatEvents("dom:mouseover", href) + "</office:scripts>", ""));

        assertTrue(
                codes(report).contains("odf.script-path-traversal"),
                codes(report).toString());
        assertFalse(codes(report).contains("odf.autorun-event"), "mouse-over needs the reader");
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void anOleObjectInAFlatDocumentIsOpened() {
        byte[] ole = OfficeFixtures.oleObjectBin(
                OfficeFixtures.packageStream("scan.pdf", "C:\\scan.exe", "C:\\Temp\\scan.exe", OfficeFixtures.EXE));

        Report report = scanFile("order.fodt", OdfFixtures.fodt("", OdfFixtures.oleObject(ole)));

        assertTrue(codes(report).contains("ole.package"), codes(report).toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }
}
