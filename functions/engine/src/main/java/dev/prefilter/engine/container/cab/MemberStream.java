package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.container.io.BulkInputStream;
import java.io.IOException;

/** The {@code length} bytes of one file, read from its folder's stream at the current position. */
final class MemberStream extends BulkInputStream {

    private final FolderStream folder;
    private long remaining;

    MemberStream(FolderStream folder, long length) {
        this.folder = folder;
        this.remaining = length;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n = folder.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            return -1;
        }
        remaining -= n;
        return n;
    }

    /** Bytes the file should still have had when its folder ended. */
    long missing() {
        return remaining;
    }
}
