package dev.prefilter.local;

import dev.prefilter.local.env.Events;
import dev.prefilter.local.env.LocalClients;
import dev.prefilter.local.env.LocalEventSource;
import dev.prefilter.local.env.LocalServers;
import dev.prefilter.local.env.MailDrop;
import dev.prefilter.local.env.PipelineResources;
import dev.prefilter.mailscan.AwsClients;
import dev.prefilter.mailscan.LambdaConfig;
import dev.prefilter.mailscan.MailScanService;
import dev.prefilter.mailscan.SqsMailScanHandler;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The pipeline on local servers: the template's bucket and queues, the real handler wired to
 * them, S3's part (storing mails, announcing them) and Lambda's part (the SQS event source).
 * The demo and the end-to-end tests both run on it.
 */
public final class LocalPipeline implements AutoCloseable {

    private final LocalServers servers;
    private final S3Client s3;
    private final SqsClient sqs;
    private final PipelineResources resources;
    private final Events events;

    private LocalPipeline(LocalServers servers, S3Client s3, SqsClient sqs, PipelineResources resources) {
        this.servers = servers;
        this.s3 = s3;
        this.sqs = sqs;
        this.resources = resources;
        this.events = Events.load();
    }

    /** Creates the bucket and queues named after {@code name} on the servers. */
    public static LocalPipeline create(
            LocalServers servers, String name, Duration visibilityTimeout, int maxReceiveCount) {
        S3Client s3 = LocalClients.s3(servers.s3(), AwsClients.httpClient());
        SqsClient sqs = LocalClients.sqs(servers.sqs(), AwsClients.httpClient());
        return new LocalPipeline(
                servers, s3, sqs, PipelineResources.create(s3, sqs, name, visibilityTimeout, maxReceiveCount));
    }

    /** The function as the template configures it, plus {@code overrides}, on the given clients. */
    public MailScanService service(
            S3Client functionS3,
            SqsClient functionSqs,
            Map<String, String> overrides,
            Consumer<String> log,
            Consumer<String> metrics) {
        return MailScanService.create(config(overrides), functionS3, functionSqs, log, metrics);
    }

    public LambdaConfig config(Map<String, String> overrides) {
        Map<String, String> env = resources.functionEnvironment();
        env.putAll(overrides);
        return LambdaConfig.fromEnvironment(env);
    }

    public LocalEventSource eventSource(SqsMailScanHandler handler, Duration functionTimeout, int batchSize) {
        return new LocalEventSource(sqs, resources, handler, events, functionTimeout, batchSize);
    }

    public MailDrop mailDrop() {
        return new MailDrop(s3, sqs, events, resources);
    }

    public S3Client s3() {
        return s3;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public PipelineResources resources() {
        return resources;
    }

    public Events events() {
        return events;
    }

    public LocalServers servers() {
        return servers;
    }

    /** Closes this pipeline's clients; the servers stay up for their owner to stop. */
    @Override
    public void close() {
        s3.close();
        sqs.close();
    }
}
