package dev.prefilter.engine.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Passes bytes through and keeps the first {@code limit} of them. */
final class CapturingInputStream extends FilterInputStream {

    private final int limit;
    private byte[] captured = new byte[4096];
    private int length;

    CapturingInputStream(InputStream in, int limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            keep(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        if (n > 0) {
            keep(buffer, offset, n);
        }
        return n;
    }

    private void keep(byte[] buffer, int offset, int n) {
        int room = limit - length;
        if (room <= 0) return;
        int take = Math.min(n, room);
        if (length + take > captured.length) {
            captured = Arrays.copyOf(captured, Math.min(limit, Math.max(captured.length * 2, length + take)));
        }
        System.arraycopy(buffer, offset, captured, length, take);
        length += take;
    }

    byte[] captured() {
        return captured;
    }

    int capturedLength() {
        return length;
    }
}
