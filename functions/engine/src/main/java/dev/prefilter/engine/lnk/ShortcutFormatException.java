package dev.prefilter.engine.lnk;

/** A structure of the shortcut cannot be read as MS-SHLLINK describes it. Never leaves the parser. */
final class ShortcutFormatException extends Exception {

    private final long offset;

    ShortcutFormatException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /** Absolute offset in the file where the problem was seen. */
    long offset() {
        return offset;
    }
}
