package dev.prefilter.engine.container;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ChannelSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.ProblemLog;
import dev.prefilter.engine.container.iso.IsoVolume;
import dev.prefilter.engine.container.iso.IsoWalker;
import dev.prefilter.engine.model.Evidence;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ISO 9660 images (with Joliet names when present): every file comes back as a child. UDF-only
 * images are recognised and reported as unsupported, never passed as clean.
 */
public final class IsoAnalyzer implements Analyzer {

    public static final String ISO = "application/x-iso9660-image";
    public static final String UDF = "application/x-udf-image";

    @Override
    public String name() {
        return "iso";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return Types.detected(node, ISO) || Types.detected(node, UDF);
    }

    @Override
    public void analyze(AnalysisContext context) throws IOException {
        ProblemLog problems = new ProblemLog("iso");
        MemberSink sink = new MemberSink(context, "disk image");
        Map<String, Object> facts = new LinkedHashMap<>();
        try (SeekableByteChannel channel = context.content().openChannel()) {
            ByteSource source = new ChannelSource(channel);
            IsoVolume volume = IsoVolume.read(source);
            facts.put("joliet", volume.joliet() != null);
            facts.put("udf", volume.udf());
            facts.put("elTorito", volume.elTorito());
            if (!volume.hasIso9660()) {
                context.report(
                        volume.udf()
                                ? ContainerFindings.unsupported(
                                                "UDF disk image without ISO 9660 directories: its files cannot "
                                                        + "be listed")
                                        .with("filesystem", "UDF")
                                        .build()
                                : ContainerFindings.unsupported(
                                                "disk image without a readable ISO 9660 or UDF volume descriptor: "
                                                        + "its files cannot be listed")
                                        .build());
                return;
            }
            IsoVolume.Root root = volume.preferred();
            facts.put("volumeId", Evidence.text(root.volumeId()));
            IsoWalker walker = new IsoWalker(source, root, sink, problems);
            try {
                walker.walk();
            } catch (ContainerFormatException e) {
                context.report(ContainerFindings.malformed("iso", "the ISO 9660 directory tree is malformed", e));
                if (walker.files() == 0 && root == volume.joliet() && volume.primary() != null) {
                    // a broken Joliet root: the primary hierarchy names the same files in 8.3 form
                    facts.put("joliet", false);
                    walker = new IsoWalker(source, volume.primary(), sink, problems);
                    walkQuietly(walker, context);
                }
            } finally {
                facts.put("files", walker.files());
                facts.put("directories", walker.directories());
                facts.put("hiddenFiles", walker.hiddenFiles());
            }
        } catch (ContainerFormatException e) {
            context.report(ContainerFindings.malformed("iso", "the ISO 9660 volume descriptors are malformed", e));
        } finally {
            context.fact("iso", facts);
            problems.reportTo(context, "the ISO 9660 image");
            ListedOnly.report(context, sink, "disk image");
        }
    }

    private static void walkQuietly(IsoWalker walker, AnalysisContext context) throws IOException {
        try {
            walker.walk();
        } catch (ContainerFormatException e) {
            context.report(
                    ContainerFindings.malformed("iso", "the primary ISO 9660 directory tree is malformed too", e));
        }
    }
}
