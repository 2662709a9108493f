package dev.prefilter.engine.detect;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.content.Content;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Locale;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * True-type detection with Tika's default detector (magic plus the OLE2 and OOXML container
 * detectors), with this project's extra types from {@code custom-mimetypes.xml}. Built once:
 * loading Tika's type database is the most expensive step of a cold start.
 */
public final class TypeDetector {

    public static final String OCTET_STREAM = "application/octet-stream";
    private static final String OLE2_GENERIC = "application/x-tika-msoffice";
    private static final String MSI = "application/x-ms-installer";
    private static final String VHD = "application/x-vhd";
    private static final String VHD_EXTENSION = "vhd";
    private static final String JAVA_ARCHIVE = "application/java-archive";
    private static final String ZIP = "application/zip";
    /** A Java archive whose manifest names a Main-Class: what {@code javaw -jar} runs on double-click. */
    public static final String RUNNABLE_JAR = "application/x-java-runnable-archive";

    private final Detector detector;
    private final MimeTypes mimeTypes;
    private final MediaTypeRegistry registry;

    private TypeDetector(TikaConfig config) {
        this.detector = config.getDetector();
        this.mimeTypes = config.getMimeRepository();
        this.registry = config.getMediaTypeRegistry();
    }

    public static TypeDetector create() {
        return new TypeDetector(TikaConfig.getDefaultConfig());
    }

    public TypeInfo detect(Content content, String name, boolean named, String declared) throws IOException {
        String detected = byContent(content);
        if (named
                && VHD_EXTENSION.equals(FileNames.extension(name))
                && !VHD.equals(TypeInfo.base(detected))
                && endsWithVhdFooter(content)) {
            detected = VHD;
        }
        return new TypeInfo(normalize(declared), named ? byName(name) : null, detected);
    }

    /**
     * A fixed VHD is a raw disk with the 512-byte "conectix" footer only at its end, which no magic
     * at offset 0 can see (Tika sees the guest disk there: a FAT boot sector, an MBR). Looked for
     * only when the name says .vhd, so other files are not read twice.
     */
    private static boolean endsWithVhdFooter(Content content) throws IOException {
        if (content.size() < 512) {
            return false;
        }
        try (java.nio.channels.SeekableByteChannel channel = content.openChannel()) {
            java.nio.ByteBuffer cookie = java.nio.ByteBuffer.allocate(8);
            channel.position(content.size() - 512);
            while (cookie.hasRemaining() && channel.read(cookie) > 0) {
                // read the 8-byte cookie
            }
            return new String(cookie.array(), 0, cookie.position(), java.nio.charset.StandardCharsets.US_ASCII)
                    .equals("conectix");
        }
    }

    /** Type implied by the file name alone. */
    public String byName(String name) {
        if (VHD_EXTENSION.equals(FileNames.extension(name))) {
            // Tika's *.vhd glob is VHDL source; in a mail, .vhd is a disk image Windows mounts on
            // double-click. The glob cannot be overridden in custom-mimetypes.xml: a conflicting
            // glob makes Tika drop the whole file.
            return VHD;
        }
        Metadata metadata = new Metadata();
        metadata.set(
                TikaCoreProperties.RESOURCE_NAME_KEY, FileNames.stripTrailingDotsAndSpaces(FileNames.baseName(name)));
        try {
            return mimeTypes.detect(null, metadata).toString();
        } catch (IOException e) {
            return OCTET_STREAM;
        }
    }

    /** Type of the bytes, with no name hint: what the content really is. */
    public String byContent(Content content) throws IOException {
        if (content.size() == 0) {
            return "application/x-empty";
        }
        MediaType type;
        try (TikaInputStream stream = open(content)) {
            type = detector.detect(stream, new Metadata());
        }
        String result = type.toString();
        if (OLE2_GENERIC.equals(type.getBaseType().toString()) && isMsi(content)) {
            return MSI;
        }
        String base = type.getBaseType().toString();
        if ((JAVA_ARCHIVE.equals(base) || ZIP.equals(base)) && JarManifest.hasMainClass(content)) {
            return RUNNABLE_JAR;
        }
        return result;
    }

    private static TikaInputStream open(Content content) throws IOException {
        if (content.file().isPresent()) {
            return TikaInputStream.get(content.file().get());
        }
        return TikaInputStream.get(content.readAll(Integer.MAX_VALUE - 8));
    }

    /**
     * Tika's OLE2 detector does not recognise Windows Installer databases; their root CLSID does.
     * The CLSID is read where the Compound File header says the directory starts (its first entry
     * is the root), so a damaged file is simply not an installer.
     */
    private static boolean isMsi(Content content) throws IOException {
        byte[] header = content.head(512);
        if (header.length < 512) return false;
        int shift = Bytes.u16le(header, 0x1E);
        long directory = Bytes.u32le(header, 0x30);
        if ((shift != 9 && shift != 12) || directory >= 0xFFFFFFFAL) return false;
        long rootClsid = ((directory + 1) << shift) + 0x50;
        if (rootClsid + 16 > content.size()) return false;
        ByteBuffer clsid = ByteBuffer.allocate(16);
        try (SeekableByteChannel channel = content.openChannel()) {
            channel.position(rootClsid);
            while (clsid.hasRemaining() && channel.read(clsid) > 0) {
                // the 16 bytes of the CLSID
            }
        }
        String text = Bytes.guid(clsid.array(), 0).toUpperCase(Locale.ROOT);
        return text.startsWith("000C1084-") || text.startsWith("000C1086-") || text.startsWith("000C1082-");
    }

    /** Canonical form of a declared type: aliases resolved, parameters other than Tika's dropped. */
    public String normalize(String mediaType) {
        if (mediaType == null || mediaType.isBlank()) return null;
        MediaType parsed = MediaType.parse(mediaType.trim().toLowerCase(Locale.ROOT));
        if (parsed == null) return mediaType.trim();
        return registry.normalize(parsed.getBaseType()).toString();
    }

    /** Whether {@code type} is {@code ancestor} or a specialisation of it (docx is a zip, pe32 is msdownload). */
    public boolean isA(String type, String ancestor) {
        if (type == null || ancestor == null) return false;
        MediaType t = MediaType.parse(type);
        MediaType a = MediaType.parse(ancestor);
        if (t == null || a == null) return false;
        t = registry.normalize(t);
        a = registry.normalize(a);
        if (t.equals(a) || t.getBaseType().equals(a)) return true;
        for (MediaType cur = t; cur != null; cur = registry.getSupertype(cur)) {
            if (cur.equals(a) || cur.getBaseType().equals(a)) return true;
        }
        return false;
    }

    /** Excel 2.x-4.0 files carry the .xls extension (and .xlm, .xlw) that names Excel's own type. */
    private boolean oldExcel(String byName, String detected) {
        return isA(byName, "application/vnd.ms-excel") && isA(detected, "application/x-tika-old-excel");
    }

    /** Types that say nothing about the content: no disagreement can be read from them. */
    public boolean isGeneric(String type) {
        if (type == null) return true;
        String base = TypeInfo.base(type);
        return base.equals(OCTET_STREAM)
                || base.equals("text/plain")
                || base.equals("application/x-empty")
                || base.equals("application/unknown")
                || base.equals("binary/octet-stream")
                || base.equals("application/force-download")
                || base.equals("application/x-download")
                || base.equals("application/download");
    }

    /** An encrypted .docx/.xlsx is an OLE2 wrapper: its name and declared type still say what is inside. */
    private boolean encryptedOoxml(String wrapper, String other) {
        return "application/x-tika-ooxml-protected".equals(TypeInfo.base(wrapper))
                && isA(other, "application/x-tika-ooxml");
    }

    /** Ancestors too broad to make two types "the same kind of thing" (a docx named .xlsx is a mismatch). */
    private static final java.util.Set<String> BROAD_ANCESTORS = java.util.Set.of(
            OCTET_STREAM,
            "text/plain",
            "application/zip",
            "application/x-tika-ooxml",
            "application/x-tika-msoffice",
            "application/xml",
            "application/x-tika-ooxml-protected");

    /**
     * Two types describe the same kind of thing when one specialises the other or both specialise a
     * narrow common type.
     */
    public boolean compatible(String a, String b) {
        if (isA(a, b) || isA(b, a)) return true;
        if (oldExcel(a, b) || oldExcel(b, a)) return true;
        if (encryptedOoxml(a, b) || encryptedOoxml(b, a)) return true;
        for (MediaType cur = registry.normalize(MediaType.parse(a)); cur != null; cur = registry.getSupertype(cur)) {
            String ancestor = cur.getBaseType().toString();
            if (!BROAD_ANCESTORS.contains(ancestor) && !ancestor.equals(TypeInfo.base(a)) && isA(b, ancestor)) {
                return true;
            }
        }
        return false;
    }
}
