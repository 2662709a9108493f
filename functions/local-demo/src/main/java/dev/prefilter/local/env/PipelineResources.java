package dev.prefilter.local.env;

import dev.prefilter.mailscan.LambdaConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The bucket and queues of {@code template.yaml}, created on local servers the way the template
 * declares them: a versioned mail bucket; an intake queue that redrives to its dead-letter queue
 * after {@code maxReceiveCount} receives; FIFO quarantine and release queues with their own
 * dead-letter queues.
 */
public record PipelineResources(
        String bucket,
        String incomingPrefix,
        String intakeQueueUrl,
        String intakeQueueArn,
        String intakeDlqUrl,
        String quarantineQueueUrl,
        String quarantineDlqUrl,
        String releaseQueueUrl,
        String releaseDlqUrl) {

    public static PipelineResources create(
            S3Client s3, SqsClient sqs, String name, Duration visibilityTimeout, int maxReceiveCount) {
        String bucket = name + "-mail";
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(
                b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));

        String intakeDlq =
                sqs.createQueue(q -> q.queueName(name + "-intake-dlq")).queueUrl();
        String intake = sqs.createQueue(q -> q.queueName(name + "-intake")
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()),
                                QueueAttributeName.REDRIVE_POLICY, redrive(sqs, intakeDlq, maxReceiveCount))))
                .queueUrl();
        String quarantineDlq = sqs.createQueue(q -> q.queueName(name + "-quarantine-dlq.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
        String quarantine = sqs.createQueue(q -> q.queueName(name + "-quarantine.fifo")
                        .attributes(Map.of(
                                QueueAttributeName.FIFO_QUEUE,
                                "true",
                                QueueAttributeName.REDRIVE_POLICY,
                                redrive(sqs, quarantineDlq, 5))))
                .queueUrl();
        String releaseDlq = sqs.createQueue(q -> q.queueName(name + "-release-dlq.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
        String release = sqs.createQueue(q -> q.queueName(name + "-release.fifo")
                        .attributes(Map.of(
                                QueueAttributeName.FIFO_QUEUE,
                                "true",
                                QueueAttributeName.REDRIVE_POLICY,
                                redrive(sqs, releaseDlq, 5))))
                .queueUrl();
        return new PipelineResources(
                bucket,
                "incoming/",
                intake,
                arn(sqs, intake),
                intakeDlq,
                quarantine,
                quarantineDlq,
                release,
                releaseDlq);
    }

    /** The function's environment as the template sets it, minus the limits (their defaults apply). */
    public Map<String, String> functionEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put(LambdaConfig.QUARANTINE_QUEUE_URL, quarantineQueueUrl);
        env.put(LambdaConfig.OUTPUT_PREFIX, "prefilter/");
        env.put(LambdaConfig.S3_FORCE_PATH_STYLE, "true");
        env.put(LambdaConfig.TIME_RESERVE_MILLIS, "3000");
        return env;
    }

    private static String redrive(SqsClient sqs, String dlqUrl, int maxReceiveCount) {
        return "{\"deadLetterTargetArn\":\"" + arn(sqs, dlqUrl) + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
    }

    private static String arn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }
}
