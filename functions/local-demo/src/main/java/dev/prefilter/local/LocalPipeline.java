package dev.prefilter.local;

import dev.prefilter.local.env.ElasticMqServer;
import dev.prefilter.local.env.Events;
import dev.prefilter.local.env.LocalClients;
import dev.prefilter.local.env.LocalEventSource;
import dev.prefilter.local.env.MailDrop;
import dev.prefilter.local.env.PipelineResources;
import dev.prefilter.local.env.S3MockProcess;
import dev.prefilter.mailscan.AwsClients;
import dev.prefilter.mailscan.LambdaConfig;
import dev.prefilter.mailscan.MailScanService;
import dev.prefilter.mailscan.SqsMailScanHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole pipeline on loopback: S3Mock and ElasticMQ, the template's bucket and queues, the
 * real handler wired to them, S3's part (storing mails, announcing them) and Lambda's part
 * (the SQS event source). The demo and the end-to-end tests both run on it.
 */
public final class LocalPipeline implements AutoCloseable {

    private final S3MockProcess s3Server;
    private final ElasticMqServer sqsServer;
    private final S3Client s3;
    private final SqsClient sqs;
    private final PipelineResources resources;
    private final Events events;

    private LocalPipeline(S3MockProcess s3Server, ElasticMqServer sqsServer, S3Client s3, SqsClient sqs, PipelineResources resources) {
        this.s3Server = s3Server;
        this.sqsServer = sqsServer;
        this.s3 = s3;
        this.sqs = sqs;
        this.resources = resources;
        this.events = Events.load();
    }

    public static LocalPipeline start(Path workDir, String name, Duration visibilityTimeout, int maxReceiveCount) throws IOException {
        S3MockProcess s3Server = S3MockProcess.start(S3MockProcess.locateJar(), workDir, Duration.ofSeconds(180));
        ElasticMqServer sqsServer;
        try {
            sqsServer = ElasticMqServer.start();
        } catch (RuntimeException e) {
            s3Server.close();
            throw e;
        }
        S3Client s3 = LocalClients.s3(s3Server.endpoint(), AwsClients.httpClient());
        SqsClient sqs = LocalClients.sqs(sqsServer.endpoint(), AwsClients.httpClient());
        PipelineResources resources = PipelineResources.create(s3, sqs, name, visibilityTimeout, maxReceiveCount);
        return new LocalPipeline(s3Server, sqsServer, s3, sqs, resources);
    }

    /** The function as the template configures it, plus {@code overrides}, on the given clients. */
    public MailScanService service(S3Client functionS3, SqsClient functionSqs, Map<String, String> overrides,
                                   Consumer<String> log, Consumer<String> metrics) {
        Map<String, String> env = resources.functionEnvironment();
        env.putAll(overrides);
        return MailScanService.create(LambdaConfig.fromEnvironment(env), functionS3, functionSqs, log, metrics);
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

    public java.net.URI s3Endpoint() {
        return s3Server.endpoint();
    }

    public java.net.URI sqsEndpoint() {
        return sqsServer.endpoint();
    }

    public long s3Pid() {
        return s3Server.pid();
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
        sqsServer.close();
        s3Server.close();
    }
}
