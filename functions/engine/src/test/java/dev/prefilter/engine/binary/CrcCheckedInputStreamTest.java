package dev.prefilter.engine.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class CrcCheckedInputStreamTest {

    private static final byte[] DATA = "the member's bytes".getBytes(StandardCharsets.US_ASCII);

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    @Test
    void matchingBytesPassThroughUnchanged() throws IOException {
        try (CrcCheckedInputStream in =
                CrcCheckedInputStream.failing(new ByteArrayInputStream(DATA), crc(DATA), "member a")) {
            assertArrayEquals(DATA, in.readAllBytes());
            assertNull(in.damage());
        }
    }

    @Test
    void aFailingStreamThrowsAtTheEndNamingTheMember() throws IOException {
        try (CrcCheckedInputStream in =
                CrcCheckedInputStream.failing(new ByteArrayInputStream(DATA), crc(DATA) ^ 1, "member a")) {
            IOException e = assertThrows(IOException.class, in::readAllBytes);
            assertTrue(e.getMessage().startsWith("member a is damaged: its CRC-32 is "), e.getMessage());
        }
    }

    @Test
    void aRecordingStreamHandsOverEveryByteAndRemembersTheDamage() throws IOException {
        try (CrcCheckedInputStream in =
                CrcCheckedInputStream.recording(new ByteArrayInputStream(DATA), 0x12345678L, "member b")) {
            assertNull(in.damage(), "nothing is known before the end");
            assertArrayEquals(DATA, in.readAllBytes());
            assertEquals(
                    String.format("member b is damaged: its CRC-32 is %08x, the archive says 12345678", crc(DATA)),
                    in.damage());
        }
    }

    @Test
    void skippedBytesCountInTheChecksum() throws IOException {
        try (CrcCheckedInputStream in =
                CrcCheckedInputStream.failing(new ByteArrayInputStream(DATA), crc(DATA), "member c")) {
            assertEquals(4, in.skip(4));
            assertEquals(DATA.length - 4, in.readAllBytes().length);
            assertNull(in.damage());
        }
    }

    @Test
    void anUnknownChecksumIsNotChecked() throws IOException {
        try (CrcCheckedInputStream in = CrcCheckedInputStream.failing(
                new ByteArrayInputStream(DATA), CrcCheckedInputStream.UNKNOWN, "member d")) {
            assertArrayEquals(DATA, in.readAllBytes());
            assertNull(in.damage());
        }
    }
}
