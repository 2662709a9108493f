package dev.prefilter.engine.container.rar;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.ProblemLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Walks the headers of a RAR 5.0 archive (the published RAR 5.0 archive format): vint-encoded
 * block headers, each with its CRC-32; file headers with UTF-8 names and extra records (file
 * encryption, redirection). An archive encryption header means every later header is encrypted:
 * the walk stops there. No data is decompressed.
 */
public final class Rar5Reader {

    private static final int MAIN = 1;
    private static final int FILE = 2;
    private static final int SERVICE = 3;
    private static final int ENCRYPTION = 4;
    private static final int END = 5;
    private static final long MAX_HEADER = 2 << 20;
    private static final int MAX_NAME = 4096;
    private static final int EXTRA_ENCRYPTION = 0x01;
    private static final int EXTRA_REDIRECTION = 0x05;

    private final ByteSource source;
    private final int maxEntries;
    private final ProblemLog problems;

    public Rar5Reader(ByteSource source, int maxEntries, ProblemLog problems) {
        this.source = source;
        this.maxEntries = maxEntries;
        this.problems = problems;
    }

    public RarArchive read() throws IOException {
        List<RarEntry> entries = new ArrayList<>();
        boolean solid = false;
        boolean volume = false;
        long at = RarSignature.RAR5.length;
        try {
            while (true) {
                if (at == source.size()) {
                    return new RarArchive(
                            5, entries, false, solid, volume, "the archive ends without an end-of-archive header");
                }
                if (entries.size() >= maxEntries) {
                    return new RarArchive(5, entries, false, solid, volume, null, true);
                }
                source.checkRange(at, 5, "a block header");
                VintReader head = new VintReader(source.read(at, (int) Math.min(source.size() - at, 4 + 10)), 4);
                long headerSize = head.next();
                long sizeFieldEnd = at + head.position();
                if (headerSize < 2 || headerSize > MAX_HEADER) {
                    throw new ContainerFormatException("a block header of " + headerSize + " bytes at offset " + at);
                }
                source.checkRange(sizeFieldEnd, headerSize, "the block header at offset " + at);
                byte[] block = source.read(at, (int) (sizeFieldEnd - at + headerSize));
                checkCrc(block, at);
                VintReader r = new VintReader(block, (int) (sizeFieldEnd - at));
                int type = (int) r.next();
                long flags = r.next();
                long extraSize = (flags & 0x1) != 0 ? r.next() : 0;
                long dataSize = (flags & 0x2) != 0 ? r.next() : 0;
                long headerEnd = sizeFieldEnd + headerSize;
                if (extraSize > headerSize) {
                    throw new ContainerFormatException("an extra area larger than its header at offset " + at);
                }
                int extraStart = (int) (block.length - extraSize);
                switch (type) {
                    case MAIN -> {
                        long archiveFlags = r.next();
                        volume = (archiveFlags & 0x1) != 0;
                        solid = (archiveFlags & 0x4) != 0;
                    }
                    case FILE -> entries.add(file(r, block, extraStart, flags, headerEnd, dataSize));
                    case ENCRYPTION -> {
                        return new RarArchive(5, entries, true, solid, volume, null);
                    }
                    case END -> {
                        return new RarArchive(5, entries, false, solid, volume, null);
                    }
                    default -> {
                        // service headers (comment, quick open, NTFS streams) and unknown blocks are skipped
                    }
                }
                if (dataSize > source.size() - headerEnd) {
                    throw new ContainerFormatException(
                            "the data of the block at offset " + at + " runs past the end of the archive");
                }
                at = headerEnd + dataSize;
            }
        } catch (ContainerFormatException e) {
            return new RarArchive(5, entries, false, solid, volume, e.getMessage());
        }
    }

    private void checkCrc(byte[] block, long at) {
        CRC32 crc = new CRC32();
        crc.update(block, 4, block.length - 4);
        long stored = Bytes.u32le(block, 0);
        if (crc.getValue() != stored) {
            problems.add("the block header at offset " + at + " fails its CRC");
        }
    }

    private static RarEntry file(
            VintReader r, byte[] block, int extraStart, long headerFlags, long dataOffset, long dataSize)
            throws ContainerFormatException {
        long fileFlags = r.next();
        long unpacked = r.next();
        r.next(); // attributes
        if ((fileFlags & 0x2) != 0) {
            r.skip(4); // modification time
        }
        long crc = (fileFlags & 0x4) != 0 ? r.u32() : -1;
        long compression = r.next();
        r.next(); // host OS
        long nameLength = r.next();
        if (nameLength > block.length - r.position()) {
            throw new ContainerFormatException("a file name of " + nameLength + " bytes runs past its header");
        }
        String name = new String(block, r.position(), (int) Math.min(nameLength, MAX_NAME), StandardCharsets.UTF_8);
        boolean encrypted = false;
        String link = null;
        VintReader extra = new VintReader(block, extraStart);
        while (extra.position() < block.length) {
            long size = extra.next();
            int recordStart = extra.position();
            if (size < 1 || size > block.length - recordStart) {
                throw new ContainerFormatException("an extra record of " + size + " bytes runs past its header");
            }
            long recordType = extra.next();
            if (recordType == EXTRA_ENCRYPTION) {
                encrypted = true;
            } else if (recordType == EXTRA_REDIRECTION) {
                link = redirection(extra, block, (int) (recordStart + size));
            }
            extra.seek((int) (recordStart + size));
        }
        boolean directory = (fileFlags & 0x1) != 0;
        boolean stored = ((compression >>> 7) & 0x7) == 0;
        boolean split = (headerFlags & (0x08 | 0x10)) != 0;
        boolean sizeUnknown = (fileFlags & 0x8) != 0;
        return new RarEntry(
                name,
                sizeUnknown ? -1 : unpacked,
                dataSize,
                directory,
                encrypted,
                stored,
                split,
                dataOffset,
                crc,
                link);
    }

    private static String redirection(VintReader r, byte[] block, int end) throws ContainerFormatException {
        long kind = r.next();
        r.next(); // flags
        long length = r.next();
        if (length > end - r.position()) {
            throw new ContainerFormatException("a link target runs past its record");
        }
        String target = new String(block, r.position(), (int) Math.min(length, MAX_NAME), StandardCharsets.UTF_8);
        String label = switch ((int) kind) {
            case 1 -> "unix-symlink";
            case 2 -> "windows-symlink";
            case 3 -> "junction";
            case 4 -> "hardlink";
            case 5 -> "file-copy";
            default -> "link-" + kind;
        };
        return label + ":" + target;
    }
}
