package dev.prefilter.engine.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Spools node bytes for one scan: small nodes stay in memory, larger ones go to a private
 * temporary directory that {@link #close()} removes with everything in it.
 */
public final class ContentStore implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Path tempRoot;
    private final int memoryThreshold;
    private Path dir;
    private int fileCounter;

    public ContentStore(Path tempRoot, int memoryThreshold) {
        this.tempRoot = tempRoot;
        this.memoryThreshold = memoryThreshold;
    }

    /**
     * Copies {@code in} until it ends or {@code budget} refuses more bytes. The budget is asked
     * before each chunk is kept, so a limit stops the copy instead of filling the disk.
     */
    public Content spool(InputStream in, SpoolBudget budget) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER];
        byte[] memory = new byte[Math.min(memoryThreshold, BUFFER)];
        int inMemory = 0;
        OutputStream fileOut = null;
        Path file = null;
        long total = 0;
        boolean truncated = false;
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (read == 0) {
                    continue;
                }
                int allowed = (int) Math.min(read, budget.allow(total, read));
                if (allowed > 0) {
                    digest.update(buffer, 0, allowed);
                    if (fileOut == null && inMemory + allowed <= memoryThreshold) {
                        if (inMemory + allowed > memory.length) {
                            memory = java.util.Arrays.copyOf(
                                    memory, Math.min(memoryThreshold, Math.max(memory.length * 2, inMemory + allowed)));
                        }
                        System.arraycopy(buffer, 0, memory, inMemory, allowed);
                        inMemory += allowed;
                    } else {
                        if (fileOut == null) {
                            file = newFile();
                            fileOut = Files.newOutputStream(file);
                            fileOut.write(memory, 0, inMemory);
                            memory = null;
                        }
                        fileOut.write(buffer, 0, allowed);
                    }
                    total += allowed;
                }
                if (allowed < read) {
                    truncated = true;
                    break;
                }
            }
        } finally {
            if (fileOut != null) {
                fileOut.close();
            }
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        return file == null
                ? SpooledContent.inMemory(memory, inMemory, hash, truncated)
                : SpooledContent.inFile(file, total, hash, truncated);
    }

    public Content spool(byte[] bytes, SpoolBudget budget) throws IOException {
        return spool(new java.io.ByteArrayInputStream(bytes), budget);
    }

    private Path newFile() throws IOException {
        if (dir == null) {
            Files.createDirectories(tempRoot);
            dir = Files.createTempDirectory(tempRoot, "prefilter-scan-");
        }
        return dir.resolve("node-" + (fileCounter++) + ".bin");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** True while this store has files on disk; used by tests to prove clean-up. */
    public boolean hasTemporaryFiles() {
        return dir != null && Files.exists(dir);
    }

    @Override
    public void close() {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove temporary scan files in " + dir, e);
        }
    }
}
