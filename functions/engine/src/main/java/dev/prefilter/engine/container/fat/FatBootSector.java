package dev.prefilter.engine.container.fat;

import dev.prefilter.engine.binary.Bytes;

/**
 * The BIOS parameter block of a FAT12/16/32 volume and the layout derived from it. The FAT type
 * follows from the cluster count, as the specification says, never from the label string.
 *
 * @param fatBits 12, 16 or 32
 * @param rootCluster FAT32 root directory cluster (0 on FAT12/16, whose root is a fixed region)
 */
public record FatBootSector(
        int fatBits,
        int bytesPerSector,
        int sectorsPerCluster,
        long fatOffset,
        long fatBytes,
        long rootDirOffset,
        long rootDirBytes,
        long dataOffset,
        long clusterCount,
        long rootCluster,
        long volumeBytes,
        String label) {

    public static final int SIZE = 512;

    public int clusterSize() {
        return bytesPerSector * sectorsPerCluster;
    }

    /** Byte offset of a data cluster (clusters are numbered from 2). */
    public long clusterOffset(long cluster) {
        return dataOffset + (cluster - 2) * clusterSize();
    }

    public boolean validCluster(long cluster) {
        return cluster >= 2 && cluster < clusterCount + 2;
    }

    /** Parses a boot sector, or returns null when these bytes are not a plausible FAT volume. */
    public static FatBootSector parse(byte[] b) {
        if (b.length < SIZE) {
            return null;
        }
        int jump = Bytes.u8(b, 0);
        if (jump != 0xEB && jump != 0xE9) {
            return null;
        }
        int bps = Bytes.u16le(b, 11);
        int spc = Bytes.u8(b, 13);
        int reserved = Bytes.u16le(b, 14);
        int fats = Bytes.u8(b, 16);
        int rootEntries = Bytes.u16le(b, 17);
        long total = Bytes.u16le(b, 19);
        int media = Bytes.u8(b, 21);
        long fatSectors = Bytes.u16le(b, 22);
        if (total == 0) {
            total = Bytes.u32le(b, 32);
        }
        boolean fat32Layout = fatSectors == 0;
        if (fat32Layout) {
            fatSectors = Bytes.u32le(b, 36);
        }
        if (bps != 512 && bps != 1024 && bps != 2048 && bps != 4096) return null;
        if (spc == 0 || Integer.bitCount(spc) != 1) return null;
        if (reserved == 0 || fats == 0 || fats > 4 || total == 0 || fatSectors == 0) return null;
        if (media != 0xF0 && media < 0xF8) return null;
        long rootDirSectors = ((long) rootEntries * 32 + bps - 1) / bps;
        long metaSectors = reserved + fats * fatSectors + rootDirSectors;
        if (metaSectors >= total) return null;
        long clusters = (total - metaSectors) / spc;
        int bits = clusters < 4085 ? 12 : clusters < 65525 ? 16 : 32;
        if (bits == 32 && (!fat32Layout || rootEntries != 0)) return null;
        if (bits != 32 && rootEntries == 0) return null;
        // the FAT must have an entry for every cluster
        long entriesNeeded = clusters + 2;
        long fatBytes = fatSectors * bps;
        if (entriesNeeded * bits > fatBytes * 8) return null;
        long rootCluster = bits == 32 ? Bytes.u32le(b, 44) & 0x0FFFFFFFL : 0;
        int labelAt = bits == 32 ? 71 : 43;
        int signatureAt = bits == 32 ? 66 : 38;
        String label = (b[signatureAt] == 0x29) ? Bytes.ascii(b, labelAt, 11) : "";
        return new FatBootSector(
                bits,
                bps,
                spc,
                (long) reserved * bps,
                fatBytes,
                (reserved + fats * fatSectors) * bps,
                rootDirSectors * bps,
                metaSectors * bps,
                clusters,
                rootCluster,
                total * bps,
                label);
    }
}
