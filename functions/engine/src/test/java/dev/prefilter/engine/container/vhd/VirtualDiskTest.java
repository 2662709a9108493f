package dev.prefilter.engine.container.vhd;

import static dev.prefilter.engine.container.ReportAssertions.childNames;
import static dev.prefilter.engine.container.ReportAssertions.codes;
import static dev.prefilter.engine.container.ReportAssertions.damagedButHandled;
import static dev.prefilter.engine.container.ReportAssertions.facts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.container.fat.FatWriter;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VirtualDiskTest {

    static byte[] floppy() {
        return FatWriter.fat12Floppy()
                .add("invoice.lnk", shortcut())
                .add("docs/readme.txt", "hello")
                .build();
    }

    @Test
    void fixedVhdIsRecognisedByItsFooterWhenNamedVhd() {
        Report report = TestEngines.scanFile("disk.vhd", VhdWriter.fixed(FatWriter.inMbr(floppy(), 0x01, 63)));

        assertEquals("application/x-vhd", report.root().detectedType());
        assertEquals("application/x-vhd", report.root().extensionType());
        assertEquals(List.of("invoice.lnk", "docs/readme.txt"), childNames(report));
        assertEquals("fixed", facts(report.root(), "vhd").get("diskType"));
        assertEquals(List.of("type.disk-image"), codes(report.root()));
        assertTrue(codes(TestEngines.node(report, "invoice.lnk")).contains("type.shortcut"));
    }

    @Test
    void fixedVhdWithNtfsIsUnsupported() {
        Report report = TestEngines.scanFile(
                "disk.vhd", VhdWriter.fixed(FatWriter.inMbr(FatWriter.ntfsVolume(256), 0x07, 128)));

        assertTrue(codes(report.root()).contains("archive.unsupported"), report.findings()::toString);
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void dynamicVhdMapsBlocksAndListsFat32() {
        byte[] fat32 = FatWriter.fat32()
                .add("dir/payload.hta", "<script>1</script>")
                .add("a.txt", "a")
                .build();
        byte[] vhd = VhdWriter.dynamic(fat32, 64 * 1024);
        assertTrue(vhd.length < fat32.length / 4, "the dynamic VHD is sparse");

        Report report = TestEngines.scanFile("disk.vhd", vhd);

        assertEquals("application/x-vhd", report.root().detectedType());
        assertEquals(List.of("a.txt", "dir/payload.hta"), childNames(report));
        assertEquals("dynamic", facts(report.root(), "vhd").get("diskType"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void sparseZerosAreStoppedByTheCompressionRatioLimit() {
        byte[] volume = FatWriter.fat16(65_000, 8)
                .add("zeros.bin", new byte[28 << 20])
                .add("b.txt", "b")
                .build();
        byte[] vhd = VhdWriter.dynamic(volume, 4096);

        Report report = TestEngines.scanFile("disk.vhd", vhd);

        assertTrue(
                codes(TestEngines.node(report, "zeros.bin")).contains("limit.compression-ratio"),
                report.findings()::toString);
    }

    @Test
    void differencingVhdIsUnsupported() {
        Report report = TestEngines.scanFile("child.vhd", VhdWriter.differencing(floppy(), 4096));

        assertTrue(codes(report.root()).contains("archive.unsupported"));
        assertEquals(List.of(), report.root().children());
    }

    @Test
    void damagedFooterChecksumIsReported() {
        byte[] vhd = VhdWriter.fixed(floppy());
        vhd[vhd.length - 512 + 70] ^= 1;

        Report report = TestEngines.scanFile("disk.vhd", vhd);

        assertTrue(codes(report.root()).contains("parse.vhd"));
        assertEquals(2, report.root().children().size());
    }

    @Test
    void truncatedDynamicVhdIsHandledEverywhere() {
        byte[] vhd = VhdWriter.dynamic(floppy(), 4096);
        for (int cut = 512; cut < vhd.length - 512; cut += 512) {
            damagedButHandled(TestEngines.scanFile("disk.vhd", Arrays.copyOf(vhd, cut)), "cut at " + cut);
        }
    }

    @Test
    void vhdxIsReadThroughItsBlockTable() {
        byte[] disk = FatWriter.inGpt(FatWriter.fat16()
                .add("setup.exe", peLike())
                .add("notes.txt", "n")
                .build());
        Report report = TestEngines.scanFile("disk.vhdx", new VhdxWriter().build(disk));

        assertEquals("application/x-vhdx", report.root().detectedType());
        assertEquals(List.of("setup.exe", "notes.txt"), childNames(report));
        assertEquals(Verdict.MALICIOUS, report.verdict());
        assertTrue(
                TestEngines.codes(report).stream().noneMatch(c -> c.startsWith("parse.")), report.findings()::toString);
    }

    @Test
    void vhdxFallsBackToTheOtherHeaderAndReportsAPendingLog() {
        byte[] vhdx = new VhdxWriter().pendingLog().build(floppy());
        vhdx[VhdxWriter.HEADER_2 + 100] ^= 1; // the newer header fails its CRC

        Report report = TestEngines.scanFile("disk.vhdx", vhdx);

        assertEquals(2, report.root().children().size());
        assertTrue(codes(report.root()).contains("parse.vhdx"), report.findings()::toString);
    }

    @Test
    void vhdxWithoutAValidHeaderIsMalformed() {
        byte[] vhdx = new VhdxWriter().build(floppy());
        vhdx[VhdxWriter.HEADER_1 + 100] ^= 1;
        vhdx[VhdxWriter.HEADER_2 + 100] ^= 1;

        damagedButHandled(TestEngines.scanFile("disk.vhdx", vhdx), "both headers damaged");
    }

    @Test
    void differencingVhdxIsUnsupported() {
        Report report = TestEngines.scanFile(
                "child.vhdx", new VhdxWriter().differencing().build(floppy()));

        assertTrue(codes(report.root()).contains("archive.unsupported"));
        assertEquals(Map.of("virtualSize", (long) floppy().length, "differencing", true), facts(report.root(), "vhdx"));
    }

    @Test
    void truncatedVhdxIsHandled() {
        byte[] vhdx = new VhdxWriter().build(floppy());
        for (int cut : new int[] {
            8,
            70_000,
            140_000,
            200_000,
            270_000,
            1 << 20,
            2 << 20,
            (2 << 20) + 4,
            3 << 20,
            (3 << 20) + 65_600,
            4 << 20,
            (4 << 20) + 10_000
        }) {
            damagedButHandled(TestEngines.scanFile("disk.vhdx", Arrays.copyOf(vhdx, cut)), "cut at " + cut);
        }
    }

    static byte[] shortcut() {
        byte[] lnk = new byte[76];
        byte[] header = {0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, (byte) 0xc0, 0, 0, 0, 0, 0, 0, 0x46};
        System.arraycopy(header, 0, lnk, 0, header.length);
        return lnk;
    }

    static byte[] peLike() {
        byte[] pe = new byte[512];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3c] = (byte) 0x80;
        System.arraycopy("PE\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, pe, 0x80, 4);
        pe[0x84] = 0x4c;
        pe[0x85] = 0x01;
        return pe;
    }
}
