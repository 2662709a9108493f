package dev.prefilter.engine.mime;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.nodes;
import static dev.prefilter.engine.testing.TestEngines.scanMail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.fixtures.MimeBuilder;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Text bodies that quote mail headers (a forwarded message pasted inline, a byte-order mark
 * before the headers) stay text: they are not parsed as a mail inside the mail, over and over
 * until the depth limit.
 */
class QuotedHeadersTest {

    private static final String QUOTED = "From: Alice <alice@example.com>\r\n"
            + "Sent: Monday, 3 March 2025 10:00\r\n"
            + "To: Bob <bob@example.org>\r\n"
            + "Subject: RE: order 4711\r\n"
            + "\r\n"
            + "Please find the order confirmation below.\r\n";

    @Test
    void aTextBodyQuotingHeadersStaysOneTextNode() {
        Report report = scanMail(MimeBuilder.mail()
                .subject("FW: order 4711")
                .rawPart("Content-Type: text/plain; charset=UTF-8\r\n", QUOTED)
                .rawPart("Content-Type: text/plain; charset=UTF-8\r\n", "\uFEFF" + QUOTED)
                .build());

        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
        assertEquals(3, report.stats().nodes(), "the mail and its two text bodies");
        assertFalse(codes(report).contains("limit.depth"));
    }

    @Test
    void aBodyThatIsOnlyAByteOrderMarkAndHeadersIsNotParsedAgainAndAgain() {
        byte[] body = ("\uFEFF" + QUOTED).getBytes(StandardCharsets.UTF_8);
        byte[] mail = ("From: a@example.com\r\nSubject: hi\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] whole = new byte[mail.length + body.length];
        System.arraycopy(mail, 0, whole, 0, mail.length);
        System.arraycopy(body, 0, whole, mail.length, body.length);

        Report report = scanMail(whole);

        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
        assertTrue(report.stats().maxDepth() <= 1, "depth " + report.stats().maxDepth());
    }

    @Test
    void aUuencodedFileInABodyThatQuotesHeadersIsStillDecoded() {
        String uuencoded = "begin 644 setup.exe\r\n" + uuencode(Samples.pe()) + "`\r\nend\r\n";

        Report report = scanMail(MimeBuilder.mail()
                .subject("RE: order 4711")
                .rawPart("Content-Type: text/plain; charset=US-ASCII\r\n", QUOTED + uuencoded)
                .build());

        assertTrue(
                nodes(report).stream().map(ReportNode::name).anyMatch("setup.exe"::equals),
                codes(report).toString());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    private static String uuencode(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (int line = 0; line < data.length; line += 45) {
            int n = Math.min(45, data.length - line);
            out.append((char) (32 + n));
            for (int i = 0; i < n; i += 3) {
                int b0 = data[line + i] & 0xff;
                int b1 = i + 1 < n ? data[line + i + 1] & 0xff : 0;
                int b2 = i + 2 < n ? data[line + i + 2] & 0xff : 0;
                for (int c : new int[] {b0 >> 2, (b0 << 4 | b1 >> 4) & 63, (b1 << 2 | b2 >> 6) & 63, b2 & 63}) {
                    out.append(c == 0 ? '`' : (char) (32 + c));
                }
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    @Test
    void aMailSavedWithAByteOrderMarkIsStillReadAsAMail() {
        byte[] mail = MimeBuilder.mail()
                .subject("invoice")
                .text("see attached")
                .attachment("invoice.exe", "application/octet-stream", Samples.pe())
                .build();
        byte[] withBom = new byte[mail.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(mail, 0, withBom, 3, mail.length);

        Report report = scanMail(withBom);

        assertEquals("invoice", report.mail().subject());
        assertTrue(nodes(report).stream().map(ReportNode::name).anyMatch("invoice.exe"::equals));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void aForwardedMailAttachedAsTextButNamedEmlIsStillOpened() {
        byte[] inner = MimeBuilder.mail()
                .subject("inner")
                .text("hello")
                .attachment("run.exe", "application/octet-stream", Samples.pe())
                .build();
        Report report = scanMail(MimeBuilder.mail()
                .subject("fw")
                .text("forwarding")
                .attachment("forwarded.eml", "text/plain", inner)
                .build());

        assertTrue(nodes(report).stream().map(ReportNode::name).anyMatch("run.exe"::equals));
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }
}
