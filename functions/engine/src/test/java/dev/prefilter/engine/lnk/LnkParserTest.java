package dev.prefilter.engine.lnk;

import static dev.prefilter.engine.lnk.ShortcutWriter.shortcut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each MS-SHLLINK section, read from shortcuts that {@link ShortcutWriter} builds. */
class LnkParserTest {

    private final ShortcutParser parser = new ShortcutParser();

    private Shortcut parse(ShortcutWriter writer) {
        return parser.parse(writer.bytes());
    }

    private ShortcutFacts facts(ShortcutWriter writer) {
        return ShortcutFacts.of(parse(writer), null);
    }

    @Test
    void aWellFormedShortcutHasNoProblemsAndEndsAtItsTerminalBlock() {
        byte[] bytes = ShortcutWriter.toCmd().bytes();
        Shortcut s = parser.parse(bytes);
        assertEquals(List.of(), s.problems());
        assertEquals(bytes.length, s.structureEnd());
    }

    @Test
    void headerFieldsAreNamed() {
        ShortcutFacts f = facts(ShortcutWriter.toCmd()
                .fileAttributes(0x21)
                .iconIndex(-3)
                .showCommand(3)
                .hotKey(0x0674)
                .withFlags(0x2000));
        assertEquals(
                List.of("HasTargetIDList", "HasLinkInfo", "HasRelativePath", "HasWorkingDir", "IsUnicode", "RunAsUser"),
                f.linkFlags());
        assertEquals(List.of("FILE_ATTRIBUTE_READONLY", "FILE_ATTRIBUTE_ARCHIVE"), f.fileAttributes());
        assertEquals("2021-06-05T12:10:11Z", f.creationTime());
        assertEquals(289_792L, f.fileSize());
        assertEquals(-3, f.iconIndex());
        assertEquals("SW_SHOWMAXIMIZED", f.showCommand());
        assertEquals("CTRL+ALT+F5", f.hotKey());
    }

    @Test
    void showCommandsOutsideTheSpecKeepTheirWindowsNameOrValue() {
        assertEquals(
                "SW_SHOWMINNOACTIVE",
                facts(ShortcutWriter.toCmd().showCommand(7)).showCommand());
        assertEquals("SW_HIDE", facts(ShortcutWriter.toCmd().showCommand(0)).showCommand());
        assertEquals("0x00000063", facts(ShortcutWriter.toCmd().showCommand(99)).showCommand());
        assertNull(facts(ShortcutWriter.toCmd()).hotKey());
    }

    @Test
    void invalidFileTimesBecomeNull() {
        ShortcutFacts f = facts(ShortcutWriter.toCmd().rawTimes(0, -1, Long.MAX_VALUE));
        assertNull(f.creationTime());
        assertNull(f.accessTime());
        assertNull(f.writeTime());
    }

    @Test
    void undefinedFlagBitsAreShownAsHex() {
        ShortcutFacts f = facts(shortcut().linkFlags(0x80 | 0x4000_0000).fileAttributes(0x8000_0000));
        assertEquals(List.of("IsUnicode", "0x40000000"), f.linkFlags());
        assertEquals(List.of("0x80000000"), f.fileAttributes());
    }

    @Test
    void idListItemsGiveTheTargetPathWithLongNames() {
        Shortcut s = parse(shortcut()
                .idList(
                        ShortcutWriter.rootFolder(ShortcutWriter.MY_COMPUTER),
                        ShortcutWriter.drive("C:\\"),
                        ShortcutWriter.folder("PROGRA~1", "Program Files"),
                        ShortcutWriter.file("NOTEPA~1.EXE", "Notepad Plus.exe", 4096)));
        List<ShellItem> items = s.idList().items();
        assertEquals(new ShellItem.RootFolder(ShortcutWriter.MY_COMPUTER, "My Computer"), items.get(0));
        assertEquals(new ShellItem.Volume("C:\\", null, null), items.get(1));
        ShellItem.FileEntry folder = assertInstanceOf(ShellItem.FileEntry.class, items.get(2));
        assertEquals("Program Files", folder.name());
        assertEquals("PROGRA~1", folder.shortName());
        assertTrue(folder.directory());
        assertEquals("2021-06-05T12:10:10Z", folder.modified());
        ShellItem.FileEntry file = assertInstanceOf(ShellItem.FileEntry.class, items.get(3));
        assertEquals(4096, file.fileSize());
        assertEquals("C:\\Program Files\\Notepad Plus.exe", s.idList().targetPath());
    }

    @Test
    void longNamesAreFoundForEveryExtensionBlockVersion() {
        for (int version : new int[] {3, 7, 8, 9}) {
            Shortcut s = parse(shortcut()
                    .idList(
                            ShortcutWriter.rootFolder(ShortcutWriter.MY_COMPUTER),
                            ShortcutWriter.drive("D:\\"),
                            ShortcutWriter.fileEntry(0x32, "REPORT~1.PDF", "Report 2024 – Q1.pdf", 10, 0x20, version)));
            assertEquals("D:\\Report 2024 – Q1.pdf", s.idList().targetPath(), "extension block version " + version);
        }
    }

    @Test
    void unicodePrimaryNamesNetworkControlPanelUriAndUnknownItemsAreRead() {
        Shortcut network = parse(shortcut()
                .idList(
                        ShortcutWriter.rootFolder(ShortcutWriter.NETWORK),
                        ShortcutWriter.networkLocation(0x42, "\\\\FILES01", "file server"),
                        ShortcutWriter.networkLocation(0xC3, "\\\\FILES01\\public", null),
                        ShortcutWriter.unicodeFile("Счёт.exe")));
        assertEquals(
                new ShellItem.NetworkLocation("\\\\FILES01", "file server", null),
                network.idList().items().get(1));
        assertEquals("\\\\FILES01\\public\\Счёт.exe", network.idList().targetPath());

        Shortcut panel = parse(shortcut()
                .idList(
                        ShortcutWriter.rootFolder(ShortcutWriter.CONTROL_PANEL),
                        ShortcutWriter.controlPanelItem("7B81BE6A-CE2B-4676-A29E-EB907A5126C5")));
        assertEquals(
                new ShellItem.ControlPanel("7B81BE6A-CE2B-4676-A29E-EB907A5126C5", null, null),
                panel.idList().items().get(1));
        assertEquals("::{7B81BE6A-CE2B-4676-A29E-EB907A5126C5}", panel.idList().targetPath());

        Shortcut web = parse(shortcut().idList(ShortcutWriter.uri("https://example.test/invoice.hta")));
        assertEquals("https://example.test/invoice.hta", web.idList().targetPath());

        Shortcut cpl = parse(shortcut()
                .idList(
                        ShortcutWriter.rootFolder(ShortcutWriter.MY_COMPUTER),
                        ShortcutWriter.shellFolder(ShortcutWriter.CONTROL_PANEL),
                        ShortcutWriter.cplFile("E:\\x\\evil.cpl", "Display")));
        assertEquals(
                new ShellItem.ControlPanelFile("E:\\x\\evil.cpl", "Display"),
                cpl.idList().items().get(2));
        assertEquals("E:\\x\\evil.cpl", cpl.idList().targetPath());

        Shortcut unknown = parse(shortcut().idList(ShortcutWriter.unknownItem(0x99, new byte[] {1, 2, 3})));
        assertEquals(new ShellItem.Unknown("0x99", 6), unknown.idList().items().get(0));
        assertEquals(List.of(), unknown.problems());
    }

    @Test
    void localLinkInfoPrefersUnicodeStrings() {
        ShortcutFacts ansi =
                facts(shortcut().localLinkInfo(3, 0x9E31FC72L, "DATA", "C:\\Users\\Müller\\", "Desktop\\a.txt"));
        assertEquals("C:\\Users\\Müller\\", ansi.localBasePath());
        assertEquals("Desktop\\a.txt", ansi.commonPathSuffix());
        assertEquals("DRIVE_FIXED", ansi.driveType());
        assertEquals("0x9e31fc72", ansi.driveSerialNumber());
        assertEquals("DATA", ansi.volumeLabel());
        assertEquals("C:\\Users\\Müller\\Desktop\\a.txt", ansi.targetPath());

        ShortcutFacts unicode = facts(shortcut().localLinkInfoWithUnicode(2, 1, "", "E:\\Счёт\\", "a.exe"));
        assertEquals("E:\\Счёт\\", unicode.localBasePath());
        assertEquals("DRIVE_REMOVABLE", unicode.driveType());
    }

    @Test
    void networkLinkInfoGivesShareDeviceAndProvider() {
        Shortcut s = parse(shortcut().networkLinkInfo("\\\\10.0.0.5\\share", "Z:", 0x00020000, "docs\\x.pdf"));
        LinkInfo info = s.linkInfo();
        assertEquals("\\\\10.0.0.5\\share", info.netName());
        assertEquals("Z:", info.deviceName());
        assertEquals("WNNC_NET_LANMAN", info.networkProviderType());
        assertEquals("\\\\10.0.0.5\\share\\docs\\x.pdf", info.targetPath());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void linkInfoOffsetsIntoItsHeaderOrPastItsEndLoseOnlyTheirField() {
        byte[] info = new byte[0x30];
        ShortcutWriter.setU32(info, 0, info.length);
        ShortcutWriter.setU32(info, 4, 0x1C);
        ShortcutWriter.setU32(info, 8, 1);
        ShortcutWriter.setU32(info, 12, 8);
        ShortcutWriter.setU32(info, 16, 0x1000);
        ShortcutWriter.setU32(info, 24, 0x2E);
        Shortcut s = parse(shortcut().rawLinkInfo(info).arguments("/c whoami"));
        assertNull(s.linkInfo().localBasePath());
        assertEquals("", s.linkInfo().commonPathSuffix());
        assertEquals("/c whoami", s.strings().arguments().value());
        assertTrue(s.complete());
        assertTrue(
                s.problems().stream().anyMatch(p -> p.message().contains("into the LinkInfo header")),
                s.problems().toString());
        assertTrue(
                s.problems().stream().anyMatch(p -> p.message().contains("outside the LinkInfo")),
                s.problems().toString());
    }

    @Test
    void stringDataInUnicodeAndAnsi() {
        ShortcutWriter writer = shortcut()
                .name("Rechnung – März")
                .relativePath(".\\a.exe")
                .workingDir("C:\\tmp")
                .arguments("-x \"ü\"")
                .iconLocation("%SystemRoot%\\System32\\imageres.dll");
        StringData unicode = parse(writer).strings();
        assertEquals("Rechnung – März", unicode.name().value());
        assertEquals("-x \"ü\"", unicode.arguments().value());
        StringData ansi = parse(writer.ansiStrings()).strings();
        assertEquals("Rechnung – März", ansi.name().value());
        assertEquals("%SystemRoot%\\System32\\imageres.dll", ansi.iconLocation().value());
    }

    @Test
    void nameRelativePathAndWorkingDirStopAt260CharactersButArgumentsDoNot() {
        String long300 = "A".repeat(300);
        StringData s = parse(shortcut()
                        .name(long300)
                        .relativePath(long300)
                        .workingDir(long300)
                        .arguments(long300)
                        .iconLocation(long300))
                .strings();
        assertEquals(260, s.name().value().length());
        assertEquals(260, s.relativePath().value().length());
        assertEquals(260, s.workingDir().value().length());
        assertEquals(300, s.workingDir().storedChars());
        assertEquals(300, s.arguments().value().length());
        assertEquals(300, s.iconLocation().value().length());
    }

    @Test
    void stringsEndAtTheirFirstNulAsWindowsReadsThem() {
        StringData s = parse(shortcut().arguments("/c calc\u0000 hidden")).strings();
        assertEquals("/c calc", s.arguments().value());
        assertEquals(15, s.arguments().storedChars());
    }

    @Test
    void extraBlocksAreReadByTheirSignature() {
        Shortcut s = parse(shortcut()
                .extra(ShortcutWriter.environment("%windir%\\system32\\cmd.exe"))
                .extra(ShortcutWriter.iconEnvironment("%ProgramFiles%\\app\\app.ico"))
                .extra(ShortcutWriter.tracker(
                        "desktop-1abcd",
                        "F12D3570-03C2-43E3-86FC-C75D680751B6",
                        "43633D26-86A9-11EA-9C2D-B8AEED8E1A7A"))
                .extra(ShortcutWriter.knownFolder("1AC14E77-02E7-4E5D-B744-2EB1AE5198B7", 213))
                .extra(ShortcutWriter.specialFolder(37, 213))
                .extra(ShortcutWriter.darwin("w_1^VX!!!!!!!!!MKKSkEXCELFiles>tW{~$4Q]c@II=l2xaTO5Z"))
                .extra(ShortcutWriter.consoleCodePage(932))
                .extra(ShortcutWriter.shim("WinXPSp3"))
                .extra(ShortcutWriter.console("Consolas", true))
                .extra(ShortcutWriter.propertyStore(new byte[] {1, 2, 3, 4, 0, 0, 0, 0}))
                .extra(ShortcutWriter.vistaIdList(
                        ShortcutWriter.rootFolder(ShortcutWriter.MY_COMPUTER), ShortcutWriter.drive("C:\\")))
                .extra(ShortcutWriter.unknownBlock(0xA00000FFL, new byte[] {9, 9, 9, 9})));
        assertEquals(List.of(), s.problems());
        ShortcutFacts f = ShortcutFacts.of(s, null);
        assertEquals("%windir%\\system32\\cmd.exe", f.environmentTarget());
        assertEquals("%ProgramFiles%\\app\\app.ico", f.iconEnvironmentTarget());
        assertEquals("desktop-1abcd", f.trackerMachineId());
        assertEquals("b8:ae:ed:8e:1a:7a", f.trackerMac());
        assertEquals("1AC14E77-02E7-4E5D-B744-2EB1AE5198B7", f.knownFolderId());
        assertEquals(37L, f.specialFolderId());
        assertEquals("w_1^VX!!!!!!!!!MKKSkEXCELFiles>tW{~$4Q]c@II=l2xaTO5Z", f.darwinData());
        assertEquals(
                List.of(
                        "0xA0000001",
                        "0xA0000007",
                        "0xA0000003",
                        "0xA000000B",
                        "0xA0000005",
                        "0xA0000006",
                        "0xA0000004",
                        "0xA0000008",
                        "0xA0000002",
                        "0xA0000009",
                        "0xA000000C",
                        "0xA00000FF"),
                f.extraBlocks());
        assertEquals(
                new ExtraBlock.ConsoleCodePage(932),
                s.block(ExtraBlock.ConsoleCodePage.class).orElseThrow());
        assertEquals("WinXPSp3", s.block(ExtraBlock.Shim.class).orElseThrow().layerName());
        ExtraBlock.Console console = s.block(ExtraBlock.Console.class).orElseThrow();
        assertEquals("Consolas", console.faceName());
        assertTrue(console.fullScreen());
        assertEquals(
                "C:\\",
                s.block(ExtraBlock.VistaIdList.class).orElseThrow().idList().targetPath());
        assertEquals(
                new ExtraBlock.Unknown(0xA00000FFL, 12),
                s.extraBlocks().get(s.extraBlocks().size() - 1));
    }

    @Test
    void aDroidThatIsNotTimeBasedCarriesNoMac() {
        ShortcutFacts f = facts(shortcut()
                .extra(ShortcutWriter.tracker(
                        "", "4D67303F-2DA7-16FB-F8AC-285508486733", "00000024-0000-0000-6A6D-060000000000")));
        assertEquals("", f.trackerMachineId());
        assertNull(f.trackerMac());
    }

    @Test
    void bytesAfterTheTerminalBlockAreAppendedData() {
        byte[] payload = "MsgBox \"hi\"".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = ShortcutWriter.toCmd().appended(payload).bytes();
        Shortcut s = parser.parse(bytes);
        assertEquals(bytes.length - payload.length, s.structureEnd());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void aMissingTerminalBlockOrABlockPastTheEndIsAProblem() {
        Shortcut noTerminal = parse(ShortcutWriter.toCmd().withoutTerminal());
        assertEquals(-1, noTerminal.structureEnd());
        assertEquals(
                "the file ends without a terminal block",
                noTerminal.problems().get(0).message());

        byte[] bytes = ShortcutWriter.toCmd().withoutTerminal().bytes();
        byte[] lying = java.util.Arrays.copyOf(bytes, bytes.length + 4);
        ShortcutWriter.setU32(lying, bytes.length, 0x10);
        Shortcut overrun = parser.parse(lying);
        assertEquals(-1, overrun.structureEnd());
        assertTrue(
                overrun.problems().get(0).message().contains("runs past the end of the file"),
                overrun.problems().toString());
        assertEquals("C:\\Windows\\System32", overrun.strings().workingDir().value());
    }

    @Test
    void aWrongHeaderIsRecordedAndTheRestStillRead() {
        byte[] bytes = ShortcutWriter.toCmd().arguments("/c x").bytes();
        bytes[4] = 0x02;
        Shortcut s = parser.parse(bytes);
        assertTrue(
                s.problems().get(0).message().startsWith("class id is 00021402"),
                s.problems().toString());
        assertEquals("/c x", s.strings().arguments().value());
    }

    @Test
    void nothingButAFewBytesGivesAProblemAndNoHeader() {
        Shortcut s = parser.parse(new byte[] {0x4C, 0, 0, 0});
        assertNull(s.header());
        assertEquals("header", s.problems().get(0).section());
        assertNull(ShortcutFacts.of(s, null).linkFlags());
    }

    @Test
    void timesAreUtcInstants() {
        assertEquals(
                Instant.parse("2020-04-26T10:29:23Z"),
                WindowsTimes.fileTime(ShortcutWriter.fileTime(Instant.parse("2020-04-26T10:29:23Z"))));
        assertNull(WindowsTimes.dosDateTime(ShortcutWriter.dosDate(2020, 13, 1), 0));
    }
}
