package dev.prefilter.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.prefilter.local.env.LocalContext;
import dev.prefilter.mailscan.S3MailScanHandler;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * Runs in a fresh JVM on the Lambda artifact's classpath: builds the handler with its production
 * no-arg constructor (configuration from the environment) and handles one S3 event, then prints
 * the JVM's start-to-ready and start-to-first-verdict times as one JSON line. The event is built
 * with the event classes' constructors because the runtime's serializer is not in the artifact.
 * Arguments: bucket, key, versionId, size.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {}

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainStart = System.currentTimeMillis();
        S3MailScanHandler handler = new S3MailScanHandler();
        long ready = System.currentTimeMillis();
        var object = new S3EventNotification.S3ObjectEntity(args[1], Long.parseLong(args[3]), "", args[2], "0");
        var bucket = new S3EventNotification.S3BucketEntity(
                args[0], new S3EventNotification.UserIdentityEntity("EXAMPLE"), "arn:aws:s3:::" + args[0]);
        var record = new S3EventNotification.S3EventNotificationRecord(
                "us-east-1",
                "ObjectCreated:Put",
                "aws:s3",
                "1970-01-01T00:00:00.000Z",
                "2.0",
                new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("x", "y"),
                new S3EventNotification.S3Entity("probe", bucket, object, "1.0"),
                new S3EventNotification.UserIdentityEntity("EXAMPLE"));
        handler.handleRequest(new S3Event(List.of(record)), new LocalContext(Duration.ofSeconds(90), 2048));
        long done = System.currentTimeMillis();
        System.out.println("{\"probe\":\"cold-start\",\"jvmToMainMillis\":" + (mainStart - jvmStart)
                + ",\"initMillis\":" + (ready - mainStart) + ",\"firstVerdictMillis\":" + (done - ready)
                + ",\"jvmToFirstVerdictMillis\":" + (done - jvmStart) + "}");
    }
}
