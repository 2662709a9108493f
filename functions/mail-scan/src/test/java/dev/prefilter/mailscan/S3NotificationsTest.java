package dev.prefilter.mailscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3NotificationsTest {

    @Test
    void s3_put_event_yields_the_decoded_key() {
        S3Event event = EventLoader.loadS3Event("events/s3-put.json");
        List<S3ObjectRef> objects = S3Notifications.objects(event);
        assertEquals(
                List.of(new S3ObjectRef("prefilter-local-mail", "incoming/Invoice 2024.eml", null, 1024)), objects);
    }

    @Test
    void sqs_wrapped_notification_yields_the_same_object() {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-s3-put.json");
        List<S3ObjectRef> objects =
                S3Notifications.objects(event.getRecords().get(0).getBody());
        assertEquals(S3Notifications.objects(EventLoader.loadS3Event("events/s3-put.json")), objects);
    }

    @Test
    void s3_test_event_names_no_object() {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-s3-test-event.json");
        assertTrue(S3Notifications.objects(event.getRecords().get(0).getBody()).isEmpty());
    }

    @Test
    void every_record_counts_and_only_object_created_ones() {
        String body = """
                {"Records":[
                 {"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"incoming/a%C3%A9+b.eml","size":5,"versionId":"v1"}}},
                 {"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"incoming/gone.eml"}}},
                 {"eventSource":"aws:s3","eventName":"ObjectCreated:CompleteMultipartUpload","s3":{"bucket":{"name":"b"},"object":{"key":"incoming/big.eml","size":7}}}]}""";
        assertEquals(
                List.of(
                        new S3ObjectRef("b", "incoming/aé b.eml", "v1", 5),
                        new S3ObjectRef("b", "incoming/big.eml", null, 7)),
                S3Notifications.objects(body));
    }

    @Test
    void a_body_that_is_no_s3_notification_is_rejected_with_the_reason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S3Notifications.objects("hello"))
                .getMessage()
                .contains("not JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S3Notifications.objects("{\"a\":1}"))
                .getMessage()
                .contains("Records"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> S3Notifications.objects("{\"Records\":[{\"eventSource\":\"aws:sns\"}]}"))
                .getMessage()
                .contains("aws:sns"));
    }

    @Test
    void scan_id_depends_on_bucket_key_and_version_only() {
        S3ObjectRef a = new S3ObjectRef("b", "k", "v1", 1);
        assertEquals(a.mailId(), new S3ObjectRef("b", "k", "v1", 999).mailId());
        assertTrue(!a.mailId().equals(new S3ObjectRef("b", "k", "v2", 1).mailId()));
        assertTrue(!a.mailId().equals(new S3ObjectRef("b", "k", null, 1).mailId()));
        assertEquals("s3://b/k?versionId=v1", a.location());
    }
}
