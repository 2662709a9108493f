package dev.prefilter.local.env;

import dev.prefilter.mailscan.AwsClients;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients for loopback servers, with the function's own settings (retries, timeouts) and fixed test credentials. */
public final class LocalClients {

    public static final Region REGION = Region.US_EAST_1;
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private LocalClients() {}

    public static S3Client s3(URI endpoint, SdkHttpClient http) {
        return AwsClients.s3(true)
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(http)
                .build();
    }

    public static SqsClient sqs(URI endpoint, SdkHttpClient http) {
        return AwsClients.sqs()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(http)
                .build();
    }
}
