package dev.prefilter.mailscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.prefilter.engine.ScanEngine;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3BatchRescanHandlerTest {

    private static Context context() {
        return (Context) Proxy.newProxyInstance(
                Context.class.getClassLoader(),
                new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> 60_000;
                    case "getAwsRequestId" -> "batch-request";
                    default -> null;
                });
    }

    @Test
    void every_task_is_answered_with_the_code_batch_operations_expects() {
        LambdaConfig config =
                LambdaConfig.fromEnvironment(Map.of(LambdaConfig.QUARANTINE_QUEUE_URL, "https://sqs.example/1/q.fifo"));
        ScanEngine engine = ScanEngine.builder()
                .limits(config.limits())
                .policy(config.policy())
                .build();
        Fakes.Mails mails = new Fakes.Mails();
        Fakes.Outputs outputs = new Fakes.Outputs();
        Fakes.Quarantine quarantine = new Fakes.Quarantine();
        mails.objects.put("incoming/Invoice 2024.eml", Fakes.mail("Invoice", "invoice.pdf.exe", Fakes.executable()));
        mails.objects.put("incoming/notes+minutes.eml", Fakes.mail("Notes", "notes.txt", Fakes.textFile()));
        List<String> log = new ArrayList<>();
        MailScanService service = new MailScanService(
                new MailProcessor(config, engine, mails, outputs, quarantine),
                new JsonLog(log::add, Clock.systemUTC()),
                new EmfMetrics(line -> {}, "Prefilter", Clock.systemUTC()));

        S3BatchEventV2 event = EventLoader.loadEvent("events/s3-batch-rescan.json", S3BatchEventV2.class);
        S3BatchResponse response = new S3BatchRescanHandler(service).handleRequest(event, context());

        assertEquals("2.0", response.getInvocationSchemaVersion());
        assertEquals(event.getInvocationId(), response.getInvocationId());
        assertEquals(S3BatchResponse.ResultCode.PermanentFailure, response.getTreatMissingKeysAs());
        List<S3BatchResponse.Result> results = response.getResults();
        assertEquals(3, results.size());
        assertEquals("dGFza2lkZ29lc2hlcmUK", results.get(0).getTaskId());
        assertEquals(S3BatchResponse.ResultCode.Succeeded, results.get(0).getResultCode());
        assertTrue(
                results.get(0).getResultString().startsWith("scanned malicious 100 default-1@"),
                results.get(0).getResultString());
        assertEquals(S3BatchResponse.ResultCode.Succeeded, results.get(1).getResultCode(), "'%2B' is a plus sign");
        assertTrue(results.get(1).getResultString().startsWith("scanned clean 0 "));
        assertEquals(S3BatchResponse.ResultCode.PermanentFailure, results.get(2).getResultCode());
        assertEquals("the mail version no longer exists", results.get(2).getResultString());
        assertEquals(1, quarantine.messages.size(), "the malicious mail is announced");

        mails.failReadsAfter = 10;
        outputs.objects.clear();
        S3BatchResponse retried = new S3BatchRescanHandler(service).handleRequest(event, context());
        assertEquals(
                S3BatchResponse.ResultCode.TemporaryFailure,
                retried.getResults().get(0).getResultCode());
        assertEquals(
                "IOException: connection reset", retried.getResults().get(0).getResultString());
    }
}
