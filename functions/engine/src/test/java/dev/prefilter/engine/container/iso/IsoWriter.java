package dev.prefilter.engine.container.iso;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds small ISO 9660 images for tests: a primary hierarchy with upper-case names, optionally a
 * Joliet hierarchy with the names as given, optionally the UDF recognition markers, and the file
 * data shared by both. Records where each directory record and extent went, so tests can damage them.
 */
public final class IsoWriter {

    static final int SECTOR = 2048;

    public static final class Node {
        final String name;
        final boolean directory;
        final byte[] data;
        final boolean hidden;
        final List<Node> children = new ArrayList<>();
        int dataSector;
        final Map<Boolean, Integer> dirSector = new HashMap<>();
        final Map<Boolean, Integer> dirSize = new HashMap<>();

        private Node(String name, boolean directory, byte[] data, boolean hidden) {
            this.name = name;
            this.directory = directory;
            this.data = data;
            this.hidden = hidden;
        }
    }

    public static Node dir(String name, Node... children) {
        Node n = new Node(name, true, null, false);
        n.children.addAll(Arrays.asList(children));
        return n;
    }

    public static Node file(String name, byte[] data) {
        return new Node(name, false, data, false);
    }

    public static Node hiddenFile(String name, byte[] data) {
        return new Node(name, false, data, true);
    }

    public static Node file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The image and where things are in it: "joliet:/A/B" or "primary:/A/B" → byte offset of the directory record. */
    public record Image(byte[] bytes, Map<String, Integer> records, int rootSectorPrimary, int rootSectorJoliet) {}

    private boolean joliet = true;
    private boolean primary = true;
    private boolean udfMarkers;

    public IsoWriter joliet(boolean value) {
        this.joliet = value;
        return this;
    }

    /** Without ISO 9660 descriptors at all: what a UDF-only image looks like to this reader. */
    public IsoWriter udfOnly() {
        this.primary = false;
        this.joliet = false;
        this.udfMarkers = true;
        return this;
    }

    public IsoWriter udfBridge() {
        this.udfMarkers = true;
        return this;
    }

    public Image build(Node root) {
        int sector = 16;
        int pvd = -1;
        int svd = -1;
        if (primary) {
            pvd = sector++;
        }
        if (joliet) {
            svd = sector++;
        }
        int terminator = primary ? sector++ : -1;
        int udfStart = -1;
        if (udfMarkers) {
            udfStart = sector;
            sector += 3;
        }
        sector = Math.max(sector, 20);
        if (primary) {
            sector = layoutDirectories(root, false, sector);
        }
        if (joliet) {
            sector = layoutDirectories(root, true, sector);
        }
        sector = layoutFiles(root, sector);
        int totalSectors = Math.max(sector, 24);
        byte[] image = new byte[totalSectors * SECTOR];
        Map<String, Integer> records = new LinkedHashMap<>();
        if (primary) {
            writeDescriptor(image, pvd, 1, root, false, totalSectors);
            writeDirectories(image, root, root, false, "primary:", records);
        }
        if (joliet) {
            writeDescriptor(image, svd, 2, root, true, totalSectors);
            writeDirectories(image, root, root, true, "joliet:", records);
        }
        if (terminator > 0) {
            int at = terminator * SECTOR;
            image[at] = (byte) 255;
            ascii(image, at + 1, "CD001");
            image[at + 6] = 1;
        }
        if (udfStart > 0) {
            String[] ids = {"BEA01", "NSR02", "TEA01"};
            for (int i = 0; i < 3; i++) {
                int at = (udfStart + i) * SECTOR;
                ascii(image, at + 1, ids[i]);
                image[at + 6] = 1;
            }
        }
        writeFiles(image, root);
        return new Image(
                image, records, primary ? root.dirSector.get(false) : -1, joliet ? root.dirSector.get(true) : -1);
    }

    private static int layoutDirectories(Node dir, boolean ucs2, int sector) {
        int size = directoryBytes(dir, ucs2);
        dir.dirSector.put(ucs2, sector);
        dir.dirSize.put(ucs2, size);
        sector += size / SECTOR;
        for (Node child : dir.children) {
            if (child.directory) {
                sector = layoutDirectories(child, ucs2, sector);
            }
        }
        return sector;
    }

    private static int layoutFiles(Node dir, int sector) {
        for (Node child : dir.children) {
            if (child.directory) {
                sector = layoutFiles(child, sector);
            } else {
                child.dataSector = sector;
                sector += Math.max(1, (child.data.length + SECTOR - 1) / SECTOR);
            }
        }
        return sector;
    }

    private static int directoryBytes(Node dir, boolean ucs2) {
        int used = 34 + 34;
        int sectors = 1;
        for (Node child : dir.children) {
            int length = recordLength(identifier(child, ucs2).length);
            if (used + length > SECTOR) {
                sectors++;
                used = 0;
            }
            used += length;
        }
        return sectors * SECTOR;
    }

    private static int recordLength(int nameLength) {
        int length = 33 + nameLength;
        return length + (length & 1);
    }

    static byte[] identifier(Node node, boolean ucs2) {
        String name = ucs2 ? node.name : node.name.toUpperCase(Locale.ROOT);
        if (!node.directory) {
            name = name + ";1";
        }
        return name.getBytes(ucs2 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
    }

    private static void writeDirectories(
            byte[] image, Node dir, Node parent, boolean ucs2, String path, Map<String, Integer> records) {
        int base = dir.dirSector.get(ucs2) * SECTOR;
        int p = base;
        p += writeRecord(image, p, dir.dirSector.get(ucs2), dir.dirSize.get(ucs2), 0x02, new byte[] {0});
        p += writeRecord(image, p, parent.dirSector.get(ucs2), parent.dirSize.get(ucs2), 0x02, new byte[] {1});
        for (Node child : dir.children) {
            byte[] id = identifier(child, ucs2);
            int length = recordLength(id.length);
            if ((p - base) % SECTOR + length > SECTOR) {
                p += SECTOR - (p - base) % SECTOR;
            }
            String childPath = path + "/" + child.name;
            records.put(childPath, p);
            if (child.directory) {
                p += writeRecord(image, p, child.dirSector.get(ucs2), child.dirSize.get(ucs2), 0x02, id);
            } else {
                p += writeRecord(image, p, child.dataSector, child.data.length, child.hidden ? 0x01 : 0, id);
            }
        }
        for (Node child : dir.children) {
            if (child.directory) {
                writeDirectories(image, child, dir, ucs2, path + "/" + child.name, records);
            }
        }
    }

    static int writeRecord(byte[] image, int at, int extent, int length, int flags, byte[] id) {
        int size = recordLength(id.length);
        image[at] = (byte) size;
        both32(image, at + 2, extent);
        both32(image, at + 10, length);
        image[at + 18] = 124; // 2024
        image[at + 19] = 1;
        image[at + 20] = 1;
        image[at + 25] = (byte) flags;
        both16(image, at + 28, 1);
        image[at + 32] = (byte) id.length;
        System.arraycopy(id, 0, image, at + 33, id.length);
        return size;
    }

    private static void writeDescriptor(byte[] image, int sector, int type, Node root, boolean ucs2, int totalSectors) {
        int at = sector * SECTOR;
        image[at] = (byte) type;
        ascii(image, at + 1, "CD001");
        image[at + 6] = 1;
        Arrays.fill(image, at + 8, at + 40, (byte) ' ');
        byte[] volumeId = ucs2
                ? pad("TEST VOLUME", 16).getBytes(StandardCharsets.UTF_16BE)
                : pad("TEST_VOLUME", 32).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(volumeId, 0, image, at + 40, 32);
        both32(image, at + 80, totalSectors);
        if (ucs2) {
            ascii(image, at + 88, "%/E");
        }
        both16(image, at + 120, 1);
        both16(image, at + 124, 1);
        both16(image, at + 128, SECTOR);
        writeRecord(image, at + 156, root.dirSector.get(ucs2), root.dirSize.get(ucs2), 0x02, new byte[] {0});
        image[at + 881] = 1;
    }

    private static void writeFiles(byte[] image, Node dir) {
        for (Node child : dir.children) {
            if (child.directory) {
                writeFiles(image, child);
            } else {
                System.arraycopy(child.data, 0, image, child.dataSector * SECTOR, child.data.length);
            }
        }
    }

    private static String pad(String s, int length) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < length) {
            b.append(' ');
        }
        return b.toString();
    }

    static void ascii(byte[] b, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, b, at, bytes.length);
    }

    static void both32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
            b[at + 7 - i] = (byte) (v >>> (8 * i));
        }
    }

    static void both16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Reads the extent field of the record at {@code at}. */
    static int extentOf(byte[] image, int at) {
        return (image[at + 2] & 0xff)
                | (image[at + 3] & 0xff) << 8
                | (image[at + 4] & 0xff) << 16
                | (image[at + 5] & 0xff) << 24;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
