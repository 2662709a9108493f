package dev.prefilter.engine.office.odf;

import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.office.SafeXml;
import java.io.InputStream;
import java.util.Base64;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The macros of a flat OpenDocument file (one XML document, no zip): Basic libraries embedded in
 * {@code office:script} ({@code ooo:library-embedded} / {@code ooo:module} /
 * {@code ooo:source-code}), event bindings anywhere, and the OLE objects that
 * {@code draw:object-ole} carries as base64 {@code office:binary-data}.
 */
final class FlatOdfReader {

    private static final String OOO_NS = "http://openoffice.org/2004/office";
    private static final String OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private static final String DRAW_NS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";

    private FlatOdfReader() {}

    static OdfMacros read(InputStream in, long maxObjectBytes, Runnable checkTime) throws XMLStreamException {
        OdfMacros.Builder found = new OdfMacros.Builder();
        XMLStreamReader xml = SafeXml.reader(in);
        String library = "";
        String module = null;
        boolean inOleObject = false;
        int events = 0;
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (++events % 50_000 == 0) checkTime.run();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String ns = xml.getNamespaceURI();
                    String local = xml.getLocalName();
                    if (OOO_NS.equals(ns) && local.startsWith("library-")) {
                        library = nullToEmpty(xml.getAttributeValue(OOO_NS, "name"));
                    } else if (OOO_NS.equals(ns) && local.equals("module")) {
                        module = xml.getAttributeValue(OOO_NS, "name");
                    } else if (OOO_NS.equals(ns) && local.equals("source-code")) {
                        found.modules.add(new OdfMacros.Module(
                                library,
                                module == null ? "module " + (found.modules.size() + 1) : module,
                                "StarBasic",
                                xml.getElementText(),
                                "office:script"));
                    } else if (DRAW_NS.equals(ns) && local.equals("object-ole")) {
                        inOleObject = true;
                    } else if (inOleObject && OFFICE_NS.equals(ns) && local.equals("binary-data")) {
                        object(xml.getElementText(), maxObjectBytes, found);
                    } else {
                        OdfMacros.EventBinding binding = EventListeners.read(xml, "flat document");
                        if (binding != null) found.events.add(binding);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT
                        && DRAW_NS.equals(xml.getNamespaceURI())
                        && "object-ole".equals(xml.getLocalName())) {
                    inOleObject = false;
                }
            }
        } finally {
            xml.close();
        }
        return found.build();
    }

    private static void object(String base64, long max, OdfMacros.Builder found) {
        String where = "draw:object-ole " + (found.objects.size() + 1);
        if (base64.length() / 4 * 3 > max) {
            found.problems.add(where + ": larger than " + max + " bytes, not decoded");
            return;
        }
        try {
            found.objects.add(
                    new OdfMacros.EmbeddedObject(where, Base64.getMimeDecoder().decode(base64)));
        } catch (IllegalArgumentException e) {
            found.problems.add(where + ": " + Evidence.error(e));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
