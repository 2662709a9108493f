package dev.prefilter.engine.detect;

import java.util.Locale;

/** File-name helpers shared by detection and analyzers. */
public final class FileNames {

    private FileNames() {}

    /** The last path segment, accepting both separators (archives from Windows use backslashes). */
    public static String baseName(String name) {
        if (name == null) return "";
        String trimmed = name;
        while (trimmed.endsWith("/") || trimmed.endsWith("\\")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        return cut < 0 ? trimmed : trimmed.substring(cut + 1);
    }

    /** Lower-case last extension without the dot, ignoring trailing dots and spaces as Windows does. */
    public static String extension(String name) {
        String base = stripTrailingDotsAndSpaces(baseName(name));
        int dot = base.lastIndexOf('.');
        if (dot <= 0 || dot == base.length() - 1) return "";
        return base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Windows drops trailing dots and spaces from file names: {@code "a.exe. "} opens as {@code a.exe}. */
    public static String stripTrailingDotsAndSpaces(String name) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1)))) {
            end--;
        }
        return name.substring(0, end);
    }

    /** The name without its last extension. */
    public static String stem(String name) {
        String base = stripTrailingDotsAndSpaces(baseName(name));
        int dot = base.lastIndexOf('.');
        return dot <= 0 ? base : base.substring(0, dot);
    }
}
