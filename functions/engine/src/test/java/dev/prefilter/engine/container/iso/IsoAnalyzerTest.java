package dev.prefilter.engine.container.iso;

import static dev.prefilter.engine.container.ReportAssertions.childNames;
import static dev.prefilter.engine.container.ReportAssertions.codes;
import static dev.prefilter.engine.container.ReportAssertions.damagedButHandled;
import static dev.prefilter.engine.container.ReportAssertions.facts;
import static dev.prefilter.engine.container.iso.IsoWriter.dir;
import static dev.prefilter.engine.container.iso.IsoWriter.file;
import static dev.prefilter.engine.container.iso.IsoWriter.hiddenFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IsoAnalyzerTest {

    static final byte[] PE = peStub();

    static IsoWriter.Node sample() {
        return dir(
                "",
                file("readme.txt", "plain words for the reader\n"),
                hiddenFile("helper.dll", "not really a dll".getBytes(StandardCharsets.US_ASCII)),
                dir(
                        "Documents",
                        file("Quarterly report 2024.txt", "numbers"),
                        dir("deeper", file("notes.txt", "deep"))));
    }

    @Test
    void jolietNamesAreListedWithTheirContentAndHiddenFlag() {
        Report report =
                TestEngines.scanFile("disc.iso", new IsoWriter().build(sample()).bytes());

        assertEquals("application/x-iso9660-image", report.root().detectedType());
        assertEquals(
                List.of(
                        "readme.txt",
                        "helper.dll",
                        "Documents/Quarterly report 2024.txt",
                        "Documents/deeper/notes.txt"),
                childNames(report));
        ReportNode readme = TestEngines.node(report, "readme.txt");
        assertEquals(27, readme.size());
        assertEquals(
                Boolean.TRUE, TestEngines.node(report, "helper.dll").facts().get("hidden"));
        Map<String, Object> iso = facts(report.root(), "iso");
        assertEquals(true, iso.get("joliet"));
        assertEquals(4, iso.get("files"));
        assertEquals(2, iso.get("directories"));
        assertEquals(1, iso.get("hiddenFiles"));
        assertEquals(List.of("type.disk-image"), codes(report.root()));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void primaryHierarchyIsUsedWithoutJoliet() {
        Report report = TestEngines.scanFile(
                "disc.iso", new IsoWriter().joliet(false).build(sample()).bytes());

        assertEquals(
                List.of(
                        "README.TXT",
                        "HELPER.DLL",
                        "DOCUMENTS/QUARTERLY REPORT 2024.TXT",
                        "DOCUMENTS/DEEPER/NOTES.TXT"),
                childNames(report));
        assertEquals(false, facts(report.root(), "iso").get("joliet"));
    }

    @Test
    void executableInsideMakesTheMailMalicious() {
        Report report = TestEngines.scanFile(
                "invoice.iso",
                new IsoWriter().build(dir("", file("invoice.exe", PE))).bytes());

        assertTrue(
                codes(TestEngines.node(report, "invoice.exe")).contains("type.executable"),
                report.findings()::toString);
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void udfOnlyImageIsDetectedAndReportedUnsupported() {
        Report report = TestEngines.scanFile(
                "disc.iso", new IsoWriter().udfOnly().build(sample()).bytes());

        assertEquals("application/x-udf-image", report.root().detectedType());
        assertTrue(codes(report.root()).contains("archive.unsupported"), report.findings()::toString);
        assertEquals(List.of(), report.root().children());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void udfBridgeImageIsListedThroughIso9660() {
        Report report = TestEngines.scanFile(
                "disc.iso", new IsoWriter().udfBridge().build(sample()).bytes());

        assertEquals(4, report.root().children().size());
        assertEquals(true, facts(report.root(), "iso").get("udf"));
        assertTrue(TestEngines.codes(report).stream()
                .noneMatch(c -> c.startsWith("parse.") || c.equals("archive.unsupported")));
    }

    @Test
    void brokenJolietRootFallsBackToThePrimaryHierarchy() {
        IsoWriter.Image image = new IsoWriter().build(sample());
        byte[] bytes = image.bytes().clone();
        // the Joliet descriptor (sector 17) points its root past the end of the image
        IsoWriter.both32(bytes, 17 * IsoWriter.SECTOR + 156 + 2, 0x00FFFFFF);

        Report report = TestEngines.scanFile("disc.iso", bytes);

        assertTrue(codes(report.root()).contains("parse.iso"));
        assertEquals(
                List.of(
                        "README.TXT",
                        "HELPER.DLL",
                        "DOCUMENTS/QUARTERLY REPORT 2024.TXT",
                        "DOCUMENTS/DEEPER/NOTES.TXT"),
                childNames(report));
        assertEquals(false, facts(report.root(), "iso").get("joliet"));
    }

    @Test
    void directoryLoopIsReportedAndNotFollowed() {
        IsoWriter.Image image = new IsoWriter().build(sample());
        byte[] bytes = image.bytes().clone();
        // point "Documents/deeper" back at the root directory
        int record = image.records().get("joliet:/Documents/deeper");
        IsoWriter.both32(bytes, record + 2, image.rootSectorJoliet());

        Report report = TestEngines.scanFile("disc.iso", bytes);

        assertTrue(codes(report.root()).contains("parse.iso"), report.findings()::toString);
        assertEquals(List.of("readme.txt", "helper.dll", "Documents/Quarterly report 2024.txt"), childNames(report));
        damagedButHandled(report, "loop");
    }

    @Test
    void fileExtentPastTheEndIsCutAndReported() {
        IsoWriter.Image image = new IsoWriter().build(sample());
        byte[] bytes = image.bytes().clone();
        int record = image.records().get("joliet:/readme.txt");
        IsoWriter.both32(bytes, record + 10, 0x7FFFFFF0);

        Report report = TestEngines.scanFile("disc.iso", bytes);

        damagedButHandled(report, "huge extent");
        assertTrue(TestEngines.node(report, "readme.txt").size() < bytes.length);
    }

    @Test
    void truncationAtEveryStructureBoundaryIsHandled() {
        IsoWriter.Image image = new IsoWriter().build(sample());
        int usedEnd = lastDataByte(image);
        for (int cut = 1024; cut < usedEnd; cut += 1024) {
            byte[] truncated = Arrays.copyOf(image.bytes(), cut);
            damagedButHandled(TestEngines.scanFile("disc.iso", truncated), "cut at " + cut);
        }
    }

    @Test
    void readerSurvivesEveryTruncationAndEveryDamagedRecordByte() throws Exception {
        IsoWriter.Image image = new IsoWriter().build(sample());
        for (int cut = 0; cut <= image.bytes().length; cut += 97) {
            IsoReaderRun.run(Arrays.copyOf(image.bytes(), cut));
        }
        for (int record : image.records().values()) {
            for (int i = 0; i < 40; i++) {
                byte[] damaged = image.bytes().clone();
                damaged[record + i] = (byte) 0xFF;
                IsoReaderRun.run(damaged);
                damaged[record + i] = 0;
                IsoReaderRun.run(damaged);
            }
        }
    }

    @Test
    void nestingDeeperThanTheBoundIsReported() {
        IsoWriter.Node leaf = dir("d40", file("bottom.txt", "x"));
        for (int i = 39; i >= 1; i--) {
            leaf = dir("d" + i, leaf);
        }
        Report report = TestEngines.scanFile(
                "deep.iso", new IsoWriter().build(dir("", leaf)).bytes());

        assertTrue(codes(report.root()).contains("parse.iso"), report.findings()::toString);
        assertEquals(List.of(), report.root().children());
    }

    @Test
    void fileBytesAreReadFromTheirExtent() {
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Report report = TestEngines.scanFile(
                "disc.iso",
                new IsoWriter().build(dir("", file("blob.bin", data))).bytes());

        ReportNode blob = TestEngines.node(report, "blob.bin");
        assertEquals(data.length, blob.size());
        assertEquals(sha256(data), blob.sha256());
    }

    static int lastDataByte(IsoWriter.Image image) {
        byte[] b = image.bytes();
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return end;
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] peStub() {
        byte[] pe = new byte[512];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3c] = (byte) 0x80;
        pe[0x80] = 'P';
        pe[0x81] = 'E';
        pe[0x84] = 0x4c;
        pe[0x85] = 0x01;
        pe[0x94] = (byte) 0xe0;
        pe[0x96] = 0x02;
        pe[0x97] = 0x01;
        pe[0x98] = 0x0b;
        pe[0x99] = 0x01;
        return pe;
    }

    /** Runs the reader on raw bytes with a recording visitor: it may report problems, never throw anything else. */
    static final class IsoReaderRun {
        static void run(byte[] bytes) throws Exception {
            dev.prefilter.engine.container.ArraySource source = new dev.prefilter.engine.container.ArraySource(bytes);
            try {
                IsoVolume volume = IsoVolume.read(source);
                if (volume.hasIso9660()) {
                    new IsoWalker(
                                    source,
                                    volume.preferred(),
                                    new dev.prefilter.engine.container.RecordingVisitor(),
                                    new dev.prefilter.engine.container.io.ProblemLog("iso"))
                            .walk();
                }
            } catch (dev.prefilter.engine.container.io.ContainerFormatException expected) {
                // malformed input is reported this way
            }
        }
    }
}
