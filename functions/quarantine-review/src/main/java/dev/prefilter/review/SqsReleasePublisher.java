package dev.prefilter.review;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The release queue. FIFO (as the template declares it): the release id is the deduplication id,
 * so sending the same release again within five minutes (an action run again after a failure)
 * delivers it once; the record id is the group, so releases of one mail stay in order.
 */
public final class SqsReleasePublisher implements ReleasePublisher {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsReleasePublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(ReleaseMessage message) {
        SendMessageRequest.Builder request =
                SendMessageRequest.builder().queueUrl(queueUrl).messageBody(message.body());
        if (queueUrl.endsWith(".fifo")) {
            request.messageGroupId(message.recordId()).messageDeduplicationId(message.releaseId());
        }
        sqs.sendMessage(request.build());
    }
}
