package dev.prefilter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.it.support.FaultyHttpClient;
import dev.prefilter.it.support.FaultyHttpClient.Delay;
import dev.prefilter.it.support.FaultyHttpClient.Disconnect;
import dev.prefilter.it.support.FaultyHttpClient.Rule;
import dev.prefilter.it.support.PipelineHarness;
import dev.prefilter.local.env.LocalEventSource;
import dev.prefilter.local.env.LocalServers;
import dev.prefilter.local.env.MailDrop;
import dev.prefilter.local.mail.DemoMails;
import dev.prefilter.mailscan.LambdaConfig;
import dev.prefilter.mailscan.S3ObjectRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * S3 and SQS failing under the function: transient errors and slowness are absorbed by the SDK's
 * retries, a timed-out invocation is redelivered, a mail that keeps failing ends in the intake
 * dead-letter queue, and a scan out of time fails closed. At the end every mail is counted as
 * either a verdict on the object or a notification in the dead-letter queue.
 */
abstract class FaultInjectionFlows {

    protected abstract LocalServers servers();

    private static boolean getObject(SdkHttpRequest r, String keyPart) {
        return r.method() == SdkHttpMethod.GET
                && r.encodedPath().contains(keyPart)
                && !r.rawQueryParameters().containsKey("tagging");
    }

    private static boolean sqsCall(SdkHttpRequest r, String operation) {
        return r.firstMatchingHeader("X-Amz-Target")
                .map(t -> t.endsWith("." + operation))
                .orElse(false);
    }

    private static List<MailDrop.Dropped> dropDemoMails(MailDrop drop, String prefix, int rounds) {
        List<MailDrop.Dropped> dropped = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (DemoMails.DemoMail mail : DemoMails.all(prefix + round + "-")) {
                dropped.add(drop.drop(mail.key(), mail.bytes()));
            }
        }
        return dropped;
    }

    /** Every mail is accounted for: a verdict tag on its version, or its notification in the dead-letter queue. */
    private static void assertAccountedFor(PipelineHarness h, List<MailDrop.Dropped> mails, List<String> expectedDead) {
        int verdicts = 0;
        int dead = 0;
        for (MailDrop.Dropped mail : mails) {
            S3ObjectRef o = mail.object();
            boolean tagged = h.tags(o).containsKey("prefilter-verdict");
            boolean deadLettered = h.deadLettered(o);
            String failures = h.logLines.stream()
                    .filter(l -> l.path("key").asText().equals(o.key()))
                    .map(JsonNode::toString)
                    .toList()
                    .toString();
            assertTrue(
                    tagged ^ deadLettered,
                    o.key() + ": verdict " + tagged + ", dead-lettered " + deadLettered + "; log " + failures);
            assertEquals(
                    expectedDead.stream().anyMatch(o.key()::contains),
                    deadLettered,
                    () -> o.key() + "; log " + failures);
            verdicts += tagged ? 1 : 0;
            dead += deadLettered ? 1 : 0;
        }
        assertEquals(mails.size(), verdicts + dead);
    }

    @Test
    void transient_errors_and_a_slow_dependency_are_absorbed_by_retries() {
        try (PipelineHarness h = new PipelineHarness(
                        servers(), "flaky", new PipelineHarness.Options().attemptTimeout(Duration.ofSeconds(1)));
                LocalEventSource intake = h.eventSource(Duration.ofSeconds(20), 1)) {
            Rule slow = h.faults.add(new Rule(
                    "slow S3 read", (r, b) -> getObject(r, "slow.eml"), new Delay(Duration.ofMillis(2500)), 2));
            Rule slowDown = h.faults.add(
                    new Rule("S3 SlowDown", (r, b) -> getObject(r, "/incoming/"), FaultyHttpClient.s3SlowDown(), 3));
            Rule reset = h.faults.add(new Rule(
                    "S3 write reset",
                    (r, b) -> r.method() == SdkHttpMethod.PUT
                            && !r.rawQueryParameters().containsKey("tagging"),
                    new Disconnect(),
                    2));
            Rule sqs500 = h.faults.add(
                    new Rule("SQS 500", (r, b) -> sqsCall(r, "SendMessage"), FaultyHttpClient.sqsInternalError(), 2));
            MailDrop drop = h.pipeline.mailDrop();
            List<MailDrop.Dropped> mails =
                    dropDemoMails(drop, h.pipeline.resources().incomingPrefix() + "flaky/", 2);
            mails.add(
                    drop.drop(h.pipeline.resources().incomingPrefix() + "flaky/slow.eml", DemoMails.doubleExtension()));

            assertTrue(intake.drain(Duration.ofSeconds(120)));
            for (Rule rule : List.of(slow, slowDown, reset, sqs500)) {
                assertTrue(rule.applied() > 0, rule + " never applied");
            }
            assertAccountedFor(h, mails, List.of());
            assertTrue(h.deadLetters().isEmpty());
            for (MailDrop.Dropped mail : mails) {
                assertEquals(1, h.reportVersions(mail.object()));
            }
        }
    }

    @Test
    void failing_mails_end_in_the_dead_letter_queue_and_a_timed_out_invocation_is_redelivered() {
        try (PipelineHarness h = new PipelineHarness(
                        servers(),
                        "broken",
                        new PipelineHarness.Options()
                                .attemptTimeout(Duration.ofSeconds(10))
                                .env(LambdaConfig.TIME_RESERVE_MILLIS, "500"));
                LocalEventSource intake = h.eventSource(Duration.ofSeconds(5), 1)) {
            h.faults.add(new Rule(
                    "S3 down for one mail",
                    (r, b) -> getObject(r, "poison-s3.eml"),
                    FaultyHttpClient.s3InternalError(),
                    -1));
            h.faults.add(new Rule(
                    "quarantine queue refuses one mail",
                    (r, b) -> sqsCall(r, "SendMessage") && b.contains("poison-sqs.eml"),
                    FaultyHttpClient.sqsInternalError(),
                    -1));
            Rule hang = h.faults.add(new Rule(
                    "S3 read outlasting the invocation",
                    (r, b) -> getObject(r, "hang.eml"),
                    new Delay(Duration.ofSeconds(8)),
                    1));
            MailDrop drop = h.pipeline.mailDrop();
            String prefix = h.pipeline.resources().incomingPrefix() + "broken/";
            List<MailDrop.Dropped> mails = dropDemoMails(drop, prefix, 1);
            mails.add(drop.drop(prefix + "poison-s3.eml", DemoMails.clean()));
            mails.add(drop.drop(prefix + "poison-sqs.eml", DemoMails.doubleExtension()));
            mails.add(drop.drop(prefix + "hang.eml", DemoMails.encryptedZipWithShortcut()));

            assertTrue(intake.drain(Duration.ofSeconds(120)));
            assertEquals(1, hang.applied());
            assertAccountedFor(h, mails, List.of("poison-s3.eml", "poison-sqs.eml"));
            assertEquals(2, h.deadLetters().size());
            S3ObjectRef hung = mails.get(mails.size() - 1).object();
            assertTrue(
                    Set.of("suspicious", "malicious").contains(h.tags(hung).get("prefilter-verdict")),
                    "redelivered after the timed-out invocation");
            assertTrue(h.logLines.stream()
                    .anyMatch(l -> l.path("event").asText().equals("mail.failed")
                            && l.path("key").asText().endsWith("poison-s3.eml")));
            assertTrue(h.metricLines.stream().anyMatch(m -> m.has("MailFailures")));
        }
    }

    @Test
    void a_scan_that_runs_out_of_invocation_time_fails_closed() {
        Duration functionTimeout = Duration.ofSeconds(10);
        try (PipelineHarness h = new PipelineHarness(
                        servers(),
                        "late",
                        new PipelineHarness.Options()
                                .env(LambdaConfig.TIME_RESERVE_MILLIS, Long.toString(functionTimeout.toMillis())));
                LocalEventSource intake = h.eventSource(functionTimeout, 1)) {
            MailDrop.Dropped mail = h.pipeline
                    .mailDrop()
                    .drop(h.pipeline.resources().incomingPrefix() + "late/notes.eml", DemoMails.clean());
            assertTrue(intake.drain(Duration.ofSeconds(60)));
            Map<String, String> tags = h.tags(mail.object());
            assertEquals("suspicious", tags.get("prefilter-verdict"), "an unexamined mail is not passed as clean");
            JsonNode report = h.report(mail.object()).orElseThrow();
            String codes = report.path("findings").toString();
            assertTrue(codes.contains("limit.time") || codes.contains("engine.error"), codes);
            assertEquals(1, h.quarantineFor(mail.object()).size());
            assertFalse(h.deadLettered(mail.object()));
        }
    }
}
