package dev.prefilter.engine.container.iso;

import dev.prefilter.engine.binary.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * One ISO 9660 directory record (ECMA-119 9.1): extent, length, flags and identifier.
 *
 * @param extent first logical block of the data
 * @param special the "." or ".." record of a directory
 */
record IsoDirectoryRecord(long extent, long length, int flags, int fileUnitSize, String name, boolean special) {

    static final int MIN_LENGTH = 34;
    private static final int HIDDEN = 0x01;
    private static final int DIRECTORY = 0x02;
    private static final int ASSOCIATED = 0x04;
    private static final int MULTI_EXTENT = 0x80;

    /** Parses the record at {@code off}, whose length byte the caller has checked against the sector. */
    static IsoDirectoryRecord parse(byte[] b, int off, boolean ucs2) {
        int recordLength = Bytes.u8(b, off);
        long extent = Bytes.u32le(b, off + 2);
        long length = Bytes.u32le(b, off + 10);
        int flags = Bytes.u8(b, off + 25);
        int unit = Bytes.u8(b, off + 26);
        int nameLength = Math.min(Bytes.u8(b, off + 32), recordLength - 33);
        boolean special = nameLength == 1 && (b[off + 33] == 0 || b[off + 33] == 1);
        String name = special ? "" : decodeName(b, off + 33, nameLength, ucs2);
        return new IsoDirectoryRecord(extent, length, flags, unit, name, special);
    }

    private static String decodeName(byte[] b, int off, int length, boolean ucs2) {
        String raw = ucs2
                ? new String(b, off, length & ~1, StandardCharsets.UTF_16BE)
                : new String(b, off, length, StandardCharsets.ISO_8859_1);
        int version = raw.lastIndexOf(';');
        if (version >= 0 && raw.substring(version + 1).chars().allMatch(Character::isDigit)) {
            raw = raw.substring(0, version);
        }
        // "README." is how ISO 9660 writes a name without extension; Windows drops the dot
        if (raw.endsWith(".")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        return raw;
    }

    boolean directory() {
        return (flags & DIRECTORY) != 0;
    }

    boolean hidden() {
        return (flags & HIDDEN) != 0;
    }

    boolean associated() {
        return (flags & ASSOCIATED) != 0;
    }

    boolean continues() {
        return (flags & MULTI_EXTENT) != 0;
    }
}
