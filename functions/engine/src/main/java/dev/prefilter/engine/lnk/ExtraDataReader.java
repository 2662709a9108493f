package dev.prefilter.engine.lnk;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ExtraData blocks until the terminal block (a size below 4). Every block's size is checked
 * against what is left; a block that cannot be read is kept as unknown and the walk goes on,
 * because its size still says where the next one starts.
 */
final class ExtraDataReader {

    static final int MAX_BLOCKS = 64;
    private static final int TERMINAL_SIZE = 4;
    private static final int BLOCK_HEADER = 8;

    private ExtraDataReader() {}

    /** The blocks, and the offset just past the terminal block (where appended data starts), or -1. */
    static Read<List<ExtraBlock>> read(ByteSpan file, long offset, Charset ansi, List<ParseProblem> problems)
            throws ShortcutFormatException {
        List<ExtraBlock> blocks = new ArrayList<>();
        long position = offset;
        while (true) {
            if (!file.has(position, TERMINAL_SIZE)) {
                long left = file.length() - position;
                problems.add(new ParseProblem(
                        "extraData",
                        position,
                        left == 0
                                ? "the file ends without a terminal block"
                                : "the file ends with " + left + " bytes where a 4-byte terminal block belongs"));
                return Read.stopped(blocks);
            }
            long size = file.u32((int) position);
            if (size < TERMINAL_SIZE) {
                return Read.complete(blocks, position + TERMINAL_SIZE);
            }
            if (size < BLOCK_HEADER) {
                problems.add(new ParseProblem(
                        "extraData", position, "extra data block of " + size + " bytes cannot hold its signature"));
                return Read.stopped(blocks);
            }
            if (!file.has(position, size)) {
                String signature = file.has(position + 4, 4)
                        ? " " + ExtraBlockReaders.signatureName(file.u32((int) position + 4))
                        : "";
                problems.add(new ParseProblem(
                        "extraData",
                        position,
                        "extra data block" + signature + " of " + size + " bytes runs past the end of the file ("
                                + (file.length() - position) + " bytes left)"));
                return Read.stopped(blocks);
            }
            if (blocks.size() == MAX_BLOCKS) {
                problems.add(new ParseProblem(
                        "extraData", position, "more than " + MAX_BLOCKS + " extra data blocks: the rest is not read"));
                return Read.stopped(blocks);
            }
            ByteSpan block = file.slice(position, size, "an extra data block");
            blocks.add(readBlock(block, ansi, problems));
            position += size;
        }
    }

    private static ExtraBlock readBlock(ByteSpan block, Charset ansi, List<ParseProblem> problems)
            throws ShortcutFormatException {
        try {
            return ExtraBlockReaders.read(block, ansi, problems);
        } catch (ShortcutFormatException e) {
            long signature = block.u32(4);
            problems.add(new ParseProblem(
                    "extraData", e.offset(), ExtraBlockReaders.signatureName(signature) + " block: " + e.getMessage()));
            return new ExtraBlock.Unknown(signature, block.length());
        }
    }
}
