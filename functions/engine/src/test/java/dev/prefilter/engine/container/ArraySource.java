package dev.prefilter.engine.container;

import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;

/** A {@link ByteSource} over an array, for reader-level tests. */
public final class ArraySource implements ByteSource {

    private final byte[] bytes;

    public ArraySource(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) throws ContainerFormatException {
        checkRange(position, length, "read");
        System.arraycopy(bytes, (int) position, buffer, offset, length);
    }
}
