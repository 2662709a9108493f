package dev.prefilter.engine.office.odf;

import dev.prefilter.engine.content.Content;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.office.OoxmlZip;
import dev.prefilter.engine.office.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * The macros of a zipped OpenDocument package: Basic modules ({@code Basic/<library>/<module>.xml},
 * each a {@code script:module} element with the source as its text), scripts in other languages
 * ({@code Scripts/<language>/…}), and event bindings in {@code content.xml}, {@code styles.xml}
 * and {@code settings.xml}. Parts are read through {@link OoxmlZip}'s bound.
 */
final class OdfPackageReader {

    private static final String SCRIPT_MODULE_NS = "http://openoffice.org/2000/script";
    private static final Set<String> EVENT_PARTS = Set.of("content.xml", "styles.xml", "settings.xml");
    private static final Set<String> LIBRARY_INDEXES = Set.of("script-lc.xml", "script-lb.xml");

    private OdfPackageReader() {}

    static OdfMacros read(Content content, long maxPart, Runnable checkTime) throws IOException {
        OdfMacros.Builder found = new OdfMacros.Builder();
        try (OoxmlZip zip = OoxmlZip.open(content)) {
            for (ZipArchiveEntry part : zip.parts()) {
                checkTime.run();
                String name = part.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                try {
                    if (lower.startsWith("basic/") && lower.endsWith(".xml") && !index(lower)) {
                        basicModule(zip, part, maxPart, found);
                    } else if (lower.startsWith("scripts/")
                            && !lower.endsWith("/")
                            && !lower.endsWith("parcel-descriptor.xml")) {
                        scriptFile(zip, part, maxPart, found);
                    } else if (EVENT_PARTS.contains(lower)) {
                        events(zip, part, maxPart, found, checkTime);
                    }
                } catch (XMLStreamException e) {
                    found.problems.add(name + ": " + Evidence.error(e));
                }
            }
        }
        return found.build();
    }

    private static boolean index(String lowerName) {
        return LIBRARY_INDEXES.contains(lowerName.substring(lowerName.lastIndexOf('/') + 1));
    }

    private static void basicModule(OoxmlZip zip, ZipArchiveEntry part, long max, OdfMacros.Builder found)
            throws IOException, XMLStreamException {
        String[] path = part.getName().split("/");
        String library = path.length > 2 ? path[path.length - 2] : "";
        try (InputStream in = zip.open(part, max)) {
            XMLStreamReader xml = SafeXml.reader(in);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT
                            && "module".equals(xml.getLocalName())
                            && SCRIPT_MODULE_NS.equals(xml.getNamespaceURI())) {
                        String name = xml.getAttributeValue(SCRIPT_MODULE_NS, "name");
                        String language = xml.getAttributeValue(SCRIPT_MODULE_NS, "language");
                        String source = xml.getElementText();
                        found.modules.add(new OdfMacros.Module(
                                library,
                                name == null ? stem(part.getName()) : name,
                                language == null ? "StarBasic" : language,
                                source,
                                part.getName()));
                        return;
                    }
                }
            } finally {
                xml.close();
            }
        }
    }

    private static void scriptFile(OoxmlZip zip, ZipArchiveEntry part, long max, OdfMacros.Builder found)
            throws IOException {
        String[] path = part.getName().split("/");
        String language = path.length > 2 ? path[1] : "script";
        String source = new String(zip.read(part, max), StandardCharsets.UTF_8);
        found.modules.add(new OdfMacros.Module(language, stem(part.getName()), language, source, part.getName()));
    }

    private static void events(
            OoxmlZip zip, ZipArchiveEntry part, long max, OdfMacros.Builder found, Runnable checkTime)
            throws IOException, XMLStreamException {
        try (InputStream in = zip.open(part, max)) {
            XMLStreamReader xml = SafeXml.reader(in);
            try {
                int events = 0;
                while (xml.hasNext()) {
                    if (++events % 50_000 == 0) checkTime.run();
                    if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                        OdfMacros.EventBinding binding = EventListeners.read(xml, part.getName());
                        if (binding != null) found.events.add(binding);
                    }
                }
            } finally {
                xml.close();
            }
        }
    }

    private static String stem(String partName) {
        String file = partName.substring(partName.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
