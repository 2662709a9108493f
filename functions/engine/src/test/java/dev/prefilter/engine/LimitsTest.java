package dev.prefilter.engine;

import static dev.prefilter.engine.fixtures.Archives.files;
import static dev.prefilter.engine.testing.TestEngines.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.limits.ScanLimits;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsTest {

    private static Report scan(ScanEngine engine, String name, byte[] bytes) {
        return engine.scan(ScanRequest.file(name, name, () -> new ByteArrayInputStream(bytes)));
    }

    @Test
    void nestingDeeperThanTheLimitIsNotOpenedAndNotClean() {
        byte[] zip = Archives.zip(files("a.txt", "innermost"));
        for (int i = 0; i < 5; i++) {
            zip = Archives.zip(files("level" + i + ".zip", zip));
        }
        Report report = scan(TestEngines.withLimits(ScanLimits.DEFAULTS.withMaxDepth(3)), "deep.zip", zip);

        assertTrue(codes(report).contains("limit.depth"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertEquals(3, report.stats().maxDepth());
        assertTrue(report.stats().limitsHit().contains("limit.depth"));
    }

    @Test
    void tooManyNodesStopsAddingChildren() {
        Map<String, byte[]> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 30; i++) many.put("f" + i + ".txt", Samples.text("x" + i));
        Report report =
                scan(TestEngines.withLimits(ScanLimits.DEFAULTS.withMaxNodes(10)), "many.zip", Archives.zip(many));

        assertTrue(codes(report).contains("limit.node-count"));
        assertEquals(10, report.stats().nodes());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void aDecompressionBombIsCutAtTheRatio() {
        byte[] zeros = new byte[20 << 20];
        Report report = scan(TestEngines.standard(), "bomb.zip", Archives.zip(files("zeros.bin", zeros)));

        assertTrue(
                codes(report).contains("limit.compression-ratio"), codes(report).toString());
        assertTrue(report.stats().expandedBytes() < zeros.length, "the bomb was not expanded in full");
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void nodeAndTotalByteLimitsCutAndAreReported() {
        byte[] big = Samples.text("y".repeat(300_000));
        Report nodeLimited =
                scan(TestEngines.withLimits(ScanLimits.DEFAULTS.withBytes(100_000, 10_000_000)), "big.txt", big);
        assertTrue(codes(nodeLimited).contains("limit.node-size"));
        assertEquals(100_000, nodeLimited.root().size());

        byte[] zip = Archives.zip(files("a.txt", big, "b.txt", big, "c.txt", big));
        Report totalLimited =
                scan(TestEngines.withLimits(ScanLimits.DEFAULTS.withBytes(400_000, 500_000)), "three.zip", zip);
        assertTrue(
                codes(totalLimited).contains("limit.total-bytes"),
                codes(totalLimited).toString());
        assertTrue(totalLimited.stats().expandedBytes() <= 500_000);
        assertEquals(Verdict.SUSPICIOUS, totalLimited.verdict());
    }

    @Test
    void theTimeBudgetEndsTheScanWithAFinding() {
        ScanEngine engine = TestEngines.withLimits(ScanLimits.DEFAULTS.withTimeBudget(Duration.ofNanos(1)));
        Report report = scan(engine, "a.zip", Archives.zip(files("a.txt", "hello")));
        assertTrue(codes(report).contains("limit.time"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void largeNodesSpillToDiskAndTheFilesAreRemoved(@TempDir Path temp) throws IOException {
        ScanEngine engine =
                TestEngines.with(b -> b.tempRoot(temp).limits(ScanLimits.DEFAULTS.withMemoryThreshold(1024)));
        byte[] zip = Archives.zip(files("big.txt", Samples.text("z".repeat(200_000)), "small.txt", "s"));

        Report report = scan(engine, "spill.zip", zip);

        assertEquals(200_000, TestEngines.node(report, "big.txt").size());
        try (var left = Files.walk(temp)) {
            assertEquals(1, left.count(), "only the temp root itself is left");
        }
    }

    @Test
    void anUnreadableInputFailsClosed() {
        Report report = TestEngines.standard()
                .scan(ScanRequest.mail("s3://bucket/key", "key.eml", () -> new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                }));
        assertEquals("engine.error", report.findings().get(0).code());
        assertFalse(report.verdict() == Verdict.CLEAN);
    }

    @Test
    void invalidLimitsAreRejectedWithEveryProblemNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ScanLimits.fromSettings(Map.of("P_MAX_DEPTH", "0", "P_MAX_NODES", "lots"), "P_"));
        assertTrue(e.getMessage().contains("P_MAX_NODES"), e.getMessage());
        IllegalArgumentException depth = assertThrows(
                IllegalArgumentException.class, () -> ScanLimits.fromSettings(Map.of("P_MAX_DEPTH", "0"), "P_"));
        assertTrue(depth.getMessage().contains("maxDepth"), depth.getMessage());
        assertEquals(
                7, ScanLimits.fromSettings(Map.of("P_MAX_DEPTH", "7"), "P_").maxDepth());
    }

    @Test
    void theInMemoryParseBoundIsASettingWithinOneArray() {
        assertEquals(64L << 20, ScanLimits.fromSettings(Map.of(), "P_").maxInMemoryParse());
        assertEquals(
                128L << 20,
                ScanLimits.fromSettings(Map.of("P_MAX_IN_MEMORY_PARSE_BYTES", "134217728"), "P_")
                        .maxInMemoryParse());
        IllegalArgumentException tooLarge = assertThrows(
                IllegalArgumentException.class,
                () -> ScanLimits.fromSettings(Map.of("P_MAX_IN_MEMORY_PARSE_BYTES", "4294967296"), "P_"));
        assertTrue(tooLarge.getMessage().contains("maxInMemoryParse"), tooLarge.getMessage());
    }
}
