package dev.prefilter.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.mailscan.S3ObjectRef;
import dev.prefilter.mailscan.quarantine.QuarantineRecord;
import dev.prefilter.mailscan.quarantine.RecordEvent;

/**
 * The hand-off to whatever delivers mail ({@code prefilter.release/1}): which mail version to
 * deliver, who released it, when and why. {@code releaseId} is the same for every attempt to send
 * the same release, so a FIFO release queue drops a repeat and a consumer can recognise one.
 */
public record ReleaseMessage(String releaseId, String recordId, String body) {

    public static final String SCHEMA = "prefilter.release/1";

    public static ReleaseMessage of(QuarantineRecord record, RecordEvent release) {
        String releaseId = record.id() + "-" + release.seq();
        S3ObjectRef mail = record.mail();
        ObjectNode root = ReportJson.mapper().createObjectNode();
        root.put("schema", SCHEMA);
        root.put("releaseId", releaseId);
        root.put("recordId", record.id());
        root.putObject("object")
                .put("bucket", mail.bucket())
                .put("key", mail.key())
                .put("versionId", mail.versionId())
                .put("size", mail.size());
        root.put("releasedBy", release.actor());
        root.put("releasedAt", release.at());
        root.put("reason", release.reason());
        root.put("verdict", record.verdict());
        root.put("policy", record.lastScan().policy());
        root.set("report", record.message().path("report"));
        root.set("mail", record.message().path("mail"));
        return new ReleaseMessage(releaseId, record.id(), ReportJson.compact(root));
    }
}
