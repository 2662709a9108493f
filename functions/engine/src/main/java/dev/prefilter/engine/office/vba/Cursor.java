package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.binary.Bytes;
import java.util.Arrays;

/**
 * Bounds-checked field reads on the compiled parts of a VBA project, which are little-endian on
 * Windows and big-endian when the project was compiled on a Mac. A read past the end throws
 * {@link OutOfBounds}, which the readers catch to keep what they read before.
 */
final class Cursor {

    /** A field lies outside the buffer: the structure is damaged, cut, or not what it was taken for. */
    static final class OutOfBounds extends RuntimeException {
        OutOfBounds(long offset, int size, int length) {
            super(size + " bytes at " + offset + " lie outside the " + length + "-byte buffer", null, false, false);
        }
    }

    private final byte[] data;
    private final boolean bigEndian;

    Cursor(byte[] data, boolean bigEndian) {
        this.data = data;
        this.bigEndian = bigEndian;
    }

    int length() {
        return data.length;
    }

    int u8(long offset) {
        check(offset, 1);
        return Bytes.u8(data, (int) offset);
    }

    int u16(long offset) {
        check(offset, 2);
        return bigEndian ? Bytes.u16be(data, (int) offset) : Bytes.u16le(data, (int) offset);
    }

    long u32(long offset) {
        check(offset, 4);
        return bigEndian ? Bytes.u32be(data, (int) offset) : Bytes.u32le(data, (int) offset);
    }

    /** The type byte of an identifier entry's type/length pair (its second byte on Windows). */
    int typeByte(long offset) {
        return u8(bigEndian ? offset : offset + 1);
    }

    /** The length byte of an identifier entry's type/length pair. */
    int lengthByte(long offset) {
        return u8(bigEndian ? offset + 1 : offset);
    }

    byte[] bytes(long offset, long length) {
        if (length < 0) throw new OutOfBounds(offset, (int) length, data.length);
        check(offset, (int) Math.min(length, Integer.MAX_VALUE));
        return Arrays.copyOfRange(data, (int) offset, (int) (offset + length));
    }

    /**
     * Skips a counted array: a 16- or 32-bit count, then count elements of {@code elementSize}
     * bytes; with {@code minusOneIsNone} an all-ones count means no array at all.
     */
    int skip(long offset, boolean dwordCount, int elementSize, boolean minusOneIsNone) {
        long count = dwordCount ? u32(offset) : u16(offset);
        long next = offset + (dwordCount ? 4 : 2);
        boolean none = minusOneIsNone && count == (dwordCount ? 0xFFFFFFFFL : 0xFFFF);
        if (!none) next += count * elementSize;
        if (next > data.length) throw new OutOfBounds(offset, (int) Math.min(count, Integer.MAX_VALUE), data.length);
        return (int) next;
    }

    private void check(long offset, int size) {
        if (offset < 0 || size < 0 || offset + size > data.length) throw new OutOfBounds(offset, size, data.length);
    }
}
