package dev.prefilter.engine.lnk;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Names for the ShellLinkHeader's file attributes, show command and hot key. */
final class HeaderNames {

    private static final String[] FILE_ATTRIBUTES = {
        "FILE_ATTRIBUTE_READONLY", "FILE_ATTRIBUTE_HIDDEN", "FILE_ATTRIBUTE_SYSTEM", "Reserved1",
        "FILE_ATTRIBUTE_DIRECTORY", "FILE_ATTRIBUTE_ARCHIVE", "Reserved2", "FILE_ATTRIBUTE_NORMAL",
        "FILE_ATTRIBUTE_TEMPORARY", "FILE_ATTRIBUTE_SPARSE_FILE", "FILE_ATTRIBUTE_REPARSE_POINT",
                "FILE_ATTRIBUTE_COMPRESSED",
        "FILE_ATTRIBUTE_OFFLINE", "FILE_ATTRIBUTE_NOT_CONTENT_INDEXED", "FILE_ATTRIBUTE_ENCRYPTED",
                "FILE_ATTRIBUTE_INTEGRITY_STREAM",
        "FILE_ATTRIBUTE_VIRTUAL", "FILE_ATTRIBUTE_NO_SCRUB_DATA"
    };

    static final int FILE_ATTRIBUTE_DIRECTORY = 0x10;

    /** ShowWindow values; MS-SHLLINK defines 1, 3 and 7 and says to treat the others as SW_SHOWNORMAL. */
    private static final String[] SHOW_COMMANDS = {
        "SW_HIDE", "SW_SHOWNORMAL", "SW_SHOWMINIMIZED", "SW_SHOWMAXIMIZED", "SW_SHOWNOACTIVATE", "SW_SHOW",
        "SW_MINIMIZE", "SW_SHOWMINNOACTIVE", "SW_SHOWNA", "SW_RESTORE", "SW_SHOWDEFAULT", "SW_FORCEMINIMIZE"
    };

    private static final Map<Integer, String> HOT_KEY_NAMES = Map.of(0x90, "NUM LOCK", 0x91, "SCROLL LOCK");

    private HeaderNames() {}

    static List<String> fileAttributes(int attributes) {
        List<String> names = new java.util.ArrayList<>();
        for (int bit = 0; bit < FILE_ATTRIBUTES.length; bit++) {
            if ((attributes & 1 << bit) != 0) names.add(FILE_ATTRIBUTES[bit]);
        }
        addUndefinedBits(names, attributes & ~((1 << FILE_ATTRIBUTES.length) - 1));
        return names;
    }

    static String showCommand(int value) {
        return value >= 0 && value < SHOW_COMMANDS.length
                ? SHOW_COMMANDS[value]
                : String.format(Locale.ROOT, "0x%08X", value);
    }

    /** The HotKeyFlags as people write them ({@code CTRL+ALT+F5}), or null when no key is set. */
    static String hotKey(int value) {
        int key = value & 0xFF;
        int modifiers = value >>> 8 & 0xFF;
        if (key == 0 && modifiers == 0) return null;
        StringBuilder s = new StringBuilder();
        if ((modifiers & 0x02) != 0) s.append("CTRL+");
        if ((modifiers & 0x04) != 0) s.append("ALT+");
        if ((modifiers & 0x01) != 0) s.append("SHIFT+");
        if ((modifiers & ~0x07) != 0) s.append(String.format(Locale.ROOT, "0x%02X+", modifiers & ~0x07));
        if (key >= 0x30 && key <= 0x39 || key >= 0x41 && key <= 0x5A) {
            s.append((char) key);
        } else if (key >= 0x70 && key <= 0x87) {
            s.append('F').append(key - 0x6F);
        } else {
            s.append(HOT_KEY_NAMES.getOrDefault(key, String.format(Locale.ROOT, "0x%02X", key)));
        }
        return s.toString();
    }

    static void addUndefinedBits(List<String> names, int undefined) {
        for (int bit = 0; bit < 32; bit++) {
            if ((undefined & 1 << bit) != 0) names.add(String.format(Locale.ROOT, "0x%08X", 1 << bit));
        }
    }
}
