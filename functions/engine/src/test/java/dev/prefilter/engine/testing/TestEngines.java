package dev.prefilter.engine.testing;

import dev.prefilter.engine.ScanEngine;
import dev.prefilter.engine.ScanRequest;
import dev.prefilter.engine.detect.TypeDetector;
import dev.prefilter.engine.limits.ScanLimits;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One type detector per test JVM (Tika's start-up is the slow part) and helpers to scan and inspect. */
public final class TestEngines {

    private static TypeDetector detector;
    private static ScanEngine standard;

    private TestEngines() {}

    public static synchronized TypeDetector detector() {
        if (detector == null) detector = TypeDetector.create();
        return detector;
    }

    public static synchronized ScanEngine standard() {
        if (standard == null)
            standard = ScanEngine.builder().detector(detector()).build();
        return standard;
    }

    public static ScanEngine with(Consumer<ScanEngine.Builder> customise) {
        ScanEngine.Builder builder = ScanEngine.builder().detector(detector());
        customise.accept(builder);
        return builder.build();
    }

    public static ScanEngine withLimits(ScanLimits limits) {
        return with(b -> b.limits(limits));
    }

    public static Report scanMail(byte[] mail) {
        return standard().scan(ScanRequest.mail("test.eml", "test.eml", () -> new ByteArrayInputStream(mail)));
    }

    public static Report scanFile(String name, byte[] bytes) {
        return standard().scan(ScanRequest.file(name, name, () -> new ByteArrayInputStream(bytes)));
    }

    public static Report scanPath(Path path) {
        String name = path.getFileName().toString();
        ScanRequest.Source source = () -> Files.newInputStream(path);
        return standard()
                .scan(
                        name.endsWith(".eml")
                                ? ScanRequest.mail(path.toString(), name, source)
                                : ScanRequest.file(path.toString(), name, source));
    }

    public static List<String> codes(Report report) {
        return report.findings().stream().map(Finding::code).toList();
    }

    /** Every node, depth first. */
    public static List<ReportNode> nodes(Report report) {
        List<ReportNode> all = new ArrayList<>();
        collect(report.root(), all);
        return all;
    }

    private static void collect(ReportNode node, List<ReportNode> into) {
        into.add(node);
        node.children().forEach(c -> collect(c, into));
    }

    public static ReportNode node(Report report, String name) {
        return nodes(report).stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no node named " + name + " in "
                        + nodes(report).stream().map(ReportNode::name).toList()));
    }
}
