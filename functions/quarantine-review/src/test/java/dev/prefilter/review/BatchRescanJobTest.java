package dev.prefilter.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;

class BatchRescanJobTest {

    @Test
    void the_manifest_lists_bucket_encoded_key_and_version_as_batch_operations_reads_them() {
        String csv = BatchRescanJob.manifest(List.of(
                new BatchRescanJob.Mail("mail", "incoming/Invoice 2024+1.eml", "v1"),
                new BatchRescanJob.Mail("mail", "incoming/über,komma.eml", null)));
        assertEquals("mail,incoming%2FInvoice+2024%2B1.eml,v1\nmail,incoming%2F%C3%BCber%2Ckomma.eml,\n", csv);
    }

    @Test
    void the_job_invokes_the_rescan_function_with_schema_2_and_reports_every_task() {
        CreateJobRequest r = BatchRescanJob.request(
                "123456789012",
                "mail",
                "prefilter/batch/manifests/t.csv",
                "\"etag\"",
                "prefilter/batch/reports",
                "arn:aws:lambda:eu-west-1:123456789012:function:rescan:live",
                "arn:aws:iam::123456789012:role/batch",
                "prefilter re-scan",
                "t");
        assertEquals("2.0", r.operation().lambdaInvoke().invocationSchemaVersion());
        assertEquals(
                "arn:aws:lambda:eu-west-1:123456789012:function:rescan:live",
                r.operation().lambdaInvoke().functionArn());
        assertEquals(
                "arn:aws:s3:::mail/prefilter/batch/manifests/t.csv",
                r.manifest().location().objectArn());
        assertEquals(List.of("Bucket", "Key", "VersionId"), r.manifest().spec().fieldsAsStrings());
        assertEquals("S3BatchOperations_CSV_20180820", r.manifest().spec().formatAsString());
        assertEquals("AllTasks", r.report().reportScopeAsString());
        assertEquals(false, r.confirmationRequired());
        assertEquals("arn:aws:iam::123456789012:role/batch", r.roleArn());
    }
}
