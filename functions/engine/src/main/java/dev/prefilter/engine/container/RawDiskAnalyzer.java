package dev.prefilter.engine.container;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.container.io.ChannelSource;
import dev.prefilter.engine.detect.TypeDetector;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Map;
import java.util.Set;

/**
 * Raw disk images (malspam mailed FAT images as {@code .img}): a FAT volume, bare or behind an
 * MBR/GPT partition table, is walked; any other filesystem is reported as unsupported. Takes
 * whatever Tika recognises as a FAT volume, and {@code .img}, {@code .iso} and {@code .udf} files
 * whose bytes no detector recognised (partitioned disks, NTFS volumes).
 */
public final class RawDiskAnalyzer implements Analyzer {

    public static final String RAW = "application/x-raw-disk-image";
    /** Tika's type for bytes that start with a FAT boot sector, whatever the name. */
    public static final String FAT = "application/x-fat-diskimage";

    private static final Set<String> EXTENSIONS = Set.of("img", "iso", "udf");

    @Override
    public String name() {
        return "raw-disk";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return Types.detected(node, RAW)
                || Types.detected(node, FAT)
                || (EXTENSIONS.contains(node.extension()) && Types.detected(node, TypeDetector.OCTET_STREAM));
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
