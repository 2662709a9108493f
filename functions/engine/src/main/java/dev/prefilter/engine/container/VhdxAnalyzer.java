package dev.prefilter.engine.container;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.container.io.ChannelSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.vhd.VhdxSource;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Map;

/**
 * Hyper-V VHDX images: the virtual disk is read through its block allocation table and listed
 * through the volume lister. Differencing VHDX files need their parent: unsupported.
 */
public final class VhdxAnalyzer implements Analyzer {

    public static final String VHDX = "application/x-vhdx";

    @Override
    public String name() {
        return "vhdx";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return Types.detected(node, VHDX);
    }

    @Override
    public void analyze(AnalysisContext context) throws IOException {
        Map<String, Object> facts = DiskListingReport.facts();
        try (SeekableByteChannel channel = context.content().openChannel()) {
            VhdxSource disk = VhdxSource.open(new ChannelSource(channel));
            facts.put("virtualSize", disk.size());
            facts.put("differencing", disk.hasParent());
            if (disk.hasParent()) {
                context.report(
                        ContainerFindings.unsupported("differencing VHDX: its content depends on a parent disk that "
                                        + "is not attached, so it cannot be listed")
                                .build());
                return;
            }
            if (disk.logPending()) {
                context.report(ContainerFindings.problem(
                        "vhdx",
                        "the VHDX log was never replayed: recent writes may be missing from what was listed",
                        "non-zero log GUID in the current header"));
            }
            DiskListingReport.list(context, disk, "VHDX", facts, true);
        } catch (ContainerFormatException e) {
            context.report(ContainerFindings.malformed("vhdx", "the VHDX structure is malformed", e));
        } finally {
            context.fact("vhdx", facts);
        }
    }
}
