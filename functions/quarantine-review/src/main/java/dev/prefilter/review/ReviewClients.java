package dev.prefilter.review;

import dev.prefilter.mailscan.AwsClients;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The tool's AWS clients: the function's settings (JDK HTTP client, standard retries, timeouts),
 * the standard credential and region chains, endpoints for S3 and SQS when given (LocalStack: one
 * for both; the local demo: one each), and {@link AwsFailures} on every client. Built when first used.
 */
public final class ReviewClients implements AutoCloseable {

    private final Optional<URI> s3Endpoint;
    private final Optional<URI> sqsEndpoint;
    private final Region region;
    private S3Client s3;
    private SqsClient sqs;
    private StsClient sts;
    private CloudFormationClient cloudFormation;
    private S3ControlClient s3Control;

    public ReviewClients(Optional<URI> s3Endpoint, Optional<URI> sqsEndpoint, String region) {
        this.s3Endpoint = s3Endpoint;
        this.sqsEndpoint = sqsEndpoint;
        String name = region != null ? region : System.getenv("AWS_REGION");
        if (name == null) {
            name = System.getenv("AWS_DEFAULT_REGION");
        }
        if (name == null && (s3Endpoint.isPresent() || sqsEndpoint.isPresent())) {
            name = "us-east-1"; // local servers do not care, the SDK needs one
        }
        this.region = name == null ? null : Region.of(name);
    }

    private ClientOverrideConfiguration overrides() {
        return AwsClients.overrides().toBuilder()
                .addExecutionInterceptor(new AwsFailures())
                .build();
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            var b = AwsClients.s3(s3Endpoint.isPresent()).overrideConfiguration(overrides());
            s3Endpoint.ifPresent(b::endpointOverride);
            if (region != null) b.region(region);
            s3 = b.build();
        }
        return s3;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            var b = AwsClients.sqs().overrideConfiguration(overrides());
            sqsEndpoint.ifPresent(b::endpointOverride);
            if (region != null) b.region(region);
            sqs = b.build();
        }
        return sqs;
    }

    public synchronized StsClient sts() {
        if (sts == null) {
            var b = StsClient.builder().httpClient(AwsClients.httpClient()).overrideConfiguration(overrides());
            if (region != null) b.region(region);
            sts = b.build();
        }
        return sts;
    }

    public synchronized CloudFormationClient cloudFormation() {
        if (cloudFormation == null) {
            var b = CloudFormationClient.builder()
                    .httpClient(AwsClients.httpClient())
                    .overrideConfiguration(overrides());
            s3Endpoint.ifPresent(b::endpointOverride); // LocalStack serves every service on one endpoint
            if (region != null) b.region(region);
            cloudFormation = b.build();
        }
        return cloudFormation;
    }

    public synchronized S3ControlClient s3Control() {
        if (s3Control == null) {
            var b = S3ControlClient.builder()
                    .httpClient(AwsClients.httpClient())
                    .overrideConfiguration(overrides());
            if (region != null) b.region(region);
            s3Control = b.build();
        }
        return s3Control;
    }

    /** Who is acting, as AWS knows it: the caller's ARN. */
    public String callerArn() {
        return sts().getCallerIdentity().arn();
    }

    public String accountId() {
        return sts().getCallerIdentity().account();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : new AutoCloseable[] {s3, sqs, sts, cloudFormation, s3Control}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing clients at exit: nothing left to do about it
                }
            }
        }
    }
}
