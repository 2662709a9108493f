package dev.prefilter.engine.archive;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import org.apache.commons.compress.MemoryLimitException;

/**
 * The bound on what a decoder may allocate for its own state (an LZMA or XZ dictionary, the
 * string table of a {@code .Z} stream), checked against the stream's header before anything is
 * allocated. A 19-byte LZMA header can ask for 4 GiB: that is refused with a finding instead of
 * taking the heap, and every other scan in the same JVM, with it.
 */
final class DecoderMemory {

    /** 128 MiB: twice what {@code xz -9} and {@code 7z -mx9} use (64 MiB dictionaries). */
    static final int LIMIT_KIB = 128 * 1024;

    /**
     * {@code compress} itself never writes codes wider than 16 bits. Wider ones are refused before
     * the library sees them: its own check overflows at 31 bits and would allocate a negative table.
     */
    static final int COMPRESS_MAX_BITS = 16;

    private DecoderMemory() {}

    /** The code width a {@code .Z} header declares (low 5 bits of its third byte), or 0 when there is no header. */
    static int compressMaxBits(byte[] head) {
        return head.length < 3 ? 0 : head[2] & 0x1f;
    }

    static Finding exceeded(String format, int maxBits) {
        return Finding.of(
                        "limit.decoder-memory",
                        Severity.HIGH,
                        "the " + format + " stream declares " + maxBits + "-bit codes (compress writes at most "
                                + COMPRESS_MAX_BITS + "); its string table was not allocated and it was not unpacked")
                .with("format", format)
                .with("maxBits", maxBits)
                .with("limitBits", COMPRESS_MAX_BITS)
                .build();
    }

    static Finding exceeded(String format, MemoryLimitException e) {
        return Finding.of(
                        "limit.decoder-memory",
                        Severity.HIGH,
                        "the " + format + " stream asks for more decoder memory than allowed; it was not unpacked")
                .with("format", format)
                .with("neededKiB", e.getMemoryNeededInKb())
                .with("limitKiB", LIMIT_KIB)
                .build();
    }

    /** The memory-limit refusal behind an exception, which factories wrap in their own exception types. */
    static MemoryLimitException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MemoryLimitException limit) return limit;
        }
        return null;
    }
}
