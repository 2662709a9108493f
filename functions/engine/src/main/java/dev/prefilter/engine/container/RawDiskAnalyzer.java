package dev.prefilter.engine.container;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.detect.TypeDetector;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Map;
import java.util.Set;

/**
 * Raw disk images (malspam mailed FAT images as {@code .img}): a FAT volume, bare or behind an
 * MBR/GPT partition table, is walked; any other filesystem is reported as unsupported. Takes
 * {@code .img}, {@code .iso} and {@code .udf} files whose bytes no detector recognised.
 */
public final class RawDiskAnalyzer implements Analyzer {

    public static final String RAW = "application/x-raw-disk-image";
    private static final Set<String> EXTENSIONS = Set.of("img", "iso", "udf");

    @Override
    public String name() {
        return "raw-disk";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return Types.detected(node, RAW) || (EXTENSIONS.contains(node.extension()) && Types.detected(node, TypeDetector.OCTET_STREAM));
    }

    @Override
    public void analyze(AnalysisContext context) throws IOException {
        Map<String, Object> facts = DiskListingReport.facts();
        try (SeekableByteChannel channel = context.content().openChannel()) {
            DiskListingReport.list(context, new ChannelSource(channel), "raw disk image", facts, false);
        } finally {
            context.fact("disk", facts);
        }
    }
}
