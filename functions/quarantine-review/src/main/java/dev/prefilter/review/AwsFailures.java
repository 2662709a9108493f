package dev.prefilter.review;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Turns the two failures an administrator must be told plainly into {@link ReviewException}s, on
 * every client the tool builds: a 403 names the IAM action that was refused (and the object),
 * and an endpoint that cannot be reached names the endpoint. Other failures pass unchanged.
 */
public final class AwsFailures implements ExecutionInterceptor {

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable e = context.exception();
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (e instanceof AwsServiceException aws && aws.statusCode() == 403) {
            SdkRequest request = context.request();
            String key = request.getValueForField("Key", String.class).orElse(null);
            String code = aws.awsErrorDetails() == null
                    ? "AccessDenied"
                    : aws.awsErrorDetails().errorCode();
            return new ReviewException(
                    ReviewError.ACCESS_DENIED,
                    code + ": your identity may not " + iamAction(service, operation, request)
                            + (key == null ? "" : " on " + key)
                            + " (grant it in the administrators' role, or use --actor with local servers)",
                    e);
        }
        if (e instanceof SdkClientException && unreachable(e)) {
            String endpoint = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT));
            return new ReviewException(
                    ReviewError.UNREACHABLE,
                    "cannot reach " + service + " at " + endpoint + ": " + rootMessage(e)
                            + " (check --endpoint-url, the region and the network)",
                    e);
        }
        return e;
    }

    /** The IAM action a call needs: S3's versioned calls have their own actions. */
    static String iamAction(String service, String operation, SdkRequest request) {
        String prefix = switch (service) {
            case "S3" -> "s3";
            case "Sqs" -> "sqs";
            case "Sts" -> "sts";
            case "CloudFormation" -> "cloudformation";
            case "S3Control" -> "s3";
            default -> service.toLowerCase(Locale.ROOT);
        };
        boolean versioned = request.getValueForField("VersionId", String.class).isPresent();
        String action = switch (operation) {
            case "ListObjectsV2" -> "ListBucket";
            case "ListObjectVersions" -> "ListBucketVersions";
            case "HeadObject" -> versioned ? "GetObjectVersion" : "GetObject";
            case "GetObject" -> versioned ? "GetObjectVersion" : "GetObject";
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
                    || t instanceof java.net.SocketTimeoutException
                            && String.valueOf(t.getMessage()).contains("connect")) {
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
