package dev.prefilter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.limits.ScanLimits;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    /** A parser that never looks at the clock, as a third-party library stuck in a loop would. */
    static final class SpinningAnalyzer implements Analyzer {
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public String name() {
            return "spinning";
        }

        @Override
        public boolean accepts(NodeInfo node) {
            return node.name().equals("stuck.bin");
        }

        @Override
        public void analyze(AnalysisContext context) {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            interrupted.countDown();
        }
    }

    @Test
    void aParserThatNeverReturnsStillYieldsAFailClosedVerdictInTime() throws InterruptedException {
        SpinningAnalyzer spinning = new SpinningAnalyzer();
        List<Analyzer> analyzers = new ArrayList<>(Analyzers.standard());
        analyzers.add(spinning);
        ScanEngine engine = TestEngines.with(
                b -> b.analyzers(analyzers).limits(ScanLimits.DEFAULTS.withTimeBudget(Duration.ofMillis(300))));

        long start = System.nanoTime();
        Report report = engine.scan(
                ScanRequest.file("stuck.bin", "stuck.bin", () -> new ByteArrayInputStream(new byte[] {1, 2, 3})));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertEquals("limit.time", report.findings().get(0).code());
        assertEquals("stuck.bin", report.findings().get(0).evidence().get("stuckAt"));
        assertTrue(millis < 5_000, "returned after " + millis + " ms");
        assertTrue(spinning.interrupted.await(5, TimeUnit.SECONDS), "the stuck worker was interrupted");
    }
}
