package dev.prefilter.engine.container.rar;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.ProblemLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Walks the blocks of a RAR 1.5-4.x archive: 7-byte block headers (CRC16 = low half of the
 * CRC-32 over the header after the CRC field), the archive header (whose password flag means every
 * later header is encrypted), and file headers with their sizes, flags and names. No data is
 * decompressed.
 */
public final class Rar4Reader {

    private static final int MARKER = 0x72;
    private static final int ARCHIVE = 0x73;
    private static final int FILE = 0x74;
    private static final int SERVICE = 0x7A;
    private static final int END = 0x7B;
    private static final int LONG_BLOCK = 0x8000;
    private static final int ARCHIVE_VOLUME = 0x0001;
    private static final int ARCHIVE_SOLID = 0x0008;
    private static final int ARCHIVE_PASSWORD = 0x0080;
    private static final int FILE_SPLIT_BEFORE = 0x01;
    private static final int FILE_SPLIT_AFTER = 0x02;
    private static final int FILE_PASSWORD = 0x04;
    private static final int FILE_DIRECTORY = 0xE0;
    private static final int FILE_LARGE = 0x100;
    private static final int FILE_UNICODE = 0x200;
    private static final int STORE = 0x30;
    private static final int FILE_FIXED = 32;
    private static final int MAX_NAME = 4096;

    private final ByteSource source;
    private final int maxEntries;
    private final ProblemLog problems;

    public Rar4Reader(ByteSource source, int maxEntries, ProblemLog problems) {
        this.source = source;
        this.maxEntries = maxEntries;
        this.problems = problems;
    }

    public RarArchive read() throws IOException {
        List<RarEntry> entries = new ArrayList<>();
        boolean solid = false;
        boolean volume = false;
        long at = 0;
        try {
            while (true) {
                if (at == source.size()) {
                    return new RarArchive(
                            4, entries, false, solid, volume, "the archive ends without an end-of-archive block");
                }
                if (entries.size() >= maxEntries) {
                    return new RarArchive(4, entries, false, solid, volume, null, true);
                }
                source.checkRange(at, 7, "a block header");
                byte[] base = source.read(at, 7);
                int type = Bytes.u8(base, 2);
                int flags = Bytes.u16le(base, 3);
                int size = Bytes.u16le(base, 5);
                if (size < 7) {
                    throw new ContainerFormatException("a block header of " + size + " bytes at offset " + at);
                }
                source.checkRange(at, size, "the block header at offset " + at);
                byte[] header = source.read(at, size);
                if (type != MARKER) {
                    checkCrc(header, at);
                }
                long dataSize = 0;
                switch (type) {
                    case MARKER -> {
                        // the signature itself is the first block
                    }
                    case ARCHIVE -> {
                        volume = (flags & ARCHIVE_VOLUME) != 0;
                        solid = (flags & ARCHIVE_SOLID) != 0;
                        if ((flags & ARCHIVE_PASSWORD) != 0) {
                            return new RarArchive(4, entries, true, solid, volume, null);
                        }
                    }
                    case FILE, SERVICE -> {
                        if (size < FILE_FIXED) {
                            throw new ContainerFormatException("a file header of " + size + " bytes at offset " + at);
                        }
                        dataSize = packedSize(header, flags);
                        if (type == FILE) {
                            entries.add(file(header, flags, at + size, dataSize));
                        }
                    }
                    case END -> {
                        return new RarArchive(4, entries, false, solid, volume, null);
                    }
                    default -> {
                        if ((flags & LONG_BLOCK) != 0) {
                            if (size < 11) {
                                throw new ContainerFormatException(
                                        "a long block header of " + size + " bytes at offset " + at);
                            }
                            dataSize = Bytes.u32le(header, 7);
                        }
                    }
                }
                if (dataSize > source.size() - (at + size)) {
                    throw new ContainerFormatException(
                            "the data of the block at offset " + at + " runs past the end of the archive");
                }
                at += size + dataSize;
            }
        } catch (ContainerFormatException e) {
            return new RarArchive(4, entries, false, solid, volume, e.getMessage());
        }
    }

    private void checkCrc(byte[] header, long at) {
        CRC32 crc = new CRC32();
        crc.update(header, 2, header.length - 2);
        if ((crc.getValue() & 0xFFFF) != Bytes.u16le(header, 0)) {
            problems.add("the block header at offset " + at + " fails its CRC");
        }
    }

    private static long packedSize(byte[] h, int flags) throws ContainerFormatException {
        long packed = Bytes.u32le(h, 7);
        if ((flags & FILE_LARGE) != 0) {
            if (h.length < FILE_FIXED + 8) {
                throw new ContainerFormatException("a large-file header without its high size fields");
            }
            packed |= Bytes.u32le(h, 32) << 32;
        }
        return packed;
    }

    private static RarEntry file(byte[] h, int flags, long dataOffset, long packed) throws ContainerFormatException {
        long unpacked = Bytes.u32le(h, 11);
        long crc = Bytes.u32le(h, 16);
        int method = Bytes.u8(h, 25);
        int nameSize = Bytes.u16le(h, 26);
        int nameAt = FILE_FIXED;
        if ((flags & FILE_LARGE) != 0) {
            unpacked |= Bytes.u32le(h, 36) << 32;
            nameAt += 8;
        }
        if (nameAt + nameSize > h.length) {
            throw new ContainerFormatException("a file name of " + nameSize + " bytes runs past its header");
        }
        byte[] raw = java.util.Arrays.copyOfRange(h, nameAt, nameAt + Math.min(nameSize, MAX_NAME));
        String name = RarNames.decode(raw, (flags & FILE_UNICODE) != 0);
        boolean directory = (flags & FILE_DIRECTORY) == FILE_DIRECTORY;
        boolean split = (flags & (FILE_SPLIT_BEFORE | FILE_SPLIT_AFTER)) != 0;
        return new RarEntry(
                name,
                unpacked,
                packed,
                directory,
                (flags & FILE_PASSWORD) != 0,
                method == STORE,
                split,
                dataOffset,
                crc,
                null);
    }
}
