package dev.prefilter.mailscan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.ScanEngine;
import dev.prefilter.engine.ScanRequest;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.engine.score.AllowList;
import dev.prefilter.mailscan.quarantine.AllowListStore;
import dev.prefilter.mailscan.quarantine.CachedAllowList;
import dev.prefilter.mailscan.quarantine.QuarantineRecord;
import dev.prefilter.mailscan.quarantine.QuarantineRecords;
import dev.prefilter.mailscan.quarantine.RecordEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes one notified mail to its verdict, safely under at-least-once and concurrent delivery.
 *
 * <p>The order is the protocol: (1) a report under the key of this (mail version, policy, engine)
 * means an earlier delivery finished: only the tags are made sure of; (2) scan, storing flagged
 * attachments content-addressed; (3) record the scan in the mail's quarantine record (created,
 * create-only, for the first scan that is not clean; a {@code rescanned} event for a scan under
 * another policy or engine) and index it; (4) announce a new record, or a verdict that rose, on
 * the quarantine queue with the scan id as deduplication id; (5) create the report, create-only;
 * (6) tag the mail, with {@code prefilter-review} following the record's state. Each step repeats
 * harmlessly, and a failure anywhere before (5) leaves no report, so the retry redoes the work.
 * The report is written after the announcement so that its existence proves the announcement.
 */
public final class MailProcessor {

    public static final String TAG_VERDICT = "prefilter-verdict";
    public static final String TAG_SCORE = "prefilter-score";
    public static final String TAG_POLICY = "prefilter-policy";
    /** {@code held}, {@code released} or {@code deleted}: the quarantine record's state; the bucket policy reads it. */
    public static final String TAG_REVIEW = "prefilter-review";

    public static final String FUNCTION_ACTOR = "prefilter mail-scan";
    private static final Duration MIN_SCAN_BUDGET = Duration.ofMillis(1);

    private final LambdaConfig config;
    private final ScanEngine engine;
    private final MailSource mails;
    private final OutputStore outputs;
    private final QuarantinePublisher quarantine;
    private final Clock clock;
    private final String actor;
    private final Map<String, AllowList> allowLists;

    public MailProcessor(
            LambdaConfig config,
            ScanEngine engine,
            MailSource mails,
            OutputStore outputs,
            QuarantinePublisher quarantine) {
        this(config, engine, mails, outputs, quarantine, Clock.systemUTC(), FUNCTION_ACTOR, new ConcurrentHashMap<>());
    }

    private MailProcessor(
            LambdaConfig config,
            ScanEngine engine,
            MailSource mails,
            OutputStore outputs,
            QuarantinePublisher quarantine,
            Clock clock,
            String actor,
            Map<String, AllowList> allowLists) {
        this.config = config;
        this.engine = engine;
        this.mails = mails;
        this.outputs = outputs;
        this.quarantine = quarantine;
        this.clock = clock;
        this.actor = actor;
        this.allowLists = allowLists;
    }

    /** The same processor, naming {@code who} in the record events of the scans it makes (an administrator's re-scan). */
    public MailProcessor actingAs(String who) {
        return new MailProcessor(config, engine, mails, outputs, quarantine, clock, who, allowLists);
    }

    public LambdaConfig config() {
        return config;
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
        String scanId = config.scanId(mail);
        String reportKey = config.reportKey(mail);
        QuarantineRecords records = new QuarantineRecords(outputs, bucket, config.keys());
        Optional<byte[]> existing = outputs.read(bucket, reportKey);
        if (existing.isPresent()) {
            return alreadyScanned(mail, scanId, existing.get(), reportKey, records);
        }

        Duration budget = remaining.minus(config.timeReserve());
        ReadGuard source = new ReadGuard(() -> mails.open(mail, config.limits().maxNodeBytes() + 1));
        SampleCollector samples = new SampleCollector(outputs, bucket, config);
        Report report = engine.scan(ScanRequest.mail(mail.location(), mail.fileName(), source)
                .withTimeBudget(budget.compareTo(MIN_SCAN_BUDGET) < 0 ? MIN_SCAN_BUDGET : budget)
                .withSampleSink(samples)
                .withAllowList(allowList(bucket)));
        try {
            source.rethrowFailure();
        } catch (MailGoneException e) {
            return Outcome.without(mail, Outcome.Status.GONE);
        }

        QuarantineMessage message = QuarantineMessage.of(
                mail, scanId, report, new StoredSample.Location(bucket, reportKey), samples.flagged());
        QuarantineRecords.ScanRecorded recorded =
                records.recordScan(mail.mailId(), scanEvent(report, scanId, reportKey, message));
        recorded.record().ifPresent(records::index);
        if (recorded.announce()) {
            quarantine.publish(message);
        }
        byte[] json = ReportJson.pretty(report).getBytes(StandardCharsets.UTF_8);
        boolean created = outputs.putIfAbsent(
                bucket, reportKey, "application/json", json.length, () -> new ByteArrayInputStream(json));
        tag(mail, tags(report.verdict().label(), report.score(), report.policy()), recorded.record(), records);
        return new Outcome(
                mail,
                Outcome.Status.SCANNED,
                report.verdict(),
                report.score(),
                report.policy(),
                report.reasons(),
                report.findings().stream().map(Finding::code).toList(),
                report.stats().durationMillis(),
                recorded.announce(),
                created,
                samples.flagged().size(),
                reportKey,
                scanId);
    }

    private RecordEvent scanEvent(Report report, String scanId, String reportKey, QuarantineMessage message) {
        JsonNode body;
        try {
            body = ReportJson.mapper().readTree(message.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RecordEvent(
                0,
                null,
                clock.instant()
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                        .toString(),
                actor,
                null,
                null,
                null,
                null,
                report.verdict().label(),
                report.score(),
                scanId,
                report.policy(),
                report.engine(),
                reportKey,
                null,
                body);
    }

    private AllowList allowList(String bucket) {
        return allowLists.computeIfAbsent(
                bucket,
                b -> new CachedAllowList(
                        new AllowListStore(outputs, b, config.keys()), clock, config.allowListCache()));
    }

    /**
     * Tags the mail; a quarantined mail's {@code prefilter-review} tag follows its record. An
     * administrator may change the record between our read and our tag write: reading it again
     * after the write and correcting the tag means the last tag written always matches the record.
     */
    private void tag(
            S3ObjectRef mail, Map<String, String> tags, Optional<QuarantineRecord> record, QuarantineRecords records) {
        record.ifPresent(r -> tags.put(TAG_REVIEW, r.state().label()));
        mails.tag(mail, tags);
        if (record.isPresent()) {
            QuarantineRecord before = record.get();
            QuarantineRecord now = records.find(before.id()).orElse(before);
            if (now.state() != before.state()) {
                mails.tag(mail, Map.of(TAG_REVIEW, now.state().label()));
                records.unindex(before, before.state());
                records.index(now);
            }
        }
    }

    private Outcome alreadyScanned(
            S3ObjectRef mail, String scanId, byte[] reportJson, String reportKey, QuarantineRecords records) {
        JsonNode report;
        try {
            report = ReportJson.mapper().readTree(reportJson);
        } catch (IOException e) {
            throw new UncheckedIOException("the stored report " + reportKey + " is not JSON", e);
        }
        Verdict verdict = Verdict.parse(report.path("verdict").asText());
        int score = report.path("score").asInt();
        String policy = report.path("policy").asText();
        tag(mail, tags(verdict.label(), score, policy), records.find(mail.mailId()), records);
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
                reportKey,
                scanId);
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
