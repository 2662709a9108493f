package dev.prefilter.local.env;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.report.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Real-shaped Lambda events made from the files in {@code events/} (packaged on the classpath):
 * the S3 put event as {@code sam local generate-event s3 put} writes it, and the SQS event that
 * carries it. The JSON is rewritten for each object (bucket, URL-encoded key, size, ETag,
 * version, sequencer) and read with the Lambda runtime's own serializer, as the runtime would.
 */
public final class Events {

    private static final AtomicLong SEQUENCER = new AtomicLong(0x0A1B2C3D4E5F6000L);

    private final ObjectNode s3Put;
    private final ObjectNode sqs;

    private Events(ObjectNode s3Put, ObjectNode sqs) {
        this.s3Put = s3Put;
        this.sqs = sqs;
    }

    public static Events load() {
        return new Events(read("events/s3-put.json"), read("events/sqs-s3-put.json"));
    }

    private static ObjectNode read(String resource) {
        try (InputStream in = Events.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return (ObjectNode) ReportJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The S3 notification S3 would send for this new object, as JSON. */
    public String s3PutJson(String bucket, String key, long size, String eTag, String versionId) {
        ObjectNode event = s3Put.deepCopy();
        ObjectNode record = (ObjectNode) event.withArray("Records").get(0);
        record.put("eventTime", Instant.now().toString());
        ObjectNode s3 = (ObjectNode) record.get("s3");
        ObjectNode b = (ObjectNode) s3.get("bucket");
        b.put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode o = (ObjectNode) s3.get("object");
        o.put("key", encodeKey(key))
                .put("size", size)
                .put("eTag", eTag == null ? "" : eTag.replace("\"", ""))
                .put("sequencer", Long.toHexString(SEQUENCER.incrementAndGet()).toUpperCase(java.util.Locale.ROOT));
        if (versionId != null) {
            o.put("versionId", versionId);
        } else {
            o.remove("versionId");
        }
        return ReportJson.compact(event);
    }

    public S3Event s3Put(String bucket, String key, long size, String eTag, String versionId) {
        return s3Event(s3PutJson(bucket, key, size, eTag, versionId));
    }

    public static S3Event s3Event(String json) {
        return LambdaEventSerializers.serializerFor(S3Event.class, Events.class.getClassLoader())
                .fromJson(json);
    }

    /** The event Lambda's SQS event source mapping builds from received messages. */
    public SQSEvent sqsEvent(List<Message> messages, String queueArn) {
        ObjectNode event = sqs.deepCopy();
        ArrayNode records = event.withArray("Records");
        JsonNode template = records.get(0);
        records.removeAll();
        for (Message m : messages) {
            ObjectNode r = template.deepCopy();
            r.put("messageId", m.messageId())
                    .put("receiptHandle", m.receiptHandle())
                    .put("body", m.body())
                    .put("md5OfBody", m.md5OfBody())
                    .put("eventSourceARN", queueArn);
            ObjectNode attributes = (ObjectNode) r.get("attributes");
            m.attributes().forEach((name, value) -> {
                if (name != MessageSystemAttributeName.UNKNOWN_TO_SDK_VERSION) {
                    attributes.put(name.toString(), value);
                }
            });
            records.add(r);
        }
        return LambdaEventSerializers.serializerFor(SQSEvent.class, Events.class.getClassLoader())
                .fromJson(ReportJson.compact(event));
    }

    /** Keys in S3 notifications are URL-encoded with spaces as '+'; slashes stay as they are. */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
