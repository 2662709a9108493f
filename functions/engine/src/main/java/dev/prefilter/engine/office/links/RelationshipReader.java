package dev.prefilter.engine.office.links;

import dev.prefilter.engine.office.SafeXml;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads the {@code <Relationship>} elements of a {@code .rels} part with a streaming, DTD-free parser. */
public final class RelationshipReader {

    private static final int MAX_RELATIONSHIPS = 100_000;

    private RelationshipReader() {}

    public static List<Relationship> read(String part, InputStream in, Runnable checkTime) throws XMLStreamException {
        List<Relationship> out = new ArrayList<>();
        XMLStreamReader xml = SafeXml.reader(in);
        try {
            while (xml.hasNext() && out.size() < MAX_RELATIONSHIPS) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "Relationship".equals(xml.getLocalName())) {
                    String mode = xml.getAttributeValue(null, "TargetMode");
                    out.add(new Relationship(
                            part,
                            xml.getAttributeValue(null, "Id"),
                            xml.getAttributeValue(null, "Type"),
                            xml.getAttributeValue(null, "Target"),
                            "External".equalsIgnoreCase(mode == null ? "" : mode.strip())));
                    if (out.size() % 1000 == 0) {
                        checkTime.run();
                    }
                }
            }
        } finally {
            xml.close();
        }
        return out;
    }
}
