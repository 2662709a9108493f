package dev.prefilter.engine.onenote;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.nodes;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OneNoteAnalyzerTest {

    /** A OneNote section header GUID, padding, then one FileDataStoreObject holding a batch file. */
    private static byte[] sectionWith(byte[] embedded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {
            (byte) 0xE4,
            0x52,
            0x5C,
            0x7B,
            (byte) 0x8C,
            (byte) 0xD8,
            (byte) 0xA7,
            0x4D,
            (byte) 0xAE,
            (byte) 0xB1,
            0x53,
            0x78,
            (byte) 0xD0,
            0x29,
            (byte) 0x96,
            (byte) 0xD3
        });
        out.writeBytes(new byte[1008]);
        out.writeBytes(new byte[] {
            (byte) 0xE7,
            0x16,
            (byte) 0xE3,
            (byte) 0xBD,
            0x65,
            0x26,
            0x11,
            0x45,
            (byte) 0xA4,
            (byte) 0xC4,
            (byte) 0x8D,
            0x4D,
            0x0B,
            0x7A,
            (byte) 0x9E,
            (byte) 0xAC
        });
        out.writeBytes(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(embedded.length)
                .array());
        out.writeBytes(new byte[12]);
        out.writeBytes(embedded);
        out.writeBytes(new byte[64]);
        return out.toByteArray();
    }

    @Test
    void embeddedFilesAreCarvedAndScanned() {
        Report report = scanFile(
                "Document.one",
                sectionWith("@echo off\r\npowershell -w hidden -c calc\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertTrue(codes(report).contains("type.onenote"));
        assertTrue(codes(report).contains("onenote.embedded-files"));
        assertTrue(
                nodes(report).stream().anyMatch(n -> "application/x-bat".equals(n.detectedType())),
                "the batch file was carved");
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }
}
