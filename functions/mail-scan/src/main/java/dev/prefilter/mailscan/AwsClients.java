package dev.prefilter.mailscan;

import java.time.Duration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The SDK clients: the JDK's HTTP client (small and quick to start), the standard retry mode
 * (up to 3 attempts with backoff for throttling, 5xx and I/O errors) and timeouts that leave a
 * slow dependency to the retry instead of the invocation's timeout. Region, credentials and
 * endpoint overrides ({@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_SQS}) come from the
 * SDK's default chains.
 */
public final class AwsClients {

    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private AwsClients() {}

    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(ATTEMPT_TIMEOUT)
                .build();
    }

    public static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                .build();
    }

    /** A builder with this function's settings; callers may still point it elsewhere (tests, the local demo). */
    public static S3ClientBuilder s3(boolean forcePathStyle) {
        return S3Client.builder()
                .httpClient(httpClient())
                .overrideConfiguration(overrides())
                .forcePathStyle(forcePathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    public static SqsClientBuilder sqs() {
        return SqsClient.builder().httpClient(httpClient()).overrideConfiguration(overrides());
    }
}
