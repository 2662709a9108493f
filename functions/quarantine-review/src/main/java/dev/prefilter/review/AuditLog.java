package dev.prefilter.review;

import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.mailscan.OutputStore;
import dev.prefilter.mailscan.quarantine.QuarantineKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail: one object per action, created only, under a key that starts with the time
 * (so that "since" is a listing that starts there) and ends with the subject, the action and
 * what makes the action unique (a record's event number), so that running an interrupted action
 * again finds its audit record already written instead of writing a second.
 */
public final class AuditLog {

    /** Which audit records to show; null fields do not filter. */
    public record Query(Instant since, String actor, String subject, int limit) {}

    private final OutputStore store;
    private final String bucket;
    private final QuarantineKeys keys;

    public AuditLog(OutputStore store, String bucket, QuarantineKeys keys) {
        this.store = store;
        this.bucket = bucket;
        this.keys = keys;
    }

    /** @return whether this call wrote it (false: an earlier run of the same action did) */
    public boolean write(AuditRecord record, String unique) {
        String key =
                keys.auditEntry(Instant.parse(record.at()), record.subject() + "-" + record.action() + "-" + unique);
        byte[] json = ReportJson.pretty(record).getBytes(StandardCharsets.UTF_8);
        return store.putIfAbsent(bucket, key, "application/json", json.length, () -> new ByteArrayInputStream(json));
    }

    /** Oldest first from {@code since}. */
    public List<AuditRecord> list(Query query) {
        List<AuditRecord> found = new ArrayList<>();
        String after = query.since() == null ? null : keys.auditBoundary(query.since());
        while (true) {
            OutputStore.Page page = store.list(bucket, keys.audit(), after, 1000);
            for (String key : page.keys()) {
                if (query.subject() != null && !key.contains("-" + query.subject())) {
                    continue;
                }
                AuditRecord record = read(key);
                if (query.actor() != null && !query.actor().equals(record.actor())) {
                    continue;
                }
                found.add(record);
                if (query.limit() > 0 && found.size() >= query.limit()) {
                    return found;
                }
            }
            if (page.next() == null) {
                return found;
            }
            after = page.next();
        }
    }

    private AuditRecord read(String key) {
        byte[] json = store.read(bucket, key)
                .orElseThrow(() -> new ReviewException(ReviewError.FAILED, "audit record " + key + " vanished"));
        try {
            return ReportJson.mapper().readValue(json, AuditRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("audit record " + key + " is not valid JSON", e);
        }
    }
}
