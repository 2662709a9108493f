package dev.prefilter.mailscan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;

/**
 * S3 notifications delivered to the function directly (asynchronous invocation). Every record is
 * processed; if any failed the invocation fails, so Lambda retries the event (already finished
 * objects are recognised by their reports) and finally hands it to the on-failure destination.
 */
public final class S3MailScanHandler implements RequestHandler<S3Event, String> {

    private final MailScanService service;

    public S3MailScanHandler() {
        this(MailScanService.fromEnvironment(System.getenv()));
    }

    public S3MailScanHandler(MailScanService service) {
        this.service = service;
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        var objects = S3Notifications.objects(event);
        if (!service.scanAll(objects, () -> MailScanService.remainingOf(context), context.getAwsRequestId())) {
            throw new MailScanFailedException(
                    "some of the " + objects.size() + " objects could not be processed; see the mail.failed log lines");
        }
        return "processed " + objects.size() + " objects";
    }
}
