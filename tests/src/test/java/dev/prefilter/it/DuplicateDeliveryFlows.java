package dev.prefilter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.prefilter.it.support.PipelineHarness;
import dev.prefilter.local.env.LocalContext;
import dev.prefilter.local.env.LocalEventSource;
import dev.prefilter.local.env.LocalServers;
import dev.prefilter.local.env.MailDrop;
import dev.prefilter.local.mail.DemoMails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * S3 delivers notifications at least once: the same (bucket, key, version) twice in a row or at
 * the same moment must still give one report and one quarantine message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DuplicateDeliveryFlows {

    private PipelineHarness h;
    private LocalEventSource intake;
    private MailDrop drop;

    protected abstract LocalServers servers();

    @BeforeAll
    void start() {
        h = new PipelineHarness(servers(), "dup", new PipelineHarness.Options());
        intake = h.eventSource(Duration.ofSeconds(60), 5);
        drop = h.pipeline.mailDrop();
    }

    @AfterAll
    void stop() {
        intake.close();
        h.close();
    }

    @Test
    void the_same_notification_twice_gives_one_report_and_one_quarantine_message() {
        MailDrop.Dropped mail =
                drop.drop(h.pipeline.resources().incomingPrefix() + "dup/twice.eml", DemoMails.doubleExtension());
        drop.announce(mail);
        assertTrue(intake.drain(Duration.ofSeconds(60)));
        assertEquals("malicious", h.tags(mail.object()).get("prefilter-verdict"));
        assertEquals(1, h.reportVersions(mail.object()));
        assertEquals(1, h.quarantineFor(mail.object()).size());
        List<String> events = h.logLines.stream()
                .filter(l -> mail.object().mailId().equals(l.path("mailId").asText()))
                .map(l -> l.path("event").asText())
                .sorted()
                .toList();
        assertEquals(List.of("mail.duplicate", "mail.scanned"), events);
        assertTrue(h.metricLines.stream().anyMatch(m -> m.has("DuplicateDeliveries")));
    }

    @Test
    void concurrent_deliveries_give_one_report_and_one_quarantine_message() throws Exception {
        MailDrop.Dropped mail =
                drop.store(h.pipeline.resources().incomingPrefix() + "dup/concurrent.eml", DemoMails.macro());
        int deliveries = 4;
        CyclicBarrier together = new CyclicBarrier(deliveries);
        ExecutorService lambdas = Executors.newFixedThreadPool(deliveries);
        try {
            List<Future<SQSBatchResponse>> invocations = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                SQSEvent event = h.pipeline
                        .events()
                        .sqsEvent(
                                List.of(Message.builder()
                                        .messageId(UUID.randomUUID().toString())
                                        .receiptHandle("handle-" + i)
                                        .body(mail.notification())
                                        .md5OfBody("")
                                        .build()),
                                h.pipeline.resources().intakeQueueArn());
                invocations.add(lambdas.submit(() -> {
                    together.await();
                    return h.sqsHandler.handleRequest(event, new LocalContext(Duration.ofSeconds(60), 2048));
                }));
            }
            for (Future<SQSBatchResponse> invocation : invocations) {
                assertTrue(invocation.get().getBatchItemFailures().isEmpty());
            }
        } finally {
            lambdas.shutdownNow();
        }
        assertNotEquals("clean", h.tags(mail.object()).get("prefilter-verdict"));
        assertEquals(1, h.quarantineFor(mail.object()).size(), "FIFO deduplication by scan id");
        long created = h.logLines.stream()
                .filter(l -> mail.object().mailId().equals(l.path("mailId").asText()))
                .filter(l -> l.path("reportCreated").asBoolean())
                .count();
        // S3 and LocalStack let one create-only write through; on loopback, S3Mock's check-then-write is made
        // one step per key by the S3WriteGate in front of it (see README, "Conditional writes")
        assertEquals(1, created, "exactly one delivery created the report");
        assertEquals(1, h.reportVersions(mail.object()), "create-only report: the losers' writes were refused");
        assertEquals(
                1,
                h.pipeline
                        .s3()
                        .listObjectsV2(l -> l.bucket(h.pipeline.resources().bucket())
                                .prefix(h.config
                                        .keys()
                                        .recordPrefix(mail.object().mailId())))
                        .contents()
                        .size(),
                "one quarantine record with one event");
    }

    @Test
    void a_new_version_of_the_same_key_is_a_new_mail() {
        String key = h.pipeline.resources().incomingPrefix() + "dup/reused-key.eml";
        MailDrop.Dropped first = drop.drop(key, DemoMails.clean());
        MailDrop.Dropped second = drop.drop(key, DemoMails.doubleExtension());
        assertTrue(intake.drain(Duration.ofSeconds(60)));
        assertNotEquals(first.object().mailId(), second.object().mailId());
        assertEquals("clean", h.tags(first.object()).get("prefilter-verdict"));
        assertEquals("malicious", h.tags(second.object()).get("prefilter-verdict"));
        assertTrue(h.quarantineFor(first.object()).isEmpty());
        assertEquals(1, h.quarantineFor(second.object()).size());
    }
}
