package dev.prefilter.mailscan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.ScanEngine;
import dev.prefilter.engine.ScanRequest;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes one notified mail to its verdict, safely under at-least-once and concurrent delivery.
 *
 * <p>The order is the protocol: (1) a report under the mail's deterministic key means an
 * earlier delivery finished: only the tags are made sure of; (2) scan, storing flagged
 * attachments content-addressed; (3) announce a non-clean mail on the quarantine queue, with the
 * scan id as deduplication id; (4) create the report, create-only; (5) tag the mail. Each step
 * repeats harmlessly, and a failure anywhere before (4) leaves no report, so the retry redoes the
 * work. The report is written after the announcement so that its existence proves the
 * announcement was made.
 */
public final class MailProcessor {

    static final String TAG_VERDICT = "prefilter-verdict";
    static final String TAG_SCORE = "prefilter-score";
    static final String TAG_POLICY = "prefilter-policy";
    private static final Duration MIN_SCAN_BUDGET = Duration.ofMillis(1);

    private final LambdaConfig config;
    private final ScanEngine engine;
    private final MailSource mails;
    private final OutputStore outputs;
    private final QuarantinePublisher quarantine;

    public MailProcessor(
            LambdaConfig config,
            ScanEngine engine,
            MailSource mails,
            OutputStore outputs,
            QuarantinePublisher quarantine) {
        this.config = config;
        this.engine = engine;
        this.mails = mails;
        this.outputs = outputs;
        this.quarantine = quarantine;
    }

    /**
     * @param remaining the invocation's remaining time: the scan gets what is left after the
     *     configured reserve for writing outputs, and stops with a {@code limit.time} finding
     *     (a fail-closed verdict) rather than letting the invocation time out
     * @throws IOException when the mail could not be read (retry)
     */
    public Outcome process(S3ObjectRef mail, Duration remaining) throws IOException {
        if (config.ignored(mail)) {
            return Outcome.without(mail, Outcome.Status.IGNORED);
        }
        String bucket = config.outputBucketFor(mail);
        String reportKey = config.reportKey(mail.scanId());
        Optional<byte[]> existing = outputs.read(bucket, reportKey);
        if (existing.isPresent()) {
            return alreadyScanned(mail, existing.get(), reportKey);
        }

        Duration budget = remaining.minus(config.timeReserve());
        ReadGuard source = new ReadGuard(() -> mails.open(mail, config.limits().maxNodeBytes() + 1));
        SampleCollector samples = new SampleCollector(outputs, bucket, config);
        Report report = engine.scan(ScanRequest.mail(mail.location(), mail.fileName(), source)
                .withTimeBudget(budget.compareTo(MIN_SCAN_BUDGET) < 0 ? MIN_SCAN_BUDGET : budget)
                .withSampleSink(samples));
        try {
            source.rethrowFailure();
        } catch (MailGoneException e) {
            return Outcome.without(mail, Outcome.Status.GONE);
        }

        boolean quarantined = false;
        if (report.verdict() != Verdict.CLEAN) {
            quarantine.publish(QuarantineMessage.of(
                    mail, report, new StoredSample.Location(bucket, reportKey), samples.flagged()));
            quarantined = true;
        }
        byte[] json = ReportJson.pretty(report).getBytes(StandardCharsets.UTF_8);
        boolean created = outputs.putIfAbsent(
                bucket, reportKey, "application/json", json.length, () -> new ByteArrayInputStream(json));
        mails.tag(mail, tags(report.verdict().label(), report.score(), report.policy()));
        return new Outcome(
                mail,
                Outcome.Status.SCANNED,
                report.verdict(),
                report.score(),
                report.policy(),
                report.reasons(),
                report.findings().stream().map(Finding::code).toList(),
                report.stats().durationMillis(),
                quarantined,
                created,
                samples.flagged().size(),
                reportKey);
    }

    private Outcome alreadyScanned(S3ObjectRef mail, byte[] reportJson, String reportKey) {
        JsonNode report;
        try {
            report = ReportJson.mapper().readTree(reportJson);
        } catch (IOException e) {
            throw new UncheckedIOException("the stored report " + reportKey + " is not JSON", e);
        }
        Verdict verdict = Verdict.parse(report.path("verdict").asText());
        int score = report.path("score").asInt();
        String policy = report.path("policy").asText();
        mails.tag(mail, tags(verdict.label(), score, policy));
        return new Outcome(
                mail,
                Outcome.Status.DUPLICATE,
                verdict,
                score,
                policy,
                List.of(),
                List.of(),
                0,
                false,
                false,
                0,
                reportKey);
    }

    static Map<String, String> tags(String verdict, int score, String policy) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_VERDICT, verdict);
        tags.put(TAG_SCORE, Integer.toString(score));
        // tag values allow letters, digits, spaces and + - = . _ : / @ only
        tags.put(TAG_POLICY, policy.replaceAll("[^\\p{L}\\p{N} +\\-=._:/@]", "_"));
        return tags;
    }
}
