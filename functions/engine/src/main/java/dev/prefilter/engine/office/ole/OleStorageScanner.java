package dev.prefilter.engine.office.ole;

import dev.prefilter.engine.office.Ole2Files;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.EntryUtils;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Walks the storages of an OLE2 file and lists the objects in it: packages in
 * {@code \u0001Ole10Native} streams, documents stored as objects, Equation Editor objects and
 * linked objects. Storages that hold a document are listed, not entered: the engine analyses the
 * extracted document as a node of its own. VBA storages are left to the macro analyzers.
 */
public final class OleStorageScanner {

    private static final String NATIVE = "\u0001Ole10Native";
    private static final String OLE = "\u0001Ole";
    private static final String COMP_OBJ = "\u0001CompObj";
    private static final String EQUATION_NATIVE = "Equation Native";
    /** Storages of the document's own: macro projects, and Publisher's Quill (its text and layout, a CONTENTS stream). */
    private static final Set<String> NOT_OBJECTS = Set.of("macros", "_vba_project_cur", "vba", "_vba_project", "quill");

    private static final int MAX_OBJECTS = 1_000;

    private final long maxBytes;
    private final Runnable checkTime;

    /**
     * @param maxBytes largest stream or storage read into memory; larger ones become {@link OleObject.Oversized}
     * @param checkTime called between storages (throws when the scan's time is spent)
     */
    public OleStorageScanner(long maxBytes, Runnable checkTime) {
        this.maxBytes = maxBytes;
        this.checkTime = checkTime;
    }

    /**
     * Objects inside a document (Word, Excel, Visio…): the root is the document and is not itself
     * an object. Objects are added to {@code found} as they are read, so that what came before a
     * damaged storage is kept when reading fails.
     */
    public void scanDocument(DirectoryNode root, List<OleObject> found) throws IOException {
        walkChildren(root, "", found);
    }

    /**
     * Objects inside an OLE2 file that is itself one object (an OOXML {@code oleObject.bin}, a
     * PowerPoint object, RTF object data). When the root is a document, {@code original} (the
     * file's own bytes) is listed as that document.
     */
    public void scanObject(DirectoryNode root, String location, byte[] original, List<OleObject> found)
            throws IOException {
        String kind = documentKind(root);
        if (kind != null) {
            if (original != null) {
                found.add(new OleObject.EmbeddedDocument(location, kind, original));
            }
            return;
        }
        if (!objectsIn(root, location, found)) {
            walkChildren(root, location, found);
        }
    }

    /**
     * Objects in a blob that an object container holds (an OOXML embedding, a PowerPoint object,
     * RTF object data): an OLE2 file is scanned as one object; anything else is listed as a
     * document of kind {@code raw} for the engine to type.
     */
    public List<OleObject> scanBlob(String location, byte[] bytes) throws IOException {
        if (!isOle2(bytes)) {
            return List.of(new OleObject.EmbeddedDocument(location, "raw", bytes));
        }
        List<OleObject> found = new ArrayList<>();
        try (POIFSFileSystem fs = Ole2Files.open(bytes)) {
            scanObject(fs.getRoot(), location, bytes, found);
        }
        return found;
    }

    public static boolean isOle2(byte[] bytes) {
        return bytes.length >= 8
                && (bytes[0] & 0xff) == 0xD0
                && (bytes[1] & 0xff) == 0xCF
                && (bytes[2] & 0xff) == 0x11
                && (bytes[3] & 0xff) == 0xE0
                && (bytes[4] & 0xff) == 0xA1
                && (bytes[5] & 0xff) == 0xB1
                && (bytes[6] & 0xff) == 0x1A
                && (bytes[7] & 0xff) == 0xE1;
    }

    private void walkChildren(DirectoryNode dir, String path, List<OleObject> found) throws IOException {
        for (Entry entry : dir) {
            if (found.size() >= MAX_OBJECTS) {
                if (found.stream().noneMatch(o -> o instanceof OleObject.CountLimit)) {
                    found.add(new OleObject.CountLimit(path, MAX_OBJECTS));
                }
                return;
            }
            if (!(entry instanceof DirectoryNode child)
                    || NOT_OBJECTS.contains(child.getName().toLowerCase(Locale.ROOT))) {
                continue;
            }
            checkTime.run();
            String location = path.isEmpty() ? child.getName() : path + "/" + child.getName();
            String kind = documentKind(child);
            if (kind != null) {
                found.add(document(child, location, kind));
            } else if (!objectsIn(child, location, found)) {
                walkChildren(child, location, found);
            }
        }
    }

    /** Adds the objects a storage itself holds; returns whether it was an object storage. */
    private boolean objectsIn(DirectoryNode storage, String location, List<OleObject> found) throws IOException {
        boolean object = false;
        String equation = equationEvidence(storage);
        if (storage.hasEntryCaseInsensitive(NATIVE)) {
            object = true;
            found.add(nativeObject(storage, location, equation != null));
        }
        if (equation != null) {
            object = true;
            found.add(new OleObject.EquationEditor(location, equation));
        }
        if (storage.hasEntryCaseInsensitive(OLE)) {
            byte[] ole = readSmall(storage, OLE, 64 * 1024);
            OleObject.LinkedObject link = ole == null ? null : OleLinkReader.read(location, ole);
            if (link != null) {
                object = true;
                found.add(link);
            }
        }
        return object;
    }

    /**
     * The {@code Ole10Native} stream of an object storage. An Equation Editor object keeps its
     * equation there (MTEF data, which can start like a package header): it is a package only when it
     * reads as one, and raw data otherwise, not a damaged package.
     */
    private OleObject nativeObject(DirectoryNode storage, String location, boolean equation) throws IOException {
        DocumentEntry entry = (DocumentEntry) storage.getEntryCaseInsensitive(NATIVE);
        if (entry.getSize() > maxBytes) {
            return new OleObject.Oversized(location, entry.getSize(), maxBytes);
        }
        byte[] data = read(entry);
        if (!OlePackageParser.looksLikePackage(data, true)) {
            int skip = Math.min(4, data.length);
            return new OleObject.NativeData(location, java.util.Arrays.copyOfRange(data, skip, data.length));
        }
        try {
            return new OleObject.PackageObject(location, OlePackageParser.parse(data, true));
        } catch (MalformedObjectException e) {
            if (equation) {
                return new OleObject.NativeData(
                        location, java.util.Arrays.copyOfRange(data, Math.min(4, data.length), data.length));
            }
            return new OleObject.MalformedPackage(location, e.getMessage(), data);
        }
    }

    private OleObject document(DirectoryNode storage, String location, String kind) throws IOException {
        String stream = switch (kind) {
            case "ooxml" -> "Package";
            case "odf" -> "EmbeddedOdf";
            case "contents" -> "CONTENTS";
            default -> null;
        };
        if (stream != null) {
            DocumentEntry entry = (DocumentEntry) storage.getEntryCaseInsensitive(stream);
            if (entry.getSize() > maxBytes) {
                return new OleObject.Oversized(location, entry.getSize(), maxBytes);
            }
            return new OleObject.EmbeddedDocument(location, kind, read(entry));
        }
        long size = storageSize(storage);
        if (size > maxBytes) {
            return new OleObject.Oversized(location, size, maxBytes);
        }
        try (POIFSFileSystem copy = new POIFSFileSystem()) {
            EntryUtils.copyNodes(storage, copy.getRoot());
            copy.getRoot().setStorageClsid(storage.getStorageClsid());
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size + 4096, Integer.MAX_VALUE - 8));
            copy.writeFilesystem(out);
            return new OleObject.EmbeddedDocument(location, kind, out.toByteArray());
        }
    }

    /** What kind of document a storage holds, by the streams Office writes for it; null when none. */
    static String documentKind(DirectoryEntry storage) {
        if (storage.hasEntryCaseInsensitive("WordDocument")) return "word";
        if (storage.hasEntryCaseInsensitive("Workbook") || storage.hasEntryCaseInsensitive("Book")) return "excel";
        if (storage.hasEntryCaseInsensitive("PowerPoint Document")) return "powerpoint";
        if (storage.hasEntryCaseInsensitive("VisioDocument")) return "visio";
        if (isStream(storage, "Package")) return "ooxml";
        if (isStream(storage, "EmbeddedOdf")) return "odf";
        if (isStream(storage, "CONTENTS")) return "contents";
        return null;
    }

    private static boolean isStream(DirectoryEntry storage, String name) {
        try {
            return storage.hasEntryCaseInsensitive(name)
                    && storage.getEntryCaseInsensitive(name) instanceof DocumentEntry;
        } catch (java.io.FileNotFoundException e) {
            return false;
        }
    }

    /** Why a storage is an Equation Editor 3.0 object: its class id or the ProgID in its CompObj stream. */
    private String equationEvidence(DirectoryNode storage) throws IOException {
        if (OleClassIds.EQUATION_3.equals(OleClassIds.text(storage.getStorageClsid()))) {
            return "class id " + OleClassIds.EQUATION_3;
        }
        if (storage.hasEntryCaseInsensitive(COMP_OBJ)) {
            byte[] compObj = readSmall(storage, COMP_OBJ, 8 * 1024);
            if (compObj != null && new String(compObj, StandardCharsets.ISO_8859_1).contains("Equation.3")) {
                return "ProgID Equation.3";
            }
        }
        if (storage.hasEntryCaseInsensitive(EQUATION_NATIVE)
                && OleClassIds.text(storage.getStorageClsid()).equals("{00000000-0000-0000-0000-000000000000}")) {
            return "Equation Native stream without a class id";
        }
        return null;
    }

    private byte[] readSmall(DirectoryNode storage, String name, int max) throws IOException {
        Entry e = storage.getEntryCaseInsensitive(name);
        if (!(e instanceof DocumentEntry doc) || doc.getSize() > max) {
            return null;
        }
        return read(doc);
    }

    private static byte[] read(DocumentEntry entry) throws IOException {
        try (InputStream in = new DocumentInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static long storageSize(DirectoryEntry storage) {
        long total = 0;
        for (Entry e : storage) {
            if (e instanceof DocumentEntry d) {
                total += d.getSize();
            } else if (e instanceof DirectoryEntry d) {
                total += storageSize(d);
            }
        }
        return total;
    }
}
