package dev.prefilter.engine.pdf;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class PdfAnalyzerTest {

    private static byte[] pdf(String body) {
        return Samples.text("%PDF-1.7\n" + body + "\ntrailer<</Root 1 0 R>>\n%%EOF\n");
    }

    @Test
    void aPlainPdfIsClean() {
        Report report = scanFile("a.pdf", pdf("1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction[3 0 R/Fit]>>endobj"));
        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
    }

    @Test
    void scriptLaunchAndObfuscatedNamesAreFound() {
        Report report = scanFile(
                "a.pdf",
                pdf("1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj 2 0 obj<</S/Java#53cript/JS(app.alert(1))>>endobj"
                        + " 3 0 obj<</S/Launch/F(cmd.exe)>>endobj"));
        assertTrue(
                codes(report).containsAll(java.util.List.of("pdf.javascript", "pdf.launch", "pdf.obfuscated-names")));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void keywordsHiddenInCompressedObjectStreamsAreFound() throws Exception {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
            out.write("<</S/JavaScript/JS(this.exportDataObject())>>".getBytes(StandardCharsets.ISO_8859_1));
        }
        String head = "1 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length " + deflated.size() + ">>stream\n";
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(Samples.text("%PDF-1.7\n" + head));
        file.writeBytes(deflated.toByteArray());
        file.writeBytes(Samples.text("\nendstream\nendobj\ntrailer<<>>\n%%EOF\n"));

        assertTrue(codes(scanFile("a.pdf", file.toByteArray())).contains("pdf.javascript"));
    }

    @Test
    void aDamagedCompressedStreamIsScannedAsFarAsItInflates() throws Exception {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
            out.write("<</S/JavaScript/JS(this.exportDataObject())>>".getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] damaged = deflated.toByteArray();
        damaged[damaged.length - 1] ^= 0x55; // the zlib checksum no longer matches: the inflater throws at the end
        String head = "1 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length " + damaged.length + ">>stream\n";
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(Samples.text("%PDF-1.7\n" + head));
        file.writeBytes(damaged);
        file.writeBytes(Samples.text("\nendstream\nendobj\ntrailer<<>>\n%%EOF\n"));

        assertTrue(codes(scanFile("a.pdf", file.toByteArray())).contains("pdf.javascript"));
    }

    @Test
    void jsBytesInsideImageDataAreNoName() {
        byte[] jpegData = jpegLike("/JS\u00f5\u0011/JavaScript\u00c3/Launch\u0000/AA ");
        byte[] file = pdfWithStream("/Type/XObject/Subtype/Image/Filter/DCTDecode/Length " + jpegData.length, jpegData);

        Report report = scanFile("signed-agreement.pdf", file);

        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
        assertTrue(codes(report).isEmpty(), codes(report).toString());
    }

    @Test
    void jsBytesInsideImageDataWithAnIndirectLengthAreNoNameEither() {
        byte[] jpegData = jpegLike("/JS ");
        byte[] file = pdfWithStream("/Type/XObject/Subtype/Image/Filter/DCTDecode/Length 9 0 R", jpegData);

        assertTrue(codes(scanFile("scan.pdf", file)).isEmpty());
    }

    @Test
    void anObjectHiddenInsideAnotherStreamsDataIsRead() {
        byte[] data = Samples.text("q 1 0 0 1 0 0 cm Q\n7 0 obj\n<</S/JavaScript/JS(app.alert(1))>>\nendobj\n");
        byte[] file = pdfWithStream("/Length " + data.length, data);

        assertTrue(codes(scanFile("a.pdf", file)).contains("pdf.javascript"));
    }

    @Test
    void namesInsideStringsAreText() {
        Report report = scanFile("a.pdf", pdf("1 0 obj<</Type/Catalog/Title(see /JS and /Launch)>>endobj"));

        assertTrue(codes(report).isEmpty(), codes(report).toString());
    }

    @Test
    void aNameEndsOnlyAtWhiteSpaceOrADelimiter() {
        Report longer = scanFile("a.pdf", pdf("1 0 obj<</JSX 1/Launcher 2>>endobj"));
        Report delimited = scanFile("b.pdf", pdf("1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj"));

        assertTrue(codes(longer).isEmpty(), codes(longer).toString());
        assertTrue(codes(delimited).contains("pdf.javascript"));
    }

    @Test
    void scriptInAHexAndFlateEncodedObjectStreamWithAnEscapedTypeIsFound() throws Exception {
        byte[] deflated = deflate("<</S/JavaScript/JS(app.launchURL('http://x'))>>");
        StringBuilder hex = new StringBuilder();
        for (byte b : deflated) hex.append(String.format("%02x", b & 0xff));
        hex.append('>');
        byte[] data = hex.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = pdfWithStream("/Type/Obj#53tm/N 1/First 4/Filter[/AHx/Fl]/Length " + data.length, data);

        assertTrue(codes(scanFile("a.pdf", file)).contains("pdf.javascript"));
    }

    @Test
    void anObjectStreamThatCannotBeDecodedIsSaidSo() {
        byte[] data = Samples.text("\u0080\u0001 not lzw really");
        byte[] file = pdfWithStream("/Type/ObjStm/N 1/First 4/Filter/LZWDecode/Length " + data.length, data);

        Report report = scanFile("a.pdf", file);

        assertTrue(
                codes(report).contains("pdf.object-stream-unread"),
                codes(report).toString());
        assertEquals(Verdict.CLEAN, report.verdict(), "medium alone: it says what was not read");
    }

    @Test
    void aStreamWithoutAnEndDoesNotHideTheObjectsAfterIt() {
        byte[] file = Samples.text("%PDF-1.7\n1 0 obj<</Length 5 0 R>>stream\nabc\n"
                + "2 0 obj<</S/Launch/F(cmd.exe)>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

        assertTrue(codes(scanFile("a.pdf", file)).contains("pdf.launch"));
    }

    /** Bytes that look like JPEG entropy data, with the given text buried inside. */
    private static byte[] jpegLike(String buried) {
        byte[] noise = new byte[4096];
        new java.util.Random(5).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == '/' || noise[i] == 'e') noise[i] = 0x11; // no accidental names or "endstream"
        }
        byte[] text = buried.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, noise, 1000, text.length);
        noise[0] = (byte) 0xFF;
        noise[1] = (byte) 0xD8;
        return noise;
    }

    private static byte[] pdfWithStream(String dictionary, byte[] data) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(Samples.text(
                "%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n3 0 obj<<" + dictionary + ">>stream\n"));
        file.writeBytes(data);
        file.writeBytes(Samples.text("\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"));
        return file.toByteArray();
    }

    private static byte[] deflate(String text) throws java.io.IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }
        return deflated.toByteArray();
    }
}
