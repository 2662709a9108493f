package dev.prefilter.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.ScanEngine;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.engine.score.AllowList;
import dev.prefilter.mailscan.LambdaConfig;
import dev.prefilter.mailscan.MailProcessor;
import dev.prefilter.mailscan.Outcome;
import dev.prefilter.mailscan.OutputStore;
import dev.prefilter.mailscan.S3MailSource;
import dev.prefilter.mailscan.S3ObjectRef;
import dev.prefilter.mailscan.S3OutputStore;
import dev.prefilter.mailscan.SqsQuarantinePublisher;
import dev.prefilter.mailscan.quarantine.AllowListStore;
import dev.prefilter.mailscan.quarantine.QuarantineKeys;
import dev.prefilter.mailscan.quarantine.QuarantineRecord;
import dev.prefilter.mailscan.quarantine.QuarantineRecords;
import dev.prefilter.mailscan.quarantine.RecordSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What administrators do with the quarantine, as a library: the CLI ({@code ./prefilter
 * quarantine …}) and any other front end call these methods and only print or render what they
 * return. Failures an administrator can act on are {@link ReviewException}s; an AWS SDK failure
 * from a client built by {@link ReviewClients} becomes one through {@link AwsFailures#translate}
 * (access denied with the IAM action, unreachable endpoint), as the CLI does.
 */
public final class QuarantineService implements AutoCloseable {

    /** Re-scans of one record get this long before the scan stops with {@code limit.time}. */
    static final Duration RESCAN_TIME = Duration.ofSeconds(120);

    private final ReviewConfig config;
    private final S3Client s3;
    private final SqsClient sqs;
    private final Clock clock;
    private final OutputStore store;
    private final QuarantineKeys keys;
    private final QuarantineRecords records;
    private final AuditLog audit;
    private final AllowListStore allowList;
    private final ExecutorService readers = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "quarantine-reader");
        t.setDaemon(true);
        return t;
    });
    private MailProcessor processor;

    public QuarantineService(ReviewConfig config, S3Client s3, SqsClient sqs, Clock clock) {
        this.config = config;
        this.s3 = s3;
        this.sqs = sqs;
        this.clock = clock;
        this.store = new S3OutputStore(s3);
        this.keys = new QuarantineKeys(config.outputPrefix());
        this.records = new QuarantineRecords(store, config.bucket(), keys);
        this.audit = new AuditLog(store, config.bucket(), keys);
        this.allowList = new AllowListStore(store, config.bucket(), keys);
    }

    public ReviewConfig config() {
        return config;
    }

    // ---- reading

    public List<RecordSummary> list(ListQuery query) {
        return new RecordLister(store, config.bucket(), keys, readers).list(query);
    }

    /** The full id of the one record whose id starts with {@code idOrPrefix} (at least 6 hex digits). */
    public String resolve(String idOrPrefix) {
        String prefix = idOrPrefix == null ? "" : idOrPrefix.trim().toLowerCase(java.util.Locale.ROOT);
        if (!QuarantineRecords.ID_PREFIX.matcher(prefix).matches()) {
            throw new ReviewException(
                    ReviewError.UNKNOWN_ID, "'" + idOrPrefix + "' is no record id (6 to 64 hex digits, as list shows)");
        }
        List<String> ids = records.resolve(prefix);
        if (ids.isEmpty()) {
            throw new ReviewException(ReviewError.UNKNOWN_ID, "no quarantine record has the id " + prefix);
        }
        if (ids.size() > 1) {
            throw new ReviewException(
                    ReviewError.UNKNOWN_ID, prefix + " names more than one record (" + ids + "): give more digits");
        }
        return ids.get(0);
    }

    public QuarantineRecord record(String idOrPrefix) {
        String id = resolve(idOrPrefix);
        return records.find(id)
                .orElseThrow(
                        () -> new ReviewException(ReviewError.UNKNOWN_ID, "no quarantine record has the id " + id));
    }

    public RecordDetails show(String idOrPrefix) {
        QuarantineRecord record = record(idOrPrefix);
        return new RecordDetails(record, report(record).orElse(null));
    }

    private Optional<JsonNode> report(QuarantineRecord record) {
        String key = record.lastScan().reportKey();
        if (key == null) {
            return Optional.empty();
        }
        return store.read(config.bucket(), key).map(bytes -> {
            try {
                return ReportJson.mapper().readTree(bytes);
            } catch (IOException e) {
                throw new ReviewException(ReviewError.FAILED, "the report " + key + " is not JSON", e);
            }
        });
    }

    public List<AuditRecord> audit(AuditLog.Query query) {
        return audit.list(query);
    }

    // ---- actions

    public ActionResult release(String idOrPrefix, String reason, String actor) {
        check(reason, actor);
        return actions().release(record(idOrPrefix), reason, actor);
    }

    public ActionResult delete(String idOrPrefix, String reason, String actor, boolean purge) {
        check(reason, actor);
        return actions().delete(record(idOrPrefix), reason, actor, purge);
    }

    private RecordActions actions() {
        return new RecordActions(
                records,
                audit,
                new S3MailSource(s3),
                s3,
                message -> new SqsReleasePublisher(sqs, config.requireReleaseQueue()).publish(message),
                clock);
    }

    /** Scans the records' mails again, here, with the same processor the function runs. */
    public List<RescanResult> rescan(List<String> idsOrPrefixes, String reason, String actor) {
        check(reason, actor);
        List<QuarantineRecord> targets = new ArrayList<>();
        for (String id : idsOrPrefixes) {
            targets.add(record(id));
        }
        List<RescanResult> results = new ArrayList<>();
        for (QuarantineRecord record : targets) {
            results.add(rescan(record, reason, actor));
        }
        return results;
    }

    /** Re-scans every held record (quarantined at or after {@code since}, when given). */
    public List<RescanResult> rescanHeld(Instant since, String reason, String actor) {
        check(reason, actor);
        List<RecordSummary> held = list(new ListQuery(null, null, since, null, null, null, 0));
        List<RescanResult> results = new ArrayList<>();
        for (RecordSummary row : held) {
            results.add(rescan(records.find(row.id()).orElseThrow(), reason, actor));
        }
        return results;
    }

    private RescanResult rescan(QuarantineRecord record, String reason, String actor) {
        MailProcessor scanner = processor().actingAs(actor);
        S3ObjectRef mail = record.mail();
        Outcome outcome;
        try {
            outcome = scanner.process(mail, RESCAN_TIME);
        } catch (IOException e) {
            throw new ReviewException(
                    ReviewError.FAILED, "could not read " + mail.location() + ": " + e.getMessage(), e);
        }
        String before = record.verdict();
        if (outcome.status() == Outcome.Status.GONE) {
            return new RescanResult(record.id(), "gone", before, null, 0, null, false);
        }
        audit.write(
                new AuditRecord(
                        AuditRecord.SCHEMA,
                        clock.instant()
                                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                                .toString(),
                        actor,
                        "rescan",
                        record.id(),
                        reason,
                        record.state().label(),
                        record.state().label(),
                        before,
                        outcome.verdict().label(),
                        "policy " + outcome.policy() + ", engine " + ScanEngine.VERSION),
                outcome.scanId().substring(0, 16));
        return new RescanResult(
                record.id(),
                outcome.status() == Outcome.Status.SCANNED ? "scanned" : "unchanged",
                before,
                outcome.verdict().label(),
                outcome.score(),
                outcome.policy(),
                outcome.quarantined());
    }

    private synchronized MailProcessor processor() {
        if (processor == null) {
            Map<String, String> env = new HashMap<>();
            env.put(LambdaConfig.QUARANTINE_QUEUE_URL, config.requireQuarantineQueue());
            env.put(LambdaConfig.OUTPUT_BUCKET, config.bucket());
            env.put(LambdaConfig.OUTPUT_PREFIX, config.outputPrefix());
            if (config.policyJson() != null && !config.policyJson().isBlank()) {
                env.put(LambdaConfig.POLICY_JSON, config.policyJson());
            }
            LambdaConfig lambda;
            try {
                lambda = LambdaConfig.fromEnvironment(env);
            } catch (IllegalStateException e) {
                throw new ReviewException(ReviewError.USAGE, e.getMessage(), e);
            }
            ScanEngine engine = ScanEngine.builder()
                    .limits(lambda.limits())
                    .policy(lambda.policy())
                    .tempRoot(Path.of(System.getProperty("java.io.tmpdir")))
                    .build();
            processor = new MailProcessor(
                    lambda,
                    engine,
                    new S3MailSource(s3),
                    store,
                    new SqsQuarantinePublisher(sqs, lambda.quarantineQueueUrl()));
        }
        return processor;
    }

    /** The policy re-scans use, e.g. {@code default-1@3f2a9c1b4d5e}. */
    public String rescanPolicy() {
        return processor().config().policy().label();
    }

    // ---- allow-list

    public AllowResult allow(String sha256, String reason, String actor) {
        check(reason, actor);
        String sha = sha256(sha256);
        AllowList.Entry entry = new AllowList.Entry(
                sha,
                reason,
                actor,
                clock.instant()
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                        .toString());
        Optional<AllowList.Entry> existing = allowList.add(entry);
        if (existing.isPresent()) {
            AllowList.Entry there = existing.get();
            if (actor.equals(there.addedBy())) {
                return new AllowResult("allow", there, false);
            }
            throw new ReviewException(
                    ReviewError.LOST_RACE,
                    sha + " is already allow-listed by " + there.addedBy() + " at " + there.addedAt() + " ("
                            + there.reason() + ")");
        }
        audit.write(
                new AuditRecord(
                        AuditRecord.SCHEMA, entry.addedAt(), actor, "allow", sha, reason, null, null, null, null, null),
                "add");
        return new AllowResult("allow", entry, true);
    }

    public List<AllowList.Entry> allowed() {
        return allowList.all();
    }

    public AllowResult disallow(String sha256, String reason, String actor) {
        check(reason, actor);
        String sha = sha256(sha256);
        AllowList.Entry entry = allowList
                .find(sha)
                .orElseThrow(() -> new ReviewException(ReviewError.UNKNOWN_ID, sha + " is not on the allow-list"));
        String at = clock.instant()
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                .toString();
        audit.write(
                new AuditRecord(
                        AuditRecord.SCHEMA,
                        at,
                        actor,
                        "allow-remove",
                        sha,
                        reason,
                        null,
                        null,
                        null,
                        null,
                        "added by " + entry.addedBy() + " at " + entry.addedAt()),
                UUID.randomUUID().toString().substring(0, 8));
        allowList.remove(sha);
        return new AllowResult("allow-remove", entry, true);
    }

    private static String sha256(String value) {
        String sha = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!AllowListStore.SHA256.matcher(sha).matches()) {
            throw new ReviewException(ReviewError.USAGE, "not a SHA-256 (64 hex digits): " + value);
        }
        return sha;
    }

    // ---- indicators

    public List<Ioc> iocs(List<String> idsOrPrefixes) {
        IocCollector collector = new IocCollector();
        for (String id : idsOrPrefixes) {
            QuarantineRecord record = record(id);
            collector.addRecord(record.id(), record.message(), report(record).orElse(null));
        }
        return collector.iocs();
    }

    public List<Ioc> iocs(ListQuery query) {
        List<String> ids = list(query).stream().map(RecordSummary::id).toList();
        return ids.isEmpty() ? List.of() : iocs(ids);
    }

    // ---- S3 Batch Operations

    /**
     * Creates one Batch Operations job that re-scans, in the function, every mail version under
     * {@code prefix} last modified at or after {@code since} (all when null).
     *
     * @return the job id
     */
    public String rescanBatch(
            String prefix, Instant since, String reason, String actor, String accountId, S3ControlClient control) {
        check(reason, actor);
        String function = config.batchFunctionArn()
                .orElseThrow(() -> new ReviewException(
                        ReviewError.USAGE,
                        "--batch needs --stack: the re-scan function and role come from its outputs"));
        String role = config.batchRoleArn().orElseThrow();
        List<BatchRescanJob.Mail> mails = new ArrayList<>();
        s3.listObjectVersionsPaginator(l -> l.bucket(config.bucket()).prefix(prefix)).versions().stream()
                .filter(ObjectVersion::isLatest)
                .filter(v -> since == null || !v.lastModified().isBefore(since))
                .forEach(v -> mails.add(new BatchRescanJob.Mail(config.bucket(), v.key(), v.versionId())));
        if (mails.isEmpty()) {
            throw new ReviewException(
                    ReviewError.USAGE, "no mail under " + prefix + (since == null ? "" : " since " + since));
        }
        String token = UUID.randomUUID().toString();
        String manifestKey = config.outputPrefix() + "batch/manifests/" + token + ".csv";
        byte[] csv = BatchRescanJob.manifest(mails).getBytes(StandardCharsets.UTF_8);
        String etag = s3.putObject(
                        p -> p.bucket(config.bucket()).key(manifestKey).contentType("text/csv"),
                        software.amazon.awssdk.core.sync.RequestBody.fromInputStream(
                                new ByteArrayInputStream(csv), csv.length))
                .eTag();
        String jobId = control.createJob(BatchRescanJob.request(
                        accountId,
                        config.bucket(),
                        manifestKey,
                        etag,
                        config.outputPrefix() + "batch/reports",
                        function,
                        role,
                        "prefilter re-scan of " + mails.size() + " mails under " + prefix + ": " + reason,
                        token))
                .jobId();
        audit.write(
                new AuditRecord(
                        AuditRecord.SCHEMA,
                        clock.instant()
                                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                                .toString(),
                        actor,
                        "rescan-batch",
                        prefix.replace('/', '_'),
                        reason,
                        null,
                        null,
                        null,
                        null,
                        "job " + jobId + ", " + mails.size() + " mails"),
                jobId);
        return jobId;
    }

    private static void check(String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new ReviewException(
                    ReviewError.USAGE, "every action needs --reason TEXT: it goes into the audit trail");
        }
        if (actor == null || actor.isBlank()) {
            throw new ReviewException(ReviewError.USAGE, "no actor: give --actor NAME, or use AWS credentials");
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
