package dev.prefilter.mailscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.model.MailHeaders;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Reason;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.engine.report.ScanStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuarantineMessageTest {

    private static Report report(int reasons, String subject) {
        List<Reason> list = new ArrayList<>();
        for (int i = 0; i < reasons; i++) {
            list.add(new Reason(
                    "type.executable",
                    "mail.eml > a" + i + ".exe",
                    Severity.CRITICAL,
                    100,
                    Verdict.MALICIOUS,
                    "executable"));
        }
        return new Report(
                Report.SCHEMA,
                "s3://b/k",
                "2026-11-26T09:00:00Z",
                "e",
                "default-1",
                Verdict.MALICIOUS,
                100,
                list,
                List.of(),
                new MailHeaders("A <a@example.com>", List.of("b@example.org"), List.of(), subject, null, "<id@x>"),
                new ScanStats(1, 0, 1, 1, List.of()),
                null);
    }

    @Test
    void stays_below_its_size_bound_however_many_attachments_are_flagged() throws Exception {
        List<StoredSample> flagged = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            flagged.add(new StoredSample(
                    "a" + i + ".exe",
                    "mail.eml > archive.zip > " + "d/".repeat(40) + "a" + i + ".exe",
                    "application/x-msdownload",
                    100,
                    "0".repeat(64),
                    Verdict.MALICIOUS,
                    List.of("type.executable"),
                    null,
                    new StoredSample.Location("b", "prefilter/samples/sha256/" + "0".repeat(64))));
        }
        S3ObjectRef mail = new S3ObjectRef("b", "incoming/m.eml", "v", 10);
        QuarantineMessage m = QuarantineMessage.of(
                mail, "scan-1", report(50, "x".repeat(100_000)), new StoredSample.Location("b", "r.json"), flagged);
        int size = m.body().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(size <= QuarantineMessage.MAX_BYTES, "body is " + size + " bytes");
        JsonNode body = ReportJson.mapper().readTree(m.body());
        assertTrue(body.path("truncated").asBoolean());
        assertEquals(QuarantineMessage.TOP_REASONS, body.path("reasons").size());
        assertTrue(
                body.path("attachments").size() >= 50,
                "cut in halves, not dropped: " + body.path("attachments").size());
        assertTrue(body.path("mail").path("subject").asText().length() < 600);
    }

    @Test
    void a_reason_that_only_adds_weight_has_no_verdict() throws Exception {
        Report base = report(1, "Invoice");
        List<Reason> reasons = List.of(
                base.reasons().get(0),
                new Reason("lnk.minimized-window", "mail.eml > a.lnk", Severity.MEDIUM, 15, null, "minimised"));
        Report report = new Report(
                base.schema(),
                base.input(),
                base.scannedAt(),
                base.engine(),
                base.policy(),
                base.verdict(),
                base.score(),
                reasons,
                base.findings(),
                base.mail(),
                base.stats(),
                base.root());
        JsonNode body = ReportJson.mapper()
                .readTree(QuarantineMessage.of(
                                new S3ObjectRef("b", "k", null, 1),
                                "scan-1",
                                report,
                                new StoredSample.Location("b", "r.json"),
                                List.of())
                        .body());
        assertTrue(body.path("reasons").path(1).path("verdict").isNull());
        assertEquals(15, body.path("reasons").path(1).path("weight").asInt());
    }

    @Test
    void a_small_message_is_whole() throws Exception {
        S3ObjectRef mail = new S3ObjectRef("b", "incoming/m.eml", null, 10);
        QuarantineMessage m = QuarantineMessage.of(
                mail, "scan-1", report(2, "Invoice"), new StoredSample.Location("b", "r.json"), List.of());
        JsonNode body = ReportJson.mapper().readTree(m.body());
        assertTrue(body.path("truncated").isMissingNode());
        assertEquals("scan-1", m.dedupId());
        assertEquals("scan-1", body.path("scanId").asText());
        assertEquals(2, body.path("reasons").size());
        assertEquals(Verdict.MALICIOUS, m.verdict());
        assertEquals(100, m.score());
    }
}
