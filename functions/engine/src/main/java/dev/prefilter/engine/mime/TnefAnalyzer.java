package dev.prefilter.engine.mime;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.password.PasswordHarvester;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Outlook's TNEF {@code winmail.dat}: attachments and the RTF body out, checksums verified. */
public final class TnefAnalyzer implements Analyzer {

    private final PasswordHarvester harvester = new PasswordHarvester();

    @Override
    public String name() {
        return "tnef";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return node.detectedType().equals("application/vnd.ms-tnef");
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        try (InputStream in = ctx.content().openStream()) {
            TnefStructure.Result structure =
                    TnefStructure.check(in, ctx.content().size());
            ctx.fact("tnefAttributes", structure.attributes());
            if (structure.badChecksums() > 0 || structure.truncated()) {
                ctx.report(Finding.of(
                                "tnef.corrupt",
                                Severity.HIGH,
                                "the TNEF stream is corrupt (bad attribute checksums or truncated); "
                                        + "Outlook and other parsers may read it differently")
                        .with("badChecksums", structure.badChecksums())
                        .with("firstBadOffset", structure.firstBadOffset() >= 0 ? structure.firstBadOffset() : null)
                        .with("truncated", structure.truncated())
                        .build());
            } else if (structure.trailingBytes() > 0) {
                ctx.report(Finding.of(
                                "tnef.trailing-data", Severity.INFO, "bytes after the last TNEF attribute were ignored")
                        .with("bytes", structure.trailingBytes())
                        .build());
            }
        }
        TnefReader.Message message;
        try (InputStream in = ctx.content().openStream()) {
            message = TnefReader.read(in, ctx.content().size(), ctx.limits().maxNodeBytes());
        }
        if (message.error != null) {
            ctx.report(Finding.of(
                            "parse.tnef",
                            Severity.HIGH,
                            "the TNEF stream could not be read to its end; attachments after "
                                    + "the error were not inspected")
                    .with("error", message.error)
                    .with("attachmentsRead", message.attachments.size())
                    .build());
        }
        if (message.rtfError != null) {
            ctx.report(Finding.of(
                            "parse.tnef",
                            Severity.HIGH,
                            "the message's compressed RTF body could not be decompressed; it was not inspected")
                    .with("error", message.rtfError)
                    .build());
        }
        ctx.fact("tnefAttachments", message.attachments.size());
        int index = 0;
        for (TnefReader.Attachment attachment : message.attachments) {
            ctx.checkTime();
            index++;
            String name = attachment.name();
            ChildSpec spec = name != null
                    ? ChildSpec.named(name, Origin.EMBEDDED)
                    : ChildSpec.labelled("tnef attachment " + index, Origin.EMBEDDED);
            if (!ctx.child(
                    spec.withFact("oleObject", attachment.object ? true : null),
                    new ByteArrayInputStream(attachment.data))) return;
        }
        if (message.body != null && !message.body.isBlank()) {
            ctx.passwords().addAll(harvester.harvest(message.body, "winmail.dat body"));
        }
        if (message.rtfBody != null && message.rtfBody.length > 0) {
            ctx.child(
                    ChildSpec.labelled("tnef body (rtf)", Origin.EMBEDDED).withDeclaredType("application/rtf"),
                    new ByteArrayInputStream(message.rtfBody));
        }
    }
}
