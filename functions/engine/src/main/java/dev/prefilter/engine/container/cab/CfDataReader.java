package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.ProblemLog;
import java.io.IOException;

/**
 * Reads the CFDATA blocks of one folder in order, checks their sizes and checksums, and
 * returns each block's compressed bytes with the size they must expand to.
 */
final class CfDataReader {

    static final int MAX_UNCOMPRESSED = 32_768;
    /** [MS-CAB] allows 6144 bytes of growth for incompressible data. */
    static final int MAX_COMPRESSED = MAX_UNCOMPRESSED + 6144;

    record Block(byte[] data, int uncompressedSize) {}

    private final ByteSource source;
    private final CabFolder folder;
    private final int reserve;
    private final ProblemLog problems;
    private long at;
    private int read;
    private long compressedTotal;

    CfDataReader(ByteSource source, CabFolder folder, int reserve, ProblemLog problems) {
        this.source = source;
        this.folder = folder;
        this.reserve = reserve;
        this.problems = problems;
        this.at = folder.dataOffset();
    }

    /** The next block, or null after the folder's last one. */
    Block next() throws IOException, ContainerFormatException {
        if (read >= folder.blockCount()) {
            return null;
        }
        source.checkRange(at, 8 + reserve, "data block " + read + " of folder " + folder.index());
        byte[] header = source.read(at, 8);
        long checksum = Bytes.u32le(header, 0);
        int compressed = Bytes.u16le(header, 4);
        int uncompressed = Bytes.u16le(header, 6);
        if (compressed > MAX_COMPRESSED || uncompressed > MAX_UNCOMPRESSED) {
            throw new ContainerFormatException("data block " + read + " of folder " + folder.index() + " declares "
                    + compressed + " -> " + uncompressed + " bytes, more than a cabinet block may hold");
        }
        long dataAt = at + 8 + reserve;
        source.checkRange(dataAt, compressed, "data block " + read + " of folder " + folder.index());
        byte[] data = source.read(dataAt, compressed);
        if (checksum != 0 && CabChecksum.of(data, header) != checksum) {
            problems.add("data block " + read + " of folder " + folder.index() + " fails its checksum");
        }
        at = dataAt + compressed;
        read++;
        compressedTotal += compressed;
        return new Block(data, uncompressed);
    }

    long compressedTotal() {
        return compressedTotal;
    }
}
