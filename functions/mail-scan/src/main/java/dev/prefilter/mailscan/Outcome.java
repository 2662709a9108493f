package dev.prefilter.mailscan;

import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Reason;
import java.util.List;

/**
 * What became of one notified mail.
 *
 * @param status what happened
 * @param verdict null unless scanned or found already scanned
 * @param findingCodes the codes of every finding (empty for a duplicate, whose scan is not repeated)
 * @param scanMillis time in the engine
 * @param quarantined whether this delivery announced the mail on the quarantine queue (a new record, or a
 *     verdict that rose)
 * @param reportCreated whether this delivery wrote the report (false: an earlier or concurrent one did)
 * @param scanId the scan's id (mail version, policy, engine), null when nothing was scanned
 */
public record Outcome(
        S3ObjectRef mail,
        Status status,
        Verdict verdict,
        int score,
        String policy,
        List<Reason> reasons,
        List<String> findingCodes,
        long scanMillis,
        boolean quarantined,
        boolean reportCreated,
        int samples,
        String reportKey,
        String scanId) {

    public enum Status {
        /** Scanned now: verdict, tags, report (and quarantine message) written. */
        SCANNED,
        /** A report already existed: the tags were made sure of and nothing else was repeated. */
        DUPLICATE,
        /** One of the function's own outputs or SES's set-up probe. */
        IGNORED,
        /** The object was deleted before it could be read. */
        GONE
    }

    static Outcome without(S3ObjectRef mail, Status status) {
        return new Outcome(mail, status, null, 0, null, List.of(), List.of(), 0, false, false, 0, null, null);
    }
}
