package dev.prefilter.engine.container;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.container.disk.VolumeLister;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.ProblemLog;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lists a disk (raw image, fixed or dynamic VHD, VHDX) through {@link VolumeLister} and turns
 * what it could not open into findings: a disk is never passed as clean when a volume on it was
 * not read.
 */
final class DiskListingReport {

    private DiskListingReport() {}

    /**
     * @param kind how the container is named in findings ("raw disk image", "VHD")
     * @param facts the analyzer's facts; the volumes are added under {@code volumes}
     * @param sparse whether the disk is larger than the bytes that back it (dynamic VHD, VHDX)
     */
    static void list(AnalysisContext context, ByteSource disk, String kind, Map<String, Object> facts, boolean sparse)
            throws IOException {
        ProblemLog problems = new ProblemLog("disk-image");
        MemberSink sink = new MemberSink(context, kind);
        if (sparse) {
            sink.storedSizeFloor(context.content().size());
        }
        try {
            VolumeLister.Listing listing = VolumeLister.list(disk, sink, problems);
            facts.put("volumes", listing.volumes());
            if (listing.nothingRecognised()) {
                context.report(ContainerFindings.unsupported(
                                "the " + kind + " holds no partition table or filesystem that this scanner reads: "
                                        + "its content cannot be listed")
                        .with("diskBytes", disk.size())
                        .build());
            }
            if (!listing.unsupported().isEmpty()) {
                context.report(ContainerFindings.unsupported(
                                "the " + kind + " holds volumes whose filesystem this scanner cannot list")
                        .with("volumes", listing.unsupported())
                        .build());
            }
            if (!listing.malformed().isEmpty()) {
                context.report(Finding.of(
                                "parse.disk-image",
                                Severity.HIGH,
                                "a filesystem on the " + kind + " is malformed: the rest of it was not inspected")
                        .with(
                                "errors",
                                listing.malformed().stream().map(Evidence::text).toList())
                        .build());
            }
        } catch (ContainerFormatException e) {
            context.report(ContainerFindings.malformed(
                    "disk-image", "the partition table of the " + kind + " is malformed", e));
        } finally {
            problems.reportTo(context, "the " + kind);
            ListedOnly.report(context, sink, kind);
        }
    }

    static Map<String, Object> facts() {
        return new LinkedHashMap<>();
    }
}
