package dev.prefilter.engine.container.io;

import java.io.IOException;

/**
 * Random access to the bytes of a container or of a virtual disk inside one. Reads outside
 * {@code [0, size())} fail with {@link ContainerFormatException}: a structure that points past
 * the end is malformed input, not an I/O error.
 */
public interface ByteSource {

    long size();

    /** Reads exactly {@code length} bytes at {@code position}. */
    void readFully(long position, byte[] buffer, int offset, int length) throws IOException, ContainerFormatException;

    default byte[] read(long position, int length) throws IOException, ContainerFormatException {
        byte[] buffer = new byte[length];
        readFully(position, buffer, 0, length);
        return buffer;
    }

    /** Whether {@code length} bytes at {@code position} lie inside this source. */
    default boolean contains(long position, long length) {
        return position >= 0 && length >= 0 && position <= size() && length <= size() - position;
    }

    default void checkRange(long position, long length, String what) throws ContainerFormatException {
        if (!contains(position, length)) {
            throw new ContainerFormatException(what + " at offset " + position + " (" + length
                    + " bytes) lies outside the " + size() + "-byte " + "image");
        }
    }
}
