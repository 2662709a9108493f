package dev.prefilter.mailscan.quarantine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a listing shows of one record, kept as the body of its index entry so that a list reads
 * one small object per row and never the record's history or report.
 *
 * @param quarantinedAt when the record was created (the first scan that was not clean), ISO-8601
 * @param topReason the first reason's code and path, or null
 * @param sha256 the flagged attachments' hashes
 */
@JsonPropertyOrder({
    "id",
    "quarantinedAt",
    "state",
    "verdict",
    "score",
    "from",
    "subject",
    "topReason",
    "policy",
    "bucket",
    "key",
    "versionId",
    "sha256"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordSummary(
        String id,
        String quarantinedAt,
        String state,
        String verdict,
        int score,
        String from,
        String subject,
        String topReason,
        String policy,
        String bucket,
        String key,
        String versionId,
        List<String> sha256) {}
