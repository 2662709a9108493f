package dev.prefilter.engine.container.cab;

/**
 * One CFFILE entry.
 *
 * @param folder index of its folder, or one of the CONTINUED_* values of a multi-cabinet set
 */
public record CabFile(String name, long size, long folderOffset, int folder, int attributes) {

    public static final int CONTINUED_FROM_PREVIOUS = 0xFFFD;
    public static final int CONTINUED_TO_NEXT = 0xFFFE;
    public static final int CONTINUED_PREVIOUS_AND_NEXT = 0xFFFF;

    public boolean continued() {
        return folder >= CONTINUED_FROM_PREVIOUS;
    }

    public boolean hidden() {
        return (attributes & 0x02) != 0;
    }

    /** The "run after extraction" attribute. */
    public boolean execute() {
        return (attributes & 0x40) != 0;
    }
}
