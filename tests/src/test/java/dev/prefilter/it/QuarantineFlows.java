package dev.prefilter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.it.support.FaultyHttpClient;
import dev.prefilter.it.support.FaultyHttpClient.Rule;
import dev.prefilter.it.support.ForbiddingS3;
import dev.prefilter.it.support.PipelineHarness;
import dev.prefilter.local.env.LocalEventSource;
import dev.prefilter.local.env.LocalServers;
import dev.prefilter.local.env.MailDrop;
import dev.prefilter.local.mail.Archives;
import dev.prefilter.local.mail.DemoMails;
import dev.prefilter.local.mail.LnkWriter;
import dev.prefilter.local.mail.MimeBuilder;
import dev.prefilter.mailscan.S3ObjectRef;
import dev.prefilter.mailscan.quarantine.QuarantineRecord;
import dev.prefilter.mailscan.quarantine.QuarantineRecords;
import dev.prefilter.mailscan.quarantine.RecordEvent;
import dev.prefilter.mailscan.quarantine.RecordState;
import dev.prefilter.review.ActionResult;
import dev.prefilter.review.AuditLog;
import dev.prefilter.review.AuditRecord;
import dev.prefilter.review.QuarantineService;
import dev.prefilter.review.ReviewConfig;
import dev.prefilter.review.ReviewError;
import dev.prefilter.review.ReviewException;
import dev.prefilter.review.cli.QuarantineCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The administrators' commands against the pipeline's own S3 and SQS: mails scanned by the real
 * handler, then listed, shown, released, deleted, re-scanned, allow-listed and exported through
 * the tool, the CLI's exit codes included. Release and delete are checked under concurrency and
 * with a fault between every two of their steps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuarantineFlows {

    private PipelineHarness h;
    private LocalEventSource intake;
    private MailDrop drop;
    private final List<Message> released = new ArrayList<>();

    @TempDir
    Path tmp;

    protected abstract LocalServers servers();

    @BeforeAll
    void start() {
        // the tool's own clients use the standard credential chain; these local servers take anything
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        h = new PipelineHarness(servers(), "quarantine", new PipelineHarness.Options());
        intake = h.eventSource(Duration.ofSeconds(60), 5);
        drop = h.pipeline.mailDrop();
    }

    @AfterAll
    void stop() {
        intake.close();
        h.close();
    }

    // ---- helpers

    private static ReviewConfig config(PipelineHarness harness) {
        var r = harness.pipeline.resources();
        return ReviewConfig.local(r.bucket(), r.quarantineQueueUrl(), r.releaseQueueUrl(), null);
    }

    private QuarantineService service() {
        return new QuarantineService(config(h), h.pipeline.s3(), h.pipeline.sqs(), Clock.systemUTC());
    }

    private QuarantineRecords records(PipelineHarness harness) {
        return new QuarantineRecords(
                new dev.prefilter.mailscan.S3OutputStore(harness.pipeline.s3()),
                harness.pipeline.resources().bucket(),
                harness.config.keys());
    }

    record Run(int exit, String out, String err) {}

    /** The CLI, pointed at the harness's servers as ./prefilter demo --keep tells a newcomer to. */
    private static Run cli(PipelineHarness harness, String... args) {
        var r = harness.pipeline.resources();
        Map<String, String> env = new HashMap<>();
        env.put("PREFILTER_S3_ENDPOINT_URL", harness.pipeline.servers().s3().toString());
        env.put("PREFILTER_SQS_ENDPOINT_URL", harness.pipeline.servers().sqs().toString());
        env.put("PREFILTER_BUCKET", r.bucket());
        env.put("PREFILTER_QUARANTINE_QUEUE_URL", r.quarantineQueueUrl());
        env.put("PREFILTER_RELEASE_QUEUE_URL", r.releaseQueueUrl());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = QuarantineCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run cli(String... args) {
        return cli(h, args);
    }

    private static S3ObjectRef quarantine(PipelineHarness harness, LocalEventSource source, String name, byte[] mail) {
        S3ObjectRef object = harness.pipeline
                .mailDrop()
                .drop(harness.pipeline.resources().incomingPrefix() + name, mail)
                .object();
        assertTrue(source.drain(Duration.ofSeconds(90)));
        return object;
    }

    private S3ObjectRef quarantine(String name, byte[] mail) {
        S3ObjectRef object = quarantine(h, intake, name, mail);
        assertTrue(records(h).find(object.mailId()).isPresent(), name + " is quarantined");
        return object;
    }

    /** Release messages received so far, each received once and deleted, as a delivery component would. */
    private List<JsonNode> releaseMessages(String recordId) {
        String url = h.pipeline.resources().releaseQueueUrl();
        while (true) {
            List<Message> batch = h.pipeline
                    .sqs()
                    .receiveMessage(m -> m.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(30))
                    .messages();
            if (batch.isEmpty()) {
                break;
            }
            for (Message m : batch) {
                released.add(m);
                h.pipeline.sqs().deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return released.stream()
                .map(m -> PipelineHarness.json(m.body()))
                .filter(b -> b.path("recordId").asText().equals(recordId))
                .toList();
    }

    private List<AuditRecord> auditOf(String id) {
        try (QuarantineService service = service()) {
            return service.audit(new AuditLog.Query(null, null, id, 0));
        }
    }

    /** Whether the record has an index entry for the state (read, not listed: S3Mock lists deleted keys). */
    private boolean indexed(QuarantineRecord record, RecordState state) {
        String key = h.config.keys().indexEntry(state, record.quarantinedAt(), record.id());
        return new dev.prefilter.mailscan.S3OutputStore(h.pipeline.s3())
                .read(h.pipeline.resources().bucket(), key)
                .isPresent();
    }

    // ---- list, show, export

    @Test
    void list_filters_and_show_tell_each_mails_story() throws Exception {
        try (PipelineHarness own = new PipelineHarness(servers(), "story", new PipelineHarness.Options());
                LocalEventSource source = own.eventSource(Duration.ofSeconds(60), 5)) {
            listAndShow(own, source);
        }
    }

    private void listAndShow(PipelineHarness own, LocalEventSource source) {
        List<DemoMails.DemoMail> mails = DemoMails.all("story/");
        Map<String, S3ObjectRef> objects = new HashMap<>();
        for (DemoMails.DemoMail mail : mails) {
            objects.put(mail.subject(), quarantine(own, source, mail.key(), mail.bytes()));
        }
        Run json = cli(own, "list", "--format", "json", "--limit", "0", "--state", "all");
        assertEquals(0, json.exit(), json.err());
        JsonNode rows = PipelineHarness.json(json.out());
        List<String> subjects = new ArrayList<>();
        String previous = "9999";
        for (JsonNode row : rows) {
            assertTrue(row.path("quarantinedAt").asText().compareTo(previous) <= 0, "newest first");
            previous = row.path("quarantinedAt").asText();
            subjects.add(row.path("subject").asText());
        }
        for (DemoMails.DemoMail mail : mails) {
            assertEquals(
                    mail.flaggedAttachment() != null,
                    subjects.contains(mail.subject()),
                    mail.subject() + " is listed exactly when it was flagged");
        }

        Run table = cli(own, "list");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().startsWith("RECEIVED (UTC)"), table.out());
        String statementId = objects.get("Account statement").mailId();
        assertTrue(table.out().contains(statementId.substring(0, 12)), table.out());

        JsonNode malicious = PipelineHarness.json(
                cli(own, "list", "--format", "json", "--verdict", "malicious", "--subject", "STATEMENT")
                        .out());
        assertEquals(1, malicious.size());
        assertEquals(statementId, malicious.path(0).path("id").asText());
        JsonNode fromShipping =
                PipelineHarness.json(cli(own, "list", "--format", "json", "--from", "noreply@example.net")
                        .out());
        assertEquals(List.of("Your documents"), texts(fromShipping, "subject"));
        String exeSha = malicious.path(0).path("sha256").path(0).asText();
        JsonNode bySha = PipelineHarness.json(
                cli(own, "list", "--format", "json", "--sha256", exeSha).out());
        assertEquals(List.of(statementId), texts(bySha, "id"));
        JsonNode future = PipelineHarness.json(
                cli(own, "list", "--format", "json", "--since", "2999-01-01").out());
        assertEquals(0, future.size());

        String zipId = objects.get("Your documents").mailId();
        Run story = cli(own, "show", zipId.substring(0, 10));
        assertEquals(0, story.exit(), story.err());
        assertTrue(story.out().contains("Subject  Your documents"), story.out());
        assertTrue(story.out().contains("password: Nov-2026-4711"), "which password opened the zip");
        assertTrue(
                story.out()
                        .contains(
                                "-enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA"),
                "the shortcut's full command line");
        assertTrue(story.out().contains("quarantined by prefilter mail-scan"), "the history");

        Run macro = cli(own, "show", objects.get("Rechnung Nr. 4711 – fällig").mailId());
        assertTrue(macro.out().contains("Shell cmd, vbHide"), "the macro line that executes");

        JsonNode shown =
                PipelineHarness.json(cli(own, "show", zipId, "--format", "json").out());
        assertEquals(
                RecordEvent.QUARANTINED,
                shown.path("events").path(0).path("type").asText());
        assertEquals("held", shown.path("state").asText());
        assertEquals(
                shown.path("events").path(0).path("verdictAfter").asText(),
                shown.path("report").path("verdict").asText());

        String macroId = objects.get("Rechnung Nr. 4711 – fällig").mailId();
        Run csv = cli(own, "export-iocs", macroId, "--format", "csv");
        assertEquals(0, csv.exit(), csv.err());
        assertTrue(csv.out().startsWith("type,value,records\r\n"));
        assertTrue(csv.out().contains("url,http://example.invalid/p," + macroId), csv.out());
        assertTrue(csv.out().contains("domain,example.invalid," + macroId), csv.out());
        JsonNode iocs = PipelineHarness.json(
                cli(own, "export-iocs", macroId, zipId, "--format", "json").out());
        assertEquals("prefilter.iocs/1", iocs.path("schema").asText());
        JsonNode bundle =
                PipelineHarness.json(cli(own, "export-iocs", "--format", "stix").out());
        assertEquals("bundle", bundle.path("type").asText()); // its structure: IocFormatsTest
        assertTrue(bundle.toString().contains("[url:value = 'http://example.invalid/p']"));
        assertTrue(bundle.toString().contains("[file:hashes.'SHA-256' = '" + exeSha + "']"));
    }

    private static List<String> texts(JsonNode rows, String field) {
        List<String> values = new ArrayList<>();
        rows.forEach(r -> values.add(r.path(field).asText()));
        return values;
    }

    // ---- release and delete

    @Test
    void release_tags_the_mail_sends_one_release_message_and_writes_one_audit_record() {
        S3ObjectRef mail = quarantine("release/one.eml", DemoMails.doubleExtension());
        String id = mail.mailId();
        Run release = cli("release", id.substring(0, 12), "--reason", "checked with the sender", "--actor", "alice");
        assertEquals(0, release.exit(), release.err());
        assertTrue(release.out().startsWith("released: held -> released"), release.out());

        assertEquals("released", h.tags(mail).get("prefilter-review"));
        List<JsonNode> messages = releaseMessages(id);
        assertEquals(1, messages.size());
        JsonNode message = messages.get(0);
        assertEquals("prefilter.release/1", message.path("schema").asText());
        assertEquals(mail.key(), message.path("object").path("key").asText());
        assertEquals(mail.versionId(), message.path("object").path("versionId").asText());
        assertEquals("alice", message.path("releasedBy").asText());
        assertEquals("checked with the sender", message.path("reason").asText());

        List<AuditRecord> audit = auditOf(id);
        assertEquals(1, audit.size());
        assertEquals("release", audit.get(0).action());
        assertEquals("alice", audit.get(0).actor());
        assertEquals("held", audit.get(0).stateBefore());
        assertEquals("released", audit.get(0).stateAfter());
        assertEquals("malicious", audit.get(0).verdictBefore());
        Run auditCli = cli("audit", "--id", id.substring(0, 12));
        assertTrue(auditCli.out().contains("checked with the sender"), auditCli.out());
        Run byActor = cli("audit", "--actor", "alice", "--format", "json");
        assertTrue(texts(PipelineHarness.json(byActor.out()), "subject").contains(id));

        QuarantineRecord record = records(h).find(id).orElseThrow();
        assertTrue(indexed(record, RecordState.RELEASED));
        assertFalse(indexed(record, RecordState.HELD));

        Run again = cli("release", id, "--reason", "again", "--actor", "alice");
        assertEquals(0, again.exit(), "the same administrator again: nothing to do");
        assertTrue(again.out().startsWith("nothing to do"), again.out());
        Run other = cli("release", id, "--reason", "me too", "--actor", "bob");
        assertEquals(ReviewError.LOST_RACE.exitCode(), other.exit());
        assertTrue(
                other.err()
                        .contains(
                                "already released by alice at " + record.last().at()),
                other.err());
        assertEquals(1, releaseMessages(id).size(), "still one release message");

        Run delete = cli("delete", id, "--reason", "delivered, no longer needed", "--actor", "bob");
        assertEquals(0, delete.exit(), delete.err());
        Run late = cli("release", id, "--reason", "too late", "--actor", "carol");
        assertEquals(ReviewError.NOT_ALLOWED.exitCode(), late.exit());
        assertTrue(late.err().contains("is deleted (deleted by bob at"), late.err());
    }

    @Test
    void of_two_concurrent_releases_exactly_one_wins_and_the_other_is_told_who_and_when() throws Exception {
        for (int round = 0; round < 3; round++) {
            S3ObjectRef mail = quarantine("race/" + round + ".eml", DemoMails.doubleExtension());
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService admins = Executors.newFixedThreadPool(2);
            List<Future<ActionResult>> attempts = new ArrayList<>();
            try (QuarantineService one = service();
                    QuarantineService two = service()) {
                for (var pair : List.of(Map.entry("alice", one), Map.entry("bob", two))) {
                    Callable<ActionResult> release = () -> {
                        together.await();
                        return pair.getValue().release(mail.mailId(), "looks fine", pair.getKey());
                    };
                    attempts.add(admins.submit(release));
                }
                List<ActionResult> winners = new ArrayList<>();
                List<ReviewException> losers = new ArrayList<>();
                for (Future<ActionResult> attempt : attempts) {
                    try {
                        winners.add(attempt.get());
                    } catch (ExecutionException e) {
                        losers.add((ReviewException) e.getCause());
                    }
                }
                assertEquals(1, winners.size(), "round " + round);
                assertEquals(1, losers.size());
                ActionResult winner = winners.get(0);
                ReviewException loser = losers.get(0);
                assertEquals(ReviewError.LOST_RACE, loser.error());
                assertTrue(
                        loser.getMessage().contains("released by " + winner.actor() + " at " + winner.at()),
                        loser.getMessage());
                assertEquals(1, releaseMessages(mail.mailId()).size(), "one release message");
                QuarantineRecord record = records(h).find(mail.mailId()).orElseThrow();
                assertEquals(2, record.events().size(), "one state change");
                assertEquals(winner.actor(), record.last().actor());
                assertEquals(1, auditOf(mail.mailId()).size());
            } finally {
                admins.shutdownNow();
            }
        }
    }

    private static boolean put(SdkHttpRequest r, String part) {
        return r.method() == SdkHttpMethod.PUT
                && r.encodedPath().contains(part)
                && !r.rawQueryParameters().containsKey("tagging");
    }

    private static BiPredicate<SdkHttpRequest, String> tagging(S3ObjectRef mail) {
        return (r, b) -> r.method() == SdkHttpMethod.PUT
                && r.rawQueryParameters().containsKey("tagging")
                && r.encodedPath().endsWith(mail.fileName());
    }

    private record Step(String name, BiPredicate<SdkHttpRequest, String> matches, FaultyHttpClient.Status fault) {}

    private List<Step> releaseSteps(S3ObjectRef mail) {
        String id = mail.mailId();
        return List.of(
                new Step("state change", (r, b) -> put(r, id + "/000001.json"), FaultyHttpClient.s3InternalError()),
                new Step("audit record", (r, b) -> put(r, "/quarantine/audit/"), FaultyHttpClient.s3InternalError()),
                new Step("review tag", tagging(mail), FaultyHttpClient.s3InternalError()),
                new Step(
                        "release message",
                        (r, b) -> b.contains("prefilter.release/1"),
                        FaultyHttpClient.sqsInternalError()),
                new Step(
                        "index entry",
                        (r, b) -> put(r, "/quarantine/index/released/"),
                        FaultyHttpClient.s3InternalError()),
                new Step(
                        "old index entry",
                        (r, b) -> r.method() == SdkHttpMethod.DELETE
                                && r.encodedPath().contains("/index/held/"),
                        FaultyHttpClient.s3InternalError()),
                new Step("finished marker", (r, b) -> put(r, id + "/000001.done"), FaultyHttpClient.s3InternalError()));
    }

    @Test
    void a_release_that_fails_between_any_two_steps_is_finished_by_running_it_again() {
        for (int step = 0; step < 7; step++) {
            S3ObjectRef mail = quarantine("faulty-release/" + step + ".eml", DemoMails.doubleExtension());
            Step fault = releaseSteps(mail).get(step);
            try (QuarantineService service =
                    new QuarantineService(config(h), h.faultyS3(), h.faultySqs(), Clock.systemUTC())) {
                Rule rule = h.faults.add(new Rule(fault.name(), fault.matches(), fault.fault(), -1));
                assertThrows(RuntimeException.class, () -> service.release(mail.mailId(), "fine", "alice"));
                assertTrue(rule.applied() > 0, rule.toString());
                h.faults.clear();
                ActionResult again = service.release(mail.mailId(), "fine", "alice");
                assertEquals("released", again.stateAfter(), fault.name());
                assertEquals(
                        step > 0, again.resumed(), fault.name() + ": the second run finishes the first one's change");
            } finally {
                h.faults.clear();
            }
            QuarantineRecord record = records(h).find(mail.mailId()).orElseThrow();
            assertEquals(
                    List.of(RecordEvent.QUARANTINED, RecordEvent.RELEASED),
                    record.events().stream().map(RecordEvent::type).toList(),
                    fault.name());
            assertTrue(record.finished().contains(1), fault.name());
            assertEquals(1, auditOf(mail.mailId()).size(), fault.name() + ": one audit record");
            assertEquals("released", h.tags(mail).get("prefilter-review"), fault.name());
            assertEquals(1, releaseMessages(mail.mailId()).size(), fault.name() + ": released once");
            assertTrue(indexed(record, RecordState.RELEASED), fault.name());
            assertFalse(indexed(record, RecordState.HELD), fault.name());
        }
    }

    @Test
    void a_deletion_that_fails_between_any_two_steps_is_finished_by_running_it_again() {
        for (int step = 0; step < 7; step++) {
            S3ObjectRef mail = quarantine("faulty-delete/" + step + ".eml", DemoMails.macro());
            String id = mail.mailId();
            List<Step> steps = List.of(
                    new Step("state change", (r, b) -> put(r, id + "/000001.json"), FaultyHttpClient.s3InternalError()),
                    new Step(
                            "audit record", (r, b) -> put(r, "/quarantine/audit/"), FaultyHttpClient.s3InternalError()),
                    new Step("review tag", tagging(mail), FaultyHttpClient.s3InternalError()),
                    new Step(
                            "purge",
                            (r, b) -> r.method() == SdkHttpMethod.DELETE
                                    && r.rawQueryParameters().containsKey("versionId"),
                            FaultyHttpClient.s3InternalError()),
                    new Step(
                            "index entry",
                            (r, b) -> put(r, "/quarantine/index/deleted/"),
                            FaultyHttpClient.s3InternalError()),
                    new Step(
                            "old index entry",
                            (r, b) -> r.method() == SdkHttpMethod.DELETE
                                    && r.encodedPath().contains("/index/held/"),
                            FaultyHttpClient.s3InternalError()),
                    new Step(
                            "finished marker",
                            (r, b) -> put(r, id + "/000001.done"),
                            FaultyHttpClient.s3InternalError()));
            Step fault = steps.get(step);
            try (QuarantineService service =
                    new QuarantineService(config(h), h.faultyS3(), h.faultySqs(), Clock.systemUTC())) {
                h.faults.add(new Rule(fault.name(), fault.matches(), fault.fault(), -1));
                assertThrows(RuntimeException.class, () -> service.delete(id, "phishing", "alice", true));
                h.faults.clear();
                ActionResult again = service.delete(id, "phishing", "alice", true);
                assertEquals("deleted", again.stateAfter(), fault.name());
            } finally {
                h.faults.clear();
            }
            QuarantineRecord record = records(h).find(id).orElseThrow();
            assertEquals(2, record.events().size(), fault.name());
            assertEquals(Boolean.TRUE, record.last().purge());
            assertTrue(record.finished().contains(1), fault.name());
            assertEquals(1, auditOf(id).size(), fault.name());
            assertTrue(
                    h
                            .pipeline
                            .s3()
                            .listObjectVersions(l -> l.bucket(mail.bucket()).prefix(mail.key()))
                            .versions()
                            .stream()
                            .noneMatch(v -> v.versionId().equals(mail.versionId())),
                    fault.name() + ": the mail's version is purged");
            assertTrue(h.report(mail).isPresent(), "the report is kept");
            assertTrue(indexed(record, RecordState.DELETED), fault.name());
            assertFalse(indexed(record, RecordState.HELD), fault.name());
            assertTrue(releaseMessages(id).isEmpty());
        }
    }

    @Test
    void delete_without_purge_keeps_the_mail_tagged_and_held() {
        S3ObjectRef mail = quarantine("delete/keep.eml", DemoMails.doubleExtension());
        Run delete = cli("delete", mail.mailId(), "--reason", "confirmed phishing", "--actor", "alice");
        assertEquals(0, delete.exit(), delete.err());
        assertEquals("deleted", h.tags(mail).get("prefilter-review"));
        assertEquals("malicious", h.tags(mail).get("prefilter-verdict"), "still denied by the hold");
        assertEquals(
                1,
                h.pipeline
                        .s3()
                        .listObjectVersions(l -> l.bucket(mail.bucket()).prefix(mail.key()))
                        .versions()
                        .size());
    }

    // ---- errors

    @Test
    void every_kind_of_error_has_its_exit_code_and_says_what_is_wrong() throws Exception {
        Run unknown = cli("show", "abcdef0123");
        assertEquals(10, unknown.exit());
        assertTrue(unknown.err().contains("no quarantine record has the id abcdef0123"), unknown.err());
        assertEquals(10, cli("show", "not-an-id").exit());
        assertEquals(64, cli("release", "abcdef0123").exit(), "--reason is required");
        assertEquals(
                10,
                cli("release", "abcdef0123", "--reason", "x", "--actor", "alice")
                        .exit());

        Run unreachable = cli("list", "--s3-endpoint-url", "http://127.0.0.1:1");
        assertEquals(14, unreachable.exit(), unreachable.err());
        assertTrue(unreachable.err().contains("cannot reach S3 at http://127.0.0.1:1"), unreachable.err());

        try (ForbiddingS3 forbidding = ForbiddingS3.start()) {
            Run denied = cli("list", "--s3-endpoint-url", forbidding.endpoint());
            assertEquals(13, denied.exit(), denied.err());
            assertTrue(denied.err().contains("AccessDenied: your identity may not s3:ListBucket"), denied.err());
        }
    }

    // ---- re-scans and the allow-list, each on a bucket of its own

    @Test
    void a_policy_change_and_rescan_held_move_verdicts_both_ways() throws Exception {
        try (PipelineHarness own = new PipelineHarness(servers(), "rescan", new PipelineHarness.Options());
                LocalEventSource source = own.eventSource(Duration.ofSeconds(60), 5)) {
            byte[] benignShortcut = new MimeBuilder()
                    .subject("Shared folder")
                    .body("the link to the share")
                    .attach(
                            "Share.lnk",
                            "application/octet-stream",
                            LnkWriter.shortcut("Share", "..\\..\\..\\Windows\\explorer.exe", ""))
                    .build();
            byte[] lockedZip = new MimeBuilder()
                    .subject("Figures")
                    .body("the password follows by phone")
                    .attach(
                            "figures.zip",
                            "application/zip",
                            Archives.encryptedZip(
                                    Map.of("figures.xlsx", "not really a workbook".getBytes(StandardCharsets.UTF_8)),
                                    "told-by-phone-42"))
                    .build();
            S3ObjectRef shortcut = quarantine(own, source, "rescan/shortcut.eml", benignShortcut);
            S3ObjectRef macro = quarantine(own, source, "rescan/locked.eml", lockedZip);
            assertEquals("suspicious", own.tags(shortcut).get("prefilter-verdict"));
            assertEquals("suspicious", own.tags(macro).get("prefilter-verdict"));
            String before = own.tags(macro).get("prefilter-policy");

            Path policy = tmp.resolve("tuned.json");
            Files.writeString(
                    policy,
                    "{\"name\":\"tuned\",\"version\":\"2\",\"rules\":{"
                            + "\"type.shortcut\":{\"verdict\":\"clean\",\"weight\":0},"
                            + "\"archive.encrypted-unopened\":{\"verdict\":\"malicious\"}}}",
                    StandardCharsets.UTF_8);
            Run rescan = cli(
                    own,
                    "rescan",
                    "--held",
                    "--reason",
                    "tuned policy",
                    "--policy",
                    policy.toString(),
                    "--actor",
                    "alice");
            assertEquals(0, rescan.exit(), rescan.err());
            assertTrue(
                    rescan.out().contains(shortcut.mailId().substring(0, 12) + "  scanned   suspicious -> clean"),
                    rescan.out());
            assertTrue(
                    rescan.out().contains(macro.mailId().substring(0, 12) + "  scanned   suspicious -> malicious"),
                    rescan.out());

            QuarantineRecord down = records(own).find(shortcut.mailId()).orElseThrow();
            assertEquals(RecordEvent.RESCANNED, down.last().type());
            assertEquals("clean", down.verdict(), "the record says the verdict dropped to clean");
            assertEquals(RecordState.HELD, down.state(), "still held until released");
            assertEquals("held", own.tags(shortcut).get("prefilter-review"));
            assertEquals("clean", own.tags(shortcut).get("prefilter-verdict"));
            assertTrue(down.last().policy().startsWith("tuned-2@"));

            QuarantineRecord up = records(own).find(macro.mailId()).orElseThrow();
            assertEquals("malicious", up.verdict(), up.message().path("reasons")::toString);
            List<JsonNode> announced = own.quarantineFor(macro);
            assertEquals(2, announced.size(), "a verdict that rises is announced like a new mail");
            JsonNode rise = announced.stream()
                    .filter(m -> m.path("policy").asText().startsWith("tuned-2@"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("malicious", rise.path("verdict").asText());
            assertEquals(up.last().scanId(), rise.path("scanId").asText());
            assertEquals(1, own.quarantineFor(shortcut).size(), "a verdict that drops is not announced");

            String oldReport = up.first().reportKey();
            String newReport = up.last().reportKey();
            assertFalse(oldReport.equals(newReport));
            assertTrue(oldReport.startsWith(newReport.substring(0, newReport.lastIndexOf('/'))), "side by side");
            assertTrue(own.pipeline
                            .s3()
                            .headObject(o -> o.bucket(macro.bucket()).key(oldReport))
                            .contentLength()
                    > 0);
            assertTrue(own.pipeline
                            .s3()
                            .headObject(o -> o.bucket(macro.bucket()).key(newReport))
                            .contentLength()
                    > 0);
            assertFalse(before.equals(own.tags(macro).get("prefilter-policy")));

            Run repeat = cli(
                    own,
                    "rescan",
                    "--held",
                    "--reason",
                    "tuned policy",
                    "--policy",
                    policy.toString(),
                    "--actor",
                    "alice");
            assertTrue(repeat.out().contains("unchanged"), repeat.out());
            assertEquals(
                    2, records(own).find(macro.mailId()).orElseThrow().events().size(), "nothing added");
            assertEquals(2, own.quarantineFor(macro).size());
        }
    }

    @Test
    void the_allow_list_turns_a_recurring_false_positive_clean_on_the_next_scan() {
        try (PipelineHarness own = new PipelineHarness(
                        servers(),
                        "allow",
                        new PipelineHarness.Options().env("PREFILTER_ALLOW_LIST_CACHE_SECONDS", "0"));
                LocalEventSource source = own.eventSource(Duration.ofSeconds(60), 5)) {
            byte[] template = DemoMails.macro(); // the same document, mailed again and again
            S3ObjectRef first = quarantine(own, source, "allow/template-1.eml", template);
            assertEquals("malicious", own.tags(first).get("prefilter-verdict"));
            String sha = records(own)
                    .find(first.mailId())
                    .orElseThrow()
                    .summary()
                    .sha256()
                    .get(0);

            Run allow = cli(own, "allow", "--sha256", sha, "--reason", "our own invoice template", "--actor", "alice");
            assertEquals(0, allow.exit(), allow.err());
            Run list = cli(own, "allow", "list");
            assertTrue(list.out().contains(sha) && list.out().contains("our own invoice template"), list.out());
            Run twice = cli(own, "allow", "--sha256", sha, "--reason", "again", "--actor", "bob");
            assertEquals(12, twice.exit());
            assertTrue(twice.err().contains("already allow-listed by alice"), twice.err());

            S3ObjectRef next = quarantine(own, source, "allow/template-2.eml", template);
            assertEquals(
                    "clean",
                    own.tags(next).get("prefilter-verdict"),
                    () -> own.report(next).orElseThrow().path("reasons").toString());
            assertTrue(records(own).find(next.mailId()).isEmpty(), "not quarantined");
            JsonNode report = own.report(next).orElseThrow();
            assertEquals(List.of(), texts(report.path("reasons"), "code"));
            boolean kept = false;
            for (JsonNode f : report.path("findings")) {
                if (f.path("code").asText().startsWith("vba.")) {
                    assertEquals("info", f.path("severity").asText());
                    assertEquals(
                            sha,
                            f.path("evidence").path("allowList").path("sha256").asText());
                    assertEquals(
                            "alice",
                            f.path("evidence").path("allowList").path("addedBy").asText());
                    kept = true;
                }
            }
            assertTrue(kept, "the macro findings stay in the report");

            Run remove = cli(own, "allow", "remove", sha, "--reason", "template retired", "--actor", "alice");
            assertEquals(0, remove.exit(), remove.err());
            S3ObjectRef after = quarantine(own, source, "allow/template-3.eml", template);
            assertEquals("malicious", own.tags(after).get("prefilter-verdict"));

            JsonNode audit = PipelineHarness.json(
                    cli(own, "audit", "--id", sha, "--format", "json").out());
            assertEquals(List.of("allow", "allow-remove"), texts(audit, "action"));
        }
    }
}
