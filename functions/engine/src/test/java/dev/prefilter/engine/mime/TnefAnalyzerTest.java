package dev.prefilter.engine.mime;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.node;
import static dev.prefilter.engine.testing.TestEngines.scanMail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.fixtures.MimeBuilder;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.fixtures.TnefWriter;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import org.junit.jupiter.api.Test;

class TnefAnalyzerTest {

    private static Report inMail(byte[] tnef) {
        return scanMail(MimeBuilder.mail()
                .text("see attached")
                .attachment("winmail.dat", "application/ms-tnef", tnef)
                .build());
    }

    @Test
    void attachmentsComeOutOfWinmailDat() {
        Report report = inMail(new TnefWriter()
                .attachment("minutes.txt", Samples.text("meeting minutes"))
                .build());

        assertEquals(Origin.EMBEDDED, node(report, "minutes.txt").origin());
        assertEquals(
                "test.eml > winmail.dat > minutes.txt",
                node(report, "minutes.txt").path());
        assertEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void aCompressedRtfBodyThatCannotBeDecompressedIsAParseFinding() {
        byte[] notLzfu = "0123456789abcdef0123".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Report report = inMail(new TnefWriter()
                .compressedRtfBody(notLzfu)
                .attachment("minutes.txt", Samples.text("meeting minutes"))
                .build());

        dev.prefilter.engine.model.Finding parse = report.findings().stream()
                .filter(f -> f.code().equals("parse.tnef"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(codes(report).toString()));
        assertTrue(parse.description().contains("RTF body"), parse.description());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertEquals(15, node(report, "minutes.txt").size(), "the attachments are still read");
    }

    @Test
    void anExecutableInsideWinmailDatIsFound() {
        assertEquals(
                Verdict.MALICIOUS,
                inMail(new TnefWriter().attachment("update.exe", Samples.pe()).build())
                        .verdict());
    }

    @Test
    void badChecksumsMakeItSuspiciousButTheContentIsStillRead() {
        Report report = inMail(new TnefWriter()
                .attachment("notes.txt", Samples.text("hello"), false)
                .build());

        assertTrue(codes(report).contains("tnef.corrupt"));
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
        assertEquals(5, node(report, "notes.txt").size());
    }

    @Test
    void trailingGarbageIsTolerated() {
        Report report = inMail(new TnefWriter()
                .attachment("a.txt", Samples.text("x"))
                .garbage(new byte[] {0, 0})
                .build());
        assertEquals(Verdict.CLEAN, report.verdict());
        assertTrue(codes(report).contains("tnef.trailing-data"));
    }
}
