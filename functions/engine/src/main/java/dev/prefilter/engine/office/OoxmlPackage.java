package dev.prefilter.engine.office;

import dev.prefilter.engine.content.Content;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * An OOXML package read as the zip it is (no POI OPC model: cheaper, and it tolerates the
 * malformed packages malware sends). Part names are kept as in the zip, without a leading slash;
 * content types come from {@code [Content_Types].xml} (overrides first, then defaults by extension).
 */
public final class OoxmlPackage implements Closeable {

    private final ZipFile zip;
    private final Map<String, ZipArchiveEntry> parts;
    private final Map<String, String> overrides = new HashMap<>();
    private final Map<String, String> defaults = new HashMap<>();

    private OoxmlPackage(ZipFile zip) {
        this.zip = zip;
        Map<String, ZipArchiveEntry> byName = new java.util.LinkedHashMap<>();
        for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
            if (!e.isDirectory()) byName.putIfAbsent(normalise(e.getName()), e);
        }
        this.parts = byName;
    }

    public static OoxmlPackage open(Content content, long maxPartBytes) throws IOException {
        SeekableByteChannel channel = content.openChannel();
        ZipFile zip;
        try {
            zip = ZipFile.builder().setSeekableByteChannel(channel).setIgnoreLocalFileHeader(false).get();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException("not a readable zip package: " + e.getMessage(), e);
        }
        OoxmlPackage pkg = new OoxmlPackage(zip);
        pkg.readContentTypes(maxPartBytes);
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
                        if (part != null) overrides.put(normalise(part), type.trim().toLowerCase(Locale.ROOT));
                    } else if ("Default".equals(r.getLocalName())) {
                        String ext = r.getAttributeValue(null, "Extension");
                        if (ext != null) defaults.put(ext.toLowerCase(Locale.ROOT), type.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("[Content_Types].xml is not well-formed: " + e.getMessage(), e);
        }
    }

    /** Part names as stored (no leading slash), in zip order. */
    public List<String> partNames() {
        List<String> names = new ArrayList<>();
        for (ZipArchiveEntry e : parts.values()) {
            String n = e.getName().replace('\\', '/');
            while (n.startsWith("/")) n = n.substring(1);
            names.add(n);
        }
        return names;
    }

    public boolean has(String partName) {
        return parts.containsKey(normalise(partName));
    }

    public String contentType(String partName) {
        String n = normalise(partName);
        String t = overrides.get(n);
        if (t != null) return t;
        int dot = n.lastIndexOf('.');
        return dot < 0 ? null : defaults.get(n.substring(dot + 1));
    }

    public long size(String partName) {
        ZipArchiveEntry e = parts.get(normalise(partName));
        return e == null ? -1 : e.getSize();
    }

    /** A part's bytes, refusing more than {@code max} (read bounded: a declared size can lie). */
    public Optional<byte[]> read(String partName, long max) throws IOException {
        ZipArchiveEntry e = parts.get(normalise(partName));
        if (e == null) return Optional.empty();
        try (InputStream in = zip.getInputStream(e)) {
            if (in == null) throw new IOException("part " + partName + " uses an unsupported compression method");
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (data.length > max) throw new IOException("part " + partName + " expands beyond the " + max + "-byte bound");
            return Optional.of(data);
        } catch (RuntimeException ex) {
            throw new IOException("part " + partName + " cannot be read: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
