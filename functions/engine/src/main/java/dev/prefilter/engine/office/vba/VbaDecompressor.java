package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.binary.Bytes;
import java.io.ByteArrayOutputStream;

/**
 * MS-OVBA 2.4.1 decompression ("CompressedContainer" of chunks of at most 4096 bytes), with a
 * bound on the output: a chunk of copy tokens expands about 1,300 times, so the caller says how
 * much it is willing to hold. Malformed input ends decompression where it breaks; what was
 * decompressed so far is kept and {@link Result#error()} says why it stopped.
 */
final class VbaDecompressor {

    /** @param truncated true when the output bound stopped decompression */
    record Result(byte[] data, boolean truncated, String error) {}

    private VbaDecompressor() {}

    static Result decompress(byte[] in, int offset, int length, int maxOutput) {
        int end = Math.min(in.length, offset + length);
        if (offset < 0 || offset >= end) {
            return new Result(new byte[0], false, "empty compressed container");
        }
        if (in[offset] != 0x01) {
            return new Result(
                    new byte[0],
                    false,
                    String.format("compressed container signature is 0x%02x, not 0x01", in[offset] & 0xff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxOutput, Math.max(64, length * 2)));
        byte[] window = new byte[4096];
        int pos = offset + 1;
        while (pos + 1 < end) {
            int header = Bytes.u16le(in, pos);
            int chunkSize = (header & 0x0fff) + 3;
            boolean compressed = (header & 0x8000) != 0;
            int chunkEnd = Math.min(end, pos + chunkSize);
            pos += 2;
            int decompressedInChunk = 0;
            if (!compressed) {
                int n = Math.min(4096, end - pos);
                if (out.size() + n > maxOutput) {
                    out.write(in, pos, Math.max(0, maxOutput - out.size()));
                    return new Result(out.toByteArray(), true, null);
                }
                out.write(in, pos, n);
                pos += 4096;
                continue;
            }
            while (pos < chunkEnd) {
                int flags = in[pos++] & 0xff;
                for (int bit = 0; bit < 8 && pos < chunkEnd; bit++) {
                    if ((flags & (1 << bit)) == 0) {
                        if (out.size() >= maxOutput) return new Result(out.toByteArray(), true, null);
                        window[decompressedInChunk & 0xfff] = in[pos];
                        out.write(in[pos++]);
                        decompressedInChunk++;
                    } else {
                        if (pos + 1 >= chunkEnd) {
                            return new Result(out.toByteArray(), false, "copy token cut off at the end of a chunk");
                        }
                        int token = Bytes.u16le(in, pos);
                        pos += 2;
                        int bitCount = 4;
                        while ((1 << bitCount) < decompressedInChunk) bitCount++;
                        int lengthMask = 0xffff >>> bitCount;
                        int copyLength = (token & lengthMask) + 3;
                        int copyOffset = (token >>> (16 - bitCount)) + 1;
                        if (copyOffset > decompressedInChunk) {
                            return new Result(
                                    out.toByteArray(), false, "copy token points before the start of its chunk");
                        }
                        for (int i = 0; i < copyLength; i++) {
                            if (decompressedInChunk >= 4096) {
                                return new Result(out.toByteArray(), false, "chunk decompresses beyond 4096 bytes");
                            }
                            if (out.size() >= maxOutput) return new Result(out.toByteArray(), true, null);
                            byte b = window[(decompressedInChunk - copyOffset) & 0xfff];
                            window[decompressedInChunk & 0xfff] = b;
                            out.write(b);
                            decompressedInChunk++;
                        }
                    }
                }
            }
            pos = chunkEnd;
        }
        return new Result(out.toByteArray(), false, null);
    }
}
