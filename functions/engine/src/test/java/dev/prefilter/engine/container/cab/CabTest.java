package dev.prefilter.engine.container.cab;

import static dev.prefilter.engine.container.ReportAssertions.assertNoParseFindings;
import static dev.prefilter.engine.container.ReportAssertions.childNames;
import static dev.prefilter.engine.container.ReportAssertions.codes;
import static dev.prefilter.engine.container.ReportAssertions.damagedButHandled;
import static dev.prefilter.engine.container.ReportAssertions.facts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.container.ArraySource;
import dev.prefilter.engine.container.RecordingVisitor;
import dev.prefilter.engine.container.cab.LzxTestEncoder.Block;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.ProblemLog;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CabTest {

    static final byte[] TEXT = text(100_000);
    static final byte[] NOISE = noise(50_000, 7);

    @Test
    void storedFolderIsExtractedAndClean() {
        byte[] cab = new CabWriter()
                .folder(CabWriter.STORED)
                .file("a.txt", "alpha")
                .file("docs\\b.txt", "beta")
                .build();

        Report report = TestEngines.scanFile("x.cab", cab);

        assertEquals("application/vnd.ms-cab-compressed", report.root().detectedType());
        assertEquals(List.of("a.txt", "docs/b.txt"), childNames(report));
        assertEquals(4, TestEngines.node(report, "docs/b.txt").size());
        assertEquals(List.of("stored"), facts(report.root(), "cab").get("compression"));
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings()::toString);
    }

    @Test
    void mszipBlocksUseThePreviousBlockAsDictionary() throws Exception {
        byte[] cab = new CabWriter()
                .folder(CabWriter.MSZIP)
                .file("big.txt", TEXT)
                .file("noise.bin", NOISE)
                .build();

        RecordingVisitor visitor = extract(cab);

        assertArrayEquals(TEXT, visitor.files.get("big.txt"));
        assertArrayEquals(NOISE, visitor.files.get("noise.bin"));
        assertTrue(visitor.compressed.get("big.txt") < TEXT.length, "stored size estimate for the ratio limit");
        Report report = TestEngines.scanFile("x.cab", cab);
        assertEquals(Verdict.CLEAN, report.verdict(), report.findings()::toString);
    }

    @Test
    void lzxRoundTripsAcrossWindowSizesBlockKindsAndFrames() throws Exception {
        byte[] data = concat(
                Arrays.copyOf(TEXT, 60_000),
                Arrays.copyOf(NOISE, 40_000),
                Arrays.copyOf(TEXT, 30_000),
                x86Like(30_000));
        List<List<Block>> kinds = List.of(
                List.of(Block.VERBATIM),
                List.of(Block.ALIGNED),
                List.of(Block.UNCOMPRESSED),
                List.of(Block.VERBATIM, Block.UNCOMPRESSED, Block.ALIGNED));
        for (int window : new int[] {15, 17, 21}) {
            for (List<Block> kind : kinds) {
                for (int blockSize : new int[] {1 << 20, 20_001}) {
                    byte[] cab = new CabWriter()
                            .folder(CabWriter.lzx(window))
                            .lzxBlocks(kind, blockSize, 0)
                            .file("one.bin", data)
                            .file("two.txt", "tail")
                            .build();
                    RecordingVisitor visitor = extract(cab);
                    String context = "window " + window + " " + kind + " block " + blockSize;
                    assertArrayEquals(data, visitor.files.get("one.bin"), context);
                    assertArrayEquals(
                            "tail".getBytes(StandardCharsets.US_ASCII), visitor.files.get("two.txt"), context);
                }
            }
        }
    }

    @Test
    void lzxUndoesTheE8CallTranslation() throws Exception {
        byte[] code = x86Like(120_000);
        for (List<Block> kind : List.of(List.of(Block.VERBATIM), List.of(Block.UNCOMPRESSED), List.of(Block.ALIGNED))) {
            byte[] cab = new CabWriter()
                    .folder(CabWriter.lzx(16))
                    .lzxBlocks(kind, 50_000, 12_000_000)
                    .file("setup.exe", code)
                    .build();
            assertArrayEquals(code, extract(cab).files.get("setup.exe"), kind.toString());
        }
    }

    @Test
    void foldersOfEveryMethodInOneCabinet() {
        byte[] cab = new CabWriter()
                .folder(CabWriter.STORED)
                .file("s.txt", "stored")
                .folder(CabWriter.MSZIP)
                .file("m.txt", TEXT)
                .folder(CabWriter.lzx(17))
                .file("l.txt", TEXT)
                .build();

        Report report = TestEngines.scanFile("x.cab", cab);

        assertEquals(List.of("s.txt", "m.txt", "l.txt"), childNames(report));
        assertEquals(
                TestEngines.node(report, "m.txt").sha256(),
                TestEngines.node(report, "l.txt").sha256());
        assertEquals(
                List.of("stored", "MSZIP", "LZX:17"),
                facts(report.root(), "cab").get("compression"));
        assertNoParseFindings(report);
    }

    @Test
    void quantumFolderIsListedAndUnsupported() {
        byte[] cab =
                new CabWriter().folder(CabWriter.QUANTUM).file("q.exe", NOISE).build();

        Report report = TestEngines.scanFile("x.cab", cab);

        assertEquals(Boolean.TRUE, TestEngines.node(report, "q.exe").facts().get("listedOnly"));
        assertTrue(codes(report.root()).contains("archive.unsupported"));
        assertTrue(codes(TestEngines.node(report, "q.exe")).contains("type.executable"));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void multiCabinetSetIsListedAndUnsupported() {
        byte[] cab = new CabWriter()
                .continuesInNextCabinet()
                .folder(CabWriter.MSZIP)
                .file("part.txt", TEXT)
                .build();

        Report report = TestEngines.scanFile("x.cab", cab);

        assertEquals(List.of("part.txt"), childNames(report));
        assertEquals(Boolean.TRUE, TestEngines.node(report, "part.txt").facts().get("listedOnly"));
        assertTrue(codes(report.root()).contains("archive.unsupported"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void overlappingEntriesRestartTheirFolder() throws Exception {
        byte[] cab = new CabWriter()
                .folder(CabWriter.lzx(15))
                .file("whole.txt", TEXT)
                .rawEntry("again.txt", 1000, 0, 10)
                .build();

        RecordingVisitor visitor = extract(cab);

        assertArrayEquals(Arrays.copyOfRange(TEXT, 10, 1010), visitor.files.get("again.txt"));
        assertArrayEquals(TEXT, visitor.files.get("whole.txt"));
    }

    @Test
    void entryForAMissingFolderIsListedAndReported() {
        byte[] cab = new CabWriter()
                .folder(CabWriter.STORED)
                .file("ok.txt", "ok")
                .rawEntry("ghost.exe", 500, 7, 0)
                .build();

        Report report = TestEngines.scanFile("x.cab", cab);

        assertEquals(List.of("ok.txt", "ghost.exe"), childNames(report));
        assertTrue(codes(report.root()).contains("parse.cab"));
        assertTrue(codes(report.root()).contains("archive.unsupported"));
    }

    @Test
    void checksumMismatchIsReported() {
        CabWriter writer = new CabWriter().folder(CabWriter.STORED).file("a.txt", "abcdefgh");
        byte[] cab = writer.build();
        cab[writer.dataBlockOffsets.get(0) + 8 + 2] ^= 1;

        Report report = TestEngines.scanFile("x.cab", cab);

        assertTrue(codes(report.root()).contains("parse.cab"), report.findings()::toString);
        damagedButHandled(report, "checksum");
    }

    @Test
    void reserveAreasAndUtf8NamesAreHonoured() {
        byte[] cab = new CabWriter()
                .reserve(20, 4, 8)
                .folder(CabWriter.MSZIP)
                .file("請求書.exe", NOISE)
                .build();

        Report report = TestEngines.scanFile("x.cab", cab);

        assertEquals(List.of("請求書.exe"), childNames(report));
        assertEquals(NOISE.length, TestEngines.node(report, "請求書.exe").size());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void unflaggedNamesAreReadLikeUnflaggedZipNames() {
        assertEquals(
                "請求書.xls",
                CabCabinet.decodeName("請求書.xls".getBytes(java.nio.charset.Charset.forName("windows-31j")), false));
        assertEquals("Übersicht.txt", CabCabinet.decodeName("Übersicht.txt".getBytes(StandardCharsets.UTF_8), false));
        assertEquals("名前.txt", CabCabinet.decodeName("名前.txt".getBytes(StandardCharsets.UTF_8), true));
    }

    @Test
    void everyTruncationIsHandled() {
        byte[] cab = new CabWriter()
                .folder(CabWriter.MSZIP)
                .file("a.txt", Arrays.copyOf(TEXT, 40_000))
                .folder(CabWriter.lzx(15))
                .file("b.txt", Arrays.copyOf(TEXT, 40_000))
                .build();
        for (int cut = 4; cut < cab.length; cut += cut < 400 ? 1 : 97) {
            damagedButHandled(TestEngines.scanFile("x.cab", Arrays.copyOf(cab, cut)), "cut at " + cut);
        }
    }

    @Test
    void randomDamageNeverEscapes() {
        byte[] cab = new CabWriter()
                .folder(CabWriter.lzx(16))
                .lzxBlocks(List.of(Block.ALIGNED, Block.VERBATIM), 40_000, 1_000_000)
                .file("a.bin", concat(TEXT, x86Like(30_000)))
                .folder(CabWriter.MSZIP)
                .file("b.txt", TEXT)
                .build();
        Random random = new Random(42);
        for (int i = 0; i < 400; i++) {
            byte[] damaged = cab.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            try {
                CabCabinet cabinet = CabCabinet.read(new ArraySource(damaged));
                new CabExtractor(
                                new ArraySource(damaged),
                                cabinet,
                                new RecordingVisitor(),
                                new ProblemLog("cab"),
                                1L << 28,
                                () -> {})
                        .extract();
            } catch (ContainerFormatException expected) {
                // a damaged directory: the analyzer reports parse.cab
            } catch (Exception e) {
                throw new AssertionError("damage round " + i + " escaped: " + e, e);
            }
        }
    }

    static RecordingVisitor extract(byte[] cab) throws Exception {
        RecordingVisitor visitor = new RecordingVisitor();
        ProblemLog problems = new ProblemLog("cab");
        new CabExtractor(
                        new ArraySource(cab),
                        CabCabinet.read(new ArraySource(cab)),
                        visitor,
                        problems,
                        1L << 30,
                        () -> {})
                .extract();
        assertEquals(List.of(), problems.examples());
        return visitor;
    }

    static byte[] text(int length) {
        String[] words = {
            "invoice", "payment", "quarterly", "report", "請求書", "attached", "regards", "meeting", "the", "of"
        };
        StringBuilder s = new StringBuilder();
        Random random = new Random(1);
        while (s.length() < length) {
            s.append(words[random.nextInt(words.length)]).append(random.nextInt(9) == 0 ? ".\n" : " ");
        }
        return Arrays.copyOf(s.toString().getBytes(StandardCharsets.UTF_8), length);
    }

    static byte[] noise(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Bytes with many E8 opcodes followed by plausible relative CALL targets. */
    static byte[] x86Like(int length) {
        byte[] b = new byte[length];
        Random random = new Random(3);
        int i = 0;
        while (i < length) {
            if (random.nextInt(4) == 0 && i + 5 <= length) {
                b[i] = (byte) 0xE8;
                int target = random.nextInt(2) == 0 ? random.nextInt(20_000) - 10_000 : random.nextInt();
                for (int k = 0; k < 4; k++) {
                    b[i + 1 + k] = (byte) (target >>> (8 * k));
                }
                i += 5;
            } else {
                b[i++] = (byte) (random.nextInt(3) == 0 ? 0x90 : random.nextInt(256));
            }
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
