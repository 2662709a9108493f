package dev.prefilter.local.env;

import dev.prefilter.mailscan.S3ObjectRef;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Plays SES and S3: stores a raw mail under the incoming prefix, then sends the notification that
 * the bucket's notification configuration would send to the intake queue (local S3 servers send none).
 */
public final class MailDrop {

    /** A stored mail and the notification that announced it. */
    public record Dropped(S3ObjectRef object, String eTag, String notification) {}

    private final S3Client s3;
    private final SqsClient sqs;
    private final Events events;
    private final PipelineResources resources;

    public MailDrop(S3Client s3, SqsClient sqs, Events events, PipelineResources resources) {
        this.s3 = s3;
        this.sqs = sqs;
        this.events = events;
        this.resources = resources;
    }

    /** Stores the mail and returns it with its notification, without sending it. */
    public Dropped store(String key, byte[] mail) {
        PutObjectResponse put = s3.putObject(
                p -> p.bucket(resources.bucket()).key(key).contentType("message/rfc822"), RequestBody.fromBytes(mail));
        S3ObjectRef object = new S3ObjectRef(resources.bucket(), key, put.versionId(), mail.length);
        return new Dropped(
                object, put.eTag(), events.s3PutJson(object.bucket(), key, mail.length, put.eTag(), put.versionId()));
    }

    public void announce(Dropped dropped) {
        sqs.sendMessage(m -> m.queueUrl(resources.intakeQueueUrl()).messageBody(dropped.notification()));
    }

    public Dropped drop(String key, byte[] mail) {
        Dropped dropped = store(key, mail);
        announce(dropped);
        return dropped;
    }
}
