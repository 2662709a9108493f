package dev.prefilter.engine.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prefilter.engine.ScanRequest;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleSinkTest {

    private static byte[] mail(String... nameAndBase64) {
        StringBuilder m =
                new StringBuilder("From: a@example.com\r\nTo: b@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: "
                        + "text/plain\r\n\r\nhi\r\n");
        for (int i = 0; i < nameAndBase64.length; i += 2) {
            m.append("--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"")
                    .append(nameAndBase64[i])
                    .append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .append(nameAndBase64[i + 1])
                    .append("\r\n");
        }
        return m.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] EXE = {'M', 'Z', 0, 0, 1, 2, 3};
    private static final String EXE_B64 = Base64.getEncoder().encodeToString(EXE);
    private static final String TEXT_B64 =
            Base64.getEncoder().encodeToString("plain words".getBytes(StandardCharsets.US_ASCII));

    private static ScanRequest request(byte[] mail) {
        return ScanRequest.mail("m.eml", "m.eml", () -> new ByteArrayInputStream(mail));
    }

    @Test
    void flagged_nodes_are_handed_over_once_each_with_their_bytes() {
        List<Sample> samples = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        Report report = TestEngines.standard()
                .scan(request(mail("a.exe", EXE_B64, "b.scr", EXE_B64, "notes.txt", TEXT_B64))
                        .withSampleSink((sample, content) -> {
                            samples.add(sample);
                            try (InputStream in = content.openStream()) {
                                bytes.add(in.readAllBytes());
                            }
                        }));
        assertEquals(Verdict.MALICIOUS, report.verdict());
        assertEquals(1, samples.size(), "the same bytes twice are one sample");
        Sample s = samples.get(0);
        assertEquals("a.exe", s.name());
        assertEquals("m.eml > a.exe", s.path());
        assertEquals(Verdict.MALICIOUS, s.verdict());
        assertTrue(s.codes().contains("type.executable"), s.codes()::toString);
        assertArrayEquals(EXE, bytes.get(0));
        assertEquals(TestEngines.node(report, "a.exe").sha256(), s.sha256());
    }

    @Test
    void a_clean_mail_hands_over_nothing() {
        List<Sample> samples = new ArrayList<>();
        Report report = TestEngines.standard()
                .scan(request(mail("notes.txt", TEXT_B64)).withSampleSink((s, c) -> samples.add(s)));
        assertEquals(Verdict.CLEAN, report.verdict());
        assertTrue(samples.isEmpty());
    }

    @Test
    void a_failing_sink_leaves_the_scan_instead_of_becoming_a_verdict() {
        SampleSinkException e = assertThrows(
                SampleSinkException.class,
                () -> TestEngines.standard()
                        .scan(request(mail("a.exe", EXE_B64)).withSampleSink((s, c) -> {
                            throw new IOException("bucket unavailable");
                        })));
        assertEquals("bucket unavailable", e.getCause().getMessage());
    }

    @Test
    void a_request_time_budget_tighter_than_the_limit_stops_the_scan() {
        Report report =
                TestEngines.standard().scan(request(mail("notes.txt", TEXT_B64)).withTimeBudget(Duration.ofNanos(1)));
        assertTrue(
                TestEngines.codes(report).contains("limit.time")
                        || TestEngines.codes(report).contains("engine.error"),
                TestEngines.codes(report)::toString);
        assertEquals(Verdict.SUSPICIOUS, report.verdict());
    }
}
