package dev.prefilter.mailscan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.report.ReportJson;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * CloudWatch metrics as Embedded Metric Format lines (CloudWatch extracts them from the log
 * stream; no API call, no extra permission): mails per verdict with processing and scan time,
 * findings per code, duplicate deliveries, vanished mails and failures.
 */
public final class EmfMetrics {

    private final Consumer<String> sink;
    private final String namespace;
    private final Clock clock;

    public EmfMetrics(Consumer<String> sink, String namespace, Clock clock) {
        this.sink = sink;
        this.namespace = namespace;
        this.clock = clock;
    }

    public void outcome(Outcome outcome, long processingMillis) {
        switch (outcome.status()) {
            case SCANNED -> {
                ObjectNode doc = document(
                        "Verdict",
                        outcome.verdict().label(),
                        "Mails",
                        "Count",
                        "ProcessingTime",
                        "Milliseconds",
                        "ScanTime",
                        "Milliseconds");
                doc.put("Mails", 1).put("ProcessingTime", processingMillis).put("ScanTime", outcome.scanMillis());
                sink.accept(ReportJson.compact(doc));
                Map<String, Integer> perCode = new TreeMap<>();
                outcome.findingCodes().forEach(code -> perCode.merge(code, 1, Integer::sum));
                perCode.forEach((code, count) -> {
                    ObjectNode findings = document("FindingCode", code, "Findings", "Count");
                    findings.put("Findings", count);
                    sink.accept(ReportJson.compact(findings));
                });
            }
            case DUPLICATE -> single("DuplicateDeliveries");
            case GONE -> single("MailsGone");
            case IGNORED -> {}
        }
    }

    public void failure() {
        single("MailFailures");
    }

    private void single(String metric) {
        ObjectNode doc = document(null, null, metric, "Count");
        doc.put(metric, 1);
        sink.accept(ReportJson.compact(doc));
    }

    /** The {@code _aws} envelope for one dimension (or none) and metrics given as name, unit pairs. */
    private ObjectNode document(String dimension, String value, String... metricsAndUnits) {
        ObjectNode doc = ReportJson.mapper().createObjectNode();
        ObjectNode aws = doc.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensions = directive.putArray("Dimensions");
        ArrayNode set = dimensions.addArray();
        if (dimension != null) {
            set.add(dimension);
            doc.put(dimension, value);
        }
        ArrayNode metrics = directive.putArray("Metrics");
        for (int i = 0; i < metricsAndUnits.length; i += 2) {
            metrics.addObject().put("Name", metricsAndUnits[i]).put("Unit", metricsAndUnits[i + 1]);
        }
        return doc;
    }
}
