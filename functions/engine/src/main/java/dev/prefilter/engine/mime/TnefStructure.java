package dev.prefilter.engine.mime;

import dev.prefilter.engine.binary.Bytes;
import java.io.IOException;
import java.io.InputStream;

/**
 * Walks a TNEF stream's attribute records and checks each checksum (the 16-bit sum of the
 * attribute's bytes), which POI's HMEF reader does not. Corrupt records are how malformed
 * winmail.dat files smuggle content past parsers that read them differently.
 */
final class TnefStructure {

    static final int SIGNATURE = 0x223E9F78;

    record Result(
            boolean signatureOk,
            int attributes,
            int badChecksums,
            long firstBadOffset,
            long trailingBytes,
            boolean truncated) {}

    private TnefStructure() {}

    static Result check(InputStream in, long size) throws IOException {
        long offset = 0;
        int signature = readInt(in);
        offset += 4;
        if (signature != SIGNATURE) {
            return new Result(false, 0, 0, -1, 0, false);
        }
        in.skipNBytes(2);
        offset += 2;
        int attributes = 0;
        int bad = 0;
        long firstBad = -1;
        byte[] buffer = new byte[64 * 1024];
        while (offset < size) {
            if (size - offset < 11) {
                return new Result(true, attributes, bad, firstBad, size - offset, false);
            }
            int level = in.read();
            if (level != 1 && level != 2) {
                return new Result(true, attributes, bad, firstBad, size - offset, false);
            }
            in.skipNBytes(4);
            long length = readInt(in) & 0xFFFFFFFFL;
            long start = offset;
            offset += 9;
            if (length > size - offset - 2) {
                return new Result(true, attributes, bad, firstBad, 0, true);
            }
            int sum = 0;
            long remaining = length;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) return new Result(true, attributes, bad, firstBad, 0, true);
                for (int i = 0; i < n; i++) sum += buffer[i] & 0xFF;
                remaining -= n;
            }
            offset += length;
            int checksum = in.read() | (in.read() << 8);
            offset += 2;
            attributes++;
            if (checksum != (sum & 0xFFFF)) {
                bad++;
                if (firstBad < 0) firstBad = start;
            }
        }
        return new Result(true, attributes, bad, firstBad, 0, false);
    }

    private static int readInt(InputStream in) throws IOException {
        byte[] b = in.readNBytes(4);
        if (b.length < 4) throw new IOException("truncated TNEF stream");
        return (int) Bytes.u32le(b, 0);
    }
}
