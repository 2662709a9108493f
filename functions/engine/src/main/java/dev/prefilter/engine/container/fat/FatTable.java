package dev.prefilter.engine.container.fat;

import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;

/** Reads entries of the first FAT on demand, through a one-sector cache. */
final class FatTable {

    /** What a FAT entry says comes after a cluster. */
    static final long END = -1;

    static final long BROKEN = -2;

    private final ByteSource source;
    private final FatBootSector boot;
    private final byte[] cache;
    private long cachedAt = -1;

    FatTable(ByteSource source, FatBootSector boot) {
        this.source = source;
        this.boot = boot;
        this.cache = new byte[boot.bytesPerSector() * 2];
    }

    /** The next cluster of a chain, {@link #END} at its end, {@link #BROKEN} for free, bad or out-of-range entries. */
    long next(long cluster) throws IOException, ContainerFormatException {
        if (!boot.validCluster(cluster)) {
            return BROKEN;
        }
        long value;
        switch (boot.fatBits()) {
            case 12 -> {
                long at = cluster + cluster / 2;
                int raw = u16(at);
                value = (cluster & 1) == 0 ? raw & 0xFFF : raw >>> 4;
                if (value >= 0xFF8) return END;
                if (value == 0xFF7) return BROKEN;
            }
            case 16 -> {
                value = u16(cluster * 2);
                if (value >= 0xFFF8) return END;
                if (value == 0xFFF7) return BROKEN;
            }
            default -> {
                value = u32(cluster * 4) & 0x0FFFFFFFL;
                if (value >= 0x0FFFFFF8L) return END;
                if (value == 0x0FFFFFF7L) return BROKEN;
            }
        }
        return boot.validCluster(value) ? value : BROKEN;
    }

    private int u16(long offsetInFat) throws IOException, ContainerFormatException {
        return (byteAt(offsetInFat) & 0xff) | (byteAt(offsetInFat + 1) & 0xff) << 8;
    }

    private long u32(long offsetInFat) throws IOException, ContainerFormatException {
        return (u16(offsetInFat) & 0xffffL) | ((long) u16(offsetInFat + 2) & 0xffffL) << 16;
    }

    private byte byteAt(long offsetInFat) throws IOException, ContainerFormatException {
        if (offsetInFat >= boot.fatBytes()) {
            throw new ContainerFormatException(
                    "FAT entry at byte " + offsetInFat + " lies beyond the " + boot.fatBytes() + "-byte FAT");
        }
        long absolute = boot.fatOffset() + offsetInFat;
        if (cachedAt < 0 || absolute < cachedAt || absolute >= cachedAt + cache.length) {
            long start = absolute - absolute % boot.bytesPerSector();
            int n = (int) Math.min(cache.length, source.size() - start);
            if (n <= 0) {
                throw new ContainerFormatException("the FAT at offset " + absolute + " lies outside the image");
            }
            source.readFully(start, cache, 0, n);
            cachedAt = start;
            if (absolute >= start + n) {
                throw new ContainerFormatException("the FAT at offset " + absolute + " lies outside the image");
            }
        }
        return cache[(int) (absolute - cachedAt)];
    }
}
