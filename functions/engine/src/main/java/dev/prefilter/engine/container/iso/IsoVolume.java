package dev.prefilter.engine.container.iso;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The volume descriptor set of an ISO 9660 image, read from sector 16 on: the primary volume
 * descriptor, a Joliet supplementary descriptor when present (UCS-2 names, what Windows shows),
 * an El Torito boot record, and the UDF volume recognition sequence ({@code NSR02}/{@code NSR03})
 * that UDF and UDF-bridge images carry.
 *
 * @param primary the primary descriptor's root, or null
 * @param joliet the Joliet descriptor's root, or null
 */
public record IsoVolume(Root primary, Root joliet, boolean elTorito, boolean udf, int descriptors) {

    /** Volume descriptors are 2048 bytes whatever the logical block size. */
    public static final int SECTOR = 2048;

    private static final long FIRST = 16;
    private static final int MAX_DESCRIPTORS = 64;

    /** One hierarchy: where its root directory is, and how names in it are encoded. */
    public record Root(
            boolean ucs2, int blockSize, long volumeBlocks, long rootExtent, long rootLength, String volumeId) {}

    public boolean hasIso9660() {
        return primary != null || joliet != null;
    }

    /** The hierarchy to walk: Joliet when present, because its names are the ones users see. */
    public Root preferred() {
        return joliet != null ? joliet : primary;
    }

    public static IsoVolume read(ByteSource source) throws IOException, ContainerFormatException {
        Root primary = null;
        Root joliet = null;
        boolean elTorito = false;
        boolean udf = false;
        int count = 0;
        byte[] sector = new byte[SECTOR];
        for (long s = FIRST; s < FIRST + MAX_DESCRIPTORS; s++) {
            long at = s * SECTOR;
            if (!source.contains(at, SECTOR)) {
                break;
            }
            source.readFully(at, sector, 0, SECTOR);
            String id = new String(sector, 1, 5, StandardCharsets.US_ASCII);
            if (id.equals("CD001")) {
                count++;
                int type = Bytes.u8(sector, 0);
                if (type == 1 && primary == null) {
                    primary = root(sector, false);
                } else if (type == 2 && joliet == null && isJoliet(sector)) {
                    joliet = root(sector, true);
                } else if (type == 0 && Bytes.startsWith(sector, 7, "EL TORITO SPECIFICATION")) {
                    elTorito = true;
                }
            } else if (id.equals("NSR02") || id.equals("NSR03")) {
                udf = true;
            } else if (!id.equals("BEA01") && !id.equals("TEA01") && !id.equals("BOOT2") && !id.equals("CDW02")) {
                break;
            }
        }
        return new IsoVolume(primary, joliet, elTorito, udf, count);
    }

    /** Joliet is a supplementary descriptor whose escape sequences name UCS-2 level 1, 2 or 3. */
    private static boolean isJoliet(byte[] d) {
        return d[88] == '%' && d[89] == '/' && (d[90] == '@' || d[90] == 'C' || d[90] == 'E');
    }

    private static Root root(byte[] d, boolean ucs2) {
        int blockSize = Bytes.u16le(d, 128);
        long volumeBlocks = Bytes.u32le(d, 80);
        // the root directory record is the 34 bytes at 156
        long extent = Bytes.u32le(d, 156 + 2);
        long length = Bytes.u32le(d, 156 + 10);
        String volumeId = ucs2
                ? new String(d, 40, 32, StandardCharsets.UTF_16BE)
                : new String(d, 40, 32, StandardCharsets.ISO_8859_1);
        return new Root(
                ucs2,
                blockSize,
                volumeBlocks,
                extent,
                length,
                volumeId.replace('\0', ' ').strip());
    }
}
