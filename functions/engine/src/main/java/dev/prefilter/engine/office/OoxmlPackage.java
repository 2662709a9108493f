package dev.prefilter.engine.office;

import dev.prefilter.engine.content.Content;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * An OOXML package as the macro analyzers need it: the parts of {@link OoxmlZip} (read as the
 * zip they are, no POI OPC model: cheaper, and tolerant of the malformed packages malware sends)
 * with their content types from {@code [Content_Types].xml} (overrides first, then defaults by
 * extension).
 */
public final class OoxmlPackage implements Closeable {

    private final OoxmlZip zip;
    private final Map<String, String> overrides = new HashMap<>();
    private final Map<String, String> defaults = new HashMap<>();

    private OoxmlPackage(OoxmlZip zip) {
        this.zip = zip;
    }

    public static OoxmlPackage open(Content content, long maxPartBytes) throws IOException {
        OoxmlZip zip = OoxmlZip.open(content);
        OoxmlPackage pkg = new OoxmlPackage(zip);
        try {
            pkg.readContentTypes(maxPartBytes);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
        return pkg;
    }

    private static String normalise(String name) {
        String n = name.replace('\\', '/');
        while (n.startsWith("/")) n = n.substring(1);
        return n.toLowerCase(Locale.ROOT);
    }

    private void readContentTypes(long max) throws IOException {
        Optional<byte[]> bytes = read("[Content_Types].xml", max);
        if (bytes.isEmpty()) return;
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(bytes.get()));
            while (r.hasNext()) {
                if (r.next() == XMLStreamReader.START_ELEMENT) {
                    String type = r.getAttributeValue(null, "ContentType");
                    if (type == null) continue;
                    if ("Override".equals(r.getLocalName())) {
                        String part = r.getAttributeValue(null, "PartName");
                        if (part != null)
                            overrides.put(normalise(part), type.trim().toLowerCase(Locale.ROOT));
                    } else if ("Default".equals(r.getLocalName())) {
                        String ext = r.getAttributeValue(null, "Extension");
                        if (ext != null)
                            defaults.put(
                                    ext.toLowerCase(Locale.ROOT), type.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("[Content_Types].xml is not well-formed: " + e.getMessage(), e);
        }
    }

    /** Part names as stored (no leading slash), in zip order. */
    public List<String> partNames() {
        return zip.parts().stream()
                .map(e -> {
                    String n = e.getName().replace('\\', '/');
                    while (n.startsWith("/")) n = n.substring(1);
                    return n;
                })
                .toList();
    }

    public String contentType(String partName) {
        String n = normalise(partName);
        String t = overrides.get(n);
        if (t != null) return t;
        int dot = n.lastIndexOf('.');
        return dot < 0 ? null : defaults.get(n.substring(dot + 1));
    }

    /** A part's bytes, refusing more than {@code max} (read through a bound: a declared size can lie). */
    public Optional<byte[]> read(String partName, long max) throws IOException {
        Optional<ZipArchiveEntry> part = zip.part(partName.replace('\\', '/'));
        if (part.isEmpty()) return Optional.empty();
        return Optional.of(zip.read(part.get(), max));
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
