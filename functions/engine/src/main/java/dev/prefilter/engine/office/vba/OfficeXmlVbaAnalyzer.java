package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.SafeXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Single-file XML Office documents that can carry VBA: Word 2003 XML ({@code <w:binData
 * w:name="editdata.mso">}, an ActiveMime part) and Flat OPC ({@code <pkg:part
 * pkg:name="/word/vbaProject.bin">} with base64 {@code <pkg:binaryData>}). The binary parts are
 * handed back as children; the ActiveMime and VBA analyzers read them.
 */
public final class OfficeXmlVbaAnalyzer implements Analyzer {

    private static final String VBA_TYPE = "application/vnd.ms-office.vbaproject";
    private static final int MAX_PARTS = 32;

    @Override
    public String name() {
        return "office-xml-vba";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        String t = node.detectedType();
        return t.equals("application/vnd.ms-wordml") || (t.startsWith("application/vnd.ms-") && t.endsWith("2006ml"));
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        byte[] xml = ctx.content().readAll(ctx.limits().maxInMemoryParse());
        int parts = 0;
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(xml));
            String partName = null;
            String partType = null;
            while (r.hasNext() && parts < MAX_PARTS) {
                if (r.next() != XMLStreamReader.START_ELEMENT) continue;
                String local = r.getLocalName();
                if (local.equals("binData")) {
                    String name = attribute(r, "name");
                    String text = r.getElementText();
                    if (name != null && name.toLowerCase(Locale.ROOT).endsWith(".mso")) {
                        if (!child(ctx, name, text)) return;
                        parts++;
                    }
                } else if (local.equals("part")) {
                    partName = attribute(r, "name");
                    partType = attribute(r, "contentType");
                } else if (local.equals("binaryData") && partName != null) {
                    String text = r.getElementText();
                    boolean vba = partName.toLowerCase(Locale.ROOT).endsWith("vbaproject.bin")
                            || VBA_TYPE.equalsIgnoreCase(String.valueOf(partType));
                    if (vba) {
                        if (!child(ctx, partName.replaceFirst("^/", ""), text)) return;
                        parts++;
                    }
                }
            }
        } catch (XMLStreamException e) {
            ctx.report(Finding.of(
                            "parse.office-xml",
                            Severity.HIGH,
                            "the XML Office document is not well-formed; embedded VBA parts may have been missed")
                    .with("error", Evidence.text(e.getMessage()))
                    .with("partsRead", parts)
                    .build());
        }
    }

    /** Decodes one base64 part and hands it back; false when the engine refuses more children. */
    private static boolean child(AnalysisContext ctx, String name, String base64) throws IOException {
        byte[] data;
        try {
            data = Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            ctx.report(Finding.of("parse.office-xml", Severity.HIGH, "an embedded binary part is not valid base64")
                    .with("part", Evidence.text(name, 120))
                    .build());
            return true;
        }
        try (InputStream in = new ByteArrayInputStream(data)) {
            return ctx.child(ChildSpec.named(name, Origin.EMBEDDED), in);
        }
    }

    private static String attribute(XMLStreamReader r, String local) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (local.equals(r.getAttributeLocalName(i))) return r.getAttributeValue(i);
        }
        return null;
    }
}
