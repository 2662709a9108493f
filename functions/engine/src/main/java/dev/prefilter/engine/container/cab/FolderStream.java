package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;

/**
 * A folder's uncompressed bytes in order, block by block. Malformed data ends the stream and is
 * remembered in {@link #error()}; every block counts against a shared decoding budget.
 */
final class FolderStream implements AutoCloseable {

    /** Bytes all folders of one cabinet may decode, skipped bytes included; shared by restarts. */
    static final class Budget {
        private long left;
        private final Runnable tick;
        private boolean exhausted;

        Budget(long bytes, Runnable tick) {
            this.left = bytes;
            this.tick = tick;
        }

        boolean take(int bytes) {
            tick.run();
            left -= bytes;
            exhausted |= left < 0;
            return !exhausted;
        }

        boolean exhausted() {
            return exhausted;
        }
    }

    private final FolderDecoder decoder;
    private final Budget budget;
    private final byte[] chunk = new byte[CfDataReader.MAX_UNCOMPRESSED];
    private int chunkLength;
    private int chunkPosition;
    private long position;
    private boolean ended;
    private String error;

    FolderStream(FolderDecoder decoder, Budget budget) {
        this.decoder = decoder;
        this.budget = budget;
    }

    @Override
    public void close() {
        decoder.close();
    }

    long position() {
        return position;
    }

    /** Whether the folder has no more bytes (its end, or an error). */
    boolean ended() {
        return ended;
    }

    /** Why the stream ended early, or null. */
    String error() {
        return error;
    }

    int read(byte[] buffer, int offset, int length) throws IOException {
        if (chunkPosition == chunkLength && !fill()) {
            return -1;
        }
        int n = Math.min(length, chunkLength - chunkPosition);
        System.arraycopy(chunk, chunkPosition, buffer, offset, n);
        chunkPosition += n;
        position += n;
        return n;
    }

    /** Decodes and drops bytes up to {@code offset}; false when the folder ends first. */
    boolean skipTo(long offset) throws IOException {
        while (position < offset) {
            if (chunkPosition == chunkLength && !fill()) {
                return false;
            }
            int n = (int) Math.min(offset - position, chunkLength - chunkPosition);
            chunkPosition += n;
            position += n;
        }
        return true;
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        try {
            int n = decoder.next(chunk);
            if (n < 0) {
                ended = true;
                return false;
            }
            if (!budget.take(n)) {
                ended = true;
                error = "the decoding budget for this cabinet is spent";
                return false;
            }
            chunkLength = n;
            chunkPosition = 0;
            return n > 0 || fill();
        } catch (ContainerFormatException e) {
            ended = true;
            error = e.getMessage();
            return false;
        }
    }
}
