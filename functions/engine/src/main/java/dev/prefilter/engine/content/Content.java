package dev.prefilter.engine.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Optional;

/** The bytes of one node of the attachment tree, spooled once, readable many times. */
public interface Content {

    long size();

    /** Lower-case hex SHA-256 of the bytes, computed while spooling. */
    String sha256();

    InputStream openStream() throws IOException;

    SeekableByteChannel openChannel() throws IOException;

    /** The backing file when the content was spilled to disk. */
    Optional<Path> file();

    /** Up to {@code max} bytes from the start. */
    byte[] head(int max) throws IOException;

    /**
     * All bytes, for parsers that need an array. Refuses content above {@code max} so that a
     * caller cannot grow the heap past its own documented bound.
     */
    byte[] readAll(long max) throws IOException;

    /** True when spooling stopped early because a limit was reached. */
    boolean truncated();
}
