package dev.prefilter.engine.container.vhd;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The virtual disk of a VHDX file ([MS-VHDX]): the current header (highest sequence number with a
 * valid CRC-32C), the region table, the metadata items (block size, disk size, sector size, parent
 * flag) and the block allocation table, whose payload entries are interleaved with sector-bitmap
 * entries every "chunk ratio" blocks. Blocks not fully present read as zeros.
 */
public final class VhdxSource implements ByteSource {

    private static final long KB64 = 64 * 1024;
    private static final String BAT_REGION = "2dc27766-f623-4200-9d64-115e9bfd4a08";
    private static final String METADATA_REGION = "8b7ca206-4790-4b9a-b8fe-575f050f886e";
    private static final String FILE_PARAMETERS = "caa16737-fa36-4d43-b3b6-33f0aa44e76b";
    private static final String VIRTUAL_DISK_SIZE = "2fa54224-cd1b-4876-b211-5dbed83bf4b8";
    private static final String LOGICAL_SECTOR_SIZE = "8141bf1d-a96f-4709-ba47-f233a8faab5f";
    private static final int FULLY_PRESENT = 6;
    private static final int PARTIALLY_PRESENT = 7;
    private static final int MAX_REGION_ENTRIES = 2047;

    private final ByteSource file;
    private final long batOffset;
    private final long batLength;
    private final long blockSize;
    private final long virtualSize;
    private final long chunkRatio;
    private final boolean hasParent;
    private final boolean logPending;

    private VhdxSource(
            ByteSource file,
            long batOffset,
            long batLength,
            long blockSize,
            long virtualSize,
            long chunkRatio,
            boolean hasParent,
            boolean logPending) {
        this.file = file;
        this.batOffset = batOffset;
        this.batLength = batLength;
        this.blockSize = blockSize;
        this.virtualSize = virtualSize;
        this.chunkRatio = chunkRatio;
        this.hasParent = hasParent;
        this.logPending = logPending;
    }

    public static VhdxSource open(ByteSource file) throws IOException, ContainerFormatException {
        file.checkRange(0, 8, "the file type identifier");
        if (!Bytes.startsWith(file.read(0, 8), 0, "vhdxfile")) {
            throw new ContainerFormatException("no VHDX file type identifier");
        }
        byte[] header = currentHeader(file);
        boolean logPending = !Bytes.allZero(header, 48, 16);
        byte[] regions = regionTable(file);
        long batOffset = -1;
        long batLength = 0;
        long metaOffset = -1;
        long metaLength = 0;
        long count = Bytes.u32le(regions, 8);
        if (count > MAX_REGION_ENTRIES) {
            throw new ContainerFormatException("region table with " + count + " entries");
        }
        for (int i = 0; i < count; i++) {
            int e = 16 + i * 32;
            String guid = Bytes.guid(regions, e);
            long offset = Bytes.u64le(regions, e + 16);
            long length = Bytes.u32le(regions, e + 24);
            if (guid.equals(BAT_REGION)) {
                batOffset = offset;
                batLength = length;
            } else if (guid.equals(METADATA_REGION)) {
                metaOffset = offset;
                metaLength = length;
            } else if ((Bytes.u32le(regions, e + 28) & 1) != 0) {
                throw new ContainerFormatException("a required region " + guid + " that this reader does not know");
            }
        }
        if (batOffset < 0 || metaOffset < 0) {
            throw new ContainerFormatException(
                    "the region table has no " + (batOffset < 0 ? "block allocation table" : "metadata region"));
        }
        file.checkRange(batOffset, batLength, "the block allocation table");
        file.checkRange(metaOffset, metaLength, "the metadata region");
        Metadata meta = Metadata.read(file, metaOffset, metaLength);
        long chunkRatio = ((1L << 23) * meta.logicalSectorSize) / meta.blockSize;
        if (chunkRatio < 1) {
            throw new ContainerFormatException("block size " + meta.blockSize + " gives no chunk ratio");
        }
        long blocks = (meta.virtualSize + meta.blockSize - 1) / meta.blockSize;
        long entriesNeeded = blocks + (blocks - 1) / chunkRatio;
        if (entriesNeeded * 8 > batLength) {
            throw new ContainerFormatException("the block allocation table holds " + batLength / 8 + " entries where "
                    + entriesNeeded + " are needed");
        }
        return new VhdxSource(
                file, batOffset, batLength, meta.blockSize, meta.virtualSize, chunkRatio, meta.hasParent, logPending);
    }

    private static byte[] currentHeader(ByteSource file) throws IOException, ContainerFormatException {
        byte[] best = null;
        long bestSequence = -1;
        for (long at : new long[] {KB64, 2 * KB64}) {
            if (!file.contains(at, 4096)) {
                continue;
            }
            byte[] h = file.read(at, 4096);
            if (Bytes.startsWith(h, 0, "head") && crcValid(h, 4) && Bytes.u16le(h, 66) == 1) {
                long sequence = Bytes.u64le(h, 8);
                if (Long.compareUnsigned(sequence, bestSequence) > 0 || best == null) {
                    best = h;
                    bestSequence = sequence;
                }
            }
        }
        if (best == null) {
            throw new ContainerFormatException("neither VHDX header has a valid signature, checksum and version");
        }
        return best;
    }

    private static byte[] regionTable(ByteSource file) throws IOException, ContainerFormatException {
        for (long at : new long[] {3 * KB64, 4 * KB64}) {
            if (file.contains(at, KB64)) {
                byte[] r = file.read(at, (int) KB64);
                if (Bytes.startsWith(r, 0, "regi") && crcValid(r, 4)) {
                    return r;
                }
            }
        }
        throw new ContainerFormatException("neither VHDX region table has a valid signature and checksum");
    }

    /** CRC-32C over the structure with its own checksum field taken as zero. */
    static boolean crcValid(byte[] structure, int checksumAt) {
        long stored = Bytes.u32le(structure, checksumAt);
        byte[] copy = structure.clone();
        Arrays.fill(copy, checksumAt, checksumAt + 4, (byte) 0);
        CRC32C crc = new CRC32C();
        crc.update(copy);
        return crc.getValue() == stored;
    }

    private record Metadata(long blockSize, long virtualSize, long logicalSectorSize, boolean hasParent) {

        static Metadata read(ByteSource file, long offset, long length) throws IOException, ContainerFormatException {
            if (length < 32) {
                throw new ContainerFormatException("a metadata region of " + length + " bytes");
            }
            byte[] table = file.read(offset, (int) Math.min(length, KB64));
            if (!Bytes.startsWith(table, 0, "metadata")) {
                throw new ContainerFormatException("no metadata table signature");
            }
            int count = Bytes.u16le(table, 10);
            long blockSize = -1;
            long flags = 0;
            long virtualSize = -1;
            long sectorSize = -1;
            for (int i = 0; i < count && 32 + i * 32 + 32 <= table.length; i++) {
                int e = 32 + i * 32;
                String id = Bytes.guid(table, e);
                long itemOffset = Bytes.u32le(table, e + 16);
                long itemLength = Bytes.u32le(table, e + 20);
                if (itemLength < 4 || itemOffset + itemLength > length) {
                    continue;
                }
                switch (id) {
                    case FILE_PARAMETERS -> {
                        byte[] v = file.read(offset + itemOffset, 8);
                        blockSize = Bytes.u32le(v, 0);
                        flags = Bytes.u32le(v, 4);
                    }
                    case VIRTUAL_DISK_SIZE ->
                        virtualSize = itemLength >= 8 ? Bytes.u64le(file.read(offset + itemOffset, 8), 0) : -1;
                    case LOGICAL_SECTOR_SIZE -> sectorSize = Bytes.u32le(file.read(offset + itemOffset, 4), 0);
                    default -> {
                        // page 83 data, physical sector size, parent locator: not needed to read the disk
                    }
                }
            }
            if (blockSize < (1 << 20) || blockSize > (256 << 20) || Long.bitCount(blockSize) != 1) {
                throw new ContainerFormatException("VHDX block size " + blockSize);
            }
            if (sectorSize != 512 && sectorSize != 4096) {
                throw new ContainerFormatException("VHDX logical sector size " + sectorSize);
            }
            if (virtualSize <= 0 || virtualSize > (64L << 40)) {
                throw new ContainerFormatException("VHDX virtual disk size " + virtualSize);
            }
            return new Metadata(blockSize, virtualSize, sectorSize, (flags & 2) != 0);
        }
    }

    /** A differencing disk: its unallocated blocks live in a parent file that is not here. */
    public boolean hasParent() {
        return hasParent;
    }

    /** The log holds writes that were never replayed into the file: the disk may be stale. */
    public boolean logPending() {
        return logPending;
    }

    @Override
    public long size() {
        return virtualSize;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length)
            throws IOException, ContainerFormatException {
        checkRange(position, length, "read");
        while (length > 0) {
            long block = position / blockSize;
            long inBlock = position % blockSize;
            int n = (int) Math.min(length, blockSize - inBlock);
            long index = block + block / chunkRatio;
            if ((index + 1) * 8 > batLength) {
                throw new ContainerFormatException("block " + block + " has no entry in the block allocation table");
            }
            long entry = Bytes.u64le(file.read(batOffset + index * 8, 8), 0);
            int state = (int) (entry & 7);
            if (state == FULLY_PRESENT || state == PARTIALLY_PRESENT) {
                long physical = (entry >>> 20) * (1L << 20) + inBlock;
                if (!file.contains(physical, n)) {
                    throw new ContainerFormatException("block " + block + " of the VHDX lies outside the file");
                }
                file.readFully(physical, buffer, offset, n);
            } else {
                Arrays.fill(buffer, offset, offset + n, (byte) 0);
            }
            position += n;
            offset += n;
            length -= n;
        }
    }
}
