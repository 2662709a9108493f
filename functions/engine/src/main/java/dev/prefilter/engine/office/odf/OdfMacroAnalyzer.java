package dev.prefilter.engine.office.odf;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.OfficeTypes;
import dev.prefilter.engine.office.PartTooLargeException;
import dev.prefilter.engine.office.vba.MacroScan;
import dev.prefilter.engine.office.vba.VbaKeywords;
import dev.prefilter.engine.office.vba.VbaSourceScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * Macros in OpenDocument files (.odt .ods .odp .odg and their templates, zipped or flat): the
 * StarBasic (and other) modules are scanned with the VBA keyword table, events bound to scripts
 * are read, and an auto-run event with code that writes or executes is MacroRaptor's rule again.
 * Reading is {@link OdfPackageReader} and {@link FlatOdfReader}; findings are {@link OdfFindings}.
 */
public final class OdfMacroAnalyzer implements Analyzer {

    private final VbaSourceScanner scanner = new VbaSourceScanner(VbaKeywords.standard());

    @Override
    public String name() {
        return "odf-macros";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return OfficeTypes.odf(node) || OfficeTypes.flatOdf(node);
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        long max = ctx.limits().maxInMemoryParse();
        OdfMacros macros;
        try {
            if (OfficeTypes.flatOdf(ctx.node())) {
                try (InputStream in = ctx.content().openStream()) {
                    macros = FlatOdfReader.read(in, max, ctx::checkTime);
                }
            } else {
                macros = OdfPackageReader.read(ctx.content(), max, ctx::checkTime);
            }
        } catch (PartTooLargeException e) {
            ctx.report(Finding.of(
                            "limit.odf-part-size",
                            Severity.HIGH,
                            "a part of the OpenDocument file is too large to read; macros in it are not inspected")
                    .with("error", Evidence.text(e.getMessage()))
                    .with("limit", e.limit())
                    .build());
            return;
        } catch (XMLStreamException | IOException e) {
            ctx.report(Finding.of(
                            "parse.odf",
                            Severity.HIGH,
                            "the OpenDocument file could not be read; macros in it may be missed")
                    .withError(e)
                    .build());
            return;
        }
        List<VbaSourceScanner.ModuleText> texts = macros.modules().stream()
                .map(m -> new VbaSourceScanner.ModuleText(m.library() + "." + m.name(), m.source()))
                .toList();
        MacroScan scan = scanner.scan(texts, ctx::checkTime);
        new OdfFindings(ctx).report(macros, scan);
        for (OdfMacros.EmbeddedObject object : macros.objects()) {
            if (!ctx.child(
                    ChildSpec.labelled(object.where(), Origin.EMBEDDED).withFact("oleLocation", object.where()),
                    new ByteArrayInputStream(object.bytes()))) {
                break;
            }
        }
    }
}
