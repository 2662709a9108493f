package dev.prefilter.mailscan;

import dev.prefilter.engine.ScanEngine;
import dev.prefilter.engine.limits.ScanLimits;
import dev.prefilter.engine.score.ScoringPolicy;
import dev.prefilter.mailscan.quarantine.QuarantineKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The function's configuration, read once from environment variables and validated as a whole:
 * one error names every variable that is wrong.
 *
 * @param quarantineQueueUrl where suspicious and malicious mails are announced; a {@code .fifo}
 *     queue deduplicates repeated announcements of the same mail
 * @param outputBucket where reports and samples go; empty for the mail's own bucket
 * @param outputPrefix key prefix of everything the function writes; the bucket notification must not cover it
 * @param timeReserve time kept back from the scan for writing its outputs before the invocation times out
 * @param maxSamples flagged attachments stored per mail at most
 * @param metricsNamespace CloudWatch namespace of the embedded metrics
 * @param forcePathStyle path-style S3 addressing (LocalStack, other S3-compatible servers)
 * @param endpointOverride one endpoint for S3 and SQS (LocalStack), empty for AWS's own
 * @param allowListCache how long a warm container keeps the allow-list before reading it again
 */
public record LambdaConfig(
        String quarantineQueueUrl,
        Optional<String> outputBucket,
        String outputPrefix,
        Duration timeReserve,
        int maxSamples,
        String metricsNamespace,
        boolean forcePathStyle,
        Optional<URI> endpointOverride,
        Duration allowListCache,
        ScanLimits limits,
        ScoringPolicy policy) {

    public static final String PREFIX = "PREFILTER_";
    public static final String QUARANTINE_QUEUE_URL = PREFIX + "QUARANTINE_QUEUE_URL";
    public static final String OUTPUT_BUCKET = PREFIX + "OUTPUT_BUCKET";
    public static final String OUTPUT_PREFIX = PREFIX + "OUTPUT_PREFIX";
    public static final String TIME_RESERVE_MILLIS = PREFIX + "TIME_RESERVE_MILLIS";
    public static final String MAX_SAMPLES = PREFIX + "MAX_SAMPLES";
    public static final String METRICS_NAMESPACE = PREFIX + "METRICS_NAMESPACE";
    public static final String S3_FORCE_PATH_STYLE = PREFIX + "S3_FORCE_PATH_STYLE";
    public static final String POLICY_JSON = PREFIX + "POLICY_JSON";
    public static final String AWS_ENDPOINT_URL = PREFIX + "AWS_ENDPOINT_URL";
    public static final String ALLOW_LIST_CACHE_SECONDS = PREFIX + "ALLOW_LIST_CACHE_SECONDS";

    /**
     * The id of scanning this mail version under this configuration's policy and the engine's
     * version: the report key and the quarantine deduplication id. The same for every delivery;
     * different after a policy or engine change, so that a re-scan writes a new report.
     */
    public String scanId(S3ObjectRef mail) {
        return S3ObjectRef.sha256(mail.mailId() + "\n" + policy.label() + "\n" + ScanEngine.VERSION);
    }

    /** Reports of one mail sit side by side, one per (policy, engine): {@code reports/<mailId>/<scanId>.json}. */
    public String reportKey(S3ObjectRef mail) {
        return outputPrefix + "reports/" + mail.mailId() + "/" + scanId(mail) + ".json";
    }

    public QuarantineKeys keys() {
        return new QuarantineKeys(outputPrefix);
    }

    public String sampleKey(String sha256) {
        return outputPrefix + "samples/sha256/" + sha256;
    }

    public String outputBucketFor(S3ObjectRef mail) {
        return outputBucket.orElse(mail.bucket());
    }

    /** Objects this function must never scan: its own outputs and SES's set-up probe. */
    public boolean ignored(S3ObjectRef object) {
        boolean ownOutput =
                object.key().startsWith(outputPrefix) && outputBucketFor(object).equals(object.bucket());
        return ownOutput || object.fileName().equals("AMAZON_SES_SETUP_NOTIFICATION");
    }

    public static LambdaConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Function<String, String> get = name -> {
            String v = env.get(name);
            return v == null || v.isBlank() ? null : v.trim();
        };
        String queueUrl = get.apply(QUARANTINE_QUEUE_URL);
        if (queueUrl == null) {
            problems.add(QUARANTINE_QUEUE_URL + " is required (the quarantine queue's URL)");
        } else if (!validUrl(queueUrl)) {
            problems.add(QUARANTINE_QUEUE_URL + " must be an http(s) URL, was '" + queueUrl + "'");
        }
        String bucket = get.apply(OUTPUT_BUCKET);
        if (bucket != null && !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            problems.add(OUTPUT_BUCKET + " must be an S3 bucket name, was '" + bucket + "'");
        }
        String prefix = get.apply(OUTPUT_PREFIX);
        if (prefix == null) {
            prefix = "prefilter/";
        } else if (!prefix.endsWith("/") || prefix.startsWith("/")) {
            problems.add(OUTPUT_PREFIX + " must end with '/' and not start with one, was '" + prefix + "'");
        }
        long reserve = number(get, TIME_RESERVE_MILLIS, 5_000, 0, 600_000, problems);
        long samples = number(get, MAX_SAMPLES, 20, 0, 1_000, problems);
        long allowListSeconds = number(get, ALLOW_LIST_CACHE_SECONDS, 60, 0, 3_600, problems);
        String namespace = Optional.ofNullable(get.apply(METRICS_NAMESPACE)).orElse("Prefilter");
        if (!namespace.matches("[A-Za-z0-9._#:/ -]{1,255}")) {
            problems.add(METRICS_NAMESPACE + " has characters CloudWatch does not allow: '" + namespace + "'");
        }
        String pathStyle = Optional.ofNullable(get.apply(S3_FORCE_PATH_STYLE))
                .orElse("false")
                .toLowerCase(Locale.ROOT);
        if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
            problems.add(S3_FORCE_PATH_STYLE + " must be true or false, was '" + pathStyle + "'");
        }
        String endpoint = get.apply(AWS_ENDPOINT_URL);
        if (endpoint != null && !validUrl(endpoint)) {
            problems.add(AWS_ENDPOINT_URL + " must be an http(s) URL, was '" + endpoint + "'");
        }
        ScanLimits limits = null;
        try {
            limits = ScanLimits.fromSettings(env, PREFIX);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        ScoringPolicy policy = null;
        try {
            String json = get.apply(POLICY_JSON);
            policy = json == null
                    ? ScoringPolicy.defaults()
                    : ScoringPolicy.withOverrides(json.getBytes(StandardCharsets.UTF_8), POLICY_JSON);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration: " + String.join("; ", problems));
        }
        return new LambdaConfig(
                queueUrl,
                Optional.ofNullable(bucket),
                prefix,
                Duration.ofMillis(reserve),
                (int) samples,
                namespace,
                pathStyle.equals("true"),
                Optional.ofNullable(endpoint).map(URI::create),
                Duration.ofSeconds(allowListSeconds),
                limits,
                policy);
    }

    private static long number(
            Function<String, String> get, String name, long fallback, long min, long max, List<String> problems) {
        String v = get.apply(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                problems.add(name + " must be " + min + ".." + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number, was '" + v + "'");
            return fallback;
        }
    }

    private static boolean validUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
