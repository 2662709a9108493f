package dev.prefilter.mailscan.quarantine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where quarantine state lives under the output prefix. Every listing an administrator needs is a
 * prefix listing in key order, never a scan of every record:
 *
 * <pre>
 * quarantine/records/&lt;id&gt;/000000.json          the record's events, created only, in order
 * quarantine/records/&lt;id&gt;/000001.done          a state change whose follow-up steps all finished
 * quarantine/index/&lt;state&gt;/&lt;inverted time&gt;-&lt;id&gt;.json   newest first per state; "since" stops the listing
 * quarantine/by-sha256/&lt;hash&gt;/&lt;inverted time&gt;-&lt;id&gt;  records holding an attachment
 * quarantine/audit/&lt;yyyyMMddTHHmmssSSS&gt;Z-…json     audit records, oldest first
 * allow-list/sha256/&lt;hash&gt;.json                    allow-list entries
 * </pre>
 */
public final class QuarantineKeys {

    /** Milliseconds subtracted from this value sort newest first: 13 digits until the year 2286. */
    private static final long INVERSION = 9_999_999_999_999L;

    private static final DateTimeFormatter AUDIT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String prefix;

    public QuarantineKeys(String outputPrefix) {
        this.prefix = outputPrefix;
    }

    public String records() {
        return prefix + "quarantine/records/";
    }

    public String recordPrefix(String id) {
        return records() + id + "/";
    }

    public String event(String id, int seq) {
        return recordPrefix(id) + String.format(Locale.ROOT, "%06d", seq) + ".json";
    }

    public String done(String id, int seq) {
        return recordPrefix(id) + String.format(Locale.ROOT, "%06d", seq) + ".done";
    }

    public String index(RecordState state) {
        return prefix + "quarantine/index/" + state.label() + "/";
    }

    public String indexEntry(RecordState state, Instant quarantinedAt, String id) {
        return index(state) + inverted(quarantinedAt) + "-" + id + ".json";
    }

    /**
     * Where {@code state}'s index passes {@code since}: every key below it was quarantined at or
     * after {@code since} (the '.' sorts after the '-' that follows the time in every key).
     */
    public String indexBoundary(RecordState state, Instant since) {
        return index(state) + inverted(since) + ".";
    }

    public String bySha256(String sha256) {
        return prefix + "quarantine/by-sha256/" + sha256 + "/";
    }

    public String bySha256Entry(String sha256, Instant quarantinedAt, String id) {
        return bySha256(sha256) + inverted(quarantinedAt) + "-" + id;
    }

    public String audit() {
        return prefix + "quarantine/audit/";
    }

    /** An audit key that sorts by time; {@code name} makes it unique and deterministic for one action. */
    public String auditEntry(Instant at, String name) {
        return audit() + AUDIT_TIME.format(at) + "-" + name + ".json";
    }

    /** Where an audit listing that starts at {@code since} begins. */
    public String auditBoundary(Instant since) {
        return audit() + AUDIT_TIME.format(since);
    }

    public String allowList() {
        return prefix + "allow-list/sha256/";
    }

    public String allowEntry(String sha256) {
        return allowList() + sha256 + ".json";
    }

    /** The record id at the end of an index or by-sha256 key. */
    public static String idOf(String indexKey) {
        String name = indexKey.substring(indexKey.lastIndexOf('/') + 1);
        if (name.endsWith(".json")) {
            name = name.substring(0, name.length() - ".json".length());
        }
        return name.substring(name.indexOf('-') + 1);
    }

    static String inverted(Instant at) {
        return String.format(Locale.ROOT, "%013d", INVERSION - at.toEpochMilli());
    }
}
