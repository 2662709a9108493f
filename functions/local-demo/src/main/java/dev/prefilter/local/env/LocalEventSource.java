package dev.prefilter.local.env;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What Lambda's SQS event source mapping does, on a local queue: receive a batch, invoke the
 * function with the SQS event, delete what succeeded, and leave the rest (every message of a
 * failed or timed-out invocation, or the reported batch item failures) to become visible again.
 * The queue's redrive policy then moves a message that keeps failing to its dead-letter queue.
 */
public final class LocalEventSource implements AutoCloseable {

    /** What one poll did. */
    public record Poll(int delivered, int failed, boolean invocationFailed) {}

    private final SqsClient sqs;
    private final PipelineResources resources;
    private final RequestHandler<SQSEvent, SQSBatchResponse> function;
    private final Events events;
    private final Duration functionTimeout;
    private final int batchSize;
    private final ExecutorService invocations = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-lambda");
        t.setDaemon(true);
        return t;
    });

    public LocalEventSource(
            SqsClient sqs,
            PipelineResources resources,
            RequestHandler<SQSEvent, SQSBatchResponse> function,
            Events events,
            Duration functionTimeout,
            int batchSize) {
        this.sqs = sqs;
        this.resources = resources;
        this.function = function;
        this.events = events;
        this.functionTimeout = functionTimeout;
        this.batchSize = batchSize;
    }

    public Poll pollOnce(Duration wait) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(resources.intakeQueueUrl())
                        .maxNumberOfMessages(batchSize)
                        .waitTimeSeconds((int) wait.toSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
        if (messages.isEmpty()) {
            return new Poll(0, 0, false);
        }
        SQSEvent event = events.sqsEvent(messages, resources.intakeQueueArn());
        Future<SQSBatchResponse> invocation =
                invocations.submit(() -> function.handleRequest(event, new LocalContext(functionTimeout, 1024)));
        SQSBatchResponse response;
        try {
            response = invocation.get(functionTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            invocation.cancel(true);
            return new Poll(messages.size(), messages.size(), true);
        } catch (ExecutionException e) {
            return new Poll(messages.size(), messages.size(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Poll(messages.size(), messages.size(), true);
        }
        Set<String> failed = new HashSet<>();
        if (response != null && response.getBatchItemFailures() != null) {
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        }
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder()
                        .id(m.messageId())
                        .receiptHandle(m.receiptHandle())
                        .build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(d -> d.queueUrl(resources.intakeQueueUrl()).entries(done));
        }
        return new Poll(messages.size(), failed.size(), false);
    }

    /** Polls until the intake queue has nothing visible or in flight, or {@code maxWait} passes; returns whether it drained. */
    public boolean drain(Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (System.nanoTime() < deadline) {
            Poll poll = pollOnce(Duration.ofSeconds(1));
            if (poll.delivered() == 0 && pending() == 0) {
                return true;
            }
        }
        return pending() == 0;
    }

    public int pending() {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(resources.intakeQueueUrl())
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return a.values().stream().mapToInt(Integer::parseInt).sum();
    }

    @Override
    public void close() {
        invocations.shutdownNow();
    }
}
