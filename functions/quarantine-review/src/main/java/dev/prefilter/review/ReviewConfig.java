package dev.prefilter.review;

import java.net.URI;
import java.util.Optional;

/**
 * Where the quarantine is: the output bucket and prefix, the queues, and (for {@code rescan
 * --batch}) the function and role S3 Batch Operations uses. From {@code --stack} (CloudFormation
 * outputs), from options, or from environment variables.
 *
 * @param policyJson the scoring-policy overrides re-scans use (the stack's {@code PolicyJson}), or null for the built-in policy
 * @param endpoint one endpoint for S3 and SQS (LocalStack, the local demo), empty for AWS's own
 */
public record ReviewConfig(
        String bucket,
        String outputPrefix,
        String quarantineQueueUrl,
        String releaseQueueUrl,
        Optional<URI> endpoint,
        String policyJson,
        Optional<String> batchFunctionArn,
        Optional<String> batchRoleArn) {

    public static final String DEFAULT_PREFIX = "prefilter/";

    public ReviewConfig {
        if (bucket == null || bucket.isBlank()) {
            throw new ReviewException(
                    ReviewError.USAGE, "no bucket: give --stack NAME, --bucket NAME or PREFILTER_BUCKET");
        }
        outputPrefix = outputPrefix == null || outputPrefix.isBlank() ? DEFAULT_PREFIX : outputPrefix;
        if (!outputPrefix.endsWith("/")) {
            throw new ReviewException(ReviewError.USAGE, "the output prefix must end with '/': " + outputPrefix);
        }
    }

    public static ReviewConfig local(String bucket, String quarantineQueueUrl, String releaseQueueUrl, URI endpoint) {
        return new ReviewConfig(
                bucket,
                DEFAULT_PREFIX,
                quarantineQueueUrl,
                releaseQueueUrl,
                Optional.ofNullable(endpoint),
                null,
                Optional.empty(),
                Optional.empty());
    }

    public ReviewConfig withPolicyJson(String json) {
        return new ReviewConfig(
                bucket,
                outputPrefix,
                quarantineQueueUrl,
                releaseQueueUrl,
                endpoint,
                json,
                batchFunctionArn,
                batchRoleArn);
    }

    String requireQuarantineQueue() {
        if (quarantineQueueUrl == null || quarantineQueueUrl.isBlank()) {
            throw new ReviewException(
                    ReviewError.USAGE,
                    "re-scanning needs the quarantine queue: give --stack, --queue URL or PREFILTER_QUARANTINE_QUEUE_URL");
        }
        return quarantineQueueUrl;
    }

    String requireReleaseQueue() {
        if (releaseQueueUrl == null || releaseQueueUrl.isBlank()) {
            throw new ReviewException(
                    ReviewError.USAGE,
                    "releasing needs the release queue: give --stack, --release-queue URL or PREFILTER_RELEASE_QUEUE_URL");
        }
        return releaseQueueUrl;
    }
}
