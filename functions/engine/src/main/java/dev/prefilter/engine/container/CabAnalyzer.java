package dev.prefilter.engine.container;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.container.cab.CabCabinet;
import dev.prefilter.engine.container.cab.CabExtractor;
import dev.prefilter.engine.container.cab.CabFolder;
import dev.prefilter.engine.container.io.ChannelSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.ProblemLog;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Microsoft cabinets: stored, MSZIP and LZX folders are extracted; Quantum folders and
 * multi-cabinet sets are listed by name and reported as unsupported.
 */
public final class CabAnalyzer implements Analyzer {

    public static final String CAB = "application/vnd.ms-cab-compressed";

    @Override
    public String name() {
        return "cab";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return Types.detected(node, CAB);
    }

    @Override
    public void analyze(AnalysisContext context) throws IOException {
        ProblemLog problems = new ProblemLog("cab");
        MemberSink sink = new MemberSink(context, "cabinet");
        Map<String, Object> facts = new LinkedHashMap<>();
        try (SeekableByteChannel channel = context.content().openChannel()) {
            ChannelSource source = new ChannelSource(channel);
            CabCabinet cabinet = CabCabinet.read(source);
            facts.put("folders", cabinet.folders().size());
            facts.put("files", cabinet.files().size());
            facts.put(
                    "compression",
                    cabinet.folders().stream()
                            .map(CabFolder::methodName)
                            .distinct()
                            .toList());
            if (cabinet.multiCabinet()) {
                facts.put("setId", cabinet.setId());
                facts.put("cabinetIndex", cabinet.cabinetIndex());
            }
            if (cabinet.declaredSize() != source.size()) {
                facts.put("declaredSize", cabinet.declaredSize());
                if (cabinet.declaredSize() > source.size()) {
                    problems.add("the cabinet declares " + cabinet.declaredSize() + " bytes but the file has "
                            + source.size());
                }
            }
            if (cabinet.truncatedAt() != null) {
                problems.add(cabinet.truncatedAt());
            }
            CabExtractor extractor = new CabExtractor(
                    source, cabinet, sink, problems, 2 * context.limits().maxTotalBytes(), context::checkTime);
            extractor.extract();
            if (cabinet.multiCabinet()) {
                context.report(ContainerFindings.unsupported(
                                "part of a multi-cabinet set: its files span other cabinets that are not here")
                        .with("setId", cabinet.setId())
                        .with("cabinetIndex", cabinet.cabinetIndex())
                        .build());
            }
            if (extractor.budgetExhausted()) {
                context.report(Finding.of(
                                "limit.decoded-bytes",
                                Severity.HIGH,
                                "decoding this cabinet's overlapping files would exceed "
                                        + 2 * context.limits().maxTotalBytes() + " bytes: the rest was not extracted")
                        .with("maxDecodedBytes", 2 * context.limits().maxTotalBytes())
                        .build());
            }
        } catch (ContainerFormatException e) {
            context.report(ContainerFindings.malformed("cab", "the cabinet header is malformed", e));
        } finally {
            context.fact("cab", facts);
            problems.reportTo(context, "the cabinet");
            ListedOnly.report(context, sink, "cabinet");
        }
    }
}
