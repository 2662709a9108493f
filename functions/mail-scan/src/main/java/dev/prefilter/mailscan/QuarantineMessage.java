package dev.prefilter.mailscan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.model.MailHeaders;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Reason;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One quarantine announcement ({@code prefilter.quarantine/1}): what a reviewer or a sandbox needs
 * without opening the mail. The full report is in S3; this body stays below {@link #MAX_BYTES}
 * (SQS allows 256 KiB) by cutting long header values and, if still needed, the lists.
 *
 * @param dedupId the scan id: the same for every delivery of the same mail version under the same
 *     policy and engine
 */
public record QuarantineMessage(String dedupId, Verdict verdict, int score, String body) {

    public static final String SCHEMA = "prefilter.quarantine/1";
    public static final int MAX_BYTES = 64 * 1024;
    static final int TOP_REASONS = 10;
    private static final int MAX_HEADER_CHARS = 512;

    public static QuarantineMessage of(
            S3ObjectRef mail,
            String scanId,
            Report report,
            StoredSample.Location reportLocation,
            List<StoredSample> flagged) {
        int reasons = Math.min(TOP_REASONS, report.reasons().size());
        int attachments = flagged.size();
        while (true) {
            String body = ReportJson.compact(body(mail, scanId, report, reportLocation, flagged, reasons, attachments));
            if (body.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES || (reasons == 0 && attachments == 0)) {
                return new QuarantineMessage(scanId, report.verdict(), report.score(), body);
            }
            if (attachments > 0) {
                attachments /= 2;
            } else {
                reasons /= 2;
            }
        }
    }

    private static ObjectNode body(
            S3ObjectRef mail,
            String scanId,
            Report report,
            StoredSample.Location reportLocation,
            List<StoredSample> flagged,
            int reasons,
            int attachments) {
        ObjectNode root = ReportJson.mapper().createObjectNode();
        root.put("schema", SCHEMA);
        root.put("scanId", scanId);
        root.put("verdict", report.verdict().label());
        root.put("score", report.score());
        root.put("policy", report.policy());
        root.put("scannedAt", report.scannedAt());
        ArrayNode reasonList = root.putArray("reasons");
        for (Reason r : report.reasons().subList(0, reasons)) {
            reasonList
                    .addObject()
                    .put("code", r.code())
                    .put("path", cut(r.path()))
                    .put("severity", r.severity().label())
                    .put("verdict", r.verdict() == null ? null : r.verdict().label())
                    .put("weight", r.weight());
        }
        MailHeaders h = report.mail();
        ObjectNode headers = root.putObject("mail");
        headers.put("from", h == null ? null : cut(h.from()));
        ArrayNode to = headers.putArray("to");
        if (h != null && h.to() != null) {
            h.to().stream().limit(20).forEach(a -> to.add(cut(a)));
        }
        headers.put("subject", h == null ? null : cut(h.subject()));
        headers.put("messageId", h == null ? null : cut(h.messageId()));
        ObjectNode object = root.putObject("object");
        object.put("bucket", mail.bucket())
                .put("key", mail.key())
                .put("versionId", mail.versionId())
                .put("size", mail.size());
        root.putObject("report").put("bucket", reportLocation.bucket()).put("key", reportLocation.key());
        root.set("attachments", ReportJson.mapper().valueToTree(flagged.subList(0, attachments)));
        if (reasons < Math.min(TOP_REASONS, report.reasons().size()) || attachments < flagged.size()) {
            root.put("truncated", true);
        }
        return root;
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_HEADER_CHARS ? value : value.substring(0, MAX_HEADER_CHARS) + "…";
    }
}
