package dev.prefilter.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;

/**
 * {@code rescan --prefix P --batch}: one S3 Batch Operations job that hands every mail version
 * under the prefix to the re-scan function (the template's {@code BatchRescanFunction}). The
 * manifest is a CSV of bucket, key (URL-encoded, as Batch Operations requires) and version,
 * stored under the output prefix; the job's completion report goes beside it.
 */
public final class BatchRescanJob {

    /** One mail version to re-scan. */
    public record Mail(String bucket, String key, String versionId) {}

    private BatchRescanJob() {}

    public static String manifest(List<Mail> mails) {
        StringBuilder csv = new StringBuilder();
        for (Mail m : mails) {
            csv.append(m.bucket())
                    .append(',')
                    .append(URLEncoder.encode(m.key(), StandardCharsets.UTF_8))
                    .append(',')
                    .append(m.versionId() == null ? "" : m.versionId())
                    .append('\n');
        }
        return csv.toString();
    }

    /**
     * @param manifestKey where the manifest was stored in {@code bucket}
     * @param manifestEtag its ETag (Batch Operations checks it)
     */
    public static CreateJobRequest request(
            String accountId,
            String bucket,
            String manifestKey,
            String manifestEtag,
            String reportPrefix,
            String functionArn,
            String roleArn,
            String description,
            String token) {
        return CreateJobRequest.builder()
                .accountId(accountId)
                .confirmationRequired(false)
                .clientRequestToken(token)
                .description(description.length() > 256 ? description.substring(0, 256) : description)
                .priority(10)
                .roleArn(roleArn)
                .operation(o -> o.lambdaInvoke(l -> l.functionArn(functionArn).invocationSchemaVersion("2.0")))
                .manifest(m -> m.spec(s -> s.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820)
                                .fields(
                                        JobManifestFieldName.BUCKET,
                                        JobManifestFieldName.KEY,
                                        JobManifestFieldName.VERSION_ID))
                        .location(l -> l.objectArn("arn:aws:s3:::" + bucket + "/" + manifestKey)
                                .eTag(manifestEtag)))
                .report(r -> r.bucket("arn:aws:s3:::" + bucket)
                        .prefix(reportPrefix)
                        .format(JobReportFormat.REPORT_CSV_20180820)
                        .enabled(true)
                        .reportScope(JobReportScope.ALL_TASKS))
                .build();
    }
}
