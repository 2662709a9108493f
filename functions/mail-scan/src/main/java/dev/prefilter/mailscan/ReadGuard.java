package dev.prefilter.mailscan;

import dev.prefilter.engine.ScanRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Wraps the mail's stream for the engine and remembers whether reading it failed. The engine
 * turns any read error into a fail-closed report, which is right for a broken mail but wrong for
 * a dropped connection: a failed read must be retried, never judged.
 */
final class ReadGuard implements ScanRequest.Source {

    private final ScanRequest.Source source;
    private volatile IOException failure;

    ReadGuard(ScanRequest.Source source) {
        this.source = source;
    }

    @Override
    public InputStream open() throws IOException {
        InputStream in;
        try {
            in = source.open();
        } catch (IOException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            failure = new IOException("opening the mail failed: " + e, e);
            throw e;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    failure = e;
                    throw e;
                } catch (RuntimeException e) {
                    // the SDK reports some transfer failures (checksums, aborted streams) unchecked
                    failure = new IOException("reading the mail failed: " + e, e);
                    throw e;
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    failure = e;
                    throw e;
                } catch (RuntimeException e) {
                    // the SDK reports some transfer failures (checksums, aborted streams) unchecked
                    failure = new IOException("reading the mail failed: " + e, e);
                    throw e;
                }
            }
        };
    }

    /** Throws the read failure, if there was one, so the caller retries instead of using the report. */
    void rethrowFailure() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }
}
