package dev.prefilter.engine.container.io;

import java.io.IOException;

/** A window of another source: a partition of a disk, the data part of a fixed VHD. */
public final class SliceSource implements ByteSource {

    private final ByteSource base;
    private final long start;
    private final long length;

    /** The slice is cut to what the base holds, so a partition table cannot point past the image. */
    public SliceSource(ByteSource base, long start, long length) {
        this.base = base;
        this.start = Math.max(0, Math.min(start, base.size()));
        this.length = Math.max(0, Math.min(length, base.size() - this.start));
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int count)
            throws IOException, ContainerFormatException {
        checkRange(position, count, "read");
        base.readFully(start + position, buffer, offset, count);
    }
}
