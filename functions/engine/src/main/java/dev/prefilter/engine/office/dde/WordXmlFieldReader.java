package dev.prefilter.engine.office.dde;

import dev.prefilter.engine.office.SafeXml;
import java.io.InputStream;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Field instructions of a WordprocessingML part: OOXML ({@code word/*.xml}) and Word 2003 XML
 * use the same element names ({@code fldChar}, {@code instrText}, {@code fldSimple}, {@code t})
 * in different namespaces, so elements are matched by local name within those namespaces.
 */
final class WordXmlFieldReader {

    private WordXmlFieldReader() {}

    static List<String> instructions(InputStream in, Runnable checkTime) throws XMLStreamException {
        FieldCollector fields = new FieldCollector();
        XMLStreamReader xml = SafeXml.reader(in);
        int events = 0;
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (++events % 50_000 == 0) {
                    checkTime.run();
                }
                if (event == XMLStreamConstants.START_ELEMENT && word(xml)) {
                    switch (xml.getLocalName()) {
                        case "fldChar" -> {
                            String type = attribute(xml, "fldCharType");
                            if ("begin".equals(type)) fields.begin();
                            else if ("separate".equals(type)) fields.separate();
                            else if ("end".equals(type)) fields.end();
                        }
                        case "fldSimple" -> fields.simple(nullToEmpty(attribute(xml, "instr")));
                        case "instrText" -> fields.instructionText(xml.getElementText());
                        case "t" -> fields.text(xml.getElementText());
                        default -> {}
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT
                        && "fldSimple".equals(xml.getLocalName())
                        && word(xml)) {
                    fields.end();
                }
            }
        } finally {
            xml.close();
        }
        return fields.finish();
    }

    /**
     * Whether the element is WordprocessingML (2006 transitional or strict, or Word 2003 XML). Other
     * vocabularies in the same parts have elements with the same local names: a SmartArt diagram's
     * {@code dgm:t} holds paragraphs, not text, and DrawingML's {@code a:t} is not field text.
     */
    private static boolean word(XMLStreamReader xml) {
        String ns = xml.getNamespaceURI();
        return ns != null
                && (ns.endsWith("/wordprocessingml/2006/main")
                        || ns.endsWith("/ooxml/wordprocessingml/main")
                        || ns.equals("http://schemas.microsoft.com/office/word/2003/wordml"));
    }

    /** An attribute by local name, in whichever namespace (w: of 2006 or of 2003). */
    private static String attribute(XMLStreamReader xml, String localName) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (localName.equals(xml.getAttributeLocalName(i))) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
