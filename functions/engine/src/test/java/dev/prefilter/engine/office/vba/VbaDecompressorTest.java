package dev.prefilter.engine.office.vba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.poi.util.RLEDecompressingInputStream;
import org.junit.jupiter.api.Test;

/** MS-OVBA decompression against POI's RLEDecompressingInputStream, with copy tokens from a test compressor. */
class VbaDecompressorTest {

    /** MS-OVBA 2.4.1.3 compression, greedy longest match inside the chunk. */
    static byte[] compressWithCopyTokens(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        for (int chunk = 0; chunk < data.length; chunk += 4096) {
            int end = Math.min(data.length, chunk + 4096);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int pos = chunk;
            while (pos < end) {
                ByteArrayOutputStream group = new ByteArrayOutputStream();
                int flags = 0;
                for (int bit = 0; bit < 8 && pos < end; bit++) {
                    int d = pos - chunk;
                    int bitCount = 4;
                    while ((1 << bitCount) < d) bitCount++;
                    int maxLength = (0xFFFF >>> bitCount) + 3;
                    int bestLength = 0;
                    int bestOffset = 0;
                    for (int cand = Math.max(chunk, pos - (1 << bitCount)); cand < pos; cand++) {
                        int len = 0;
                        while (len < maxLength && pos + len < end && data[cand + len] == data[pos + len]) len++;
                        if (len > bestLength) {
                            bestLength = len;
                            bestOffset = pos - cand;
                        }
                    }
                    if (bestLength >= 3) {
                        int token = ((bestOffset - 1) << (16 - bitCount)) | (bestLength - 3);
                        group.write(token & 0xff);
                        group.write(token >>> 8);
                        flags |= 1 << bit;
                        pos += bestLength;
                    } else {
                        group.write(data[pos++]);
                    }
                }
                body.write(flags);
                body.writeBytes(group.toByteArray());
            }
            int header = 0xB000 | (body.size() + 2 - 3);
            if (body.size() + 2 > 4098) throw new IllegalArgumentException("test data must compress");
            out.write(header & 0xff);
            out.write(header >>> 8);
            out.writeBytes(body.toByteArray());
        }
        return out.toByteArray();
    }

    private static byte[] poi(byte[] compressed) throws Exception {
        try (RLEDecompressingInputStream in = new RLEDecompressingInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    @Test
    void copyTokensDecompressLikePoi() throws Exception {
        Random random = new Random(7);
        String[] words = {
            "Dim ",
            "Shell ",
            "CreateObject(\"WScript.Shell\")",
            " & ",
            "Chr(",
            ")",
            "\r\n",
            "Sub AutoOpen()",
            "End Sub",
            "x",
            "y"
        };
        for (int round = 0; round < 40; round++) {
            StringBuilder text = new StringBuilder();
            int n = 50 + random.nextInt(3000);
            while (text.length() < n) text.append(words[random.nextInt(words.length)]);
            byte[] plain = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] compressed = compressWithCopyTokens(plain);
            assertTrue(compressed.length < plain.length, "the test compressor used copy tokens");
            VbaDecompressor.Result ours = VbaDecompressor.decompress(compressed, 0, compressed.length, 1 << 20);
            assertEquals(null, ours.error());
            assertArrayEquals(poi(compressed), ours.data());
            assertArrayEquals(plain, ours.data());
        }
    }

    @Test
    void outputBoundStopsAndSaysSo() {
        byte[] plain = "a".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = compressWithCopyTokens(plain);
        VbaDecompressor.Result r = VbaDecompressor.decompress(compressed, 0, compressed.length, 5000);
        assertTrue(r.truncated());
        assertEquals(5000, r.data().length);
    }

    @Test
    void malformedContainersEndWithAReason() {
        assertNotNull(
                VbaDecompressor.decompress(new byte[] {0x02, 0x00, (byte) 0xB0}, 0, 3, 100)
                        .error(),
                "bad signature");
        // a copy token in the first byte of a chunk points before the chunk
        byte[] early = {0x01, 0x02, (byte) 0xB0, 0x01, 0x00, 0x00};
        assertNotNull(VbaDecompressor.decompress(early, 0, early.length, 100).error());
        byte[] cut = compressWithCopyTokens("Sub AutoOpen()\r\nSub AutoOpen()\r\n".getBytes(StandardCharsets.US_ASCII));
        VbaDecompressor.Result r = VbaDecompressor.decompress(cut, 0, cut.length - 1, 100);
        assertTrue(r.data().length > 0, "what was decompressed before the cut is kept");
    }
}
