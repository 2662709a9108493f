package dev.prefilter.engine.office;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hpsf.ClassID;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.Ole10Native;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Builds the documents the Office tests scan, in code: OLE2 files with POI, OLE Packages with
 * POI's {@code Ole10Native} writer (and by hand for the "Command Line" form POI cannot write),
 * OOXML packages as zips, RTF strings with hex object data.
 */
public final class OfficeFixtures {

    private static final Charset ANSI = Charset.forName("windows-1252");

    /** Enough of a Windows shortcut for type detection: header size and the shell link class id. */
    public static final byte[] LNK = lnk();
    /** The start of a PE file: "MZ", the DOS stub pointer, "PE\0\0". */
    public static final byte[] EXE = exe();

    public static final byte[] TEXT =
            "This is the contents of a simple ascii text file.".getBytes(StandardCharsets.US_ASCII);

    private OfficeFixtures() {}

    private static byte[] lnk() {
        byte[] b = new byte[0x4c + 4];
        byte[] head = HexFormat.of().parseHex("4c0000000114020000000000c000000000000046");
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    private static byte[] exe() {
        byte[] b = new byte[512];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3c] = (byte) 0x80;
        b[0x80] = 'P';
        b[0x81] = 'E';
        b[0x84] = 0x4c;
        b[0x85] = 0x01;
        return b;
    }

    /** An {@code \u0001Ole10Native} stream written by POI: size prefix, names, data, then the Unicode names. */
    public static byte[] packageStream(String label, String sourcePath, String tempPath, byte[] data) {
        try {
            // The ANSI copies get '?' for what ASCII cannot say, as Windows writes them outside the
            // code page (POI writes these fields as UTF-8 with a character count, which only
            // agrees for ASCII); the Unicode copies carry the real names.
            Ole10Native n = new Ole10Native(ascii(label), ascii(sourcePath), ascii(tempPath), data);
            n.setLabel2(label);
            n.setFileName2(sourcePath);
            n.setCommand2(tempPath);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            n.writeOut(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ascii(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c < 0x80 ? (char) c : '?'));
        return out.toString();
    }

    /** A Packager "Command Line" object, laid out as Packager writes it (POI cannot write these). */
    public static byte[] commandPackageStream(String label, String iconSource, String command) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, 2);
        asciiz(body, label);
        asciiz(body, iconSource);
        u16(body, 0);
        u16(body, 1);
        u16(body, 1);
        asciiz(body, command);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** Package native data without the size prefix, as an OLE1 {@code Package} object carries it. */
    public static byte[] packageNativeData(String label, String sourcePath, String tempPath, byte[] data) {
        byte[] stream = packageStream(label, sourcePath, tempPath, data);
        byte[] out = new byte[stream.length - 4];
        System.arraycopy(stream, 4, out, 0, out.length);
        return out;
    }

    /** A Word 97 document shell (a WordDocument stream is what Tika and the scanner key on) with an object pool. */
    public static byte[] wordWithObjects(Map<String, byte[]> nativeStreamsByStorage) {
        return ole2(root -> {
            root.createDocument("WordDocument", new java.io.ByteArrayInputStream(new byte[512]));
            DirectoryEntry pool = root.createDirectory("ObjectPool");
            for (Map.Entry<String, byte[]> e : nativeStreamsByStorage.entrySet()) {
                DirectoryEntry storage = pool.createDirectory(e.getKey());
                storage.setStorageClsid(new ClassID("{0003000C-0000-0000-C000-000000000046}"));
                storage.createDocument("\u0001Ole10Native", new java.io.ByteArrayInputStream(e.getValue()));
            }
        });
    }

    /** Builds an OLE2 file from what {@code fill} puts under the root. */
    public static byte[] ole2(IoConsumer<DirectoryEntry> fill) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fill.accept(fs.getRoot());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A standalone object file (an OOXML {@code oleObject1.bin}): a Package storage at the root. */
    public static byte[] oleObjectBin(byte[] nativeStream) {
        return ole2(root -> {
            root.setStorageClsid(new ClassID("{0003000C-0000-0000-C000-000000000046}"));
            root.createDocument("\u0001Ole10Native", new java.io.ByteArrayInputStream(nativeStream));
        });
    }

    /** A zip with the given parts, in order. */
    public static byte[] zip(Map<String, byte[]> parts) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : parts.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal xlsx: workbook, one sheet with the given cell XML, and extra parts (external links…). */
    public static byte[] xlsx(String sheetData, Map<String, String> extraParts, String workbookRels) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/externalLinks/externalLink1.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>
                </Types>"""));
        parts.put("_rels/.rels", utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
                Target="xl/workbook.xml"/>
                </Relationships>"""));
        parts.put("xl/workbook.xml", utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
        parts.put("xl/_rels/workbook.xml.rels", utf8(workbookRels));
        parts.put("xl/worksheets/sheet1.xml", utf8("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                <sheetData>""" + sheetData + "</sheetData></worksheet>"));
        extraParts.forEach((k, v) -> parts.put(k, utf8(v)));
        return zip(parts);
    }

    public static String workbookRels(String... extraRelationships) {
        return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
                Target="worksheets/sheet1.xml"/>
                """ + String.join("\n", extraRelationships) + "</Relationships>";
    }

    /** An OLE 1.0 embedded object (ObjectHeader + native data), as RTF {@code \objdata} holds it. */
    public static byte[] ole1Embedded(String className, byte[] nativeData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 0x0501);
        u32(out, 2);
        lengthPrefixed(out, className);
        lengthPrefixed(out, "");
        lengthPrefixed(out, "");
        u32(out, nativeData.length);
        out.writeBytes(nativeData);
        return out.toByteArray();
    }

    /** An OLE 1.0 linked object: the topic is the link source. */
    public static byte[] ole1Linked(String className, String topic) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 0x0501);
        u32(out, 1);
        lengthPrefixed(out, className);
        lengthPrefixed(out, topic);
        lengthPrefixed(out, "");
        lengthPrefixed(out, "");
        u32(out, 0);
        u32(out, 1);
        return out.toByteArray();
    }

    /** Bytes as RTF object data: lower-case hex, a line break every 64 digits as Word writes it. */
    public static String hex(byte[] data) {
        String hex = HexFormat.of().formatHex(data);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 64) {
            out.append(hex, i, Math.min(hex.length(), i + 64)).append("\r\n");
        }
        return out.toString();
    }

    /** An {@code \u0001Ole} stream of a linked object whose source is a URL moniker. */
    public static byte[] oleLinkStream(String url, boolean alwaysUpdate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 0x02000001);
        u32(out, 1);
        u32(out, alwaysUpdate ? 1 : 3);
        u32(out, 0);
        u32(out, 0);
        ByteArrayOutputStream moniker = new ByteArrayOutputStream();
        moniker.writeBytes(HexFormat.of().parseHex("e0c9ea79f9bace118c8200aa004ba90b"));
        byte[] text = (url + "\0").getBytes(StandardCharsets.UTF_16LE);
        u32(moniker, text.length);
        moniker.writeBytes(text);
        u32(out, 0);
        u32(out, moniker.size());
        out.writeBytes(moniker.toByteArray());
        return out.toByteArray();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, String s) {
        byte[] b = (s + "\0").getBytes(ANSI);
        u32(out, b.length);
        out.writeBytes(b);
    }

    private static void asciiz(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(ANSI));
        out.write(0);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write(v >>> 8 & 0xff);
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    /** A consumer that may throw {@link IOException} (POI's writers do). */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
