package dev.prefilter.engine.archive;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.node;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import org.apache.commons.compress.compressors.lzma.LZMACompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.z.ZCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoder bombs: headers that ask for gigabytes of decoder state in a few bytes are refused
 * before anything is allocated, with a limit finding; ordinary streams still unpack.
 */
class DecoderMemoryTest {

    private static final byte[] TEXT = Samples.text("quarterly figures attached\n".repeat(40));

    @Test
    void anLzmaHeaderAskingForAHugeDictionaryIsRefused() throws IOException {
        byte[] lzma = lzma(TEXT);
        putLe32(lzma, 1, 0x7000_0000); // 1.75 GiB dictionary, the rest of the stream unchanged

        Report report = scanFile("report.txt.lzma", java.util.Arrays.copyOf(lzma, 19));

        Finding limit = finding(report, "limit.decoder-memory");
        assertEquals("lzma", limit.evidence().get("format"));
        assertEquals((long) DecoderMemory.LIMIT_KIB, ((Number) limit.evidence().get("limitKiB")).longValue());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertFalse(codes(report).contains("engine.error"));
    }

    @Test
    void anXzBlockAskingForAHugeDictionaryIsRefused() throws IOException {
        byte[] xz = xz(TEXT);
        // stream header (12 bytes), then the block header: size, flags, filter id 0x21, props size 1, dictionary byte
        int header = 12;
        int headerSize = ((xz[header] & 0xff) + 1) * 4;
        assertEquals(0x21, xz[header + 2]);
        xz[header + 4] = 37; // a 1.5 GiB dictionary, the largest xz accepts
        CRC32 crc = new CRC32();
        crc.update(xz, header, headerSize - 4);
        putLe32(xz, header + headerSize - 4, (int) crc.getValue());

        Report report = scanFile("report.txt.xz", xz);

        assertEquals("xz", finding(report, "limit.decoder-memory").evidence().get("format"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void a7zFolderAskingForAHugeDictionaryIsRefused() {
        byte[] archive = Archives.sevenZip(Archives.files("notes.txt", TEXT));
        long headerOffset = 32 + le64(archive, 12);
        int headerSize = (int) le64(archive, 20);
        int coder = indexOf(archive, (int) headerOffset, new byte[] {0x21, 0x21, 0x01}); // LZMA2 coder, 1 property byte
        archive[coder + 3] = 37; // a 1.5 GiB dictionary
        CRC32 crc = new CRC32();
        crc.update(archive, (int) headerOffset, headerSize);
        putLe32(archive, 28, (int) crc.getValue());
        crc.reset();
        crc.update(archive, 12, 20);
        putLe32(archive, 8, (int) crc.getValue());

        Report report = scanFile("notes.7z", archive);

        assertEquals("7z", finding(report, "limit.decoder-memory").evidence().get("format"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 30, 31})
    void aCompressHeaderWithWideCodesIsRefused(int maxBits) {
        Report report = scanFile("data.Z", new byte[] {0x1f, (byte) 0x9d, (byte) (0x80 | maxBits), 0});

        Finding limit = finding(report, "limit.decoder-memory");
        assertEquals(maxBits, ((Number) limit.evidence().get("maxBits")).intValue());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertFalse(codes(report).contains("engine.error"));
    }

    @Test
    void ordinaryLzmaXzAndCompressStreamsStillUnpack() throws IOException {
        assertEquals(
                TEXT.length,
                node(scanFile("notes.txt.lzma", lzma(TEXT)), "notes.txt").size());
        assertEquals(
                TEXT.length,
                node(scanFile("notes.txt.xz", xz(TEXT)), "notes.txt").size());
        Report z = scanFile("notes.txt.Z", compress16(TEXT));
        assertEquals(TEXT.length, node(z, "notes.txt").size());
        assertEquals(Verdict.CLEAN, z.verdict(), codes(z).toString());
    }

    @Test
    void theCompressFixtureIsWhatTheLibraryReads() throws IOException {
        try (ZCompressorInputStream in =
                new ZCompressorInputStream(new java.io.ByteArrayInputStream(compress16(TEXT)))) {
            assertEquals(new String(TEXT), new String(in.readAllBytes()));
        }
    }

    private static Finding finding(Report report, String code) {
        return report.findings().stream()
                .filter(f -> f.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + codes(report)));
    }

    private static byte[] lzma(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LZMACompressorOutputStream lzma = new LZMACompressorOutputStream(out)) {
            lzma.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZCompressorOutputStream xz = new XZCompressorOutputStream(out)) {
            xz.write(data);
        }
        return out.toByteArray();
    }

    /**
     * A {@code compress -b 16} stream in block mode without clear codes: 9-bit codes growing to 16
     * bits as the table fills, written LSB first, as {@code ncompress} does (commons-compress only
     * reads .Z).
     */
    static byte[] compress16(byte[] data) {
        java.util.Map<String, Integer> table = new java.util.HashMap<>();
        for (int i = 0; i < 256; i++) table.put(String.valueOf((char) i), i);
        int next = 257; // 256 is the clear code in block mode
        int width = 9;
        BitWriter bits = new BitWriter();
        String w = "";
        for (byte b : data) {
            String wc = w + (char) (b & 0xff);
            if (table.containsKey(wc)) {
                w = wc;
                continue;
            }
            bits.write(table.get(w), width);
            if (next < 1 << 16) {
                table.put(wc, next++);
                if (next > (1 << width) && width < 16) width++;
            }
            w = String.valueOf((char) (b & 0xff));
        }
        if (!w.isEmpty()) bits.write(table.get(w), width);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x1f);
        out.write(0x9d);
        out.write(0x80 | 16);
        out.writeBytes(bits.bytes());
        return out.toByteArray();
    }

    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long buffer;
        private int count;

        void write(int code, int width) {
            buffer |= (long) code << count;
            count += width;
            while (count >= 8) {
                out.write((int) (buffer & 0xff));
                buffer >>>= 8;
                count -= 8;
            }
        }

        byte[] bytes() {
            if (count > 0) out.write((int) (buffer & 0xff));
            return out.toByteArray();
        }
    }

    private static long le64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[off + i] & 0xff);
        return v;
    }

    private static int indexOf(byte[] b, int from, byte[] pattern) {
        outer:
        for (int i = from; i + pattern.length <= b.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) continue outer;
            }
            return i;
        }
        throw new AssertionError("pattern not in the fixture");
    }

    private static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
