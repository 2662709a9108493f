package dev.prefilter.it.support;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.local.LocalPipeline;
import dev.prefilter.local.env.LocalClients;
import dev.prefilter.local.env.LocalEventSource;
import dev.prefilter.local.env.LocalServers;
import dev.prefilter.mailscan.AwsClients;
import dev.prefilter.mailscan.LambdaConfig;
import dev.prefilter.mailscan.MailScanService;
import dev.prefilter.mailscan.S3BatchRescanHandler;
import dev.prefilter.mailscan.S3MailScanHandler;
import dev.prefilter.mailscan.S3ObjectRef;
import dev.prefilter.mailscan.SqsMailScanHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One test class's pipeline: its own bucket and queues on shared servers, the real handlers
 * with clients that go through a {@link FaultyHttpClient} and record their calls, and readers
 * for every output (tags, reports, samples, quarantine and dead-letter messages).
 */
public final class PipelineHarness implements AutoCloseable {

    public final LocalPipeline pipeline;
    public final FaultyHttpClient faults;
    public final RecordedCalls calls = new RecordedCalls();
    public final LambdaConfig config;
    public final SqsMailScanHandler sqsHandler;
    public final S3MailScanHandler s3Handler;
    public final S3BatchRescanHandler batchHandler;
    public final List<JsonNode> logLines = new CopyOnWriteArrayList<>();
    public final List<JsonNode> metricLines = new CopyOnWriteArrayList<>();
    private final S3Client functionS3;
    private final SqsClient functionSqs;
    private final List<Message> quarantine = new CopyOnWriteArrayList<>();
    private final List<Message> deadLetters = new CopyOnWriteArrayList<>();

    public static final class Options {
        Duration visibility = Duration.ofSeconds(1);
        int maxReceiveCount = 3;
        Duration attemptTimeout = AwsClients.ATTEMPT_TIMEOUT;
        Map<String, String> env = new HashMap<>();

        public Options visibility(Duration value) {
            visibility = value;
            return this;
        }

        public Options attemptTimeout(Duration value) {
            attemptTimeout = value;
            return this;
        }

        public Options env(String name, String value) {
            env.put(name, value);
            return this;
        }
    }

    public PipelineHarness(LocalServers servers, String purpose, Options options) {
        String name = ("it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        this.pipeline = LocalPipeline.create(servers, name, options.visibility, options.maxReceiveCount);
        this.faults = new FaultyHttpClient(AwsClients.httpClient());
        ClientOverrideConfiguration overrides = AwsClients.overrides().toBuilder()
                .addExecutionInterceptor(calls)
                .apiCallAttemptTimeout(options.attemptTimeout)
                .build();
        this.functionS3 = AwsClients.s3(true)
                .endpointOverride(servers.s3())
                .region(LocalClients.REGION)
                .credentialsProvider(LocalClients.CREDENTIALS)
                .httpClient(faults)
                .overrideConfiguration(overrides)
                .build();
        this.functionSqs = AwsClients.sqs()
                .endpointOverride(servers.sqs())
                .region(LocalClients.REGION)
                .credentialsProvider(LocalClients.CREDENTIALS)
                .httpClient(faults)
                .overrideConfiguration(overrides)
                .build();
        this.config = pipeline.config(options.env);
        MailScanService service = pipeline.service(
                functionS3,
                functionSqs,
                options.env,
                line -> logLines.add(json(line)),
                line -> metricLines.add(json(line)));
        this.sqsHandler = new SqsMailScanHandler(service);
        this.s3Handler = new S3MailScanHandler(service);
        this.batchHandler = new S3BatchRescanHandler(service);
    }

    /** The S3 client the function uses: through {@link #faults}, recording its calls. */
    public S3Client faultyS3() {
        return functionS3;
    }

    /** The SQS client the function uses: through {@link #faults}, recording its calls. */
    public SqsClient faultySqs() {
        return functionSqs;
    }

    public LocalEventSource eventSource(Duration functionTimeout, int batchSize) {
        return pipeline.eventSource(sqsHandler, functionTimeout, batchSize);
    }

    /** An S3 put event for the object, made from events/s3-put.json and loaded through aws-lambda-java-tests' EventLoader. */
    public S3Event s3PutEvent(S3ObjectRef object, Path dir) {
        String json = pipeline.events()
                .s3PutJson(
                        object.bucket(),
                        object.key(),
                        object.size(),
                        "0123456789abcdef0123456789abcdef",
                        object.versionId());
        try {
            Path file = Files.createTempFile(dir, "s3-put-", ".json");
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return EventLoader.loadS3Event(file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> tags(S3ObjectRef object) {
        return pipeline
                .s3()
                .getObjectTagging(
                        t -> t.bucket(object.bucket()).key(object.key()).versionId(object.versionId()))
                .tagSet()
                .stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    public Optional<JsonNode> report(S3ObjectRef object) {
        try {
            return Optional.of(json(pipeline.s3()
                    .getObjectAsBytes(g -> g.bucket(object.bucket()).key(config.reportKey(object)))
                    .asUtf8String()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Versions stored under the report's key: one means no delivery overwrote another's report. */
    public int reportVersions(S3ObjectRef object) {
        String key = config.reportKey(object);
        return (int)
                pipeline.s3().listObjectVersions(l -> l.bucket(object.bucket()).prefix(key)).versions().stream()
                        .filter(v -> v.key().equals(key))
                        .count();
    }

    public byte[] object(String key) {
        return pipeline.s3()
                .getObjectAsBytes(g -> g.bucket(pipeline.resources().bucket()).key(key))
                .asByteArray();
    }

    /** Every quarantine message received so far (each received once and deleted, as a reviewer would). */
    public List<Message> quarantine() {
        collect(pipeline.resources().quarantineQueueUrl(), quarantine);
        return List.copyOf(quarantine);
    }

    /** The quarantine messages that name this mail version (under any policy). */
    public List<JsonNode> quarantineFor(S3ObjectRef object) {
        List<JsonNode> bodies = new ArrayList<>();
        for (Message m : quarantine()) {
            JsonNode body = json(m.body());
            JsonNode o = body.path("object");
            if (o.path("bucket").asText().equals(object.bucket())
                    && o.path("key").asText().equals(object.key())
                    && o.path("versionId").asText("").equals(object.versionId() == null ? "" : object.versionId())) {
                bodies.add(body);
            }
        }
        return bodies;
    }

    /** Every notification the intake queue gave up on so far. */
    public List<Message> deadLetters() {
        collect(pipeline.resources().intakeDlqUrl(), deadLetters);
        return List.copyOf(deadLetters);
    }

    public boolean deadLettered(S3ObjectRef object) {
        return deadLetters().stream()
                .anyMatch(m -> m.body()
                                .contains(dev.prefilter.local.env.Events.encodeKey(object.key())
                                        .replace("/", "\\/"))
                        || m.body().contains("\"" + dev.prefilter.local.env.Events.encodeKey(object.key()) + "\""));
    }

    private void collect(String queueUrl, List<Message> into) {
        SqsClient sqs = pipeline.sqs();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(30)
                            .messageAttributeNames("All"))
                    .messages();
            if (batch.isEmpty()) {
                return;
            }
            for (Message m : batch) {
                into.add(m);
                sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    public static JsonNode json(String text) {
        try {
            return ReportJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        functionS3.close();
        functionSqs.close();
        pipeline.close();
    }
}
