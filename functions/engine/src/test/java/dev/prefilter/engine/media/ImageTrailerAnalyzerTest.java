package dev.prefilter.engine.media;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTrailerAnalyzerTest {

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] image(String format) throws IOException {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 32; i++) image.setRGB(i, i, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpg", "png", "gif"})
    void cleanImagesStayClean(String format) throws IOException {
        Report report = scanFile("photo." + format, image(format));
        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpg", "png", "gif"})
    void fewOrUnrecognisableTrailingBytesAreOnlyRecorded(String format) throws IOException {
        byte[] leftover = new byte[6 * 1024];
        new java.util.Random(17).nextBytes(leftover);
        leftover[0] = (byte) 0xD1; // not a signature, not padding
        Report small = scanFile("scan." + format, concat(image(format), Samples.text("GIF89a leftover 23 bytes")));
        Report large = scanFile("scan." + format, concat(image(format), leftover));

        for (Report report : List.of(small, large)) {
            assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
            assertTrue(
                    codes(report).contains("content.trailing-data"),
                    codes(report).toString());
            assertFalse(codes(report).contains("content.appended-data"));
        }
    }

    @Test
    void theOlderVersionAfterAReSavedJpegIsOnlyRecorded() throws IOException {
        Report report = scanFile("contract-scan.jpg", concat(image("jpg"), image("jpg")));

        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
        assertTrue(codes(report).contains("content.trailing-data"));
    }

    @ParameterizedTest
    @CsvSource({"zip, container", "script, script", "elf, executable"})
    void aContainerScriptOrExecutableAfterTheImageIsAPolyglot(String payload, String kind) throws IOException {
        byte[] tail = switch (payload) {
            case "zip" -> Archives.zip(Archives.files("readme.txt", "hello"));
            case "script" -> Samples.text("\n<script>new ActiveXObject('WScript.Shell').Run('calc')</script>\n");
            default -> concat(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, new byte[120]);
        };
        Report report = scanFile("photo.png", concat(image("png"), tail));

        Finding appended = report.findings().stream()
                .filter(f -> f.code().equals("content.appended-data"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(codes(report).toString()));
        assertEquals(kind, appended.evidence().get("kind"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpg", "png", "gif"})
    void anExecutableAfterTheImageIsCarvedAndHeldAsStaged(String format) throws IOException {
        ByteArrayOutputStream polyglot = new ByteArrayOutputStream();
        polyglot.writeBytes(image(format));
        polyglot.writeBytes(Samples.pe());

        Report report = scanFile("photo." + format, polyglot.toByteArray());

        assertTrue(codes(report).contains("content.appended-data"));
        assertEquals(
                "executable",
                report.findings().stream()
                        .filter(f -> f.code().equals("content.appended-data"))
                        .findFirst()
                        .orElseThrow()
                        .evidence()
                        .get("kind"));
        assertTrue(
                codes(report).contains("type.executable-hidden"), codes(report).toString());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }
}
