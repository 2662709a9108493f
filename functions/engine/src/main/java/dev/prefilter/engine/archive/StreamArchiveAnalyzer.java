package dev.prefilter.engine.archive;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;

/** Uncompressed stream archives (tar, cpio, ar, arj, dump) read member by member with commons-compress. */
public final class StreamArchiveAnalyzer implements Analyzer {

    private static final Map<String, String> FORMATS = Map.of(
            "application/x-tar", ArchiveStreamFactory.TAR,
            "application/x-gtar", ArchiveStreamFactory.TAR,
            "application/x-ustar", ArchiveStreamFactory.TAR,
            "application/x-cpio", ArchiveStreamFactory.CPIO,
            "application/x-archive", ArchiveStreamFactory.AR,
            "application/x-arj", ArchiveStreamFactory.ARJ,
            "application/x-tika-unix-dump", ArchiveStreamFactory.DUMP);

    @Override
    public String name() {
        return "archive-stream";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return FORMATS.containsKey(node.detectedType());
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        String format = FORMATS.get(ctx.node().detectedType());
        List<Map<String, Object>> members = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(ctx.content().openStream());
                ArchiveInputStream<? extends ArchiveEntry> archive =
                        new ArchiveStreamFactory().createArchiveInputStream(format, raw)) {
            ArchiveEntry entry;
            while ((entry = archive.getNextEntry()) != null) {
                ctx.checkTime();
                if (members.size() < ZipAnalyzer.LISTED_IN_FACTS) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", entry.getName());
                    m.put("size", entry.getSize());
                    if (entry.isDirectory()) m.put("directory", true);
                    members.add(m);
                }
                if (entry.isDirectory() || !archive.canReadEntryData(entry)) continue;
                if (!ctx.child(ChildSpec.named(entry.getName(), Origin.ARCHIVE_MEMBER), archive)) break;
            }
        } catch (IOException e) {
            ctx.report(Finding.of(
                            "parse.archive", Severity.HIGH, "the " + format + " archive could not be read to its end")
                    .with("format", format)
                    .with("error", e.getMessage())
                    .build());
        }
        ctx.fact("members", members);
    }
}
