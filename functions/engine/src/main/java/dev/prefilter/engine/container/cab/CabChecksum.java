package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.binary.Bytes;

/**
 * The CFDATA checksum: 32-bit little-endian words XORed together, the 1-3 trailing bytes folded in
 * most significant first; computed over the data, then continued over the cbData/cbUncomp fields.
 */
final class CabChecksum {

    private CabChecksum() {}

    static long of(byte[] data, byte[] header) {
        long sum = fold(data, 0, data.length, 0);
        return fold(header, 4, 4, sum);
    }

    static long fold(byte[] b, int off, int length, long seed) {
        long sum = seed;
        int words = length >>> 2;
        int p = off;
        for (int i = 0; i < words; i++, p += 4) {
            sum ^= Bytes.u32le(b, p);
        }
        long tail = 0;
        switch (length & 3) {
            case 3 -> tail = (b[p] & 0xffL) << 16 | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL);
            case 2 -> tail = (b[p] & 0xffL) << 8 | (b[p + 1] & 0xffL);
            case 1 -> tail = b[p] & 0xffL;
            default -> {}
        }
        return (sum ^ tail) & 0xFFFFFFFFL;
    }
}
