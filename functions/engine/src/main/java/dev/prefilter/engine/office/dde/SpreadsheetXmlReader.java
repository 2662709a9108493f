package dev.prefilter.engine.office.dde;

import dev.prefilter.engine.office.SafeXml;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * DDE in spreadsheet XML: OOXML {@code externalLink} parts ({@code <ddeLink ddeService ddeTopic>}),
 * cell formulas ({@code <f>} in worksheets), and Excel 2003 XML ({@code <SupBook><Path>cmd|…} and
 * {@code ss:Formula} attributes).
 */
final class SpreadsheetXmlReader {

    private static final int MAX_HITS = 100;

    private SpreadsheetXmlReader() {}

    static List<DdeHit> read(String where, InputStream in, Runnable checkTime) throws XMLStreamException {
        List<DdeHit> hits = new ArrayList<>();
        XMLStreamReader xml = SafeXml.reader(in);
        boolean inSupBook = false;
        String cell = null;
        int events = 0;
        try {
            while (xml.hasNext() && hits.size() < MAX_HITS) {
                int event = xml.next();
                if (++events % 50_000 == 0) {
                    checkTime.run();
                }
                if (event == XMLStreamConstants.END_ELEMENT && "SupBook".equals(xml.getLocalName())) {
                    inSupBook = false;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = xml.getLocalName();
                switch (name) {
                    case "ddeLink" ->
                        hits.add(new DdeHit(
                                DdeHit.Kind.LINK,
                                nullToEmpty(attribute(xml, "ddeService")),
                                nullToEmpty(attribute(xml, "ddeTopic")),
                                where));
                    case "SupBook" -> inSupBook = true;
                    case "Path" -> {
                        String path = xml.getElementText();
                        int pipe = path.indexOf('|');
                        if (inSupBook && pipe > 0) {
                            hits.add(new DdeHit(
                                    DdeHit.Kind.LINK,
                                    path.substring(0, pipe).strip(),
                                    path.substring(pipe + 1),
                                    where));
                        }
                    }
                    case "c", "Cell" -> {
                        cell = attribute(xml, "r");
                        formula(attribute(xml, "Formula"), where, cell, hits);
                    }
                    case "f" -> formula(xml.getElementText(), where, cell, hits);
                    default -> {}
                }
            }
        } finally {
            xml.close();
        }
        return hits;
    }

    private static void formula(String formula, String where, String cell, List<DdeHit> hits) {
        if (formula == null
                || formula.indexOf('|') < 0
                        && !formula.toUpperCase(java.util.Locale.ROOT).contains("DDE")) {
            return;
        }
        for (DdeFormulas.Use use : DdeFormulas.find(formula)) {
            hits.add(
                    new DdeHit(DdeHit.Kind.FORMULA, use.service(), formula, cell == null ? where : where + "!" + cell));
        }
    }

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
