package dev.prefilter.engine.office;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Builds Office test documents in code: VBA projects in MS-OVBA framing (a dir stream, module
 * streams with an optional p-code part, _VBA_PROJECT, PROJECT), Word/Excel Compound Files that
 * carry them, and OOXML packages.
 */
public final class MacroFixtures {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    /** One module: its source, and what the compiled part before the source holds (empty for none). */
    public record Module(String name, String source, boolean procedural, byte[] pcode) {
        public static Module standard(String name, String source) {
            return new Module(name, source, true, new byte[0]);
        }

        public static Module document(String name, String source) {
            return new Module(name, source, false, new byte[0]);
        }

        /** The module stream's performance cache (compiled code), e.g. from {@link PcodeFixtures.Module#build()}. */
        public Module withPcode(byte[] performanceCache) {
            return new Module(name, source, procedural, performanceCache);
        }
    }

    private MacroFixtures() {}

    /**
     * MS-OVBA compressed container: full 4096-byte chunks stored raw, the last chunk as a
     * compressed chunk of literal tokens only (valid for the decompressor, simple to write).
     */
    public static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x01);
        int pos = 0;
        while (data.length - pos >= 4096) {
            out.write(0xff);
            out.write(0x3f);
            out.write(data, pos, 4096);
            pos += 4096;
        }
        int rest = data.length - pos;
        if (rest > 0) {
            int size = 2 + (rest + 7) / 8 + rest;
            if (size > 4098)
                throw new IllegalArgumentException(
                        "test compressor: last chunk of " + rest + " bytes does not fit a literal chunk");
            int header = 0xB000 | (size - 3);
            out.write(header & 0xff);
            out.write(header >> 8);
            for (int i = 0; i < rest; i += 8) {
                out.write(0x00);
                out.write(data, pos + i, Math.min(8, rest - i));
            }
        }
        return out.toByteArray();
    }

    /** Writes {@code storage}/VBA (dir, modules, _VBA_PROJECT) and {@code storage}/PROJECT under {@code parent}. */
    public static void vbaStorage(DirectoryEntry parent, String storage, List<Module> modules, byte[] vbaProject)
            throws IOException {
        DirectoryEntry root = storage.isEmpty() ? parent : parent.createDirectory(storage);
        DirectoryEntry vba = root.createDirectory("VBA");
        vba.createDocument("dir", new ByteArrayInputStream(compress(dirStream(modules))));
        for (Module m : modules) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.write(m.pcode());
            stream.write(compress(("Attribute VB_Name = \"" + m.name() + "\"\r\n" + m.source()).getBytes(CP1252)));
            vba.createDocument(m.name(), new ByteArrayInputStream(stream.toByteArray()));
        }
        vba.createDocument("_VBA_PROJECT", new ByteArrayInputStream(vbaProject));
        StringBuilder project = new StringBuilder("ID=\"{00000000-0000-0000-0000-000000000000}\"\r\n");
        for (Module m : modules)
            project.append(m.procedural() ? "Module=" : "Document=")
                    .append(m.name())
                    .append(m.procedural() ? "" : "/&H00000000")
                    .append("\r\n");
        root.createDocument(
                "PROJECT", new ByteArrayInputStream(project.toString().getBytes(CP1252)));
    }

    /** The dir stream (MS-OVBA 2.3.4.2) with the records a reader needs, in Office's order. */
    public static byte[] dirStream(List<Module> modules) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        record(d, 0x0001, le32(1));
        record(d, 0x0002, le32(0x409));
        record(d, 0x0014, le32(0x409));
        record(d, 0x0003, le16(1252));
        record(d, 0x0004, "VBAProject".getBytes(CP1252));
        record(d, 0x0005, new byte[0]);
        record(d, 0x0040, new byte[0]);
        record(d, 0x0006, new byte[0]);
        record(d, 0x003D, new byte[0]);
        record(d, 0x0007, le32(0));
        record(d, 0x0008, le32(0));
        // PROJECTVERSION: the size field says 4, six bytes follow
        d.writeBytes(le16(0x0009));
        d.writeBytes(le32(4));
        d.writeBytes(le32(1));
        d.writeBytes(le16(1));
        record(d, 0x000C, new byte[0]);
        record(d, 0x003C, new byte[0]);
        record(d, 0x000F, le16(modules.size()));
        record(d, 0x0013, le16(0xffff));
        for (Module m : modules) {
            record(d, 0x0019, m.name().getBytes(CP1252));
            record(d, 0x0047, m.name().getBytes(StandardCharsets.UTF_16LE));
            record(d, 0x001A, m.name().getBytes(CP1252));
            record(d, 0x0032, m.name().getBytes(StandardCharsets.UTF_16LE));
            record(d, 0x001C, new byte[0]);
            record(d, 0x0048, new byte[0]);
            record(d, 0x0031, le32(m.pcode().length));
            record(d, 0x001E, le32(0));
            record(d, 0x002C, le16(0xffff));
            record(d, m.procedural() ? 0x0021 : 0x0022, new byte[0]);
            record(d, 0x002B, new byte[0]);
        }
        record(d, 0x0010, new byte[0]);
        return d.toByteArray();
    }

    public static byte[] vbaProjectBin(List<Module> modules, byte[] vbaProject) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            vbaStorage(fs.getRoot(), "", modules, vbaProject);
            return bytes(fs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Word 97-2003 document: a (blank) WordDocument stream and the project in Macros. */
    public static byte[] doc(List<Module> modules) {
        return doc(modules, new byte[] {(byte) 0xCC, 0x61, (byte) 0xFF, (byte) 0xFF, 0x00});
    }

    /** The same with the project's {@code _VBA_PROJECT} stream (its compiled identifier table). */
    public static byte[] doc(List<Module> modules, byte[] vbaProject) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            byte[] fib = new byte[1024];
            fib[0] = (byte) 0xEC;
            fib[1] = (byte) 0xA5;
            fs.createDocument(new ByteArrayInputStream(fib), "WordDocument");
            fs.createDocument(new ByteArrayInputStream(new byte[512]), "1Table");
            if (modules != null) vbaStorage(fs.getRoot(), "Macros", modules, vbaProject);
            return bytes(fs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(POIFSFileSystem fs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fs.writeFilesystem(out);
        return out.toByteArray();
    }

    /** A Word macro-enabled package; {@code vbaProjectBin} null for a .docm without a project. */
    public static byte[] docm(byte[] vbaProjectBin) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        String types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" "
                + "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                + "<Override PartName=\"/word/document.xml\" "
                + "ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/>"
                + "</Types>";
        parts.put("[Content_Types].xml", types.getBytes(StandardCharsets.UTF_8));
        parts.put(
                "_rels/.rels",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                                + "<Relationships "
                                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                + "<Relationship Id=\"rId1\" "
                                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                + "officeDocument\" "
                                + "Target=\"word/document.xml\"/>"
                                + "</Relationships>")
                        .getBytes(StandardCharsets.UTF_8));
        parts.put(
                "word/document.xml",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                                + "<w:document "
                                + "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                                + "<w:body><w:p><w:r><w:t>Invoice</w:t></w:r></w:p></w:body></w:document>")
                        .getBytes(StandardCharsets.UTF_8));
        if (vbaProjectBin != null) {
            parts.put(
                    "word/_rels/document.xml.rels",
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                                    + "<Relationships "
                                    + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                    + "<Relationship Id=\"rId9\" "
                                    + "Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" "
                                    + "Target=\"vbaProject.bin\"/>"
                                    + "</Relationships>")
                            .getBytes(StandardCharsets.UTF_8));
            parts.put("word/vbaProject.bin", vbaProjectBin);
        }
        return zip(parts);
    }

    public static byte[] zip(Map<String, byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> p : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(p.getKey()));
                zip.write(p.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void record(ByteArrayOutputStream d, int id, byte[] data) {
        d.writeBytes(le16(id));
        d.writeBytes(le32(data.length));
        d.writeBytes(data);
    }

    public static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    public static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }
}
