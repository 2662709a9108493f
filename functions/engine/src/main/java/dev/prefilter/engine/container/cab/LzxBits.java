package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;

/**
 * The LZX bit reader: 16-bit little-endian words, consumed most significant bit first. Words are
 * loaded only when needed, so the bits held back are always the rest of the current word or
 * whole words that follow it, as the format's re-alignment rules assume.
 */
final class LzxBits {

    /** A byte supplier that returns -1 at the end of the compressed data. */
    interface Input {
        int read() throws IOException, ContainerFormatException;
    }

    /** Zero words a decoder may read past the end: the last symbol's peek can reach beyond the data. */
    private static final int PADDING_WORDS = 2;

    private final Input in;
    private long buffer;
    private int count;
    private int paddingUsed;

    LzxBits(Input in) {
        this.in = in;
    }

    void ensure(int bits) throws IOException, ContainerFormatException {
        while (count < bits) {
            int lo = in.read();
            int hi = lo < 0 ? -1 : in.read();
            if (lo < 0 || hi < 0) {
                if (++paddingUsed > PADDING_WORDS) {
                    throw new ContainerFormatException("the LZX data ends in the middle of a block");
                }
                lo = 0;
                hi = 0;
            }
            buffer = (buffer << 16) | (hi << 8) | lo;
            count += 16;
        }
    }

    int peek(int bits) {
        return (int) ((buffer >>> (count - bits)) & ((1L << bits) - 1));
    }

    void remove(int bits) {
        count -= bits;
        buffer &= (1L << count) - 1;
    }

    int read(int bits) throws IOException, ContainerFormatException {
        ensure(bits);
        int value = peek(bits);
        remove(bits);
        return value;
    }

    /** Drops what is left of the current 16-bit word (end of a frame). */
    void alignToWord() {
        remove(count & 15);
    }

    int held() {
        return count;
    }

    /** Raw bytes for uncompressed blocks, taken after the bit buffer has been emptied. */
    int readByte() throws IOException, ContainerFormatException {
        if (count != 0) {
            throw new IllegalStateException("raw read with " + count + " bits held");
        }
        int b = in.read();
        if (b < 0) {
            throw new ContainerFormatException("the LZX data ends inside an uncompressed block");
        }
        return b;
    }

    void clear() {
        buffer = 0;
        count = 0;
    }
}
