package dev.prefilter.mailscan;

import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.ScanEngine;
import dev.prefilter.engine.ScanRequest;
import dev.prefilter.engine.report.Reason;
import dev.prefilter.engine.score.PolicyCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What both handlers share: built once per container, it takes every notified object of one
 * invocation through {@link MailProcessor}, and writes one log line and the metrics per object.
 * A failed object is logged and reported back so that the event source retries it (and, after
 * its bounded retries, dead-letters it); the other objects of the invocation are unaffected.
 */
public final class MailScanService {

    private final MailProcessor processor;
    private final JsonLog log;
    private final EmfMetrics metrics;

    public MailScanService(MailProcessor processor, JsonLog log, EmfMetrics metrics) {
        this.processor = processor;
        this.log = log;
        this.metrics = metrics;
    }

    /** The production wiring: validated configuration, SDK clients, engine, and the Lambda log stream. */
    public static MailScanService fromEnvironment(Map<String, String> env) {
        LambdaConfig config = LambdaConfig.fromEnvironment(env);
        Consumer<String> lambdaLog = line -> LambdaRuntime.getLogger().log(line + "\n");
        var s3 = AwsClients.s3(config.forcePathStyle());
        var sqs = AwsClients.sqs();
        config.endpointOverride().ifPresent(endpoint -> {
            s3.endpointOverride(endpoint);
            sqs.endpointOverride(endpoint);
        });
        return create(config, s3.build(), sqs.build(), lambdaLog, lambdaLog);
    }

    /** Wiring around given clients and log sinks: the local demo and the tests point them at loopback servers. */
    public static MailScanService create(
            LambdaConfig config, S3Client s3, SqsClient sqs, Consumer<String> logSink, Consumer<String> metricSink) {
        ScanEngine engine = ScanEngine.builder()
                .limits(config.limits())
                .policy(config.policy())
                .tempRoot(Path.of(System.getProperty("java.io.tmpdir")))
                .build();
        prime(engine);
        MailProcessor processor = new MailProcessor(
                config,
                engine,
                new S3MailSource(s3),
                new S3OutputStore(s3),
                new SqsQuarantinePublisher(sqs, config.quarantineQueueUrl()));
        Clock clock = Clock.systemUTC();
        JsonLog log = new JsonLog(logSink, clock);
        for (String warning : PolicyCheck.warnings(config.policy())) {
            log.write(log.line("WARN", "policy.warning")
                    .put("policy", config.policy().label())
                    .put("warning", warning));
        }
        return new MailScanService(processor, log, new EmfMetrics(metricSink, config.metricsNamespace(), clock));
    }

    /**
     * Scans a small built-in mail once, so that class loading, Tika's start-up and the JIT's first
     * work happen during initialisation (and in the SnapStart snapshot), not in the first invocation.
     */
    private static void prime(ScanEngine engine) {
        ScanRequest.Source mail = () -> {
            InputStream in = MailScanService.class.getResourceAsStream("prime.eml");
            if (in == null) {
                throw new IOException("missing resource prime.eml");
            }
            return in;
        };
        engine.scan(ScanRequest.mail("prime.eml", "prime.eml", mail));
    }

    /**
     * @param remaining the invocation's remaining time, asked again before each object
     * @return whether every object reached an outcome; false means the caller must have the event retried
     */
    public boolean scanAll(List<S3ObjectRef> objects, Supplier<Duration> remaining, String requestId) {
        boolean allDone = true;
        for (S3ObjectRef object : objects) {
            try {
                scanOne(object, remaining.get(), requestId);
            } catch (IOException | RuntimeException e) {
                allDone = false;
            }
        }
        return allDone;
    }

    /**
     * Takes one object to its outcome with its log line and metrics; a failure is logged and
     * counted, then rethrown for the caller to have the object retried.
     */
    public Outcome scanOne(S3ObjectRef object, Duration remaining, String requestId) throws IOException {
        long start = System.nanoTime();
        try {
            Outcome outcome = processor.process(object, remaining);
            long millis = (System.nanoTime() - start) / 1_000_000;
            logOutcome(outcome, millis, requestId);
            metrics.outcome(outcome, millis);
            return outcome;
        } catch (IOException | RuntimeException e) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            ObjectNode line = objectLine(log.line("ERROR", "mail.failed"), object, requestId);
            line.put("error", e.getClass().getSimpleName())
                    .put("message", String.valueOf(e.getMessage()))
                    .put("cause", e.getCause() == null ? null : e.getCause().toString())
                    .put("durationMillis", millis);
            log.write(line);
            metrics.failure();
            throw e;
        }
    }

    /** A message or event that names no object this function can use; it is logged and retried into the DLQ. */
    public void rejectNotification(String messageId, String problem, String requestId) {
        log.write(log.line("ERROR", "notification.rejected")
                .put("messageId", messageId)
                .put("problem", problem)
                .put("requestId", requestId));
        metrics.failure();
    }

    private void logOutcome(Outcome outcome, long millis, String requestId) {
        ObjectNode line = objectLine(
                log.line("INFO", "mail." + outcome.status().name().toLowerCase(java.util.Locale.ROOT)),
                outcome.mail(),
                requestId);
        if (outcome.verdict() != null) {
            line.put("scanId", outcome.scanId())
                    .put("verdict", outcome.verdict().label())
                    .put("score", outcome.score())
                    .put("policy", outcome.policy());
            ArrayNode reasons = line.putArray("reasons");
            for (Reason r : outcome.reasons()
                    .subList(
                            0,
                            Math.min(
                                    QuarantineMessage.TOP_REASONS,
                                    outcome.reasons().size()))) {
                reasons.addObject()
                        .put("code", r.code())
                        .put("path", r.path())
                        .put("severity", r.severity().label());
            }
            line.put("findings", outcome.findingCodes().size())
                    .put("quarantined", outcome.quarantined())
                    .put("reportCreated", outcome.reportCreated())
                    .put("samples", outcome.samples())
                    .put("reportKey", outcome.reportKey())
                    .put("scanMillis", outcome.scanMillis());
        }
        line.put("durationMillis", millis);
        log.write(line);
    }

    private static ObjectNode objectLine(ObjectNode line, S3ObjectRef object, String requestId) {
        return line.put("requestId", requestId)
                .put("mailId", object.mailId())
                .put("bucket", object.bucket())
                .put("key", object.key())
                .put("versionId", object.versionId())
                .put("size", object.size());
    }

    static Duration remainingOf(com.amazonaws.services.lambda.runtime.Context context) {
        return Duration.ofMillis(context.getRemainingTimeInMillis());
    }
}
