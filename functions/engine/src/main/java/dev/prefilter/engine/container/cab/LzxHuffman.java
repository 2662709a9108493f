package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;

/**
 * A canonical Huffman code as LZX uses them (codes assigned by length, then by symbol; at most 16
 * bits), decoded by counting codes per length. Over-subscribed length sets are rejected; a code
 * that an incomplete set does not assign fails when it is met.
 */
final class LzxHuffman {

    private static final int MAX_BITS = 16;

    private final int[] counts = new int[MAX_BITS + 1];
    private final int[] symbols;
    private final String name;
    private boolean empty = true;

    LzxHuffman(int size, String name) {
        this.symbols = new int[size];
        this.name = name;
    }

    void build(byte[] lengths, int size) throws ContainerFormatException {
        java.util.Arrays.fill(counts, 0);
        for (int s = 0; s < size; s++) {
            if (lengths[s] < 0 || lengths[s] > MAX_BITS) {
                throw new ContainerFormatException("LZX " + name + " code length " + lengths[s]);
            }
            counts[lengths[s]]++;
        }
        counts[0] = 0;
        int left = 1;
        for (int len = 1; len <= MAX_BITS; len++) {
            left <<= 1;
            left -= counts[len];
            if (left < 0) {
                throw new ContainerFormatException("the LZX " + name + " code is over-subscribed");
            }
        }
        int[] offsets = new int[MAX_BITS + 2];
        for (int len = 1; len <= MAX_BITS; len++) {
            offsets[len + 1] = offsets[len] + counts[len];
        }
        empty = offsets[MAX_BITS + 1] == 0;
        for (int s = 0; s < size; s++) {
            if (lengths[s] != 0) {
                symbols[offsets[lengths[s]]++] = s;
            }
        }
    }

    int decode(LzxBits bits) throws IOException, ContainerFormatException {
        if (empty) {
            throw new ContainerFormatException("the LZX data uses its empty " + name + " code");
        }
        bits.ensure(MAX_BITS);
        int window = bits.peek(MAX_BITS);
        int code = 0;
        int first = 0;
        int index = 0;
        for (int len = 1; len <= MAX_BITS; len++) {
            code |= (window >>> (MAX_BITS - len)) & 1;
            int count = counts[len];
            if (code - first < count) {
                bits.remove(len);
                return symbols[index + code - first];
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        throw new ContainerFormatException("the LZX data holds a code that its " + name + " code does not assign");
    }
}
