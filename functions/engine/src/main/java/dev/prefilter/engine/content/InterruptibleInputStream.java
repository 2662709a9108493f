package dev.prefilter.engine.content;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/** Ends a read loop in a parser once the scan's watchdog has given up on it. */
final class InterruptibleInputStream extends FilterInputStream {

    InterruptibleInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        check();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        check();
        return super.skip(n);
    }

    private static void check() throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("scan abandoned by its watchdog");
        }
    }
}
