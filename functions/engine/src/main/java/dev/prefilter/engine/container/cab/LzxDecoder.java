package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;

/**
 * An LZX decoder for cabinet folders, written from [MS-PATCH] 2.x and [MS-CAB]: a sliding window of
 * 2^15..2^21 bytes, verbatim / aligned-offset / uncompressed blocks, main / length / aligned
 * Huffman trees with delta-coded lengths read through a pre-tree, the three repeated-offset
 * registers, output in 32 KiB frames after each of which the bit stream re-aligns to 16 bits,
 * and the Intel E8 call translation undone on a copy of each frame.
 */
final class LzxDecoder {

    static final int FRAME = 32_768;
    private static final int NUM_CHARS = 256;
    private static final int PRETREE_SIZE = 20;
    private static final int ALIGNED_SIZE = 8;
    private static final int LENGTH_SIZE = 249;
    private static final int MIN_MATCH = 2;
    private static final int VERBATIM = 1;
    private static final int ALIGNED = 2;
    private static final int UNCOMPRESSED = 3;
    /** Room for pre-tree runs that overshoot the end of a length table. */
    private static final int SAFETY = 64;

    private static final int E8_FRAMES = 32_768;

    private static final int[] EXTRA_BITS = new int[51];
    private static final long[] POSITION_BASE = new long[51];

    static {
        for (int i = 0; i < EXTRA_BITS.length; i++) {
            EXTRA_BITS[i] = i < 4 ? 0 : Math.min((i - 2) / 2, 17);
        }
        for (int i = 1; i < POSITION_BASE.length; i++) {
            POSITION_BASE[i] = POSITION_BASE[i - 1] + (1L << EXTRA_BITS[i - 1]);
        }
    }

    private final LzxBits bits;
    private final byte[] window;
    private final int mainSize;
    private final byte[] mainLengths;
    private final byte[] lengthLengths = new byte[LENGTH_SIZE + SAFETY];
    private final byte[] alignedLengths = new byte[ALIGNED_SIZE];
    private final byte[] pretreeLengths = new byte[PRETREE_SIZE];
    private final LzxHuffman mainTree;
    private final LzxHuffman lengthTree = new LzxHuffman(LENGTH_SIZE, "length");
    private final LzxHuffman alignedTree = new LzxHuffman(ALIGNED_SIZE, "aligned");
    private final LzxHuffman pretree = new LzxHuffman(PRETREE_SIZE, "pre-tree");

    private int windowPosition;
    private long r0 = 1;
    private long r1 = 1;
    private long r2 = 1;
    private boolean headerRead;
    private long intelFileSize;
    private int blockType;
    private long blockLength;
    private long blockRemaining;
    private long written;
    private long frames;
    private int frameStart;

    LzxDecoder(int windowBits, LzxBits.Input input) throws ContainerFormatException {
        if (windowBits < 15 || windowBits > 21) {
            throw new ContainerFormatException("LZX window of 2^" + windowBits + " bytes");
        }
        int slots = windowBits == 21 ? 50 : windowBits == 20 ? 42 : windowBits * 2;
        this.bits = new LzxBits(input);
        this.window = new byte[1 << windowBits];
        this.mainSize = NUM_CHARS + slots * 8;
        this.mainLengths = new byte[mainSize + SAFETY];
        this.mainTree = new LzxHuffman(mainSize, "main");
    }

    /** Decodes the next frame of {@code size} bytes (32 KiB except the folder's last) into {@code out}. */
    void decodeFrame(byte[] out, int size) throws IOException, ContainerFormatException {
        if (size <= 0 || size > FRAME) {
            throw new ContainerFormatException("an LZX frame of " + size + " bytes");
        }
        if (!headerRead) {
            if (bits.read(1) == 1) {
                intelFileSize = ((long) bits.read(16) << 16) | bits.read(16);
            }
            headerRead = true;
        }
        frameStart = windowPosition;
        long todo = size;
        while (todo > 0) {
            if (blockRemaining == 0) {
                readBlockHeader();
            }
            long run = Math.min(blockRemaining, todo);
            todo -= run;
            blockRemaining -= run;
            run = blockType == UNCOMPRESSED ? copyUncompressed(run) : decodeMatches(run);
            if (run < 0) {
                // the last match ran past the end of this run: it must stay inside the block
                if (-run > blockRemaining) {
                    throw new ContainerFormatException("an LZX match runs past the end of its block");
                }
                blockRemaining += run;
            }
        }
        if (windowPosition - frameStart != size) {
            throw new ContainerFormatException("an LZX match runs past the end of its frame");
        }
        bits.alignToWord();
        System.arraycopy(window, frameStart, out, 0, size);
        if (intelFileSize != 0 && frames < E8_FRAMES && size > 10) {
            undoE8(out, size, written);
        }
        if (windowPosition == window.length) {
            windowPosition = 0;
        }
        written += size;
        frames++;
    }

    private void readBlockHeader() throws IOException, ContainerFormatException {
        if (blockType == UNCOMPRESSED && (blockLength & 1) == 1) {
            bits.readByte(); // uncompressed blocks of odd length are padded to a whole word
        }
        blockType = bits.read(3);
        blockLength = ((long) bits.read(16) << 8) | bits.read(8);
        blockRemaining = blockLength;
        switch (blockType) {
            case ALIGNED -> {
                for (int i = 0; i < ALIGNED_SIZE; i++) {
                    alignedLengths[i] = (byte) bits.read(3);
                }
                alignedTree.build(alignedLengths, ALIGNED_SIZE);
                readMainAndLengthTrees();
            }
            case VERBATIM -> readMainAndLengthTrees();
            case UNCOMPRESSED -> {
                // 1-16 bits of padding re-align the stream, then R0..R2 follow as raw little-endian words
                if (bits.held() == 0) {
                    bits.ensure(16);
                }
                bits.clear();
                r0 = readRawInt();
                r1 = readRawInt();
                r2 = readRawInt();
            }
            default -> throw new ContainerFormatException("LZX block type " + blockType);
        }
    }

    private void readMainAndLengthTrees() throws IOException, ContainerFormatException {
        readLengths(mainLengths, 0, NUM_CHARS);
        readLengths(mainLengths, NUM_CHARS, mainSize);
        mainTree.build(mainLengths, mainSize);
        readLengths(lengthLengths, 0, LENGTH_SIZE);
        lengthTree.build(lengthLengths, LENGTH_SIZE);
    }

    /** Lengths [first, last) as deltas from the previous block's, through a freshly read pre-tree. */
    private void readLengths(byte[] lengths, int first, int last) throws IOException, ContainerFormatException {
        for (int i = 0; i < PRETREE_SIZE; i++) {
            pretreeLengths[i] = (byte) bits.read(4);
        }
        pretree.build(pretreeLengths, PRETREE_SIZE);
        int x = first;
        while (x < last) {
            int z = pretree.decode(bits);
            if (z == 17) {
                int run = bits.read(4) + 4;
                x = fill(lengths, x, run, (byte) 0);
            } else if (z == 18) {
                int run = bits.read(5) + 20;
                x = fill(lengths, x, run, (byte) 0);
            } else if (z == 19) {
                int run = bits.read(1) + 4;
                int delta = pretree.decode(bits);
                if (delta > 16) {
                    throw new ContainerFormatException("an LZX pre-tree run repeats code " + delta);
                }
                x = fill(lengths, x, run, (byte) Math.floorMod(lengths[Math.min(x, lengths.length - 1)] - delta, 17));
            } else {
                lengths[x] = (byte) Math.floorMod(lengths[x] - z, 17);
                x++;
            }
        }
    }

    private static int fill(byte[] lengths, int from, int run, byte value) {
        int end = Math.min(from + run, lengths.length);
        java.util.Arrays.fill(lengths, from, end, value);
        return from + run;
    }

    private long readRawInt() throws IOException, ContainerFormatException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) bits.readByte() << (8 * i);
        }
        return v;
    }

    private long copyUncompressed(long run) throws IOException, ContainerFormatException {
        for (long i = 0; i < run; i++) {
            window[windowPosition++] = (byte) bits.readByte();
        }
        return 0;
    }

    /** Decodes literals and matches for {@code run} bytes; returns minus the overshoot of the last match. */
    private long decodeMatches(long run) throws IOException, ContainerFormatException {
        while (run > 0) {
            int element = mainTree.decode(bits);
            if (element < NUM_CHARS) {
                window[windowPosition++] = (byte) element;
                run--;
                continue;
            }
            element -= NUM_CHARS;
            int length = element & 7;
            if (length == 7) {
                length += lengthTree.decode(bits);
            }
            length += MIN_MATCH;
            long offset = matchOffset(element >>> 3);
            if (windowPosition + length > window.length) {
                throw new ContainerFormatException("an LZX match runs past the end of the window");
            }
            long produced = written + windowPosition - frameStart;
            if (offset <= 0 || offset > produced || offset > window.length) {
                throw new ContainerFormatException(
                        "an LZX match refers to " + offset + " bytes back, before the start of the data");
            }
            int source = (int) ((windowPosition - offset) & (window.length - 1));
            for (int i = 0; i < length; i++) {
                window[windowPosition++] = window[source];
                source = (source + 1) & (window.length - 1);
            }
            run -= length;
        }
        return run;
    }

    private long matchOffset(int slot) throws IOException, ContainerFormatException {
        if (slot == 0) {
            return r0;
        }
        if (slot == 1) {
            long offset = r1;
            r1 = r0;
            r0 = offset;
            return offset;
        }
        if (slot == 2) {
            long offset = r2;
            r2 = r0;
            r0 = offset;
            return offset;
        }
        int extra = EXTRA_BITS[slot];
        long offset = POSITION_BASE[slot] - 2;
        if (blockType == ALIGNED && extra >= 3) {
            if (extra > 3) {
                offset += (long) bits.read(extra - 3) << 3;
            }
            offset += alignedTree.decode(bits);
        } else if (extra > 0) {
            offset += bits.read(extra);
        }
        r2 = r1;
        r1 = r0;
        r0 = offset;
        return offset;
    }

    /** Turns the relative CALL targets the compressor made back into absolute ones. */
    private void undoE8(byte[] data, int size, long frameOffset) {
        long position = frameOffset;
        int end = size - 10;
        int i = 0;
        while (i < end) {
            if ((data[i] & 0xff) != 0xE8) {
                i++;
                position++;
                continue;
            }
            int absolute = (int) Bytes.u32le(data, i + 1);
            if (absolute >= -position && absolute < intelFileSize) {
                long relative = absolute >= 0 ? absolute - position : absolute + intelFileSize;
                data[i + 1] = (byte) relative;
                data[i + 2] = (byte) (relative >>> 8);
                data[i + 3] = (byte) (relative >>> 16);
                data[i + 4] = (byte) (relative >>> 24);
            }
            i += 5;
            position += 5;
        }
    }
}
