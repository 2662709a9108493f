package dev.prefilter.mailscan;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The quarantine queue. On a FIFO queue the scan id is both deduplication id (SQS drops a repeat
 * within five minutes, which covers concurrent deliveries) and group id (mails do not wait for
 * each other). A standard queue works too, without that deduplication.
 */
public final class SqsQuarantinePublisher implements QuarantinePublisher {

    private final SqsClient sqs;
    private final String queueUrl;
    private final boolean fifo;

    public SqsQuarantinePublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.fifo = queueUrl.endsWith(".fifo");
    }

    @Override
    public void publish(QuarantineMessage message) {
        SendMessageRequest.Builder request = SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(message.body())
                .messageAttributes(Map.of(
                        "verdict",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue(message.verdict().label())
                                        .build(),
                        "score",
                                MessageAttributeValue.builder()
                                        .dataType("Number")
                                        .stringValue(Integer.toString(message.score()))
                                        .build()));
        if (fifo) {
            request.messageGroupId(message.dedupId()).messageDeduplicationId(message.dedupId());
        }
        sqs.sendMessage(request.build());
    }
}
