package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.archive.ArchiveNames;
import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory of a Microsoft cabinet ([MS-CAB]): CFHEADER, its CFFOLDER entries and its CFFILE
 * entries. Counts and offsets are checked against the file; a file list cut short by the end of
 * the file is returned as far as it goes, with {@link #truncatedAt()} saying where it stopped.
 */
public record CabCabinet(
        long declaredSize,
        int setId,
        int cabinetIndex,
        boolean previous,
        boolean next,
        int dataReserve,
        List<CabFolder> folders,
        List<CabFile> files,
        String truncatedAt) {

    private static final int HEADER = 36;
    private static final int FLAG_PREVIOUS = 0x1;
    private static final int FLAG_NEXT = 0x2;
    private static final int FLAG_RESERVE = 0x4;
    private static final int ATTRIBUTE_UTF8 = 0x80;
    private static final int MAX_NAME = 256;

    /** Part of a multi-cabinet set: some data lives in other files. */
    public boolean multiCabinet() {
        return previous || next;
    }

    public static CabCabinet read(ByteSource source) throws IOException, ContainerFormatException {
        source.checkRange(0, HEADER, "the cabinet header");
        byte[] h = source.read(0, HEADER);
        if (!Bytes.startsWith(h, 0, "MSCF")) {
            throw new ContainerFormatException("no MSCF signature");
        }
        long declaredSize = Bytes.u32le(h, 8);
        long filesOffset = Bytes.u32le(h, 16);
        int major = Bytes.u8(h, 25);
        int folderCount = Bytes.u16le(h, 26);
        int fileCount = Bytes.u16le(h, 28);
        int flags = Bytes.u16le(h, 30);
        if (major != 1) {
            throw new ContainerFormatException("cabinet format version " + major + "." + Bytes.u8(h, 24));
        }
        long at = HEADER;
        int folderReserve = 0;
        int dataReserve = 0;
        if ((flags & FLAG_RESERVE) != 0) {
            source.checkRange(at, 4, "the reserve sizes");
            byte[] r = source.read(at, 4);
            at += 4 + Bytes.u16le(r, 0);
            folderReserve = Bytes.u8(r, 2);
            dataReserve = Bytes.u8(r, 3);
        }
        if ((flags & FLAG_PREVIOUS) != 0) {
            at = skipString(source, skipString(source, at));
        }
        if ((flags & FLAG_NEXT) != 0) {
            at = skipString(source, skipString(source, at));
        }
        List<CabFolder> folders = new ArrayList<>();
        int folderSize = 8 + folderReserve;
        for (int i = 0; i < folderCount; i++) {
            source.checkRange(at, folderSize, "folder entry " + i);
            byte[] f = source.read(at, 8);
            folders.add(new CabFolder(i, Bytes.u32le(f, 0), Bytes.u16le(f, 4), Bytes.u16le(f, 6)));
            at += folderSize;
        }
        List<CabFile> files = new ArrayList<>();
        String truncatedAt = null;
        at = filesOffset;
        for (int i = 0; i < fileCount; i++) {
            if (!source.contains(at, 16)) {
                truncatedAt = "file entry " + i + " of " + fileCount + " lies outside the cabinet";
                break;
            }
            byte[] f = source.read(at, 16);
            int nameLength = nameLength(source, at + 16);
            if (nameLength < 0) {
                truncatedAt = "the name of file entry " + i + " is not terminated";
                break;
            }
            int attributes = Bytes.u16le(f, 14);
            String name = decodeName(source.read(at + 16, nameLength), (attributes & ATTRIBUTE_UTF8) != 0);
            files.add(new CabFile(name, Bytes.u32le(f, 0), Bytes.u32le(f, 4), Bytes.u16le(f, 8), attributes));
            at += 16 + nameLength + 1;
        }
        return new CabCabinet(
                declaredSize,
                Bytes.u16le(h, 32),
                Bytes.u16le(h, 34),
                (flags & FLAG_PREVIOUS) != 0,
                (flags & FLAG_NEXT) != 0,
                dataReserve,
                folders,
                files,
                truncatedAt);
    }

    private static long skipString(ByteSource source, long at) throws IOException, ContainerFormatException {
        int length = nameLength(source, at);
        if (length < 0) {
            throw new ContainerFormatException("a cabinet or disk name at offset " + at + " is not terminated");
        }
        return at + length + 1;
    }

    /** Length of the NUL-terminated string at {@code at}, or -1 when there is no NUL within bounds. */
    private static int nameLength(ByteSource source, long at) throws IOException, ContainerFormatException {
        int available = (int) Math.min(MAX_NAME + 1, Math.max(0, source.size() - at));
        byte[] b = source.read(at, available);
        for (int i = 0; i < available; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * UTF-8 when flagged; otherwise as the archive package reads unflagged names (UTF-8, CP932 for
     * Japanese, CP437).
     */
    static String decodeName(byte[] raw, boolean utf8) {
        return ArchiveNames.decode(raw, utf8);
    }
}
