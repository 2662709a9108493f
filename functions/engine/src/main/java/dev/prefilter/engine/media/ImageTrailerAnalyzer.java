package dev.prefilter.engine.media;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.IOException;
import java.util.Optional;

/**
 * Images with data after their own end (JPEG EOI, PNG IEND, GIF trailer). When what follows is an
 * executable, a container or a script ({@link TrailerKind}), the image is a polyglot carrying a
 * payload past image viewers and signature scanners; anything else (padding, a camera's extra
 * data, the leftovers of an older version of a re-saved picture) is only recorded. The appended
 * bytes become a child either way, so the engine types them as well.
 */
public final class ImageTrailerAnalyzer implements Analyzer {

    /** A few padding bytes after the end marker are common and harmless. */
    private static final int TOLERATED = 16;

    @Override
    public String name() {
        return "image-trailer";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        String t = node.detectedType();
        return t.equals("image/jpeg") || t.equals("image/png") || t.equals("image/gif");
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        byte[] data = ctx.content().readAll(ctx.limits().maxInMemoryParse());
        int end = switch (ctx.node().detectedType()) {
            case "image/jpeg" -> ImageEnds.jpeg(data);
            case "image/png" -> ImageEnds.png(data);
            default -> ImageEnds.gif(data);
        };
        if (end < 0 || data.length - end <= TOLERATED || allPadding(data, end)) {
            return;
        }
        long appended = data.length - end;
        Optional<TrailerKind> kind = TrailerKind.of(data, end);
        if (kind.isPresent()) {
            ctx.report(Finding.of(
                            "content.appended-data",
                            Severity.HIGH,
                            "a " + kind.get().format() + " " + kind.get().kind()
                                    + " follows the end of the image: a polyglot file carrying a hidden payload")
                    .with("imageEnd", end)
                    .with("appendedBytes", appended)
                    .with("kind", kind.get().kind())
                    .with("format", kind.get().format())
                    .with("foundAt", kind.get().offset())
                    .build());
        } else {
            ctx.report(Finding.of(
                            "content.trailing-data",
                            Severity.INFO,
                            "bytes follow the end of the image that are no executable, container or script"
                                    + " (padding, camera data, leftovers of an earlier version)")
                    .with("imageEnd", end)
                    .with("appendedBytes", appended)
                    .build());
        }
        ctx.child(
                ChildSpec.labelled("data appended after image end", Origin.APPENDED)
                        .withFact("offset", end),
                new java.io.ByteArrayInputStream(data, end, (int) appended));
    }

    private static boolean allPadding(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] != 0 && data[i] != (byte) 0xFF && data[i] != '\n' && data[i] != '\r') return false;
        }
        return true;
    }
}
