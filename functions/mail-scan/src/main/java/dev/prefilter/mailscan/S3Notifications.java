package dev.prefilter.mailscan;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns S3 notifications into the objects to scan: every {@code ObjectCreated:*} record, with
 * its key URL-decoded as S3 sends it ({@code incoming%2FInvoice+2024.eml}). An SQS message body
 * holds the same notification as JSON; S3's {@code s3:TestEvent} (sent when a queue is
 * subscribed) names no object and yields nothing.
 */
public final class S3Notifications {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private S3Notifications() {}

    public static List<S3ObjectRef> objects(S3Event event) {
        List<S3ObjectRef> refs = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return refs;
        }
        for (S3EventNotificationRecord record : event.getRecords()) {
            if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated")) {
                continue;
            }
            var object = record.getS3().getObject();
            Long size = object.getSizeAsLong();
            refs.add(new S3ObjectRef(
                    record.getS3().getBucket().getName(),
                    object.getUrlDecodedKey(),
                    object.getVersionId(),
                    size == null ? -1 : size));
        }
        return refs;
    }

    /** Parses an SQS message body that S3 (or SNS raw delivery) wrote; throws when it is no S3 notification. */
    public static List<S3ObjectRef> objects(String sqsBody) {
        JsonNode root;
        try {
            root = JSON.readTree(sqsBody == null ? "" : sqsBody);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the message body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the message body is not a JSON object");
        }
        if ("s3:TestEvent".equals(root.path("Event").asText(null))) {
            return List.of();
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException("the message body is no S3 notification (no \"Records\" array)");
        }
        List<S3ObjectRef> refs = new ArrayList<>();
        for (JsonNode record : records) {
            if (!"aws:s3".equals(record.path("eventSource").asText())) {
                throw new IllegalArgumentException("a record's eventSource is '"
                        + record.path("eventSource").asText() + "', not aws:s3");
            }
            if (!record.path("eventName").asText().startsWith("ObjectCreated")) {
                continue;
            }
            JsonNode object = record.path("s3").path("object");
            String bucket = record.path("s3").path("bucket").path("name").asText(null);
            String key = object.path("key").asText(null);
            if (bucket == null || key == null) {
                throw new IllegalArgumentException("an S3 record without bucket name or object key");
            }
            refs.add(new S3ObjectRef(
                    bucket,
                    URLDecoder.decode(key, StandardCharsets.UTF_8),
                    object.path("versionId").asText(null),
                    object.path("size").asLong(-1)));
        }
        return refs;
    }
}
