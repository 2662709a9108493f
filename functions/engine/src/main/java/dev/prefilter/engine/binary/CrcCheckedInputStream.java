package dev.prefilter.engine.binary;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Passes an archive member's bytes through and, at their end, compares their CRC-32 with the one
 * the archive stores (commons-compress's {@code ZipFile} does not check it). A {@link #failing}
 * stream then throws an IOException naming the member, so that a parser's result on damaged
 * bytes is not taken as the member's; a {@link #recording} stream keeps the bytes flowing and
 * remembers the damage for the caller to report.
 */
public final class CrcCheckedInputStream extends FilterInputStream {

    /** What zip readers report for a CRC they do not know: nothing is checked then. */
    public static final long UNKNOWN = -1;

    private final long expected;
    private final String what;
    private final boolean failing;
    private final CRC32 crc = new CRC32();
    private String damage;

    private CrcCheckedInputStream(InputStream in, long expected, String what, boolean failing) {
        super(in);
        this.expected = expected;
        this.what = what;
        this.failing = failing;
    }

    /** Throws at the end of the bytes when they do not match {@code expected}. */
    public static CrcCheckedInputStream failing(InputStream in, long expected, String what) {
        return new CrcCheckedInputStream(in, expected, what, true);
    }

    /** Remembers, at the end of the bytes, whether they match {@code expected}: see {@link #damage()}. */
    public static CrcCheckedInputStream recording(InputStream in, long expected, String what) {
        return new CrcCheckedInputStream(in, expected, what, false);
    }

    /** What is wrong, once the end was read and the checksum did not match; null otherwise. */
    public String damage() {
        return damage;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            crc.update(b);
        } else {
            check();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            crc.update(buf, off, n);
        } else if (n < 0) {
            check();
        }
        return n;
    }

    /** Skipped bytes are read, so that they count in the checksum. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) break;
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws IOException {
        if (expected == UNKNOWN || expected == crc.getValue() || damage != null) return;
        damage = String.format(
                Locale.ROOT,
                "%s is damaged: its CRC-32 is %08x, the archive says %08x",
                what,
                crc.getValue(),
                expected);
        if (failing) throw new IOException(damage);
    }
}
