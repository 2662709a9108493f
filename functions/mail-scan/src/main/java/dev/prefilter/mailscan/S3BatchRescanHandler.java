package dev.prefilter.mailscan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * S3 Batch Operations (invocation schema 2.0): scans every listed mail version again under the
 * function's current policy and engine. A mail already scanned under them is only re-tagged; any
 * other gets a new report beside its old ones and a {@code rescanned} event in its quarantine
 * record, and a verdict that rises is announced on the quarantine queue. Each task is answered
 * with the code Batch Operations expects: {@code Succeeded}, {@code TemporaryFailure} (S3 or SQS
 * failed: Batch Operations tries again) or {@code PermanentFailure} (the version is gone).
 */
public final class S3BatchRescanHandler implements RequestHandler<S3BatchEventV2, S3BatchResponse> {

    private final MailScanService service;

    public S3BatchRescanHandler() {
        this(MailScanService.fromEnvironment(System.getenv()));
    }

    public S3BatchRescanHandler(MailScanService service) {
        this.service = service;
    }

    @Override
    public S3BatchResponse handleRequest(S3BatchEventV2 event, Context context) {
        List<S3BatchResponse.Result> results = new ArrayList<>();
        for (S3BatchEventV2.Task task : event.getTasks()) {
            results.add(rescan(task, context));
        }
        return S3BatchResponse.builder()
                .withInvocationSchemaVersion(event.getInvocationSchemaVersion())
                .withInvocationId(event.getInvocationId())
                .withTreatMissingKeysAs(S3BatchResponse.ResultCode.PermanentFailure)
                .withResults(results)
                .build();
    }

    private S3BatchResponse.Result rescan(S3BatchEventV2.Task task, Context context) {
        S3BatchResponse.ResultCode code;
        String message;
        try {
            // manifests carry keys URL-encoded, and Batch Operations passes them on as they are
            S3ObjectRef mail = new S3ObjectRef(
                    task.getS3Bucket(),
                    URLDecoder.decode(task.getS3Key(), StandardCharsets.UTF_8),
                    task.getS3VersionId(),
                    -1);
            Outcome outcome = service.scanOne(mail, MailScanService.remainingOf(context), context.getAwsRequestId());
            switch (outcome.status()) {
                case SCANNED, DUPLICATE -> {
                    code = S3BatchResponse.ResultCode.Succeeded;
                    message = outcome.status().name().toLowerCase(java.util.Locale.ROOT) + " "
                            + outcome.verdict().label() + " " + outcome.score() + " " + outcome.policy();
                }
                case IGNORED -> {
                    code = S3BatchResponse.ResultCode.Succeeded;
                    message = "not a mail: the function's own output or SES's set-up probe";
                }
                default -> {
                    code = S3BatchResponse.ResultCode.PermanentFailure;
                    message = "the mail version no longer exists";
                }
            }
        } catch (IllegalArgumentException e) {
            code = S3BatchResponse.ResultCode.PermanentFailure;
            message = "the task names no mail: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            code = S3BatchResponse.ResultCode.TemporaryFailure;
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return S3BatchResponse.Result.builder()
                .withTaskId(task.getTaskId())
                .withResultCode(code)
                .withResultString(message.length() > 1000 ? message.substring(0, 1000) : message)
                .build();
    }
}
