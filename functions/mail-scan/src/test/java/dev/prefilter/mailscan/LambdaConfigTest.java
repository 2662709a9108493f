package dev.prefilter.mailscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaConfigTest {

    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/q.fifo";

    @Test
    void defaults_apply_to_everything_but_the_queue() {
        LambdaConfig c = LambdaConfig.fromEnvironment(Map.of(LambdaConfig.QUARANTINE_QUEUE_URL, QUEUE));
        assertEquals("prefilter/", c.outputPrefix());
        assertEquals(Duration.ofSeconds(5), c.timeReserve());
        assertEquals(20, c.maxSamples());
        assertFalse(c.forcePathStyle());
        assertTrue(c.outputBucket().isEmpty());
        assertTrue(c.endpointOverride().isEmpty());
        assertTrue(
                c.policy().label().matches("default-1@[0-9a-f]{12}"), c.policy().label());
        S3ObjectRef mail = new S3ObjectRef("b", "k", "v1", 1);
        assertEquals("prefilter/reports/" + mail.mailId() + "/" + c.scanId(mail) + ".json", c.reportKey(mail));
        assertEquals("prefilter/samples/sha256/def", c.sampleKey("def"));
    }

    @Test
    void every_problem_is_named_at_once() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> LambdaConfig.fromEnvironment(Map.of(
                        LambdaConfig.OUTPUT_PREFIX,
                        "/reports",
                        LambdaConfig.TIME_RESERVE_MILLIS,
                        "soon",
                        LambdaConfig.S3_FORCE_PATH_STYLE,
                        "yes",
                        "PREFILTER_MAX_DEPTH",
                        "0",
                        LambdaConfig.POLICY_JSON,
                        "{\"rules\":{\"Bad Code\":{}}}")));
        String m = e.getMessage();
        for (String name : new String[] {
            LambdaConfig.QUARANTINE_QUEUE_URL,
            LambdaConfig.OUTPUT_PREFIX,
            LambdaConfig.TIME_RESERVE_MILLIS,
            LambdaConfig.S3_FORCE_PATH_STYLE,
            "maxDepth",
            LambdaConfig.POLICY_JSON
        }) {
            assertTrue(m.contains(name), () -> name + " missing from: " + m);
        }
    }

    @Test
    void limits_and_policy_come_from_the_environment() {
        LambdaConfig c = LambdaConfig.fromEnvironment(Map.of(
                LambdaConfig.QUARANTINE_QUEUE_URL,
                QUEUE,
                "PREFILTER_MAX_NODE_BYTES",
                "1048576",
                "PREFILTER_TIME_BUDGET_SECONDS",
                "2.5",
                LambdaConfig.POLICY_JSON,
                "{\"name\":\"strict\",\"version\":\"7\"}",
                LambdaConfig.AWS_ENDPOINT_URL,
                "http://localhost:4566",
                LambdaConfig.S3_FORCE_PATH_STYLE,
                "TRUE"));
        assertEquals(1_048_576, c.limits().maxNodeBytes());
        assertEquals(Duration.ofMillis(2500), c.limits().timeBudget());
        assertTrue(c.policy().label().startsWith("strict-7@"), c.policy().label());
        assertTrue(c.forcePathStyle());
        assertEquals("http://localhost:4566", c.endpointOverride().orElseThrow().toString());
    }

    @Test
    void own_outputs_and_the_ses_probe_are_ignored() {
        LambdaConfig c = LambdaConfig.fromEnvironment(Map.of(LambdaConfig.QUARANTINE_QUEUE_URL, QUEUE));
        assertTrue(c.ignored(new S3ObjectRef("b", "prefilter/reports/x.json", null, 1)));
        assertTrue(c.ignored(new S3ObjectRef("b", "incoming/AMAZON_SES_SETUP_NOTIFICATION", null, 1)));
        assertFalse(c.ignored(new S3ObjectRef("b", "incoming/mail.eml", null, 1)));
        LambdaConfig elsewhere = LambdaConfig.fromEnvironment(
                Map.of(LambdaConfig.QUARANTINE_QUEUE_URL, QUEUE, LambdaConfig.OUTPUT_BUCKET, "reports-bucket"));
        assertFalse(
                elsewhere.ignored(new S3ObjectRef("b", "prefilter/mail.eml", null, 1)), "outputs go to another bucket");
    }
}
