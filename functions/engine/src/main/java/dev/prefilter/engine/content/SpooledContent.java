package dev.prefilter.engine.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** Content held in memory when small, in a temporary file owned by the scan otherwise. */
final class SpooledContent implements Content {

    private final byte[] memory;
    private final Path file;
    private final long size;
    private final String sha256;
    private final boolean truncated;

    private SpooledContent(byte[] memory, Path file, long size, String sha256, boolean truncated) {
        this.memory = memory;
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
        this.truncated = truncated;
    }

    static SpooledContent inMemory(byte[] bytes, int length, String sha256, boolean truncated) {
        byte[] exact = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        return new SpooledContent(exact, null, length, sha256, truncated);
    }

    static SpooledContent inFile(Path file, long size, String sha256, boolean truncated) {
        return new SpooledContent(null, file, size, sha256, truncated);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String sha256() {
        return sha256;
    }

    @Override
    public InputStream openStream() throws IOException {
        return new InterruptibleInputStream(
                memory != null ? new ByteArrayInputStream(memory) : Files.newInputStream(file));
    }

    @Override
    public SeekableByteChannel openChannel() throws IOException {
        return memory != null
                ? new SeekableInMemoryByteChannel(memory)
                : FileChannel.open(file, StandardOpenOption.READ);
    }

    @Override
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public byte[] head(int max) throws IOException {
        if (memory != null) {
            return Arrays.copyOf(memory, Math.min(max, memory.length));
        }
        try (InputStream in = openStream()) {
            return in.readNBytes(max);
        }
    }

    @Override
    public byte[] readAll(long max) throws IOException {
        if (size > max) {
            throw new IOException(
                    "content of " + size + " bytes is above the " + max + "-byte bound for in-memory parsing");
        }
        if (memory != null) {
            return memory;
        }
        return Files.readAllBytes(file);
    }

    @Override
    public boolean truncated() {
        return truncated;
    }
}
