package dev.prefilter.engine;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same bytes of the same type inside themselves are opened once, not down to the depth limit. */
class SelfNestingTest {

    /** Hands its whole input back as its only child, as a quine archive or a parser without progress would. */
    static final class EchoAnalyzer implements Analyzer {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public boolean accepts(NodeInfo node) {
            return node.name().endsWith(".echo");
        }

        @Override
        public void analyze(AnalysisContext ctx) throws IOException {
            ctx.child(
                    ChildSpec.named("again.echo", Origin.ARCHIVE_MEMBER),
                    new ByteArrayInputStream(ctx.content().readAll(1 << 20)));
        }
    }

    /** Hands back its input with one more byte: new content every level, which is real nesting. */
    static final class GrowingAnalyzer implements Analyzer {
        @Override
        public String name() {
            return "growing";
        }

        @Override
        public boolean accepts(NodeInfo node) {
            return node.name().endsWith(".grow");
        }

        @Override
        public void analyze(AnalysisContext ctx) throws IOException {
            byte[] data = ctx.content().readAll(1 << 20);
            byte[] more = java.util.Arrays.copyOf(data, data.length + 1);
            more[data.length] = 'x';
            ctx.child(ChildSpec.named("deeper.grow", Origin.ARCHIVE_MEMBER), new ByteArrayInputStream(more));
        }
    }

    private static final ScanEngine ENGINE =
            TestEngines.with(b -> b.analyzers(List.of(new EchoAnalyzer(), new GrowingAnalyzer())));

    @Test
    void aNodeThatContainsItselfIsOpenedOnce() {
        Report report = ENGINE.scan(
                ScanRequest.file("loop.echo", "loop.echo", () -> new ByteArrayInputStream("same bytes".getBytes())));

        assertEquals(2, report.stats().nodes());
        assertEquals(List.of("content.self-nesting"), codes(report));
        assertFalse(codes(report).contains("limit.depth"));
        assertEquals(Verdict.CLEAN, report.verdict(), "nothing was left uninspected");
    }

    @Test
    void nestingWithNewContentAtEveryLevelStillMeetsTheDepthLimit() {
        Report report = ENGINE.scan(
                ScanRequest.file("tower.grow", "tower.grow", () -> new ByteArrayInputStream("level".getBytes())));

        assertEquals(List.of("limit.depth"), codes(report));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }
}
