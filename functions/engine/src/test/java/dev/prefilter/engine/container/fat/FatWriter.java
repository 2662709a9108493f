package dev.prefilter.engine.container.fat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds FAT12/16/32 volumes for tests: directories and files by path, VFAT long names where a
 * name is not a plain 8.3 name (lower-case 8.3 names use the NT case flags instead, as Windows
 * does), optional hidden attribute, optional backwards ("fragmented") cluster allocation, and MBR
 * or GPT wrappers. Records each file's first cluster so tests can damage chains.
 */
public final class FatWriter {

    private static final int BPS = 512;

    private final int bits;
    private final long totalSectors;
    private final int sectorsPerCluster;
    private final int reserved;
    private final int rootEntries;
    private final int media;
    private boolean fragmented;
    private final Dir root = new Dir("", null);
    /** path → first cluster, filled by {@link #build()}. */
    public final Map<String, Integer> firstClusters = new LinkedHashMap<>();
    /** path → byte offset of the short directory entry in the volume, filled by {@link #build()}. */
    public final Map<String, Integer> entryOffsets = new LinkedHashMap<>();

    private long fatSectors;
    private int clusterSize;
    private long dataOffset;

    private static final class Dir {
        final String name;
        final Dir parent;
        final Map<String, Object> children = new LinkedHashMap<>();
        final Map<String, Integer> attributes = new HashMap<>();
        int firstCluster;
        int clusters;

        Dir(String name, Dir parent) {
            this.name = name;
            this.parent = parent;
        }
    }

    private FatWriter(int bits, long totalSectors, int sectorsPerCluster, int reserved, int rootEntries, int media) {
        this.bits = bits;
        this.totalSectors = totalSectors;
        this.sectorsPerCluster = sectorsPerCluster;
        this.reserved = reserved;
        this.rootEntries = rootEntries;
        this.media = media;
    }

    /** A 1.44 MB floppy: 2880 sectors, 224 root entries, 9-sector FATs. */
    public static FatWriter fat12Floppy() {
        return new FatWriter(12, 2880, 1, 1, 224, 0xF0);
    }

    public static FatWriter fat16() {
        return new FatWriter(16, 16384, 1, 1, 512, 0xF8);
    }

    /** A FAT16 volume with the given size and cluster size, in sectors. */
    public static FatWriter fat16(long totalSectors, int sectorsPerCluster) {
        return new FatWriter(16, totalSectors, sectorsPerCluster, 1, 512, 0xF8);
    }

    /** The smallest FAT32 with 512-byte clusters: about 35 MB. */
    public static FatWriter fat32() {
        return new FatWriter(32, 70000, 1, 32, 0, 0xF8);
    }

    public FatWriter fragmented() {
        this.fragmented = true;
        return this;
    }

    public FatWriter add(String path, byte[] data) {
        return add(path, data, 0x20);
    }

    public FatWriter add(String path, String text) {
        return add(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public FatWriter addHidden(String path, byte[] data) {
        return add(path, data, 0x22);
    }

    private FatWriter add(String path, byte[] data, int attributes) {
        String[] parts = path.split("/");
        Dir dir = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Dir d = dir;
            dir = (Dir) dir.children.computeIfAbsent(parts[i], n -> new Dir(n, d));
        }
        dir.children.put(parts[parts.length - 1], data);
        dir.attributes.put(parts[parts.length - 1], attributes);
        return this;
    }

    public byte[] build() {
        long rootDirSectors = ((long) rootEntries * 32 + BPS - 1) / BPS;
        fatSectors = ((totalSectors / sectorsPerCluster + 2) * bits / 8 + BPS - 1) / BPS;
        long clusterCount = (totalSectors - reserved - 2 * fatSectors - rootDirSectors) / sectorsPerCluster;
        clusterSize = BPS * sectorsPerCluster;
        dataOffset = (reserved + 2 * fatSectors + rootDirSectors) * BPS;
        byte[] volume = new byte[(int) (totalSectors * BPS)];
        long[] fat = new long[(int) clusterCount + 2];
        fat[0] = 0x0FFFFF00L | media;
        fat[1] = 0x0FFFFFFFL;
        List<Integer> free = new ArrayList<>();
        for (int c = 2; c < clusterCount + 2; c++) {
            free.add(c);
        }
        if (fragmented) {
            java.util.Collections.reverse(free);
        }
        allocateDirectories(root, fat, free);
        writeDirectory(volume, root, "", fat, free);
        bootSector(volume, clusterCount);
        writeFat(volume, fat);
        return volume;
    }

    private void allocateDirectories(Dir dir, long[] fat, List<Integer> free) {
        if (dir != root || bits == 32) {
            int bytes = (2 + slotCount(dir)) * 32;
            dir.clusters = Math.max(1, (bytes + clusterSize - 1) / clusterSize);
            dir.firstCluster = chain(fat, free, dir.clusters);
        }
        for (Object child : dir.children.values()) {
            if (child instanceof Dir sub) {
                allocateDirectories(sub, fat, free);
            }
        }
    }

    private int slotCount(Dir dir) {
        int slots = 0;
        for (String name : dir.children.keySet()) {
            slots += 1 + (ShortNames.needsLongName(name) ? (name.length() + 12) / 13 : 0);
        }
        return slots;
    }

    private static int chain(long[] fat, List<Integer> free, int count) {
        int first = free.get(0);
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int c = free.remove(0);
            if (previous >= 0) {
                fat[previous] = c;
            }
            previous = c;
        }
        fat[previous] = 0x0FFFFFFFL;
        return first;
    }

    private void writeDirectory(byte[] volume, Dir dir, String path, long[] fat, List<Integer> free) {
        List<byte[]> slots = new ArrayList<>();
        if (dir != root) {
            slots.add(
                    ShortNames.entry(".          ".getBytes(StandardCharsets.US_ASCII), 0x10, 0, dir.firstCluster, 0));
            slots.add(ShortNames.entry(
                    "..         ".getBytes(StandardCharsets.US_ASCII),
                    0x10,
                    0,
                    dir.parent == root && bits != 32 ? 0 : dir.parent.firstCluster,
                    0));
        }
        List<String> used = new ArrayList<>();
        Map<String, Integer> shortSlot = new HashMap<>();
        for (Map.Entry<String, Object> e : dir.children.entrySet()) {
            String name = e.getKey();
            byte[] shortName = ShortNames.shortName(name, used);
            int caseFlags = ShortNames.caseFlags(name);
            int cluster;
            int size;
            int attributes;
            String childPath = path.isEmpty() ? name : path + "/" + name;
            if (e.getValue() instanceof Dir sub) {
                cluster = sub.firstCluster;
                size = 0;
                attributes = 0x10;
            } else {
                byte[] data = (byte[]) e.getValue();
                size = data.length;
                attributes = dir.attributes.get(name);
                cluster = size == 0 ? 0 : chain(fat, free, (size + clusterSize - 1) / clusterSize);
                writeChain(volume, fat, cluster, data);
                firstClusters.put(childPath, cluster);
            }
            if (ShortNames.needsLongName(name)) {
                slots.addAll(ShortNames.longNameSlots(name, ShortNames.checksum(shortName)));
            }
            shortSlot.put(childPath, slots.size());
            slots.add(ShortNames.entry(shortName, attributes, caseFlags, cluster, size));
        }
        byte[] bytes = new byte[Math.max(slots.size() * 32, 32)];
        for (int i = 0; i < slots.size(); i++) {
            System.arraycopy(slots.get(i), 0, bytes, i * 32, 32);
        }
        if (dir == root && bits != 32) {
            int at = (int) ((reserved + 2 * fatSectors) * BPS);
            System.arraycopy(bytes, 0, volume, at, Math.min(bytes.length, rootEntries * 32));
            shortSlot.forEach((p, slot) -> entryOffsets.put(p, at + slot * 32));
        } else {
            writeChain(volume, fat, dir.firstCluster, bytes);
            shortSlot.forEach((p, slot) -> entryOffsets.put(p, offsetInChain(fat, dir.firstCluster, slot * 32)));
        }
        for (Map.Entry<String, Object> e : dir.children.entrySet()) {
            if (e.getValue() instanceof Dir sub) {
                writeDirectory(volume, sub, path.isEmpty() ? e.getKey() : path + "/" + e.getKey(), fat, free);
            }
        }
    }

    private void writeChain(byte[] volume, long[] fat, int cluster, byte[] data) {
        int written = 0;
        while (written < data.length) {
            int n = Math.min(clusterSize, data.length - written);
            System.arraycopy(data, written, volume, (int) clusterOffset(cluster), n);
            written += n;
            if (written < data.length) {
                cluster = (int) fat[cluster];
            }
        }
    }

    private int offsetInChain(long[] fat, int cluster, int offset) {
        while (offset >= clusterSize) {
            cluster = (int) fat[cluster];
            offset -= clusterSize;
        }
        return (int) clusterOffset(cluster) + offset;
    }

    public long clusterOffset(int cluster) {
        return dataOffset + (long) (cluster - 2) * clusterSize;
    }

    /** Byte offset of the FAT entry of {@code cluster} in the first FAT (FAT16/32 only). */
    public int fatEntryOffset(int cluster) {
        return reserved * BPS + cluster * bits / 8;
    }

    private void writeFat(byte[] volume, long[] fat) {
        for (int copy = 0; copy < 2; copy++) {
            int base = (int) ((reserved + copy * fatSectors) * BPS);
            for (int c = 0; c < fat.length; c++) {
                long v = fat[c];
                switch (bits) {
                    case 12 -> {
                        int at = base + c + c / 2;
                        int value = (int) (v & 0xFFF);
                        if ((c & 1) == 0) {
                            volume[at] = (byte) value;
                            volume[at + 1] = (byte) ((volume[at + 1] & 0xF0) | (value >>> 8));
                        } else {
                            volume[at] = (byte) ((volume[at] & 0x0F) | (value << 4));
                            volume[at + 1] = (byte) (value >>> 4);
                        }
                    }
                    case 16 -> le(volume, base + c * 2, v & 0xFFFF, 2);
                    default -> le(volume, base + c * 4, v & 0x0FFFFFFFL, 4);
                }
            }
        }
    }

    /** Points the FAT entry of {@code cluster} (both copies) at {@code next}: FAT16 and FAT32 only. */
    public void setFatEntry(byte[] volume, int cluster, long next) {
        for (int copy = 0; copy < 2; copy++) {
            int base = (int) ((reserved + copy * fatSectors) * BPS);
            le(volume, base + cluster * bits / 8, next, bits / 8);
        }
    }

    private void bootSector(byte[] v, long clusterCount) {
        v[0] = (byte) 0xEB;
        v[1] = 0x3C;
        v[2] = (byte) 0x90;
        ascii(v, 3, "MSDOS5.0");
        le(v, 11, BPS, 2);
        v[13] = (byte) sectorsPerCluster;
        le(v, 14, reserved, 2);
        v[16] = 2;
        le(v, 17, rootEntries, 2);
        if (totalSectors < 65536) {
            le(v, 19, totalSectors, 2);
        } else {
            le(v, 32, totalSectors, 4);
        }
        v[21] = (byte) media;
        le(v, 24, 18, 2);
        le(v, 26, 2, 2);
        if (bits == 32) {
            le(v, 36, fatSectors, 4);
            le(v, 44, root.firstCluster, 4);
            le(v, 48, 1, 2);
            le(v, 50, 6, 2);
            v[64] = (byte) 0x80;
            v[66] = 0x29;
            le(v, 67, 0x12345678L, 4);
            ascii(v, 71, "TESTVOL    ");
            ascii(v, 82, "FAT32   ");
        } else {
            le(v, 22, fatSectors, 2);
            v[36] = bits == 12 ? 0 : (byte) 0x80;
            v[38] = 0x29;
            le(v, 39, 0x12345678L, 4);
            ascii(v, 43, "TESTVOL    ");
            ascii(v, 54, bits == 12 ? "FAT12   " : "FAT16   ");
        }
        v[510] = 0x55;
        v[511] = (byte) 0xAA;
    }

    /** A disk with an MBR whose only partition holds {@code volume}. */
    public static byte[] inMbr(byte[] volume, int type, int startSector) {
        return inMbr(new byte[][] {volume}, new int[] {type}, startSector);
    }

    /** A disk with one MBR partition per volume, one after the other from {@code startSector}. */
    public static byte[] inMbr(byte[][] volumes, int[] types, int startSector) {
        long total = (long) startSector * BPS;
        for (byte[] v : volumes) {
            total += (v.length + BPS - 1) / BPS * BPS;
        }
        byte[] disk = new byte[(int) total];
        long sector = startSector;
        for (int i = 0; i < volumes.length; i++) {
            int e = 446 + i * 16;
            disk[e] = (byte) (i == 0 ? 0x80 : 0);
            disk[e + 4] = (byte) types[i];
            le(disk, e + 8, sector, 4);
            long sectors = (volumes[i].length + BPS - 1) / BPS;
            le(disk, e + 12, sectors, 4);
            System.arraycopy(volumes[i], 0, disk, (int) (sector * BPS), volumes[i].length);
            sector += sectors;
        }
        disk[510] = 0x55;
        disk[511] = (byte) 0xAA;
        return disk;
    }

    /** A disk with a protective MBR and a GPT whose only partition starts at LBA 2048. */
    public static byte[] inGpt(byte[] volume) {
        int start = 2048;
        byte[] disk = new byte[start * BPS + volume.length + 33 * BPS];
        disk[446 + 4] = (byte) 0xEE;
        le(disk, 446 + 8, 1, 4);
        le(disk, 446 + 12, disk.length / BPS - 1, 4);
        disk[510] = 0x55;
        disk[511] = (byte) 0xAA;
        int h = BPS;
        ascii(disk, h, "EFI PART");
        le(disk, h + 8, 0x00010000, 4);
        le(disk, h + 12, 92, 4);
        le(disk, h + 24, 1, 8);
        le(disk, h + 40, 34, 8);
        le(disk, h + 72, 2, 8);
        le(disk, h + 80, 128, 4);
        le(disk, h + 84, 128, 4);
        int e = 2 * BPS;
        byte[] basicData = {
            (byte) 0xA2,
            (byte) 0xA0,
            (byte) 0xD0,
            (byte) 0xEB,
            (byte) 0xE5,
            (byte) 0xB9,
            0x33,
            0x44,
            (byte) 0x87,
            (byte) 0xC0,
            0x68,
            (byte) 0xB6,
            (byte) 0xB7,
            0x26,
            (byte) 0x99,
            (byte) 0xC7
        };
        System.arraycopy(basicData, 0, disk, e, 16);
        disk[e + 16] = 1;
        le(disk, e + 32, start, 8);
        le(disk, e + 40, start + volume.length / BPS - 1, 8);
        byte[] name = "Basic data".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(name, 0, disk, e + 56, name.length);
        System.arraycopy(volume, 0, disk, start * BPS, volume.length);
        return disk;
    }

    /** A volume boot sector that says NTFS, as far as a probe looks. */
    public static byte[] ntfsVolume(int sectors) {
        byte[] v = new byte[sectors * BPS];
        v[0] = (byte) 0xEB;
        v[1] = 0x52;
        v[2] = (byte) 0x90;
        ascii(v, 3, "NTFS    ");
        le(v, 11, BPS, 2);
        v[13] = 8;
        v[510] = 0x55;
        v[511] = (byte) 0xAA;
        return v;
    }

    static void le(byte[] b, int at, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static void ascii(byte[] b, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, b, at, bytes.length);
    }

    /** 8.3 names, NT case flags and VFAT long-name slots. */
    static final class ShortNames {

        private ShortNames() {}

        static boolean plain83(String name) {
            int dot = name.lastIndexOf('.');
            String base = dot < 0 ? name : name.substring(0, dot);
            String ext = dot < 0 ? "" : name.substring(dot + 1);
            return !base.isEmpty()
                    && base.length() <= 8
                    && ext.length() <= 3
                    && name.indexOf('.') == dot
                    && (base + ext)
                            .chars()
                            .allMatch(c -> (c >= 'A' && c <= 'Z')
                                    || (c >= 'a' && c <= 'z')
                                    || (c >= '0' && c <= '9')
                                    || c == '_'
                                    || c == '-');
        }

        static boolean needsLongName(String name) {
            if (!plain83(name)) {
                return true;
            }
            int dot = name.lastIndexOf('.');
            String base = dot < 0 ? name : name.substring(0, dot);
            String ext = dot < 0 ? "" : name.substring(dot + 1);
            return !(sameCase(base) && sameCase(ext));
        }

        private static boolean sameCase(String s) {
            return s.equals(s.toUpperCase(Locale.ROOT)) || s.equals(s.toLowerCase(Locale.ROOT));
        }

        static int caseFlags(String name) {
            if (needsLongName(name)) {
                return 0;
            }
            int dot = name.lastIndexOf('.');
            String base = dot < 0 ? name : name.substring(0, dot);
            String ext = dot < 0 ? "" : name.substring(dot + 1);
            int flags = 0;
            if (!base.equals(base.toUpperCase(Locale.ROOT))) flags |= 0x08;
            if (!ext.isEmpty() && !ext.equals(ext.toUpperCase(Locale.ROOT))) flags |= 0x10;
            return flags;
        }

        static byte[] shortName(String name, List<String> used) {
            String base;
            String ext;
            if (!needsLongName(name)) {
                int dot = name.lastIndexOf('.');
                base = (dot < 0 ? name : name.substring(0, dot)).toUpperCase(Locale.ROOT);
                ext = (dot < 0 ? "" : name.substring(dot + 1)).toUpperCase(Locale.ROOT);
            } else {
                int dot = name.lastIndexOf('.');
                String b = alnum(dot <= 0 ? name : name.substring(0, dot));
                ext = alnum(dot <= 0 ? "" : name.substring(dot + 1));
                ext = ext.substring(0, Math.min(3, ext.length()));
                b = b.isEmpty() ? "FILE" : b.substring(0, Math.min(6, b.length()));
                int n = 1;
                while (used.contains(b + "~" + n + "." + ext)) {
                    n++;
                }
                base = b + "~" + n;
            }
            used.add(base + "." + ext);
            String padded = String.format("%-8s%-3s", base, ext);
            return padded.getBytes(StandardCharsets.US_ASCII);
        }

        private static String alnum(String s) {
            StringBuilder b = new StringBuilder();
            for (char c : s.toUpperCase(Locale.ROOT).toCharArray()) {
                if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                    b.append(c);
                }
            }
            return b.toString();
        }

        static int checksum(byte[] shortName) {
            int sum = 0;
            for (int i = 0; i < 11; i++) {
                sum = (((sum & 1) << 7) + (sum >> 1) + (shortName[i] & 0xff)) & 0xff;
            }
            return sum;
        }

        static byte[] entry(byte[] shortName, int attributes, int caseFlags, int cluster, int size) {
            byte[] e = new byte[32];
            System.arraycopy(shortName, 0, e, 0, 11);
            e[11] = (byte) attributes;
            e[12] = (byte) caseFlags;
            le(e, 20, cluster >>> 16, 2);
            le(e, 26, cluster & 0xFFFF, 2);
            le(e, 28, size, 4);
            return e;
        }

        static List<byte[]> longNameSlots(String name, int checksum) {
            char[] chars = name.toCharArray();
            int count = (chars.length + 12) / 13;
            char[] padded = new char[count * 13];
            java.util.Arrays.fill(padded, '\uFFFF');
            System.arraycopy(chars, 0, padded, 0, chars.length);
            if (chars.length < padded.length) {
                padded[chars.length] = 0;
            }
            int[] offsets = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};
            List<byte[]> slots = new ArrayList<>();
            for (int seq = count; seq >= 1; seq--) {
                byte[] e = new byte[32];
                e[0] = (byte) (seq | (seq == count ? 0x40 : 0));
                e[11] = 0x0F;
                e[13] = (byte) checksum;
                for (int i = 0; i < 13; i++) {
                    le(e, offsets[i], padded[(seq - 1) * 13 + i], 2);
                }
                slots.add(e);
            }
            return slots;
        }
    }
}
