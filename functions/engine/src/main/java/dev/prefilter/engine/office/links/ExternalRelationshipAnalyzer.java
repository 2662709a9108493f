package dev.prefilter.engine.office.links;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.OfficeTypes;
import dev.prefilter.engine.office.OoxmlZip;
import dev.prefilter.engine.office.PartTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * Reports the external targets of OOXML relationships: remote templates, linked OLE objects,
 * frames, sub-documents, linked workbooks and exploit schemes ({@code mhtml:}, {@code ms-msdt:}).
 * Every external target is listed under {@code facts.externalRelationships}; the URL is evidence
 * and an indicator. A bare {@code .rels} attachment and a Flat OPC file (the package as one XML
 * document) are analysed the same way.
 */
public final class ExternalRelationshipAnalyzer implements Analyzer {

    static final String RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml";
    private static final int MAX_RELS_PART = 16 << 20;

    @Override
    public String name() {
        return "ooxml-links";
    }

    /** Objects, links and DDE are one aspect of a document: its macros still need their own analyzer. */
    @Override
    public boolean completesInspection() {
        return false;
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return OfficeTypes.ooxml(node)
                || RELS_TYPE.equals(OfficeTypes.base(node))
                || OfficeTypes.FLAT_OPC.equals(OfficeTypes.base(node));
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        List<Relationship> external = new ArrayList<>();
        try {
            if (RELS_TYPE.equals(OfficeTypes.base(ctx.node()))
                    || OfficeTypes.FLAT_OPC.equals(OfficeTypes.base(ctx.node()))) {
                // a bare .rels part, or a Flat OPC file whose parts (relationships among them) are inline XML
                try (InputStream in = ctx.content().openStream()) {
                    collect(ctx.node().name(), in, ctx, external);
                }
            } else {
                try (OoxmlZip zip = OoxmlZip.open(ctx.content())) {
                    for (ZipArchiveEntry part : zip.parts()) {
                        if (part.getName().toLowerCase(Locale.ROOT).endsWith(".rels")) {
                            ctx.checkTime();
                            try (InputStream in = zip.open(part, MAX_RELS_PART)) {
                                collect(part.getName(), in, ctx, external);
                            }
                        }
                    }
                }
            }
        } catch (PartTooLargeException e) {
            ctx.report(Finding.of(
                            "limit.ooxml-part-size",
                            Severity.HIGH,
                            "a relationships part is too large to read; its links are not inspected")
                    .with("error", Evidence.text(e.getMessage()))
                    .build());
        } catch (XMLStreamException | IOException e) {
            ctx.report(Finding.of(
                            "parse.ooxml-relationships",
                            Severity.HIGH,
                            "a relationships part could not be read; external links may be missed")
                    .withError(e)
                    .build());
        }
        report(ctx, external);
    }

    private static void collect(String part, InputStream in, AnalysisContext ctx, List<Relationship> into)
            throws XMLStreamException {
        for (Relationship rel : RelationshipReader.read(part, in, ctx::checkTime)) {
            if (rel.external()) {
                into.add(rel);
            }
        }
    }

    private static void report(AnalysisContext ctx, List<Relationship> external) {
        List<Map<String, Object>> facts = new ArrayList<>();
        for (Relationship rel : external) {
            Map<String, Object> fact = new LinkedHashMap<>();
            fact.put("part", Evidence.text(rel.part()));
            fact.put("type", rel.type());
            fact.put("target", Evidence.text(rel.target()));
            facts.add(fact);
            for (ExternalTargetClassifier.Verdict v : ExternalTargetClassifier.classify(rel)) {
                ctx.report(Finding.of(v.code(), v.severity(), v.description())
                        .with("url", Evidence.text(rel.target()))
                        .with("relationshipType", rel.type())
                        .with("part", Evidence.text(rel.part()))
                        .build());
            }
        }
        if (!facts.isEmpty()) {
            ctx.fact("externalRelationships", facts);
        }
    }
}
