package dev.prefilter.engine.container.io;

import java.io.IOException;

/**
 * Streams a byte range of a source into the engine's spooler. A range that runs past the end of
 * the source ends early instead of failing; {@link #shortBy()} says how much was missing.
 */
public final class SourceInputStream extends BulkInputStream {

    private final ByteSource source;
    private long position;
    private final long end;
    private long missing;

    public SourceInputStream(ByteSource source, long start, long length) {
        this.source = source;
        this.position = Math.max(0, start);
        long wantedEnd = start + Math.max(0, length);
        this.end = Math.min(wantedEnd, source.size());
        this.missing = Math.max(0, wantedEnd - Math.max(this.end, this.position));
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = (int) Math.min(length, end - position);
        try {
            source.readFully(position, buffer, offset, n);
        } catch (ContainerFormatException e) {
            missing += end - position;
            position = end;
            return -1;
        }
        position += n;
        return n;
    }

    /** Bytes the range promised that the source did not have. */
    public long shortBy() {
        return missing;
    }
}
