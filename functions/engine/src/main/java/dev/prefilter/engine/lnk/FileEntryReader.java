package dev.prefilter.engine.lnk;

import java.nio.charset.Charset;
import java.time.Instant;

/**
 * File and folder entries (class types 0x30-0x3F) and the users-files delegate items (0x74) that
 * wrap one. The long name lives in the 0xBEEF0004 extension block, found through the offset in the
 * item's last two bytes or, failing that, by its signature.
 */
final class FileEntryReader {

    private static final long EXTENSION_SIGNATURE = 0xBEEF0004L;
    private static final byte[] EXTENSION_SIGNATURE_BYTES = {0x04, 0x00, (byte) 0xEF, (byte) 0xBE};
    private static final int PRIMARY_NAME = 14;
    private static final byte[] DELEGATE_SIGNATURE = {'C', 'F', 'S', 'F'};

    private FileEntryReader() {}

    /** Flags in the class type: 0x01 directory, 0x04 the primary name is UTF-16. */
    static ShellItem fileEntry(ByteSpan item, Charset ansi) throws ShortcutFormatException {
        int type = item.u8(2);
        boolean directory = (type & 0x01) != 0;
        if (item.length() <= PRIMARY_NAME) {
            return new ShellItem.FileEntry(null, null, directory, 0, null);
        }
        boolean unicode = (type & 0x04) != 0;
        long size = item.u32(4);
        Instant modified = WindowsTimes.dosDateTime(item.u16(8), item.u16(10));
        String shortName;
        int afterName;
        if (unicode) {
            shortName = item.utf16(PRIMARY_NAME, item.length());
            afterName = item.afterUtf16(PRIMARY_NAME);
        } else {
            shortName = item.ansi(PRIMARY_NAME, item.length(), ansi);
            afterName = item.afterAnsi(PRIMARY_NAME);
            afterName += afterName & 1;
        }
        String longName = longName(item, afterName);
        return new ShellItem.FileEntry(
                longName != null && !longName.isEmpty() ? longName : shortName,
                shortName,
                directory,
                size,
                modified == null ? null : modified.toString());
    }

    /** A "CFSF" delegate: the wrapped file entry at 10, its extension block further on in the outer item. */
    static ShellItem delegate(ByteSpan item, Charset ansi) throws ShortcutFormatException {
        if (item.indexOf(DELEGATE_SIGNATURE, 6) != 6) {
            return ShellItemReaders.unknown(item);
        }
        int innerSize = item.u16(10);
        ShellItem inner = fileEntry(item.slice(10, innerSize, "the delegate's file entry"), ansi);
        if (!(inner instanceof ShellItem.FileEntry entry)) {
            return inner;
        }
        String longName = longName(item, 10 + innerSize);
        return longName == null || longName.isEmpty()
                ? entry
                : new ShellItem.FileEntry(
                        longName, entry.shortName(), entry.directory(), entry.fileSize(), entry.modified());
    }

    /**
     * The long name in the extension block. Its offset inside the block depends on the block
     * version: 20 (v3, XP), 38 (v7, Vista), 42 (v8, Windows 7), 46 (v9, Windows 8 and later).
     */
    private static String longName(ByteSpan item, int searchFrom) throws ShortcutFormatException {
        int offset = item.length() >= 2 ? item.u16(item.length() - 2) : -1;
        if (!isExtensionBlock(item, offset)) {
            int signature = item.indexOf(EXTENSION_SIGNATURE_BYTES, searchFrom);
            offset = signature - 4;
        }
        if (!isExtensionBlock(item, offset)) {
            return null;
        }
        int blockSize = Math.min(item.u16(offset), item.length() - offset);
        int version = item.u16(offset + 2);
        int nameAt = version >= 9 ? 46 : version >= 8 ? 42 : version >= 7 ? 38 : version >= 3 ? 20 : -1;
        if (nameAt < 0 || nameAt >= blockSize) {
            return null;
        }
        return item.slice(offset, blockSize, "the extension block").utf16(nameAt, blockSize - nameAt);
    }

    private static boolean isExtensionBlock(ByteSpan item, int offset) throws ShortcutFormatException {
        return offset >= 4
                && item.has(offset, 8)
                && item.u16(offset) >= 8
                && item.u32(offset + 4) == EXTENSION_SIGNATURE;
    }
}
