package dev.prefilter.engine.container.fat;

import static dev.prefilter.engine.container.ReportAssertions.childNames;
import static dev.prefilter.engine.container.ReportAssertions.codes;
import static dev.prefilter.engine.container.ReportAssertions.damagedButHandled;
import static dev.prefilter.engine.container.ReportAssertions.facts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.container.ArraySource;
import dev.prefilter.engine.container.RecordingVisitor;
import dev.prefilter.engine.container.disk.VolumeLister;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.ProblemLog;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FatImageTest {

    static final byte[] BIG = pattern(3000);

    static FatWriter floppy() {
        return FatWriter.fat12Floppy()
                .add("readme.txt", "plain text")
                .add("REPORT.DOC", "not a real doc")
                .add("請求書 2024.txt", "japanese name")
                .addHidden("payload.js", "WScript.Echo(1)".getBytes(StandardCharsets.US_ASCII))
                .add("Sub Folder/deep/nested file.txt", "nested")
                .add("Sub Folder/big.bin", BIG);
    }

    @Test
    void floppyListsLongNamesCaseFlagsSubdirectoriesAndContent() {
        Report report = TestEngines.scanFile("floppy.img", floppy().build());

        assertEquals(
                List.of(
                        "readme.txt",
                        "REPORT.DOC",
                        "請求書 2024.txt",
                        "payload.js",
                        "Sub Folder/big.bin",
                        "Sub Folder/deep/nested file.txt"),
                childNames(report));
        assertEquals(
                IsoSha.sha256(BIG),
                TestEngines.node(report, "Sub Folder/big.bin").sha256());
        assertEquals(
                Boolean.TRUE, TestEngines.node(report, "payload.js").facts().get("hidden"));
        assertEquals(
                "2024~1.TXT", TestEngines.node(report, "請求書 2024.txt").facts().get("shortName"));
        Map<String, Object> volume = volumes(report).get(0);
        assertEquals("FAT12", volume.get("filesystem"));
        assertEquals("TESTVOL", volume.get("label"));
        assertEquals(6, volume.get("files"));
        assertEquals(2, volume.get("directories"));
        assertTrue(codes(TestEngines.node(report, "payload.js")).contains("type.script"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
        assertTrue(
                TestEngines.codes(report).stream()
                        .noneMatch(c -> c.startsWith("parse.") || c.equals("archive.unsupported")),
                report.findings()::toString);
    }

    @Test
    void cleanFloppyIsOnlySuspiciousForBeingADiskImage() {
        Report report = TestEngines.scanFile(
                "photos.img", FatWriter.fat12Floppy().add("a.txt", "x").build());

        assertEquals(List.of("type.disk-image"), TestEngines.codes(report));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void fragmentedChainsAreFollowed() {
        Report report = TestEngines.scanFile(
                "f.img",
                FatWriter.fat16()
                        .fragmented()
                        .add("dir/big.bin", BIG)
                        .add("small.txt", "s")
                        .build());

        assertEquals(IsoSha.sha256(BIG), TestEngines.node(report, "dir/big.bin").sha256());
        assertEquals("FAT16", volumes(report).get(0).get("filesystem"));
    }

    @Test
    void volumeBehindAnMbrIsListed() {
        byte[] disk = FatWriter.inMbr(FatWriter.fat16().add("inside.txt", "in").build(), 0x06, 63);
        Report report = TestEngines.scanFile("disk.img", disk);

        assertEquals(List.of("inside.txt"), childNames(report));
        Map<String, Object> volume = volumes(report).get(0);
        assertEquals(1, volume.get("partition"));
        assertEquals("mbr", volume.get("scheme"));
        assertEquals(63L * 512, volume.get("offset"));
    }

    @Test
    void volumeBehindAGptIsListed() {
        byte[] disk = FatWriter.inGpt(FatWriter.fat16().add("gpt.txt", "g").build());
        Report report = TestEngines.scanFile("disk.img", disk);

        assertEquals(List.of("gpt.txt"), childNames(report));
        assertEquals("gpt", volumes(report).get(0).get("scheme"));
        assertEquals(
                "ebd0a0a2-b9e5-4433-87c0-68b6b72699c7", volumes(report).get(0).get("partitionType"));
    }

    @Test
    void severalPartitionsArePrefixedAndNtfsIsUnsupported() {
        byte[] disk = FatWriter.inMbr(
                new byte[][] {
                    FatWriter.fat12Floppy().add("one.txt", "1").build(),
                    FatWriter.ntfsVolume(64),
                    FatWriter.fat12Floppy().add("three.txt", "3").build()
                },
                new int[] {0x01, 0x07, 0x01},
                2048);
        Report report = TestEngines.scanFile("disk.img", disk);

        assertEquals(List.of("partition-1/one.txt", "partition-3/three.txt"), childNames(report));
        assertTrue(codes(report.root()).contains("archive.unsupported"), report.findings()::toString);
        assertEquals(
                List.of("partition 2 (NTFS)"),
                report.root().findings().stream()
                        .filter(f -> f.code().equals("archive.unsupported"))
                        .findFirst()
                        .orElseThrow()
                        .evidence()
                        .get("volumes"));
    }

    @Test
    void bareNtfsAndUnknownBytesAreUnsupported() {
        Report ntfs = TestEngines.scanFile("ntfs.img", FatWriter.ntfsVolume(128));
        assertTrue(codes(ntfs.root()).contains("archive.unsupported"), ntfs.findings()::toString);

        byte[] noise = pattern(64 * 1024);
        Report unknown = TestEngines.scanFile("noise.img", noise);
        assertTrue(codes(unknown.root()).contains("archive.unsupported"), unknown.findings()::toString);
        assertEquals(Verdict.SUSPICIOUS, unknown.verdict());
    }

    @Test
    void damagedLongNameFallsBackToTheShortName() {
        FatWriter writer = FatWriter.fat12Floppy().add("Long Name Here.txt", "x");
        byte[] image = writer.build();
        int shortEntry = writer.entryOffsets.get("Long Name Here.txt");
        image[shortEntry - 32 + 13] ^= 0x55; // checksum of the LFN slot before the short entry

        Report report = TestEngines.scanFile("f.img", image);

        assertEquals(List.of("LONGNA~1.TXT"), childNames(report));
    }

    @Test
    void clusterLoopInAFileIsCutAndReported() {
        FatWriter writer = FatWriter.fat16().add("big.bin", BIG);
        byte[] image = writer.build();
        int first = writer.firstClusters.get("big.bin");
        writer.setFatEntry(image, first + 1, first);

        Report report = TestEngines.scanFile("f.img", image);

        assertEquals(1024, TestEngines.node(report, "big.bin").size());
        damagedButHandled(report, "file chain loop");
        assertTrue(report.findings().toString().contains("loops back"), report.findings()::toString);
    }

    @Test
    void directoryPointingAtItsParentIsNotWalkedTwice() {
        FatWriter writer = FatWriter.fat32().add("a/b/c.txt", "c");
        byte[] image = writer.build();
        int entry = writer.entryOffsets.get("a/b");
        int aCluster = writer.firstClusters.isEmpty() ? 0 : clusterOf(image, writer.entryOffsets.get("a"));
        FatWriter.le(image, entry + 26, aCluster & 0xFFFF, 2);
        FatWriter.le(image, entry + 20, aCluster >>> 16, 2);

        RecordingVisitor visitor = new RecordingVisitor();
        ProblemLog problems = new ProblemLog("disk-image");
        assertDoesNotThrowFormat(() -> VolumeLister.list(new ArraySource(image), visitor, problems));
        assertTrue(problems.examples().toString().contains("loop"), problems.examples()::toString);
        assertEquals(List.of(), List.copyOf(visitor.files.keySet()));
    }

    @Test
    void fat32ListsThroughItsRootCluster() throws Exception {
        FatWriter writer = FatWriter.fat32().add("x/y.txt", "fat32").add("root.txt", "r");
        RecordingVisitor visitor = new RecordingVisitor();
        ProblemLog problems = new ProblemLog("disk-image");
        VolumeLister.Listing listing = VolumeLister.list(new ArraySource(writer.build()), visitor, problems);

        assertEquals("FAT32", listing.volumes().get(0).get("filesystem"));
        assertEquals(List.of("root.txt", "x/y.txt"), List.copyOf(visitor.files.keySet()));
        assertArrayEquals("fat32".getBytes(StandardCharsets.US_ASCII), visitor.files.get("x/y.txt"));
        assertEquals(0, problems.count());
    }

    @Test
    void impossibleFileSizeIsCutToTheVolume() {
        FatWriter writer = FatWriter.fat12Floppy().add("a.txt", "abc");
        byte[] image = writer.build();
        FatWriter.le(image, writer.entryOffsets.get("a.txt") + 28, 0xFFFFFFF0L, 4);

        Report report = TestEngines.scanFile("f.img", image);

        damagedButHandled(report, "huge size");
        assertTrue(TestEngines.node(report, "a.txt").size() <= 512);
    }

    @Test
    void truncationAtEverySectorOfTheUsedAreaIsHandled() {
        byte[] image = floppy().build();
        int used = lastNonZero(image);
        for (int cut = 512; cut < used; cut += 512) {
            damagedButHandled(TestEngines.scanFile("f.img", Arrays.copyOf(image, cut)), "cut at " + cut);
        }
    }

    @Test
    void readerSurvivesDamageToEveryBootSectorAndDirectoryByte() {
        FatWriter writer = floppy();
        byte[] image = writer.build();
        int rootDir = (1 + 2 * 9) * 512;
        for (int at : new int[] {0, rootDir}) {
            for (int i = 0; i < 512; i++) {
                for (byte value : new byte[] {0, (byte) 0xFF, 0x3F}) {
                    byte[] damaged = image.clone();
                    damaged[at + i] = value;
                    assertDoesNotThrowFormat(() ->
                            VolumeLister.list(new ArraySource(damaged), new RecordingVisitor(), new ProblemLog("d")));
                }
            }
        }
    }

    interface FormatAction {
        void run() throws Exception;
    }

    /** Anything but a format exception (which the analyzer reports) is a bug. */
    static void assertDoesNotThrowFormat(FormatAction action) {
        try {
            action.run();
        } catch (ContainerFormatException expected) {
            // reported as parse.disk-image by the analyzer
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }

    static int clusterOf(byte[] image, int entry) {
        return (image[entry + 26] & 0xff)
                | (image[entry + 27] & 0xff) << 8
                | (image[entry + 20] & 0xff) << 16
                | (image[entry + 21] & 0xff) << 24;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> volumes(Report report) {
        return (List<Map<String, Object>>) facts(report.root(), "disk").get("volumes");
    }

    static int lastNonZero(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return end;
    }

    static byte[] pattern(int length) {
        byte[] data = new byte[length];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            data[i] = (byte) x;
        }
        return data;
    }

    /** SHA-256 as the engine reports it. */
    static final class IsoSha {
        static String sha256(byte[] data) {
            try {
                return java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(data));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }

    static ReportNode only(Report report) {
        return report.root().children().get(0);
    }
}
