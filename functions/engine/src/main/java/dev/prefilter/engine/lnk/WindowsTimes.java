package dev.prefilter.engine.lnk;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Windows time stamps; values that are unset or cannot be a date give null, never an exception. */
final class WindowsTimes {

    private static final long FILETIME_TICKS_PER_SECOND = 10_000_000L;
    private static final long FILETIME_EPOCH_TO_UNIX_SECONDS = 11_644_473_600L;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private WindowsTimes() {}

    /** A FILETIME: 100-ns ticks since 1601-01-01 UTC. Zero means "not set"; negative values are not times. */
    static Instant fileTime(long ticks) {
        if (ticks <= 0) return null;
        Instant instant = Instant.ofEpochSecond(
                ticks / FILETIME_TICKS_PER_SECOND - FILETIME_EPOCH_TO_UNIX_SECONDS,
                (ticks % FILETIME_TICKS_PER_SECOND) * 100);
        return instant.isAfter(LATEST) ? null : instant;
    }

    /** A FAT date and time as shell items store them: the date word first, then the time word (local time, no zone). */
    static Instant dosDateTime(int date, int time) {
        if (date == 0 && time == 0) return null;
        try {
            return LocalDateTime.of(
                            1980 + (date >>> 9),
                            (date >>> 5) & 0x0F,
                            date & 0x1F,
                            time >>> 11,
                            (time >>> 5) & 0x3F,
                            (time & 0x1F) * 2)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
