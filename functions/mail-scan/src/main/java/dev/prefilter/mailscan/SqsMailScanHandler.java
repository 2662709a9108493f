package dev.prefilter.mailscan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * S3 notifications that the bucket sent to the intake queue. Answers with the messages that
 * failed (ReportBatchItemFailures), so only those return to the queue, to be retried and, after
 * the queue's maxReceiveCount, moved to its dead-letter queue.
 */
public final class SqsMailScanHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final MailScanService service;

    public SqsMailScanHandler() {
        this(MailScanService.fromEnvironment(System.getenv()));
    }

    public SqsMailScanHandler(MailScanService service) {
        this.service = service;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            List<S3ObjectRef> objects;
            try {
                objects = S3Notifications.objects(message.getBody());
            } catch (IllegalArgumentException e) {
                service.rejectNotification(message.getMessageId(), e.getMessage(), context.getAwsRequestId());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            if (!service.scanAll(objects, () -> MailScanService.remainingOf(context), context.getAwsRequestId())) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
