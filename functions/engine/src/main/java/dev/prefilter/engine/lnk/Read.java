package dev.prefilter.engine.lnk;

/**
 * What a section reader got and where the next section starts. {@code end} is negative when the
 * section's extent could not be trusted (truncated, impossible size): parsing stops there.
 */
record Read<T>(T value, long end) {

    static <T> Read<T> complete(T value, long end) {
        return new Read<>(value, end);
    }

    static <T> Read<T> stopped(T value) {
        return new Read<>(value, -1);
    }

    boolean canContinue() {
        return end >= 0;
    }
}
