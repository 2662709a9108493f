package dev.prefilter.engine.lnk;

import java.time.Instant;

/**
 * The fixed 76-byte ShellLinkHeader (MS-SHLLINK 2.1). Times are null when unset or invalid.
 *
 * @param fileSize the low 32 bits of the target's size, unsigned
 * @param iconIndex signed, as the format defines it
 */
public record ShellLinkHeader(
        int linkFlags,
        int fileAttributes,
        Instant creationTime,
        Instant accessTime,
        Instant writeTime,
        long fileSize,
        int iconIndex,
        int showCommand,
        int hotKey) {

    static final int SIZE = 0x4C;

    boolean has(LinkFlag flag) {
        return (linkFlags & flag.bit()) != 0;
    }
}
