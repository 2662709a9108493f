package dev.prefilter.engine.container;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.container.io.ChannelSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.SliceSource;
import dev.prefilter.engine.container.vhd.DynamicVhdSource;
import dev.prefilter.engine.container.vhd.VhdFooter;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Map;

/**
 * Virtual PC / Hyper-V VHD images. Fixed VHDs are a raw disk plus a footer; dynamic VHDs map
 * blocks through a table: both are listed through the volume lister (FAT and ISO 9660 walked,
 * NTFS and others reported as unsupported). Differencing VHDs need their parent: unsupported.
 */
public final class VhdAnalyzer implements Analyzer {

    public static final String VHD = "application/x-vhd";

    @Override
    public String name() {
        return "vhd";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return Types.detected(node, VHD);
    }

    @Override
    public void analyze(AnalysisContext context) throws IOException {
        Map<String, Object> facts = DiskListingReport.facts();
        try (SeekableByteChannel channel = context.content().openChannel()) {
            ChannelSource file = new ChannelSource(channel);
            VhdFooter footer = VhdFooter.read(file);
            if (footer == null) {
                context.report(ContainerFindings.problem(
                        "vhd", "no VHD footer: the image cannot be read", "no conectix cookie at the start or end"));
                return;
            }
            facts.put("diskType", footer.diskTypeName());
            facts.put("virtualSize", footer.currentSize());
            facts.put("creator", footer.creator());
            if (!footer.checksumValid()) {
                context.report(ContainerFindings.problem(
                        "vhd",
                        "the VHD footer checksum is wrong: the image may be damaged or altered",
                        "footer checksum mismatch"));
            }
            if (!footer.atEnd()) {
                context.report(ContainerFindings.problem(
                        "vhd",
                        "the VHD has no footer at its end: the file is truncated",
                        "footer found only at offset 0"));
            }
            switch (footer.diskType()) {
                case VhdFooter.FIXED ->
                    DiskListingReport.list(
                            context, new SliceSource(file, 0, file.size() - VhdFooter.SIZE), "VHD", facts, false);
                case VhdFooter.DYNAMIC -> {
                    DynamicVhdSource disk = DynamicVhdSource.open(file, footer);
                    facts.put("allocatedBlocks", disk.allocatedBlocks());
                    DiskListingReport.list(context, disk, "VHD", facts, true);
                }
                case VhdFooter.DIFFERENCING ->
                    context.report(
                            ContainerFindings.unsupported("differencing VHD: its content depends on a parent disk that "
                                            + "is not attached, so it cannot be listed")
                                    .build());
                default ->
                    context.report(ContainerFindings.unsupported(
                                    "VHD of unknown disk type " + footer.diskType() + ": its content cannot be listed")
                            .build());
            }
        } catch (ContainerFormatException e) {
            context.report(ContainerFindings.malformed("vhd", "the VHD structure is malformed", e));
        } finally {
            context.fact("vhd", facts);
        }
    }
}
