package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * MSZIP folders: every CFDATA block is "CK" followed by a complete raw deflate stream whose
 * history window is the previous 32 KiB of the folder's output, given to the inflater as its
 * preset dictionary.
 */
final class MsZipDecoder implements FolderDecoder {

    private static final int WINDOW = 32_768;

    private final CfDataReader blocks;
    private final Inflater inflater = new Inflater(true);
    private byte[] history = new byte[0];

    MsZipDecoder(CfDataReader blocks) {
        this.blocks = blocks;
    }

    @Override
    public int next(byte[] out) throws IOException, ContainerFormatException {
        CfDataReader.Block block = blocks.next();
        if (block == null) {
            return -1;
        }
        byte[] data = block.data();
        if (data.length < 2 || data[0] != 'C' || data[1] != 'K') {
            throw new ContainerFormatException("an MSZIP block does not start with the CK signature");
        }
        inflater.reset();
        if (history.length > 0) {
            inflater.setDictionary(history);
        }
        // the extra zero byte is the "dummy" input that raw inflate may ask for at the very end
        byte[] input = Arrays.copyOfRange(data, 2, data.length + 1);
        inflater.setInput(input, 0, input.length);
        int produced = 0;
        try {
            while (!inflater.finished() && produced < block.uncompressedSize()) {
                int n = inflater.inflate(out, produced, block.uncompressedSize() - produced);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                produced += n;
            }
            if (!inflater.finished()) {
                // a block that produced its declared size must also end there
                byte[] probe = new byte[1];
                if (produced == block.uncompressedSize() && inflater.inflate(probe) > 0) {
                    throw new ContainerFormatException(
                            "an MSZIP block expands beyond its declared " + block.uncompressedSize() + " bytes");
                }
            }
        } catch (DataFormatException e) {
            throw new ContainerFormatException("an MSZIP block is not valid deflate data: " + e.getMessage());
        }
        if (produced != block.uncompressedSize()) {
            throw new ContainerFormatException(
                    "an MSZIP block expanded to " + produced + " bytes instead of " + block.uncompressedSize());
        }
        remember(out, produced);
        return produced;
    }

    private void remember(byte[] out, int length) {
        byte[] joined = new byte[Math.min(WINDOW, history.length + length)];
        int fromHistory = joined.length - Math.min(length, joined.length);
        System.arraycopy(history, history.length - fromHistory, joined, 0, fromHistory);
        System.arraycopy(out, length - (joined.length - fromHistory), joined, fromHistory, joined.length - fromHistory);
        history = joined;
    }

    @Override
    public void close() {
        inflater.end();
    }

    @Override
    public long compressedBytes() {
        return blocks.compressedTotal();
    }
}
