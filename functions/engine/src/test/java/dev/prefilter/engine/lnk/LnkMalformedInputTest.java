package dev.prefilter.engine.lnk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every truncation point and seeded random corruptions of a shortcut that has every section: the
 * parser never throws, and a scan never fails its analyzer and never calls the file clean.
 */
class LnkMalformedInputTest {

    private static final long SEED = 0x5EED_1A4BL;
    private static final int MUTANTS = 20_000;
    /** Every this-many-th mutant also goes through the whole engine; the parser sees all of them. */
    private static final int SCAN_EVERY = 50;

    /** Every section and most block kinds, with appended data, so that each truncation cuts something different. */
    static byte[] everySection() {
        return ShortcutWriter.toCmd()
                .name("Invoice")
                .arguments("/c echo hello")
                .iconLocation("%SystemRoot%\\System32\\shell32.dll")
                .localLinkInfoWithUnicode(3, 0x1C2D3E4FL, "OS", "C:\\Windows\\System32\\cmd.exe", "")
                .extra(ShortcutWriter.environment("%windir%\\system32\\cmd.exe"))
                .extra(ShortcutWriter.tracker(
                        "desktop-1abcd",
                        "F12D3570-03C2-43E3-86FC-C75D680751B6",
                        "43633D26-86A9-11EA-9C2D-B8AEED8E1A7A"))
                .extra(ShortcutWriter.knownFolder("1AC14E77-02E7-4E5D-B744-2EB1AE5198B7", 213))
                .extra(ShortcutWriter.console("Consolas", false))
                .extra(ShortcutWriter.vistaIdList(
                        ShortcutWriter.rootFolder(ShortcutWriter.MY_COMPUTER), ShortcutWriter.drive("C:\\")))
                .extra(ShortcutWriter.unknownBlock(0xA00000FFL, new byte[] {1, 2, 3, 4}))
                .appended("MsgBox 1".getBytes(StandardCharsets.US_ASCII))
                .bytes();
    }

    @Test
    void everyTruncationParsesAndScansAsNotClean() {
        byte[] whole = everySection();
        ShortcutParser parser = new ShortcutParser();
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            Shortcut shortcut = parser.parse(cut);
            assertNotNull(shortcut, "length " + length);
            ShortcutFacts.of(shortcut, null);
            Report report = TestEngines.scanFile("cut.lnk", cut);
            assertScanHeld(report, "truncated to " + length + " bytes");
        }
    }

    @Test
    void truncationsBeforeTheTerminalBlockAreParseProblems() {
        byte[] whole = everySection();
        ShortcutParser parser = new ShortcutParser();
        long end = parser.parse(whole).structureEnd();
        for (int length = 0; length < end; length++) {
            Shortcut shortcut = parser.parse(Arrays.copyOf(whole, length));
            assertFalse(shortcut.problems().isEmpty(), "no problem recorded for a cut at " + length);
            assertFalse(shortcut.complete(), "complete at " + length);
        }
    }

    @Test
    void randomCorruptionNeverThrowsAndNeverScansClean() {
        byte[] whole = everySection();
        Random random = new Random(SEED);
        ShortcutParser parser = new ShortcutParser();
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = whole.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(mutant.length);
                mutant[at] = random.nextBoolean()
                        ? (byte) random.nextInt(256)
                        : (byte) (mutant[at] ^ (1 << random.nextInt(8)));
            }
            Shortcut shortcut = parser.parse(mutant);
            ShortcutFacts.of(shortcut, null);
            if (i % SCAN_EVERY == 0) {
                assertScanHeld(TestEngines.scanFile("mutant.lnk", mutant), "mutant " + i + " of seed " + SEED);
            }
        }
    }

    /** Sizes that claim the maximum everywhere: the parser must bound itself by the bytes it has. */
    @Test
    void impossibleSizesAreBounded() {
        byte[] whole = everySection();
        ShortcutParser parser = new ShortcutParser();
        for (int at = 76; at + 4 <= whole.length; at++) {
            byte[] lying = whole.clone();
            ShortcutWriter.setU32(lying, at, 0xFFFF_FFFFL);
            parser.parse(lying);
            byte[] small = whole.clone();
            ShortcutWriter.setU32(small, at, 1);
            parser.parse(small);
        }
    }

    @Test
    void garbageWithALnkNameIsNotClean() {
        for (byte[] garbage : List.of(
                new byte[0], new byte[] {0x4C}, "PK\u0003\u0004 not a shortcut".getBytes(StandardCharsets.US_ASCII))) {
            assertScanHeld(TestEngines.scanFile("x.lnk", garbage), garbage.length + " bytes of garbage");
        }
    }

    private static void assertScanHeld(Report report, String what) {
        List<String> codes = TestEngines.codes(report);
        assertFalse(codes.contains("analyzer.failed"), what + ": " + codes + " " + report.findings());
        assertNotEquals(Verdict.CLEAN, report.verdict(), what + ": " + codes);
        assertTrue(report.root().facts().containsKey("lnk"), what + ": the shortcut analyzer did not run: " + codes);
    }
}
