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
}
