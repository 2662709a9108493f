package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * LZX folders: the CFDATA payloads form one continuous bit stream, and each block's declared
 * size is the size of the next output frame.
 */
final class LzxFolderDecoder implements FolderDecoder, LzxBits.Input {

    private final CfDataReader blocks;
    private final LzxDecoder lzx;
    private final Deque<Integer> frameSizes = new ArrayDeque<>();
    private byte[] payload = new byte[0];
    private int position;
    private boolean ended;

    LzxFolderDecoder(CfDataReader blocks, int windowBits) throws ContainerFormatException {
        this.blocks = blocks;
        this.lzx = new LzxDecoder(windowBits, this);
    }

    @Override
    public int next(byte[] out) throws IOException, ContainerFormatException {
        if (frameSizes.isEmpty() && !loadBlock()) {
            return -1;
        }
        int size = frameSizes.removeFirst();
        lzx.decodeFrame(out, size);
        return size;
    }

    @Override
    public int read() throws IOException, ContainerFormatException {
        while (position >= payload.length) {
            if (!loadBlock()) {
                return -1;
            }
        }
        return payload[position++] & 0xff;
    }

    /** Appends the next block's payload to the unread input and queues its frame size. */
    private boolean loadBlock() throws IOException, ContainerFormatException {
        if (ended) {
            return false;
        }
        CfDataReader.Block block = blocks.next();
        if (block == null) {
            ended = true;
            return false;
        }
        int left = payload.length - position;
        byte[] joined = new byte[left + block.data().length];
        System.arraycopy(payload, position, joined, 0, left);
        System.arraycopy(block.data(), 0, joined, left, block.data().length);
        payload = joined;
        position = 0;
        frameSizes.addLast(block.uncompressedSize());
        return true;
    }

    @Override
    public long compressedBytes() {
        return blocks.compressedTotal();
    }
}
