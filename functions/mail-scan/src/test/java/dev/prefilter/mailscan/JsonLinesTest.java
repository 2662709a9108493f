package dev.prefilter.mailscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Reason;
import dev.prefilter.engine.report.ReportJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void a_hostile_attachment_name_stays_inside_its_field() throws Exception {
        List<String> lines = new ArrayList<>();
        JsonLog log = new JsonLog(lines::add, clock);
        String hostile = "a.pdf\"}\n{\"level\":\"INFO\",\"verdict\":\"clean\u2028";
        log.write(log.line("INFO", "mail.scanned").put("path", hostile));
        assertEquals(1, lines.size());
        assertFalse(lines.get(0).contains("\n"));
        JsonNode line = ReportJson.mapper().readTree(lines.get(0));
        assertEquals(hostile, line.path("path").asText());
        assertEquals("mail.scanned", line.path("event").asText());
        assertEquals("2026-11-26T09:00:00Z", line.path("timestamp").asText());
    }

    @Test
    void metrics_are_embedded_metric_format_per_verdict_and_per_finding_code() throws Exception {
        List<String> lines = new ArrayList<>();
        EmfMetrics metrics = new EmfMetrics(lines::add, "Prefilter", clock);
        S3ObjectRef mail = new S3ObjectRef("b", "k", null, 1);
        metrics.outcome(
                new Outcome(
                        mail,
                        Outcome.Status.SCANNED,
                        Verdict.MALICIOUS,
                        100,
                        "default-1",
                        List.of(new Reason("type.executable", "p", Severity.CRITICAL, 100, Verdict.MALICIOUS, "d")),
                        List.of("type.executable", "name.double-extension", "type.executable"),
                        42,
                        true,
                        true,
                        1,
                        "r",
                        "s"),
                57);
        assertEquals(3, lines.size());
        JsonNode verdict = ReportJson.mapper().readTree(lines.get(0));
        JsonNode directive = verdict.path("_aws").path("CloudWatchMetrics").path(0);
        assertEquals("Prefilter", directive.path("Namespace").asText());
        assertEquals("Verdict", directive.path("Dimensions").path(0).path(0).asText());
        assertEquals("malicious", verdict.path("Verdict").asText());
        assertEquals(1, verdict.path("Mails").asInt());
        assertEquals(57, verdict.path("ProcessingTime").asInt());
        assertEquals(42, verdict.path("ScanTime").asInt());
        assertEquals(clock.millis(), verdict.path("_aws").path("Timestamp").asLong());
        JsonNode byCode = ReportJson.mapper().readTree(lines.get(2));
        assertEquals("type.executable", byCode.path("FindingCode").asText());
        assertEquals(2, byCode.path("Findings").asInt());
        for (String l : lines) {
            JsonNode doc = ReportJson.mapper().readTree(l);
            for (JsonNode m : doc.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics")) {
                assertTrue(doc.has(m.path("Name").asText()), "every declared metric has a value: " + l);
            }
        }
    }
}
