package dev.prefilter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.it.support.PipelineHarness;
import dev.prefilter.local.env.LocalContext;
import dev.prefilter.local.env.LocalEventSource;
import dev.prefilter.local.env.LocalServers;
import dev.prefilter.local.env.MailDrop;
import dev.prefilter.local.mail.DemoMails;
import dev.prefilter.local.mail.MimeBuilder;
import dev.prefilter.mailscan.S3ObjectRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The pipeline's main flow on real S3 and SQS wire protocols: mails stored, notifications
 * delivered (through the intake queue, or directly as S3 events), and every output read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MailPipelineFlows {

    protected PipelineHarness h;
    private LocalEventSource intake;
    private MailDrop drop;

    @TempDir
    Path tmp;

    protected abstract LocalServers servers();

    @BeforeAll
    void start() {
        h = new PipelineHarness(servers(), "flow", new PipelineHarness.Options());
        intake = h.eventSource(Duration.ofSeconds(60), 5);
        drop = h.pipeline.mailDrop();
    }

    @AfterAll
    void stop() {
        intake.close();
        h.close();
    }

    @Test
    void every_mail_gets_its_verdict_tags_report_and_quarantine_entry() throws Exception {
        List<DemoMails.DemoMail> mails = DemoMails.all(h.pipeline.resources().incomingPrefix() + "flow/");
        List<MailDrop.Dropped> dropped =
                mails.stream().map(m -> drop.drop(m.key(), m.bytes())).toList();
        assertTrue(intake.drain(Duration.ofSeconds(120)), "the intake queue drains");

        for (int i = 0; i < mails.size(); i++) {
            DemoMails.DemoMail mail = mails.get(i);
            S3ObjectRef object = dropped.get(i).object();
            Map<String, String> tags = h.tags(object);
            Verdict verdict = Verdict.parse(tags.get("prefilter-verdict"));
            assertTrue(
                    verdict.ordinal() >= Verdict.parse(mail.expectedAtLeast()).ordinal(),
                    mail.key() + " got " + verdict);
            JsonNode report = h.report(object).orElseThrow(() -> new AssertionError("no report for " + mail.key()));
            assertTrue(tags.get("prefilter-policy").matches("default-1@[0-9a-f]{12}"), tags::toString);
            assertEquals(report.path("policy").asText(), tags.get("prefilter-policy"));
            assertEquals(verdict.label(), report.path("verdict").asText());
            assertEquals(tags.get("prefilter-score"), report.path("score").asText());
            assertEquals(object.location(), report.path("input").asText());
            assertEquals("prefilter.report/1", report.path("schema").asText());

            List<JsonNode> announced = h.quarantineFor(object);
            if (verdict == Verdict.CLEAN) {
                assertTrue(announced.isEmpty(), mail.key() + " is clean and must not be quarantined");
                continue;
            }
            assertEquals(1, announced.size(), mail.key());
            JsonNode message = announced.get(0);
            assertEquals(verdict.label(), message.path("verdict").asText());
            assertEquals(object.key(), message.path("object").path("key").asText());
            assertEquals(
                    object.versionId(), message.path("object").path("versionId").asText());
            assertEquals(
                    h.config.reportKey(object),
                    message.path("report").path("key").asText());
            assertEquals(mail.subject(), message.path("mail").path("subject").asText());
            assertEquals(
                    mail.messageId(), message.path("mail").path("messageId").asText());
            assertEquals(h.config.scanId(object), message.path("scanId").asText());
            List<String> flagged = new java.util.ArrayList<>();
            message.path("attachments").forEach(a -> flagged.add(a.path("name").asText()));
            assertTrue(flagged.contains(mail.flaggedAttachment()), mail.key() + " flags " + flagged);
            assertEquals("held", tags.get("prefilter-review"), "a quarantined mail is held");
            for (JsonNode attachment : message.path("attachments")) {
                byte[] sample = h.object(attachment.path("sample").path("key").asText());
                String sha = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(sample));
                assertEquals(attachment.path("sha256").asText(), sha, "samples are content-addressed");
                assertEquals(
                        h.config.sampleKey(sha),
                        attachment.path("sample").path("key").asText());
            }
        }
        Message any = h.quarantine().get(0);
        assertTrue(Verdict.parse(any.messageAttributes().get("verdict").stringValue()) != Verdict.CLEAN);
        assertEquals("Number", any.messageAttributes().get("score").dataType());
        assertTrue(h.deadLetters().isEmpty());
    }

    @Test
    void direct_s3_events_decode_keys_and_process_every_record() throws Exception {
        S3ObjectRef spaced = drop.store(
                        h.pipeline.resources().incomingPrefix() + "direct/Rechnung März 2026.eml",
                        DemoMails.doubleExtension())
                .object();
        S3ObjectRef clean = drop.store(
                        h.pipeline.resources().incomingPrefix() + "direct/notes+minutes.eml", DemoMails.clean())
                .object();
        S3Event one = h.s3PutEvent(spaced, tmp);
        assertEquals(spaced.key(), one.getRecords().get(0).getS3().getObject().getUrlDecodedKey());
        // S3 may put several records in one event: merge two into one file and let EventLoader read it
        String merged = Files.readString(Files.list(tmp).findFirst().orElseThrow());
        String second =
                h.pipeline.events().s3PutJson(clean.bucket(), clean.key(), clean.size(), "e", clean.versionId());
        String both = merged.substring(0, merged.lastIndexOf(']')) + ","
                + second.substring(second.indexOf('[') + 1, second.lastIndexOf(']')) + "]}";
        Path file = tmp.resolve("two-records.json");
        Files.writeString(file, both, StandardCharsets.UTF_8);
        S3Event event = EventLoader.loadS3Event(file.toString());
        assertEquals(2, event.getRecords().size());

        h.s3Handler.handleRequest(event, new LocalContext(Duration.ofSeconds(60), 2048));
        assertEquals("malicious", h.tags(spaced).get("prefilter-verdict"));
        assertEquals("clean", h.tags(clean).get("prefilter-verdict"));
    }

    @Test
    void ses_probe_and_own_outputs_trigger_no_scan() {
        S3ObjectRef probe = drop.store(
                        h.pipeline.resources().incomingPrefix() + "AMAZON_SES_SETUP_NOTIFICATION",
                        "This is the SES setup notification.".getBytes(StandardCharsets.UTF_8))
                .object();
        S3ObjectRef output = drop.store(
                        h.config.outputPrefix() + "reports/not-a-mail.json", "{}".getBytes(StandardCharsets.UTF_8))
                .object();
        h.s3Handler.handleRequest(h.s3PutEvent(probe, tmp), new LocalContext(Duration.ofSeconds(60), 2048));
        h.s3Handler.handleRequest(h.s3PutEvent(output, tmp), new LocalContext(Duration.ofSeconds(60), 2048));
        assertTrue(h.tags(probe).isEmpty());
        assertTrue(h.tags(output).isEmpty());
        assertTrue(h.report(probe).isEmpty());
    }

    @Test
    void the_s3_test_event_is_acknowledged_and_garbage_ends_in_the_dead_letter_queue() throws Exception {
        String testEvent = EventLoader.loadSQSEvent("events/sqs-s3-test-event.json")
                .getRecords()
                .get(0)
                .getBody();
        h.pipeline
                .sqs()
                .sendMessage(
                        m -> m.queueUrl(h.pipeline.resources().intakeQueueUrl()).messageBody(testEvent));
        h.pipeline
                .sqs()
                .sendMessage(
                        m -> m.queueUrl(h.pipeline.resources().intakeQueueUrl()).messageBody("not a notification"));
        assertTrue(intake.drain(Duration.ofSeconds(60)));
        List<Message> dead = h.deadLetters();
        assertEquals(
                1,
                dead.stream().filter(m -> m.body().equals("not a notification")).count());
        assertTrue(dead.stream().noneMatch(m -> m.body().contains("s3:TestEvent")));
    }

    @Test
    void a_mail_above_the_size_limit_is_read_only_to_the_limit_and_not_passed() {
        try (PipelineHarness small = new PipelineHarness(
                        servers(),
                        "big",
                        new PipelineHarness.Options()
                                .env("PREFILTER_MAX_NODE_BYTES", "65536")
                                .env("PREFILTER_MAX_TOTAL_BYTES", "1048576"));
                LocalEventSource bigIntake = small.eventSource(Duration.ofSeconds(60), 1)) {
            byte[] big = new MimeBuilder()
                    .subject("Scans")
                    .body("attached")
                    .attach(
                            "scan.txt",
                            "text/plain",
                            "0123456789abcdef\n".repeat(40_000).getBytes(StandardCharsets.US_ASCII))
                    .build();
            S3ObjectRef object = small.pipeline
                    .mailDrop()
                    .drop(small.pipeline.resources().incomingPrefix() + "big/scans.eml", big)
                    .object();
            assertTrue(big.length > 500_000);
            assertTrue(bigIntake.drain(Duration.ofSeconds(60)));
            assertEquals("suspicious", small.tags(object).get("prefilter-verdict"));
            assertTrue(small.report(object)
                    .orElseThrow()
                    .path("findings")
                    .toString()
                    .contains("limit.node-size"));
            assertTrue(
                    small.calls.calls().stream()
                            .anyMatch(c -> object.key().equals(c.key())
                                    && c.operation().equals("GetObject")
                                    && "bytes=0-65536".equals(c.range())),
                    "the GET asked for the limit plus one byte, not the whole mail");
        }
    }

    @Test
    void each_mail_writes_one_escaped_json_log_line_and_embedded_metrics() {
        byte[] hostile = new MimeBuilder()
                .subject("Quarterly report")
                .body("see attachment")
                .attach(
                        "report\"},{\"verdict\":\"clean.exe",
                        "application/octet-stream",
                        "MZ not really".getBytes(StandardCharsets.US_ASCII))
                .build();
        S3ObjectRef object = drop.drop(h.pipeline.resources().incomingPrefix() + "log/hostile.eml", hostile)
                .object();
        assertTrue(intake.drain(Duration.ofSeconds(60)));
        List<JsonNode> lines = h.logLines.stream()
                .filter(l -> object.mailId().equals(l.path("mailId").asText()))
                .toList();
        assertEquals(1, lines.size());
        JsonNode line = lines.get(0);
        assertEquals("mail.scanned", line.path("event").asText());
        assertTrue(line.path("durationMillis").asLong() > 0);
        assertEquals("malicious", line.path("verdict").asText(), "MZ bytes named .exe are typed as an executable");
        assertTrue(
                line.path("reasons").toString().contains("report\\\"},{\\\"verdict\\\":\\\"clean.exe"), line::toString);
        assertFalse(line.toString().contains("Quarterly report"), "no mail content in logs");
        assertTrue(h.metricLines.stream()
                .anyMatch(m -> m.has("Verdict")
                        && m.path("_aws")
                                .path("CloudWatchMetrics")
                                .path(0)
                                .path("Namespace")
                                .asText()
                                .equals("Prefilter")));
        assertTrue(h.metricLines.stream().anyMatch(m -> m.has("FindingCode")));
    }
}
