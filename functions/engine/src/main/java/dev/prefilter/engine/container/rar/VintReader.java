package dev.prefilter.engine.container.rar;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ContainerFormatException;

/** RAR 5 variable-length integers (7 bits a byte, low first) and fixed fields in a header buffer. */
final class VintReader {

    private final byte[] b;
    private int position;

    VintReader(byte[] b, int position) {
        this.b = b;
        this.position = position;
    }

    long next() throws ContainerFormatException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= b.length) {
                throw new ContainerFormatException("a header field runs past the end of its header");
            }
            int x = b[position++] & 0xff;
            value |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                if (value < 0) {
                    throw new ContainerFormatException("a header field holds a value beyond 2^63");
                }
                return value;
            }
        }
        throw new ContainerFormatException("a variable-length integer longer than 10 bytes");
    }

    long u32() throws ContainerFormatException {
        if (position + 4 > b.length) {
            throw new ContainerFormatException("a header field runs past the end of its header");
        }
        long v = Bytes.u32le(b, position);
        position += 4;
        return v;
    }

    void skip(int n) throws ContainerFormatException {
        if (position + n > b.length) {
            throw new ContainerFormatException("a header field runs past the end of its header");
        }
        position += n;
    }

    void seek(int to) {
        position = to;
    }

    int position() {
        return position;
    }
}
