package dev.prefilter.engine.lnk;

import static dev.prefilter.engine.lnk.ShortcutWriter.shortcut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.engine.testing.TestEngines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code facts.lnk} of named edge cases against {@code fixtures/lnk/<case>.expected.json}. The
 * shortcuts are written by {@link ShortcutWriter} at test time. After a deliberate change of the
 * facts, regenerate with {@code -Dprefilter.golden.update=true} and review the diff.
 */
class LnkGoldenTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/lnk");

    private record Case(String name, Supplier<byte[]> shortcut, Verdict verdict, List<String> codes) {}

    private static final String EMOTET_ARGUMENTS =
            "/v:on /c findstr \"rSIPPswjwCtKoZy.*\" Invoice.pdf.lnk > \"%tmp%\\VEuIqlISMa.vbs\" "
                    + "& \"%tmp%\\VEuIqlISMa.vbs\"";

    private static final List<Case> CASES = List.of(
            new Case(
                    "padded_cli_arguments",
                    () -> shortcut()
                            .times(Instant.parse("2023-08-25T17:43:51Z"))
                            .fileSize(16)
                            .iconIndex(1)
                            .showCommand(7)
                            .idList(
                                    ShortcutWriter.rootFolder(ShortcutWriter.MY_COMPUTER),
                                    ShortcutWriter.drive("C:\\"),
                                    ShortcutWriter.folder("Windows", "Windows"),
                                    ShortcutWriter.folder("System32", "System32"),
                                    ShortcutWriter.file("cmd.exe", "cmd.exe", 16))
                            .workingDir("C:\\Windows\\System32" + " ".repeat(281))
                            .arguments(" ".repeat(300)
                                    + "/c \"set PATH=%windir%\\system32;%PATH% & (for /R \"%USERPROFILE%\" "
                                    + "%f in (d.zip) do "
                                    + "@IF EXIST %f (^st^art \"\" /MIN %TEMP%\\a.exe))\"")
                            .iconLocation("C:\\Windows\\System32\\shell32.dll")
                            .bytes(),
                    Verdict.MALICIOUS,
                    List.of(
                            "lnk.interpreter-command",
                            "lnk.padded-arguments",
                            "lnk.padded-working-dir",
                            "lnk.obfuscated-command",
                            "lnk.minimized-window",
                            "lnk.decoy-icon",
                            "lnk.hidden-execution")),
            new Case("broken_link_info", LnkGoldenTest::brokenLinkInfo, Verdict.SUSPICIOUS, List.of("parse.lnk")),
            new Case(
                    "appended_vbscript",
                    () -> ShortcutWriter.toCmd()
                            .fileSize(0)
                            .showCommand(7)
                            .arguments(EMOTET_ARGUMENTS)
                            .iconLocation("%SystemRoot%\\System32\\imageres.dll")
                            .iconIndex(-68)
                            .extra(ShortcutWriter.tracker(
                                    "desktop-8l0a2vd",
                                    "D3B4B02E-2B5B-4D6E-9C33-16C1C0E3A5F2",
                                    "6D0C5A4E-C9B0-11EC-A1B2-000C29A1B2C3"))
                            .appended("rSIPPswjwCtKoZy=1:Set s=CreateObject(\"WScript.Shell\"):s.Run \"calc\"\r\n"
                                    .getBytes(StandardCharsets.US_ASCII))
                            .bytes(),
                    Verdict.MALICIOUS,
                    List.of(
                            "lnk.interpreter-command",
                            "lnk.self-extraction",
                            "lnk.appended-data",
                            "lnk.decoy-icon",
                            "lnk.tracker")),
            new Case(
                    "network_target",
                    () -> shortcut()
                            .times(Instant.parse("2018-11-23T11:31:09Z"))
                            .fileSize(21_895_266)
                            .idList(
                                    ShortcutWriter.rootFolder(ShortcutWriter.NETWORK),
                                    ShortcutWriter.networkLocation(0x42, "\\\\10.0.0.150", null),
                                    ShortcutWriter.networkLocation(
                                            0xC3, "\\\\10.0.0.150\\LMmetal", "Microsoft Network"),
                                    ShortcutWriter.file("ETN-LI~1.PDF", "ETN-lift programme 2017.pdf", 21_895_266))
                            .networkLinkInfo("\\\\10.0.0.150\\LMmetal", "Z:", 0x00020000, "ETN-lift programme 2017.pdf")
                            .workingDir("Z:\\")
                            .bytes(),
                    Verdict.SUSPICIOUS,
                    List.of("lnk.remote-target")),
            new Case(
                    "ansi_strings_and_unknown_block",
                    () -> shortcut()
                            .ansiStrings()
                            .localLinkInfo(2, 0x16ADD728L, "USB", "E:\\\u00a0\\\u00a0.exe", "")
                            .name("Café menu")
                            .arguments("/b")
                            .iconLocation("%systemroot%\\system32\\shell32.dll")
                            .iconIndex(7)
                            .extra(ShortcutWriter.specialFolder(37, 213))
                            .extra(ShortcutWriter.unknownBlock(0xA00000AAL, new byte[] {1, 2, 3, 4}))
                            .bytes(),
                    Verdict.SUSPICIOUS,
                    List.of()));

    @TestFactory
    Stream<DynamicTest> factsMatchTheGoldenFiles() {
        boolean update = Boolean.getBoolean("prefilter.golden.update");
        return CASES.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Report report =
                            TestEngines.scanFile(c.name() + ".lnk", c.shortcut().get());
                    Object facts = report.root().facts().get("lnk");
                    assertNotNull(facts, c.name());
                    // through text, as a report reader sees it: numbers then compare by value, not by Java type
                    JsonNode actual = ReportJson.mapper().readTree(ReportJson.compact(facts));
                    if (update) {
                        Files.createDirectories(FIXTURES);
                        Files.writeString(
                                FIXTURES.resolve(c.name() + ".expected.json"), ReportJson.pretty(facts) + "\n");
                    }
                    assertEquals(
                            expected(c.name()),
                            actual,
                            c.name() + ": facts.lnk differ from the golden file; actual:\n" + ReportJson.pretty(facts));
                    assertEquals(c.verdict(), report.verdict(), c.name() + ": " + TestEngines.codes(report));
                    assertTrue(
                            TestEngines.codes(report).containsAll(c.codes()),
                            c.name() + ": " + TestEngines.codes(report));
                }));
    }

    /**
     * LinkInfo whose VolumeID offset points into its own header, whose local base path offset
     * points past its end and whose label offset points outside the VolumeID; the strings after it
     * must still be read.
     */
    private static byte[] brokenLinkInfo() {
        byte[] info = new byte[0x3C];
        ShortcutWriter.setU32(info, 0, info.length);
        ShortcutWriter.setU32(info, 4, 0x1C);
        ShortcutWriter.setU32(info, 8, 1);
        ShortcutWriter.setU32(info, 12, 0x10);
        ShortcutWriter.setU32(info, 16, 0x400);
        ShortcutWriter.setU32(info, 24, 0x3B);
        return shortcut()
                .rawLinkInfo(info)
                .relativePath("..\\..\\Program Files\\xt\\xt.exe")
                .workingDir("C:\\Program Files\\xt")
                .bytes();
    }

    private static JsonNode expected(String name) throws IOException {
        try (InputStream in = LnkGoldenTest.class.getResourceAsStream("/fixtures/lnk/" + name + ".expected.json")) {
            assertNotNull(
                    in,
                    "missing fixtures/lnk/" + name + ".expected.json (generate with -Dprefilter.golden.update=true)");
            return ReportJson.mapper().readTree(in);
        }
    }
}
