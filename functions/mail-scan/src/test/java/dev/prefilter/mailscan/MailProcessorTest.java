package dev.prefilter.mailscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.ScanEngine;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.engine.sample.SampleSinkException;
import dev.prefilter.engine.score.AllowList;
import dev.prefilter.mailscan.quarantine.AllowListStore;
import dev.prefilter.mailscan.quarantine.QuarantineRecord;
import dev.prefilter.mailscan.quarantine.QuarantineRecords;
import dev.prefilter.mailscan.quarantine.RecordEvent;
import dev.prefilter.mailscan.quarantine.RecordState;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailProcessorTest {

    private static final Duration PLENTY = Duration.ofSeconds(60);
    private static ScanEngine engine;
    private static LambdaConfig config;

    private Fakes.Mails mails;
    private Fakes.Outputs outputs;
    private Fakes.Quarantine quarantine;
    private MailProcessor processor;

    @BeforeAll
    static void engine() {
        config = LambdaConfig.fromEnvironment(Map.of(
                LambdaConfig.QUARANTINE_QUEUE_URL,
                "https://sqs.example/1/q.fifo",
                LambdaConfig.TIME_RESERVE_MILLIS,
                "1000",
                "PREFILTER_MAX_NODE_BYTES",
                "65536",
                "PREFILTER_MAX_TOTAL_BYTES",
                "1048576"));
        engine = ScanEngine.builder()
                .limits(config.limits())
                .policy(config.policy())
                .build();
    }

    @BeforeEach
    void fresh() {
        mails = new Fakes.Mails();
        outputs = new Fakes.Outputs();
        quarantine = new Fakes.Quarantine();
        processor = new MailProcessor(config, engine, mails, outputs, quarantine);
    }

    private S3ObjectRef put(String key, byte[] mail) {
        mails.objects.put(key, mail);
        return new S3ObjectRef("mail-bucket", key, "v1", mail.length);
    }

    @Test
    void clean_mail_is_tagged_and_reported_but_not_quarantined() throws IOException {
        S3ObjectRef mail = put("incoming/notes.eml", Fakes.mail("Notes", "notes.txt", Fakes.textFile()));
        Outcome outcome = processor.process(mail, PLENTY);
        assertEquals(Outcome.Status.SCANNED, outcome.status());
        assertEquals(Verdict.CLEAN, outcome.verdict());
        JsonNode report = ReportJson.mapper().readTree(outputs.objects.get("mail-bucket/" + config.reportKey(mail)));
        String policy = report.path("policy").asText();
        assertTrue(policy.matches("default-1@[0-9a-f]{12}"), policy);
        assertEquals(
                Map.of("prefilter-verdict", "clean", "prefilter-score", "0", "prefilter-policy", policy),
                mails.tags.get(mail.key()),
                "no review tag: a clean mail has no quarantine record");
        assertEquals("clean", report.path("verdict").asText());
        assertEquals(mail.location(), report.path("input").asText());
        assertTrue(quarantine.messages.isEmpty());
        assertEquals(1, outputs.creates, "the report only, no samples, no record");
        assertEquals(List.of(), outputs.keysUnder("mail-bucket", "prefilter/quarantine/"));
    }

    @Test
    void malicious_mail_is_quarantined_with_its_attachment_stored_content_addressed() throws Exception {
        byte[] exe = Fakes.executable();
        S3ObjectRef mail = put("incoming/statement.eml", Fakes.mail("Statement", "statement.pdf.exe", exe));
        Outcome outcome = processor.process(mail, PLENTY);
        assertEquals(Verdict.MALICIOUS, outcome.verdict());
        assertEquals("malicious", mails.tags.get(mail.key()).get("prefilter-verdict"));
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(exe));
        assertArrayEquals(exe, outputs.objects.get("mail-bucket/" + config.sampleKey(sha)));

        assertEquals(1, quarantine.messages.size());
        QuarantineMessage message = quarantine.messages.get(0);
        assertEquals(config.scanId(mail), message.dedupId());
        JsonNode body = ReportJson.mapper().readTree(message.body());
        assertEquals("prefilter.quarantine/1", body.path("schema").asText());
        assertEquals("malicious", body.path("verdict").asText());
        assertEquals("Statement", body.path("mail").path("subject").asText());
        assertEquals("<m1@example.com>", body.path("mail").path("messageId").asText());
        assertEquals("v1", body.path("object").path("versionId").asText());
        assertEquals(config.reportKey(mail), body.path("report").path("key").asText());
        JsonNode attachment = body.path("attachments").path(0);
        assertEquals("statement.pdf.exe", attachment.path("name").asText());
        assertEquals(sha, attachment.path("sha256").asText());
        assertEquals(
                config.sampleKey(sha), attachment.path("sample").path("key").asText());
        assertEquals(
                List.of("type.executable", "name.double-extension"),
                codes(body.path("reasons")),
                "the executable makes the verdict, the disguise adds to it");

        QuarantineRecord record = records().find(mail.mailId()).orElseThrow();
        assertEquals(RecordState.HELD, record.state());
        assertEquals(1, record.events().size());
        assertEquals(RecordEvent.QUARANTINED, record.first().type());
        assertEquals(config.scanId(mail), record.first().scanId());
        assertEquals(body, record.first().message(), "the record holds the quarantine message");
        assertEquals("held", mails.tags.get(mail.key()).get("prefilter-review"));
        assertEquals(
                List.of(config.keys().indexEntry(RecordState.HELD, record.quarantinedAt(), mail.mailId())),
                outputs.keysUnder("mail-bucket", config.keys().index(RecordState.HELD)));
        assertEquals(
                List.of(config.keys().bySha256Entry(sha, record.quarantinedAt(), mail.mailId())),
                outputs.keysUnder("mail-bucket", config.keys().bySha256(sha)));
    }

    private static List<String> codes(JsonNode reasons) {
        List<String> codes = new ArrayList<>();
        reasons.forEach(r -> codes.add(r.path("code").asText()));
        return codes;
    }

    private QuarantineRecords records() {
        return new QuarantineRecords(outputs, "mail-bucket", config.keys());
    }

    private MailProcessor under(String policyJson) {
        LambdaConfig other = LambdaConfig.fromEnvironment(Map.of(
                LambdaConfig.QUARANTINE_QUEUE_URL,
                "https://sqs.example/1/q.fifo",
                LambdaConfig.POLICY_JSON,
                policyJson));
        ScanEngine otherEngine = ScanEngine.builder()
                .limits(other.limits())
                .policy(other.policy())
                .build();
        return new MailProcessor(other, otherEngine, mails, outputs, quarantine);
    }

    @Test
    void a_scan_under_another_policy_writes_a_new_report_and_moves_the_verdict_both_ways() throws IOException {
        S3ObjectRef mail = put("incoming/shortcut.eml", Fakes.mail("Scan", "scan.lnk", Fakes.shortcut()));
        assertEquals(Verdict.SUSPICIOUS, processor.process(mail, PLENTY).verdict());
        assertEquals(1, quarantine.messages.size());

        MailProcessor lenient =
                under("{\"name\":\"lenient\",\"rules\":{\"type.shortcut\":{\"verdict\":\"clean\",\"weight\":0}}}");
        Outcome down = lenient.process(mail, PLENTY);
        assertEquals(Verdict.CLEAN, down.verdict(), down.reasons().toString());
        assertEquals(1, quarantine.messages.size(), "a verdict that drops is not announced");
        QuarantineRecord afterDrop = records().find(mail.mailId()).orElseThrow();
        assertEquals(RecordEvent.RESCANNED, afterDrop.last().type());
        assertEquals("suspicious", afterDrop.last().verdictBefore());
        assertEquals("clean", afterDrop.last().verdictAfter(), "the record says the verdict dropped to clean");
        assertEquals(RecordState.HELD, afterDrop.state(), "still held until an administrator releases it");
        assertEquals("held", mails.tags.get(mail.key()).get("prefilter-review"));
        assertEquals("clean", mails.tags.get(mail.key()).get("prefilter-verdict"));
        assertTrue(outputs.objects.containsKey("mail-bucket/" + config.reportKey(mail)), "the old report stays");
        assertTrue(outputs.objects.containsKey("mail-bucket/" + lenient.config().reportKey(mail)));

        MailProcessor strict = under("{\"name\":\"strict\",\"rules\":{\"type.shortcut\":{\"verdict\":\"malicious\"}}}");
        assertEquals(Verdict.MALICIOUS, strict.process(mail, PLENTY).verdict());
        assertEquals(2, quarantine.messages.size(), "a verdict that rises is announced like a new mail");
        assertEquals(strict.config().scanId(mail), quarantine.messages.get(1).dedupId());
        assertEquals(3, records().find(mail.mailId()).orElseThrow().events().size());

        assertEquals(Outcome.Status.DUPLICATE, strict.process(mail, PLENTY).status());
        assertEquals(3, records().find(mail.mailId()).orElseThrow().events().size(), "a repeated scan adds nothing");
    }

    @Test
    void an_allow_listed_attachment_no_longer_counts_on_the_next_scan() throws IOException {
        byte[] exe = Fakes.executable();
        S3ObjectRef first = put("incoming/tool-1.eml", Fakes.mail("Tool", "tool.exe", exe));
        assertEquals(Verdict.MALICIOUS, processor.process(first, PLENTY).verdict());
        String sha =
                records().find(first.mailId()).orElseThrow().summary().sha256().get(0);
        new AllowListStore(outputs, "mail-bucket", config.keys())
                .add(new AllowList.Entry(sha, "our own tool", "alice", "2026-01-01T00:00:00Z"));

        S3ObjectRef next = put("incoming/tool-2.eml", Fakes.mail("Tool", "tool.exe", exe));
        MailProcessor fresh = new MailProcessor(config, engine, mails, outputs, quarantine);
        Outcome outcome = fresh.process(next, PLENTY);
        assertEquals(Verdict.CLEAN, outcome.verdict());
        assertTrue(records().find(next.mailId()).isEmpty(), "nothing quarantined");
        JsonNode report = ReportJson.mapper().readTree(outputs.objects.get("mail-bucket/" + config.reportKey(next)));
        JsonNode kept = report.path("findings").path(0);
        assertEquals("type.executable", kept.path("code").asText());
        assertEquals("info", kept.path("severity").asText());
        assertEquals(
                "our own tool",
                kept.path("evidence").path("allowList").path("reason").asText());
    }

    @Test
    void a_second_delivery_repeats_nothing_but_the_tags() throws IOException {
        S3ObjectRef mail =
                put("incoming/statement.eml", Fakes.mail("Statement", "statement.pdf.exe", Fakes.executable()));
        processor.process(mail, PLENTY);
        mails.tags.clear();
        Outcome again = processor.process(mail, PLENTY);
        assertEquals(Outcome.Status.DUPLICATE, again.status());
        assertEquals(Verdict.MALICIOUS, again.verdict());
        assertEquals(1, quarantine.messages.size());
        assertEquals("malicious", mails.tags.get(mail.key()).get("prefilter-verdict"), "tags are made sure of");
        assertEquals(1, mails.requestedBytes.size(), "the mail was not read again");
    }

    @Test
    void a_failed_read_is_retried_not_judged() {
        S3ObjectRef mail =
                put("incoming/statement.eml", Fakes.mail("Statement", "statement.pdf.exe", Fakes.executable()));
        mails.failReadsAfter = 100;
        IOException e = assertThrows(IOException.class, () -> processor.process(mail, PLENTY));
        assertEquals("connection reset", e.getMessage());
        assertTrue(outputs.objects.isEmpty(), "no report, so the retry scans again");
        assertTrue(mails.tags.isEmpty());
        assertTrue(quarantine.messages.isEmpty());
    }

    @Test
    void a_failed_sample_upload_fails_the_mail_before_any_verdict_is_written() {
        S3ObjectRef mail =
                put("incoming/statement.eml", Fakes.mail("Statement", "statement.pdf.exe", Fakes.executable()));
        outputs.failKeysStartingWith = "prefilter/samples/";
        assertThrows(SampleSinkException.class, () -> processor.process(mail, PLENTY));
        assertTrue(outputs.objects.isEmpty());
        assertTrue(quarantine.messages.isEmpty());
        assertTrue(mails.tags.isEmpty());
    }

    @Test
    void a_deleted_mail_is_gone_not_failed() throws IOException {
        Outcome outcome = processor.process(new S3ObjectRef("mail-bucket", "incoming/deleted.eml", "v1", 10), PLENTY);
        assertEquals(Outcome.Status.GONE, outcome.status());
        assertTrue(outputs.objects.isEmpty());
    }

    @Test
    void an_approaching_timeout_ends_in_a_fail_closed_verdict() throws IOException {
        S3ObjectRef mail = put("incoming/notes.eml", Fakes.mail("Notes", "notes.txt", Fakes.textFile()));
        Outcome outcome = processor.process(mail, Duration.ofMillis(900));
        assertEquals(Verdict.SUSPICIOUS, outcome.verdict());
        // 900 ms minus the 1 s reserve leaves the minimum budget of 1 ms: the engine stops at its first check
        assertEquals(List.of("limit.time"), outcome.findingCodes());
        assertEquals(1, quarantine.messages.size(), "an unexamined mail is not passed");
        assertEquals("suspicious", mails.tags.get(mail.key()).get("prefilter-verdict"));
    }

    @Test
    void an_oversized_mail_is_read_only_to_the_limit_and_not_clean() throws IOException {
        byte[] big = Fakes.mail("Big", "big.txt", "x".repeat(200_000).getBytes());
        S3ObjectRef mail = put("incoming/big.eml", big);
        Outcome outcome = processor.process(mail, PLENTY);
        assertEquals(65_537L, mails.requestedBytes.get(0), "never more than the node limit plus one byte");
        assertTrue(outcome.findingCodes().contains("limit.node-size"), outcome.findingCodes()::toString);
        assertFalse(outcome.verdict() == Verdict.CLEAN);
    }

    @Test
    void own_outputs_are_not_scanned() throws IOException {
        Outcome outcome =
                processor.process(new S3ObjectRef("mail-bucket", "prefilter/reports/x.json", null, 10), PLENTY);
        assertEquals(Outcome.Status.IGNORED, outcome.status());
        assertTrue(mails.requestedBytes.isEmpty());
    }
}
