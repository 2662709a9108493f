package dev.prefilter.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.MailHeaders;
import dev.prefilter.engine.model.Verdict;
import java.util.List;

/**
 * The result of one scan: {@code prefilter.report/1}. The same document is the CLI's JSON
 * output, the report object in S3 and the source of the quarantine message.
 */
@JsonPropertyOrder({
    "schema",
    "input",
    "scannedAt",
    "engine",
    "policy",
    "verdict",
    "score",
    "reasons",
    "findings",
    "mail",
    "stats",
    "root"
})
public record Report(
        String schema,
        String input,
        String scannedAt,
        String engine,
        String policy,
        Verdict verdict,
        int score,
        List<Reason> reasons,
        List<Finding> findings,
        @JsonInclude(JsonInclude.Include.ALWAYS) MailHeaders mail,
        ScanStats stats,
        ReportNode root) {

    public static final String SCHEMA = "prefilter.report/1";

    public Report withInput(String newInput) {
        return new Report(
                schema, newInput, scannedAt, engine, policy, verdict, score, reasons, findings, mail, stats, root);
    }
}
