package dev.prefilter.engine.office.odf;

import javax.xml.stream.XMLStreamReader;

/** Reads one {@code script:event-listener} element, in either of the forms OpenOffice and LibreOffice write. */
final class EventListeners {

    static final String SCRIPT_NS = "urn:oasis:names:tc:opendocument:xmlns:script:1.0";
    private static final String XLINK_NS = "http://www.w3.org/1999/xlink";

    private EventListeners() {}

    /** The binding at the reader's start element, or null when it is no event listener or names no script. */
    static OdfMacros.EventBinding read(XMLStreamReader xml, String where) {
        if (!"event-listener".equals(xml.getLocalName()) || !SCRIPT_NS.equals(xml.getNamespaceURI())) return null;
        String event = xml.getAttributeValue(SCRIPT_NS, "event-name");
        String script = xml.getAttributeValue(XLINK_NS, "href");
        if (script == null) {
            // the older form: script:macro-name="Standard.Module1.Main" script:location="document"
            String macro = xml.getAttributeValue(SCRIPT_NS, "macro-name");
            String location = xml.getAttributeValue(SCRIPT_NS, "location");
            if (macro != null) script = "macro:" + macro + (location == null ? "" : "?location=" + location);
        }
        if (event == null || script == null) return null;
        return new OdfMacros.EventBinding(event, script, where);
    }
}
