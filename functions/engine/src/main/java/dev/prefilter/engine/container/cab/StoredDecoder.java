package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;

/** Folders stored without compression: each block's bytes are the data. */
final class StoredDecoder implements FolderDecoder {

    private final CfDataReader blocks;

    StoredDecoder(CfDataReader blocks) {
        this.blocks = blocks;
    }

    @Override
    public int next(byte[] out) throws IOException, ContainerFormatException {
        CfDataReader.Block block = blocks.next();
        if (block == null) {
            return -1;
        }
        if (block.data().length != block.uncompressedSize()) {
            throw new ContainerFormatException(
                    "a stored block holds " + block.data().length + " bytes but declares " + block.uncompressedSize());
        }
        System.arraycopy(block.data(), 0, out, 0, block.data().length);
        return block.data().length;
    }

    @Override
    public long compressedBytes() {
        return blocks.compressedTotal();
    }
}
