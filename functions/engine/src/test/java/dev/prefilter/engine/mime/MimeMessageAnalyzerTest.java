package dev.prefilter.engine.mime;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.node;
import static dev.prefilter.engine.testing.TestEngines.nodes;
import static dev.prefilter.engine.testing.TestEngines.scanMail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.fixtures.MimeBuilder;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MimeMessageAnalyzerTest {

    @Test
    void everyLeafPartBecomesANodeWithDecodedHeaders() {
        byte[] mail = MimeBuilder.mail()
                .subject("請求書の送付 (3月分)")
                .text("いつもお世話になっております。")
                .html("<p>Hello</p>")
                .attachment("請求書_3月分.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
                .build();

        Report report = scanMail(mail);

        assertEquals("請求書の送付 (3月分)", report.mail().subject());
        assertEquals("Sender <sender@example.com>", report.mail().from());
        assertEquals(List.of("Recipient <rcpt@example.org>"), report.mail().to());
        assertEquals("<test-1@example.com>", report.mail().messageId());
        ReportNode pdf = node(report, "請求書_3月分.pdf");
        assertEquals("application/pdf", pdf.declaredType());
        assertEquals("application/pdf", pdf.detectedType());
        assertEquals(Origin.MIME_PART, pdf.origin());
        assertEquals("test.eml > 請求書_3月分.pdf", pdf.path());
        assertEquals("1.3", pdf.facts().get("mimePart"));
        assertEquals("attachment", pdf.facts().get("contentDisposition"));
        assertEquals(4, nodes(report).size());
        assertEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void filenamesDecodeFromEncodedWordsInAnyCharset() {
        for (Charset charset : List.of(
                Charset.forName("ISO-2022-JP"),
                Charset.forName("Shift_JIS"),
                Charset.forName("GB2312"),
                StandardCharsets.UTF_8)) {
            String name = charset.name().equals("GB2312") ? "发票.pdf" : "見積書.pdf";
            byte[] mail = MimeBuilder.mail()
                    .text("see attached")
                    .attachmentEncodedWord(
                            name, charset, "application/pdf", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII))
                    .build();
            Report report = scanMail(mail);
            assertEquals(name, node(report, name).name(), "charset " + charset);
        }
    }

    @Test
    void rfc2231ContinuationsAndCharsetsDecode() {
        byte[] mail = MimeBuilder.mail()
                .text("x")
                .rawPart(
                        "Content-Type: application/octet-stream\r\n"
                                + "Content-Disposition: attachment;\r\n filename*0*=UTF-8''%E8%A6%8B%E7%A9%8D;\r\n "
                                + "filename*1*=%E6%9B%B8;\r\n filename*2=\".txt\"\r\n"
                                + "Content-Transfer-Encoding: 7bit\r\n",
                        "hello\r\n")
                .build();
        assertEquals("見積書.txt", node(scanMail(mail), "見積書.txt").name());
    }

    @Test
    void rawEightBitShiftJisHeadersAreRead() {
        byte[] head = ("From: a@example.jp\r\nSubject: テスト\r\nContent-Type: text/plain\r\n\r\nbody\r\n")
                .getBytes(Charset.forName("Shift_JIS"));
        Report report = scanMail(head);
        assertEquals("テスト", report.mail().subject());
    }

    @Test
    void nestedMessagesArePartsOfTheTree() {
        byte[] inner = MimeBuilder.mail()
                .boundary("inner-boundary")
                .subject("inner")
                .text("body")
                .attachment("run.js", "application/octet-stream", Samples.text("WScript.Echo('x')"))
                .build();
        byte[] outer = MimeBuilder.mail()
                .subject("FW: inner")
                .text("forwarding")
                .nested(inner)
                .build();

        Report report = scanMail(outer);

        ReportNode forwarded = node(report, "forwarded.eml");
        assertEquals("message/rfc822", forwarded.detectedType());
        assertEquals("FW: inner", report.mail().subject());
        ReportNode js = node(report, "run.js");
        assertEquals("test.eml > forwarded.eml > run.js", js.path());
        assertEquals(Verdict.MALICIOUS, report.verdict());
        assertTrue(codes(report).contains("type.script"));
    }

    @Test
    void partsWithoutDispositionOrContentTypeAndBinaryPartsAreKept() {
        byte[] mail = MimeBuilder.mail()
                .text("x")
                .rawPart(
                        "Content-Type: application/octet-stream; name=\"payload.bin\"\r\nContent-Transfer-Encoding: "
                                + "binary\r\n",
                        new String(Samples.pe(), StandardCharsets.ISO_8859_1))
                .rawPart("", "no headers at all in this part\r\n")
                .build();

        Report report = scanMail(mail);

        ReportNode payload = node(report, "payload.bin");
        assertTrue(payload.detectedType().startsWith("application/x-msdownload"), payload.detectedType());
        assertEquals(Verdict.MALICIOUS, report.verdict(), "a PE is an executable whatever its name says");
        assertTrue(nodes(report).stream().anyMatch(n -> n.name().equals("part 1.3 (text/plain)")));
    }

    @Test
    void uuencodedBlocksInTextBodiesAreDecoded() {
        String uu = "begin 644 hello.txt\n" + "%:&5L;&\\`\n" + "`\nend\n";
        byte[] mail =
                MimeBuilder.mail().text("Please find the file below.\n" + uu).build();

        Report report = scanMail(mail);

        ReportNode hello = node(report, "hello.txt");
        assertEquals(Origin.DECODED, hello.origin());
        assertEquals(5, hello.size());
    }

    @Test
    void truncatedMailsAndBrokenBoundariesStillYieldTheirParts() {
        byte[] full = MimeBuilder.mail()
                .text("hello")
                .attachment(
                        "doc.pdf",
                        "application/pdf",
                        "%PDF-1.4\nsome content that goes on\n".getBytes(StandardCharsets.US_ASCII))
                .build();
        byte[] truncated = java.util.Arrays.copyOf(full, full.length - 40);
        Report report = scanMail(truncated);
        assertTrue(nodes(report).stream().anyMatch(n -> n.name().equals("doc.pdf")));

        byte[] wrongBoundary = new String(full, StandardCharsets.ISO_8859_1)
                .replace("--=_prefilter_test_boundary--", "--other--")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(
                nodes(scanMail(wrongBoundary)).stream().anyMatch(n -> n.name().equals("doc.pdf")));
    }

    @Test
    void garbageHeadersAreTolerated() {
        byte[] mail = ("From: a@example.com\r\n\u0001\u0002garbage line without colon\r\nSubject: ok\r\n"
                        + "Content-Type: text/plain\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Report report = scanMail(mail);
        assertNotEquals(null, report.root());
        assertTrue(report.stats().nodes() >= 2);
    }

    @Test
    void binaryGarbageGivenAsAMailIsNotClean() {
        byte[] garbage = new byte[2048];
        new java.util.Random(7).nextBytes(garbage);
        Report report = scanMail(garbage);
        assertTrue(codes(report).contains("parse.mail"), codes(report).toString());
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }

    @Test
    void aHeaderlessTextMailIsJustABody() {
        Report report = scanMail("This is a simple message not having headers.\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Verdict.CLEAN, report.verdict());
    }

    @Test
    void anInputThatIsNoMailAtAllIsNeverCleanWhenItHidesAnExecutable() {
        Report report = scanMail(Samples.pe());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }
}
