package dev.prefilter.mailscan.quarantine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.mailscan.OutputStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and extends quarantine records in the output bucket. A record is the list of its events;
 * an event is created only, under the next free sequence number, so that of several writers
 * racing for the same change exactly one succeeds (S3's conditional writes) and the others read
 * what it did. Both the function (scans) and the administrators' tool (actions) write through here.
 */
public final class QuarantineRecords {

    /** A record id, or the start of one: lower-case hex. */
    public static final Pattern ID_PREFIX = Pattern.compile("[0-9a-f]{6,64}");

    private static final int MAX_APPEND_ATTEMPTS = 20;

    private final OutputStore store;
    private final String bucket;
    private final QuarantineKeys keys;

    public QuarantineRecords(OutputStore store, String bucket, QuarantineKeys keys) {
        this.store = store;
        this.bucket = bucket;
        this.keys = keys;
    }

    /** What recording a scan did: the record (none for a clean mail never quarantined) and whether to announce it. */
    public record ScanRecorded(Optional<QuarantineRecord> record, boolean announce) {}

    public QuarantineKeys keys() {
        return keys;
    }

    public String bucket() {
        return bucket;
    }

    public Optional<QuarantineRecord> find(String id) {
        List<RecordEvent> events = new ArrayList<>();
        Set<Integer> finished = new HashSet<>();
        String prefix = keys.recordPrefix(id);
        String after = null;
        do {
            OutputStore.Page page = store.list(bucket, prefix, after, 1000);
            for (String key : page.keys()) {
                String name = key.substring(prefix.length());
                if (name.endsWith(".done")) {
                    finished.add(Integer.parseInt(name.substring(0, name.length() - ".done".length())));
                } else if (name.endsWith(".json")) {
                    store.read(bucket, key).map(QuarantineRecords::event).ifPresent(events::add);
                }
            }
            after = page.next();
        } while (after != null);
        return events.isEmpty() ? Optional.empty() : Optional.of(new QuarantineRecord(id, events, finished));
    }

    /**
     * Creates the event under its sequence number unless that number is taken.
     *
     * @return whether this call made the change; false means another writer's event is there
     */
    public boolean append(String id, RecordEvent event) {
        byte[] json = ReportJson.pretty(event).getBytes(StandardCharsets.UTF_8);
        return store.putIfAbsent(
                bucket,
                keys.event(id, event.seq()),
                "application/json",
                json.length,
                () -> new java.io.ByteArrayInputStream(json));
    }

    /** Records that every follow-up step of action {@code seq} is done, so running the action again does nothing. */
    public void markFinished(String id, int seq) {
        store.putIfAbsent(
                bucket, keys.done(id, seq), "text/plain", 0, () -> new java.io.ByteArrayInputStream(new byte[0]));
    }

    /**
     * Adds one scan of the mail to its record: creates the record for the first scan that is not
     * clean, appends a {@code rescanned} event for a scan under another policy or engine, and
     * does nothing for a scan it already holds (a repeated delivery).
     *
     * @param scan the scan as an event; its seq, type, states and verdictBefore are filled in here
     */
    public ScanRecorded recordScan(String id, RecordEvent scan) {
        for (int attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
            Optional<QuarantineRecord> existing = find(id);
            if (existing.isEmpty()) {
                if (Verdict.CLEAN.label().equals(scan.verdictAfter())) {
                    return new ScanRecorded(Optional.empty(), false);
                }
                RecordEvent first = withPlace(scan, 0, RecordEvent.QUARANTINED, null, RecordState.HELD, null);
                if (append(id, first)) {
                    return new ScanRecorded(Optional.of(new QuarantineRecord(id, List.of(first), Set.of())), true);
                }
                continue;
            }
            QuarantineRecord record = existing.get();
            Optional<RecordEvent> known = record.scan(scan.scanId());
            if (known.isPresent()) {
                return new ScanRecorded(existing, rose(known.get()));
            }
            RecordEvent next = withPlace(
                    scan, record.nextSeq(), RecordEvent.RESCANNED, record.state(), record.state(), record.verdict());
            if (append(id, next)) {
                List<RecordEvent> events = new ArrayList<>(record.events());
                events.add(next);
                return new ScanRecorded(Optional.of(new QuarantineRecord(id, events, record.finished())), rose(next));
            }
        }
        throw new IllegalStateException(
                "record " + id + " kept changing: no free event number after " + MAX_APPEND_ATTEMPTS + " attempts");
    }

    /** A new record, or a verdict that rose, is announced on the quarantine queue like a new mail. */
    private static boolean rose(RecordEvent scan) {
        if (scan.verdictBefore() == null) {
            return true;
        }
        return Verdict.parse(scan.verdictAfter()).ordinal()
                > Verdict.parse(scan.verdictBefore()).ordinal();
    }

    private static RecordEvent withPlace(
            RecordEvent s, int seq, String type, RecordState before, RecordState after, String verdictBefore) {
        return new RecordEvent(
                seq,
                type,
                s.at(),
                s.actor(),
                s.reason(),
                before == null ? null : before.label(),
                after.label(),
                verdictBefore,
                s.verdictAfter(),
                s.scoreAfter(),
                s.scanId(),
                s.policy(),
                s.engine(),
                s.reportKey(),
                null,
                s.message());
    }

    /** Writes the record's index entries for its current state (derived data: overwritten freely). */
    public void index(QuarantineRecord record) {
        RecordSummary summary = record.summary();
        store.put(
                bucket,
                keys.indexEntry(record.state(), record.quarantinedAt(), record.id()),
                "application/json",
                ReportJson.compact(summary).getBytes(StandardCharsets.UTF_8));
        for (String sha : summary.sha256()) {
            store.put(bucket, keys.bySha256Entry(sha, record.quarantinedAt(), record.id()), "text/plain", new byte[0]);
        }
    }

    /** Removes the record's index entry for a state it is no longer in. */
    public void unindex(QuarantineRecord record, RecordState state) {
        store.delete(bucket, keys.indexEntry(state, record.quarantinedAt(), record.id()));
    }

    /** The ids of records whose id starts with {@code prefix}. */
    public List<String> resolve(String prefix) {
        Set<String> ids = new LinkedHashSet<>();
        String after = null;
        do {
            OutputStore.Page page = store.list(bucket, keys.records() + prefix, after, 1000);
            for (String key : page.keys()) {
                String rest = key.substring(keys.records().length());
                int slash = rest.indexOf('/');
                ids.add(slash < 0 ? rest : rest.substring(0, slash));
            }
            after = page.next();
        } while (after != null && ids.size() < 2);
        return List.copyOf(ids);
    }

    public static RecordEvent event(byte[] json) {
        try {
            return ReportJson.mapper().readValue(json, RecordEvent.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a quarantine event is not valid JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
