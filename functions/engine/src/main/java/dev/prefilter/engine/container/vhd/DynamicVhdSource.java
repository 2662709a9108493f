package dev.prefilter.engine.container.vhd;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;
import java.util.Arrays;

/**
 * The virtual disk of a dynamic VHD: the block allocation table maps each block to a sector of
 * the file (after the block's sector bitmap); unallocated blocks read as zeros.
 */
public final class DynamicVhdSource implements ByteSource {

    private static final long UNALLOCATED = 0xFFFFFFFFL;
    private static final int MAX_TABLE_ENTRIES = 1 << 24;

    private final ByteSource file;
    private final long virtualSize;
    private final long blockSize;
    private final long bitmapBytes;
    private final long tableOffset;
    private final long blocks;
    private final byte[] tableCache = new byte[512];
    private long cachedAt = -1;

    private DynamicVhdSource(ByteSource file, long virtualSize, long blockSize, long tableOffset, long blocks) {
        this.file = file;
        this.virtualSize = virtualSize;
        this.blockSize = blockSize;
        long bitmap = (blockSize / 512 + 7) / 8;
        this.bitmapBytes = (bitmap + 511) / 512 * 512;
        this.tableOffset = tableOffset;
        this.blocks = blocks;
    }

    public static DynamicVhdSource open(ByteSource file, VhdFooter footer)
            throws IOException, ContainerFormatException {
        long at = footer.dataOffset();
        file.checkRange(at, 1024, "the dynamic disk header");
        byte[] header = file.read(at, 1024);
        if (!Bytes.startsWith(header, 0, "cxsparse")) {
            throw new ContainerFormatException("no dynamic disk header (cxsparse) at offset " + at);
        }
        long tableOffset = Bytes.u64be(header, 16);
        long entries = Bytes.u32be(header, 28);
        long blockSize = Bytes.u32be(header, 32);
        if (blockSize < 512 || blockSize > (256L << 20) || Long.bitCount(blockSize) != 1) {
            throw new ContainerFormatException("dynamic VHD block size of " + blockSize + " bytes");
        }
        long needed = (footer.currentSize() + blockSize - 1) / blockSize;
        if (entries > MAX_TABLE_ENTRIES || needed > MAX_TABLE_ENTRIES) {
            throw new ContainerFormatException(
                    "a block table of " + Math.max(entries, needed) + " entries is more than this reader allows");
        }
        if (entries < needed) {
            throw new ContainerFormatException(
                    "the block table has " + entries + " entries for a disk that needs " + needed);
        }
        file.checkRange(tableOffset, needed * 4, "the block allocation table");
        return new DynamicVhdSource(file, footer.currentSize(), blockSize, tableOffset, needed);
    }

    /** The table entry of a block: the file sector where it starts, or {@link #UNALLOCATED}. */
    private long entry(long block) throws IOException, ContainerFormatException {
        long at = tableOffset + block * 4;
        if (cachedAt < 0 || at < cachedAt || at + 4 > cachedAt + tableCache.length) {
            long start = tableOffset + (block * 4) / tableCache.length * tableCache.length;
            int n = (int) Math.min(tableCache.length, tableOffset + blocks * 4 - start);
            file.readFully(start, tableCache, 0, n);
            cachedAt = start;
        }
        return Bytes.u32be(tableCache, (int) (at - cachedAt));
    }

    @Override
    public long size() {
        return virtualSize;
    }

    /** Blocks that hold data in the file. */
    public long allocatedBlocks() throws IOException, ContainerFormatException {
        long allocated = 0;
        for (long b = 0; b < blocks; b++) {
            if (entry(b) != UNALLOCATED) {
                allocated++;
            }
        }
        return allocated;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length)
            throws IOException, ContainerFormatException {
        checkRange(position, length, "read");
        while (length > 0) {
            long block = position / blockSize;
            long inBlock = position % blockSize;
            int n = (int) Math.min(length, blockSize - inBlock);
            long entry = entry(block);
            if (entry == UNALLOCATED) {
                Arrays.fill(buffer, offset, offset + n, (byte) 0);
            } else {
                long physical = entry * 512 + bitmapBytes + inBlock;
                if (!file.contains(physical, n)) {
                    throw new ContainerFormatException("block " + block + " of the dynamic VHD lies outside the file");
                }
                file.readFully(physical, buffer, offset, n);
            }
            position += n;
            offset += n;
            length -= n;
        }
    }
}
