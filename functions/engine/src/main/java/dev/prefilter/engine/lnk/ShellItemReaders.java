package dev.prefilter.engine.lnk;

import java.nio.charset.Charset;
import java.util.Locale;

/**
 * Shell items by class type indicator (the byte after the item size), after libfwsi's layout
 * notes. Types without a reader are kept as {@link ShellItem.Unknown}. Network items come as
 * 0x41-0x4F and, with the high bit set, as 0xC1-0xCF (a share is usually 0xC3).
 */
final class ShellItemReaders {

    private static final ShellItemReader[] BY_CLASS_TYPE = new ShellItemReader[256];

    static {
        register(0x00, 0x00, ShellItemReaders::controlPanelFile);
        register(0x1E, 0x1F, ShellItemReaders::rootFolder);
        register(0x20, 0x2F, ShellItemReaders::volume);
        register(0x30, 0x3F, FileEntryReader::fileEntry);
        register(0x40, 0x4F, ShellItemReaders::networkLocation);
        register(0xC0, 0xCF, ShellItemReaders::networkLocation);
        register(0x61, 0x61, ShellItemReaders::uri);
        register(0x70, 0x71, ShellItemReaders::controlPanel);
        register(0x74, 0x74, FileEntryReader::delegate);
    }

    private ShellItemReaders() {}

    private static void register(int first, int last, ShellItemReader reader) {
        for (int type = first; type <= last; type++) {
            BY_CLASS_TYPE[type] = reader;
        }
    }

    static ShellItem read(ByteSpan item, Charset ansi) throws ShortcutFormatException {
        int type = item.u8(2);
        ShellItemReader reader = BY_CLASS_TYPE[type];
        return reader == null ? unknown(item) : reader.read(item, ansi);
    }

    static ShellItem unknown(ByteSpan item) throws ShortcutFormatException {
        return new ShellItem.Unknown(String.format(Locale.ROOT, "0x%02X", item.u8(2)), item.length());
    }

    private static ShellItem rootFolder(ByteSpan item, Charset ansi) throws ShortcutFormatException {
        String guid = item.guid(4);
        return new ShellItem.RootFolder(guid, KnownFolders.name(guid));
    }

    /** 0x2F and other odd types carry a drive name; 0x2E carries a shell folder class id. */
    private static ShellItem volume(ByteSpan item, Charset ansi) throws ShortcutFormatException {
        if ((item.u8(2) & 0x01) != 0) {
            return new ShellItem.Volume(item.ansi(3, item.length() - 3, ansi), null, null);
        }
        if (item.has(4, 16)) {
            String guid = item.guid(4);
            return new ShellItem.Volume(null, guid, KnownFolders.name(guid));
        }
        return unknown(item);
    }

    /** Flags at 4 say which of location, description and comments follow, as NUL-terminated strings. */
    private static ShellItem networkLocation(ByteSpan item, Charset ansi) throws ShortcutFormatException {
        int flags = item.u8(4);
        String location = item.ansi(5, item.length(), ansi);
        int next = item.afterAnsi(5);
        String description = null;
        String comments = null;
        if ((flags & 0x80) != 0 && next < item.length()) {
            description = item.ansi(next, item.length(), ansi);
            next = item.afterAnsi(next);
        }
        if ((flags & 0x40) != 0 && next < item.length()) {
            comments = item.ansi(next, item.length(), ansi);
        }
        return new ShellItem.NetworkLocation(location, description, comments);
    }

    /** 0x71 holds the item's class id at 14; 0x70 (a category) holds a category number at 8. */
    private static ShellItem controlPanel(ByteSpan item, Charset ansi) throws ShortcutFormatException {
        if (item.u8(2) == 0x70) {
            return new ShellItem.ControlPanel(null, null, item.u32(8));
        }
        String guid = item.guid(14);
        return new ShellItem.ControlPanel(guid, KnownFolders.name(guid), null);
    }

    /**
     * A .cpl path item: the Unicode form keeps 12 unused bytes after the signature, so byte 12 is
     * zero there and is the first path character in the older ANSI form. Name offsets count characters.
     */
    private static ShellItem controlPanelFile(ByteSpan item, Charset ansi) throws ShortcutFormatException {
        if (item.length() < 14) return unknown(item);
        boolean unicode = item.length() >= 24 && item.u8(12) == 0;
        int strings = unicode ? 24 : 12;
        int nameChars = item.u16(unicode ? 20 : 8);
        String path = unicode ? item.utf16(strings, item.length()) : item.ansi(strings, item.length(), ansi);
        if (path.isEmpty()) return unknown(item);
        long nameAt = strings + (long) nameChars * (unicode ? 2 : 1);
        String displayName = null;
        if (nameChars > 0 && item.has(nameAt, 1)) {
            displayName =
                    unicode ? item.utf16((int) nameAt, item.length()) : item.ansi((int) nameAt, item.length(), ansi);
        }
        return new ShellItem.ControlPanelFile(path, displayName);
    }

    /**
     * Flags at 3 (0x80: UTF-16 strings) and the size of an optional data part at 4; the URI follows
     * the data. Items that do not match that layout still show their URI: the first string holding
     * "://" is taken.
     */
    private static ShellItem uri(ByteSpan item, Charset ansi) throws ShortcutFormatException {
        boolean unicode = (item.u8(3) & 0x80) != 0;
        long at = 6L + item.u16(4);
        if (item.has(at, 1)) {
            String uri = unicode ? item.utf16((int) at, item.length()) : item.ansi((int) at, item.length(), ansi);
            if (uri.contains("://")) return new ShellItem.Uri(uri);
        }
        String found = firstUri(item, ansi);
        return found == null ? unknown(item) : new ShellItem.Uri(found);
    }

    private static String firstUri(ByteSpan item, Charset ansi) throws ShortcutFormatException {
        int wide = item.indexOf(new byte[] {':', 0, '/', 0, '/', 0}, 3);
        int narrow = item.indexOf(new byte[] {':', '/', '/'}, 3);
        if (wide >= 0 && (narrow < 0 || wide <= narrow)) {
            int from = wide;
            while (from - 2 >= 3 && (item.u8(from - 2) != 0 || item.u8(from - 1) != 0)) from -= 2;
            return item.utf16(from, item.length());
        }
        if (narrow >= 0) {
            int from = narrow;
            while (from - 1 >= 3 && item.u8(from - 1) != 0) from--;
            return item.ansi(from, item.length(), ansi);
        }
        return null;
    }
}
