package dev.prefilter.engine.pdf;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.IOException;

/**
 * PDF active content the way pdfid sees it (script, launch actions, embedded files, forms that send
 * data), counted as names of the object syntax and of object streams, never as bytes that happen to
 * spell {@code /JS} inside an image.
 */
public final class PdfAnalyzer implements Analyzer {

    /** Bytes all object streams of one PDF may decode to. */
    private static final long DECODE_BUDGET = 32L << 20;

    @Override
    public String name() {
        return "pdf";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return node.detectedType().equals("application/pdf");
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        byte[] pdf = ctx.content().readAll(ctx.limits().maxInMemoryParse());
        PdfKeywords.Counts counts = PdfKeywords.count(pdf, DECODE_BUDGET);
        ctx.fact("pdfNames", counts.names());
        ctx.fact("objectStreams", counts.objectStreams());
        if (!counts.unreadObjectStreams().isEmpty()) {
            ctx.fact("objectStreamsUnread", counts.unreadObjectStreams().size());
            // an encrypted PDF keeps its object streams encrypted: that is ordinary, and names outside them are plain
            if (counts.count("Encrypt") == 0) {
                ctx.report(Finding.of(
                                "pdf.object-stream-unread",
                                Severity.MEDIUM,
                                "an object stream of the PDF could not be decoded; names in it were not looked at")
                        .with("count", counts.unreadObjectStreams().size())
                        .with(
                                "error",
                                Evidence.text(counts.unreadObjectStreams().get(0)))
                        .build());
            }
        }
        int js = counts.count("JavaScript") + counts.count("JS");
        boolean auto = counts.count("OpenAction") + counts.count("AA") > 0;
        if (js > 0) {
            ctx.report(Finding.of(
                            "pdf.javascript",
                            Severity.HIGH,
                            auto ? "the PDF runs JavaScript when it is opened" : "the PDF carries JavaScript")
                    .with("javascriptNames", js)
                    .with("automaticAction", auto)
                    .build());
        }
        if (counts.count("Launch") > 0) {
            ctx.report(Finding.of(
                            "pdf.launch",
                            Severity.HIGH,
                            "the PDF has a Launch action that starts a program or opens a file")
                    .with("count", counts.count("Launch"))
                    .build());
        }
        int embedded = counts.count("EmbeddedFile") + counts.count("EmbeddedFiles");
        if (embedded > 0) {
            ctx.report(Finding.of(
                            "pdf.embedded-file",
                            Severity.HIGH,
                            "the PDF carries embedded files, which are not extracted here: "
                                    + "their content is not inspected")
                    .with("count", embedded)
                    .with("goToEmbedded", counts.count("GoToE"))
                    .build());
        }
        if (counts.count("SubmitForm") + counts.count("ImportData") > 0) {
            ctx.report(
                    Finding.of("pdf.form-submission", Severity.MEDIUM, "the PDF has a form that sends or imports data")
                            .with("submitForm", counts.count("SubmitForm"))
                            .with("importData", counts.count("ImportData"))
                            .build());
        }
        if (counts.count("RichMedia") + counts.count("XFA") > 0) {
            ctx.report(Finding.of("pdf.rich-content", Severity.MEDIUM, "the PDF carries Flash/RichMedia or an XFA form")
                    .with("richMedia", counts.count("RichMedia"))
                    .with("xfa", counts.count("XFA"))
                    .build());
        }
        if (counts.obfuscatedNames() > 0) {
            ctx.report(Finding.of(
                            "pdf.obfuscated-names",
                            Severity.MEDIUM,
                            "PDF names are written with #xx escapes, a way to hide keywords from scanners")
                    .with("count", counts.obfuscatedNames())
                    .build());
        }
    }
}
