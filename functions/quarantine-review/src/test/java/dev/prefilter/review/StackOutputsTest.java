package dev.prefilter.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackOutputsTest {

    @Test
    void the_stacks_outputs_and_policy_parameter_say_where_everything_is() {
        ReviewConfig c = StackOutputs.fromOutputs(
                "prefilter",
                Map.of(
                        "MailBucketName", "mail",
                        "OutputPrefix", "out/",
                        "QuarantineQueueUrl", "https://sqs/q.fifo",
                        "ReleaseQueueUrl", "https://sqs/r.fifo",
                        "BatchRescanFunctionArn", "arn:fn",
                        "BatchOperationsRoleArn", "arn:role"),
                Map.of("PolicyJson", "{\"name\":\"strict\"}"),
                Optional.empty());
        assertEquals("mail", c.bucket());
        assertEquals("out/", c.outputPrefix());
        assertEquals("https://sqs/r.fifo", c.releaseQueueUrl());
        assertEquals("{\"name\":\"strict\"}", c.policyJson());
        assertEquals(Optional.of("arn:fn"), c.batchFunctionArn());
        ReviewException e = assertThrows(
                ReviewException.class, () -> StackOutputs.fromOutputs("other", Map.of(), Map.of(), Optional.empty()));
        assertEquals(ReviewError.USAGE, e.error());
    }
}
