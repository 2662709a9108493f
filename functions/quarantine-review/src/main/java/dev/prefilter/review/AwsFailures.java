package dev.prefilter.review;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes the two failures an administrator must be told plainly into {@link ReviewException}s: a
 * 403 names the IAM action that was refused (and the object), an endpoint that cannot be reached
 * is named. On every client the tool builds, this interceptor notes on a failed call's exception
 * which call it was; {@link #translate} reads that note where the tool's methods return.
 */
public final class AwsFailures implements ExecutionInterceptor {

    /** Which call failed, kept as a suppressed exception on the SDK's own. */
    static final class FailedCall extends Exception {
        private static final long serialVersionUID = 1L;
        final String action;
        final String key;
        final String endpoint;
        final String service;

        FailedCall(String service, String action, String key, String endpoint) {
            super(action, null, false, false);
            this.service = service;
            this.action = action;
            this.key = key;
            this.endpoint = endpoint;
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        context.exception()
                .addSuppressed(new FailedCall(
                        service,
                        iamAction(service, operation, request),
                        request.getValueForField("Key", String.class).orElse(null),
                        String.valueOf(attributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT))));
    }

    /** The failure as the administrator should see it: access denied and unreachable endpoints get their own kinds. */
    public static RuntimeException translate(SdkException e) {
        FailedCall call = null;
        for (Throwable s : e.getSuppressed()) {
            if (s instanceof FailedCall f) {
                call = f;
            }
        }
        if (e instanceof AwsServiceException aws && aws.statusCode() == 403) {
            String code = aws.awsErrorDetails() == null
                    ? "AccessDenied"
                    : aws.awsErrorDetails().errorCode();
            return new ReviewException(
                    ReviewError.ACCESS_DENIED,
                    code + ": your identity may not "
                            + (call == null
                                    ? "make this call"
                                    : call.action + (call.key == null ? "" : " on " + call.key))
                            + " (grant it to the administrators' role)",
                    e);
        }
        if (e instanceof SdkClientException && unreachable(e)) {
            return new ReviewException(
                    ReviewError.UNREACHABLE,
                    "cannot reach " + (call == null ? "AWS" : call.service + " at " + call.endpoint) + ": "
                            + rootMessage(e) + " (check the endpoint, the region and the network)",
                    e);
        }
        return e;
    }

    /** The IAM action a call needs: S3's versioned calls have their own actions. */
    static String iamAction(String service, String operation, SdkRequest request) {
        String prefix = switch (service) {
            case "S3", "S3Control" -> "s3";
            case "Sqs" -> "sqs";
            case "Sts" -> "sts";
            case "CloudFormation" -> "cloudformation";
            default -> service.toLowerCase(Locale.ROOT);
        };
        boolean versioned = request.getValueForField("VersionId", String.class).isPresent();
        String action = switch (operation) {
            case "ListObjectsV2" -> "ListBucket";
            case "ListObjectVersions" -> "ListBucketVersions";
            case "HeadObject", "GetObject" -> versioned ? "GetObjectVersion" : "GetObject";
            case "GetObjectTagging" -> versioned ? "GetObjectVersionTagging" : "GetObjectTagging";
            case "PutObjectTagging" -> versioned ? "PutObjectVersionTagging" : "PutObjectTagging";
            case "DeleteObject" -> versioned ? "DeleteObjectVersion" : "DeleteObject";
            default -> operation;
        };
        return prefix + ":" + action;
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof HttpConnectTimeoutException
                    || (t instanceof SocketTimeoutException
                            && String.valueOf(t.getMessage()).contains("connect"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
