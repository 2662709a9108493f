package dev.prefilter.engine.container.cab;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small LZX encoder for tests, written from the same specification as the decoder but from the
 * writing side: complete fixed-shape Huffman codes (rotated per block so that the delta coding of
 * lengths between blocks is exercised, with pre-tree code 19 for runs), a greedy match finder
 * that also uses the repeated-offset registers, verbatim, aligned-offset and uncompressed blocks
 * that may span 32 KiB frames, and the Intel E8 pre-translation. Returns one payload per frame,
 * as a cabinet stores them.
 */
final class LzxTestEncoder {

    enum Block {
        VERBATIM,
        ALIGNED,
        UNCOMPRESSED
    }

    static final int FRAME = 32_768;
    private static final int[] EXTRA = new int[51];
    private static final long[] BASE = new long[51];

    static {
        for (int i = 0; i < EXTRA.length; i++) {
            EXTRA[i] = i < 4 ? 0 : Math.min((i - 2) / 2, 17);
        }
        for (int i = 1; i < BASE.length; i++) {
            BASE[i] = BASE[i - 1] + (1L << EXTRA[i - 1]);
        }
    }

    private final int windowSize;
    private final int mainSize;
    private final byte[] previousMain;
    private final byte[] previousLength = new byte[249];
    private final Bits out = new Bits();
    private long r0 = 1;
    private long r1 = 1;
    private long r2 = 1;
    private int[][] mainCodes;
    private int[][] lengthCodes;
    private int[][] alignedCodes;
    private Block kind;

    LzxTestEncoder(int windowBits) {
        int slots = windowBits == 21 ? 50 : windowBits == 20 ? 42 : windowBits * 2;
        this.windowSize = 1 << windowBits;
        this.mainSize = 256 + slots * 8;
        this.previousMain = new byte[mainSize];
    }

    /** Frame payloads for {@code data}; {@code e8FileSize} 0 leaves the E8 translation off. */
    List<byte[]> encode(byte[] data, List<Block> kinds, int blockSize, int e8FileSize) {
        byte[] t = e8FileSize == 0 ? data : translate(data, e8FileSize);
        out.bits(e8FileSize == 0 ? 0 : 1, 1);
        if (e8FileSize != 0) {
            out.bits(e8FileSize >>> 16, 16);
            out.bits(e8FileSize & 0xFFFF, 16);
        }
        int pos = 0;
        int blockIndex = 0;
        while (pos < t.length) {
            int blockStart = pos;
            int blockLength = Math.min(blockSize, t.length - pos);
            kind = kinds.get(blockIndex % kinds.size());
            header(blockLength, blockIndex);
            while (pos < blockStart + blockLength) {
                int frameEnd = (pos / FRAME + 1) * FRAME;
                int limit = Math.min(blockStart + blockLength, frameEnd);
                if (kind == Block.UNCOMPRESSED) {
                    for (int i = pos; i < limit; i++) {
                        out.raw(t[i]);
                    }
                } else {
                    tokens(t, pos, limit);
                }
                pos = limit;
                if (pos == frameEnd || pos == t.length) {
                    out.frameEnd();
                }
            }
            if (kind == Block.UNCOMPRESSED && (blockLength & 1) == 1) {
                out.raw((byte) 0);
            }
            blockIndex++;
        }
        return out.frames;
    }

    private void header(int length, int blockIndex) {
        out.bits(kind == Block.VERBATIM ? 1 : kind == Block.ALIGNED ? 2 : 3, 3);
        out.bits(length >>> 8, 16);
        out.bits(length & 0xFF, 8);
        if (kind == Block.UNCOMPRESSED) {
            out.uncompressedPadding();
            for (long r : new long[] {r0, r1, r2}) {
                for (int i = 0; i < 4; i++) {
                    out.raw((byte) (r >>> (8 * i)));
                }
            }
            return;
        }
        if (kind == Block.ALIGNED) {
            byte[] aligned = new byte[8];
            Arrays.fill(aligned, (byte) 3);
            for (byte a : aligned) {
                out.bits(a, 3);
            }
            alignedCodes = canonical(aligned);
        }
        byte[] main = completeLengths(mainSize, literalsShort(mainSize, blockIndex));
        lengths(previousMain, main, 0, 256);
        lengths(previousMain, main, 256, mainSize);
        mainCodes = canonical(main);
        byte[] len = completeLengths(249, blockIndex * 11);
        lengths(previousLength, len, 0, 249);
        lengthCodes = canonical(len);
    }

    /** Writes lengths [from, to) as deltas from the previous block's, through a fixed pre-tree. */
    private void lengths(byte[] previous, byte[] next, int from, int to) {
        byte[] pre = new byte[20];
        for (int i = 0; i < 20; i++) {
            pre[i] = (byte) (i < 12 ? 4 : 5);
            out.bits(pre[i], 4);
        }
        int[][] codes = canonical(pre);
        int x = from;
        while (x < to) {
            int run = 1;
            while (x + run < to && next[x + run] == next[x] && run < 5) {
                run++;
            }
            if (run >= 4) {
                write(codes, 19);
                out.bits(run - 4, 1);
                write(codes, Math.floorMod(previous[x] - next[x], 17));
                for (int i = 0; i < run; i++) {
                    previous[x + i] = next[x];
                }
                x += run;
            } else {
                write(codes, Math.floorMod(previous[x] - next[x], 17));
                previous[x] = next[x];
                x++;
            }
        }
    }

    private void tokens(byte[] t, int from, int limit) {
        int p = from;
        while (p < limit) {
            int[] match = longestMatch(t, p, limit);
            if (match[1] < 3) {
                write(mainCodes, t[p] & 0xFF);
                remember(t, p);
                p++;
                continue;
            }
            encodeMatch(match[0], match[1]);
            for (int i = 0; i < match[1]; i++) {
                remember(t, p + i);
            }
            p += match[1];
        }
    }

    private final int[] lastSeen = filled(1 << 16);

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    private static int hash(byte[] t, int p) {
        return ((t[p] & 0xFF) * 31 * 31 + (t[p + 1] & 0xFF) * 31 + (t[p + 2] & 0xFF)) & 0xFFFF;
    }

    private void remember(byte[] t, int p) {
        if (p + 2 < t.length) {
            lastSeen[hash(t, p)] = p;
        }
    }

    /** {distance, length}: the repeated offsets, the last position with the same 3-byte hash, and short distances. */
    private int[] longestMatch(byte[] t, int p, int limit) {
        int maxLength = Math.min(257, limit - p);
        int bestLength = 0;
        int bestDistance = 0;
        List<Integer> candidates = new ArrayList<>(List.of((int) r0, (int) r1, (int) r2));
        if (p + 2 < t.length && lastSeen[hash(t, p)] >= 0) {
            candidates.add(p - lastSeen[hash(t, p)]);
        }
        for (int d = 1; d <= 64; d++) {
            candidates.add(d);
        }
        for (int i = 0; i < candidates.size(); i++) {
            int d = candidates.get(i);
            int length = matchLength(t, p, d, maxLength);
            // the registers are cheap: prefer them on ties
            if (length > bestLength + (i < 3 ? 0 : 1)) {
                bestLength = length;
                bestDistance = d;
            }
        }
        return new int[] {bestDistance, bestLength};
    }

    private int matchLength(byte[] t, int p, int distance, int max) {
        if (distance <= 0 || distance > p || distance > windowSize - 3) {
            return 0;
        }
        int length = 0;
        while (length < max && t[p + length] == t[p + length - distance]) {
            length++;
        }
        return length;
    }

    private void encodeMatch(int distance, int length) {
        int slot;
        long extraValue = 0;
        if (distance == r0) {
            slot = 0;
        } else if (distance == r1) {
            slot = 1;
            r1 = r0;
            r0 = distance;
        } else if (distance == r2) {
            slot = 2;
            r2 = r0;
            r0 = distance;
        } else {
            long formatted = distance + 2L;
            slot = 3;
            while (slot + 1 < BASE.length && BASE[slot + 1] <= formatted) {
                slot++;
            }
            extraValue = formatted - BASE[slot];
            r2 = r1;
            r1 = r0;
            r0 = distance;
        }
        int header = Math.min(length - 2, 7);
        write(mainCodes, 256 + slot * 8 + header);
        if (header == 7) {
            write(lengthCodes, length - 9);
        }
        if (slot >= 3) {
            int extra = EXTRA[slot];
            if (kind == Block.ALIGNED && extra >= 3) {
                if (extra > 3) {
                    out.bits(extraValue >>> 3, extra - 3);
                }
                write(alignedCodes, (int) (extraValue & 7));
            } else if (extra > 0) {
                out.bits(extraValue, extra);
            }
        }
    }

    private void write(int[][] codes, int symbol) {
        out.bits(codes[symbol][0], codes[symbol][1]);
    }

    /**
     * A rotation that changes from block to block but keeps all 256 literals among the shorter
     * codes when there are enough of them, so that incompressible data stays within the 6 KiB of
     * growth a cabinet block allows.
     */
    static int literalsShort(int n, int blockIndex) {
        int bits = 32 - Integer.numberOfLeadingZeros(n - 1);
        int shorter = (1 << bits) - n;
        if (shorter < 256) {
            return blockIndex * 37 % n;
        }
        return (n - blockIndex * 37 % (shorter - 255)) % n;
    }

    /** Lengths of a complete code over n symbols; which symbols get the shorter codes rotates with {@code shift}. */
    static byte[] completeLengths(int n, int shift) {
        int bits = 32 - Integer.numberOfLeadingZeros(n - 1);
        int shorter = (1 << bits) - n;
        byte[] lengths = new byte[n];
        for (int i = 0; i < n; i++) {
            lengths[(i + shift) % n] = (byte) (i < shorter ? bits - 1 : bits);
        }
        return lengths;
    }

    /** {code, length} per symbol, assigned by length then symbol. */
    static int[][] canonical(byte[] lengths) {
        int[] count = new int[17];
        for (byte l : lengths) {
            count[l]++;
        }
        count[0] = 0;
        int[] next = new int[18];
        int code = 0;
        for (int bits = 1; bits <= 16; bits++) {
            code = (code + count[bits - 1]) << 1;
            next[bits] = code;
        }
        int[][] codes = new int[lengths.length][];
        for (int s = 0; s < lengths.length; s++) {
            codes[s] = new int[] {lengths[s] == 0 ? 0 : next[lengths[s]]++, lengths[s]};
        }
        return codes;
    }

    /** The compressor's half of the E8 translation: relative CALL targets become absolute. */
    static byte[] translate(byte[] data, int fileSize) {
        byte[] t = data.clone();
        for (int frameStart = 0, frame = 0; frameStart < t.length; frameStart += FRAME, frame++) {
            int size = Math.min(FRAME, t.length - frameStart);
            if (frame >= 32_768 || size <= 10) {
                continue;
            }
            int i = 0;
            while (i < size - 10) {
                int at = frameStart + i;
                if ((t[at] & 0xFF) != 0xE8) {
                    i++;
                    continue;
                }
                long position = at;
                int relative = (t[at + 1] & 0xFF)
                        | (t[at + 2] & 0xFF) << 8
                        | (t[at + 3] & 0xFF) << 16
                        | (t[at + 4] & 0xFF) << 24;
                long absolute = relative;
                if (relative >= -position && relative < fileSize - position) {
                    absolute = relative + position;
                } else if (relative >= fileSize - position && relative < fileSize) {
                    absolute = relative - fileSize;
                }
                for (int k = 0; k < 4; k++) {
                    t[at + 1 + k] = (byte) (absolute >>> (8 * k));
                }
                i += 5;
            }
        }
        return t;
    }

    /** 16-bit little-endian words filled most significant bit first; byte mode for uncompressed data. */
    private static final class Bits {
        final List<byte[]> frames = new ArrayList<>();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private int word;
        private int count;

        void bits(long value, int n) {
            for (int i = n - 1; i >= 0; i--) {
                word = (word << 1) | (int) ((value >>> i) & 1);
                if (++count == 16) {
                    current.write(word & 0xFF);
                    current.write((word >>> 8) & 0xFF);
                    word = 0;
                    count = 0;
                }
            }
        }

        void align() {
            if (count > 0) {
                bits(0, 16 - count);
            }
        }

        void uncompressedPadding() {
            if (count == 0) {
                bits(0, 16);
            } else {
                align();
            }
        }

        void raw(byte b) {
            if (count != 0) {
                throw new IllegalStateException("raw byte inside a bit word");
            }
            current.write(b);
        }

        void frameEnd() {
            align();
            frames.add(current.toByteArray());
            current.reset();
        }
    }
}
