package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;

/** Turns a folder's CFDATA blocks into its uncompressed bytes, one block (LZX: one frame) at a time. */
interface FolderDecoder extends AutoCloseable {

    /** Fills {@code out} with the next block's bytes and returns how many, or -1 after the last block. */
    int next(byte[] out) throws IOException, ContainerFormatException;

    /** Compressed bytes consumed so far. */
    long compressedBytes();

    /** Releases native resources (the MSZIP inflater). */
    @Override
    default void close() {}
}
