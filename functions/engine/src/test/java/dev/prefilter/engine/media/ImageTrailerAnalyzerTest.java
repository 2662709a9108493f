package dev.prefilter.engine.media;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTrailerAnalyzerTest {

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
    void anExecutableAfterTheImageIsCarvedAndHeldAsStaged(String format) throws IOException {
        ByteArrayOutputStream polyglot = new ByteArrayOutputStream();
        polyglot.writeBytes(image(format));
        polyglot.writeBytes(Samples.pe());

        Report report = scanFile("photo." + format, polyglot.toByteArray());

        assertTrue(codes(report).contains("content.appended-data"));
        assertTrue(
                codes(report).contains("type.executable-hidden"), codes(report).toString());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }
}
