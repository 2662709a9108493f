package dev.prefilter.mailscan.quarantine;

import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.engine.score.AllowList;
import dev.prefilter.mailscan.OutputStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The allow-list in the output bucket: one object per attachment hash, created only, so that of
 * two administrators adding the same hash one adds it and the other is told who did.
 */
public final class AllowListStore {

    public static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Entries read at most; beyond it the list is cut and the rest ignored (documented in README). */
    public static final int MAX_ENTRIES = 10_000;

    private final OutputStore store;
    private final String bucket;
    private final QuarantineKeys keys;

    public AllowListStore(OutputStore store, String bucket, QuarantineKeys keys) {
        this.store = store;
        this.bucket = bucket;
        this.keys = keys;
    }

    /**
     * Adds the entry unless its hash is listed already.
     *
     * @return empty when added, else the entry that was there first
     */
    public Optional<AllowList.Entry> add(AllowList.Entry entry) {
        if (!SHA256.matcher(entry.sha256()).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + entry.sha256());
        }
        byte[] json = ReportJson.pretty(entry).getBytes(StandardCharsets.UTF_8);
        if (store.putIfAbsent(
                bucket,
                keys.allowEntry(entry.sha256()),
                "application/json",
                json.length,
                () -> new ByteArrayInputStream(json))) {
            return Optional.empty();
        }
        return find(entry.sha256());
    }

    public Optional<AllowList.Entry> find(String sha256) {
        return store.read(bucket, keys.allowEntry(sha256)).map(AllowListStore::entry);
    }

    public void remove(String sha256) {
        store.delete(bucket, keys.allowEntry(sha256));
    }

    public List<AllowList.Entry> all() {
        List<AllowList.Entry> entries = new ArrayList<>();
        String after = null;
        do {
            OutputStore.Page page = store.list(bucket, keys.allowList(), after, 1000);
            for (String key : page.keys()) {
                if (entries.size() >= MAX_ENTRIES) {
                    return entries;
                }
                store.read(bucket, key).map(AllowListStore::entry).ifPresent(entries::add);
            }
            after = page.next();
        } while (after != null);
        return entries;
    }

    private static AllowList.Entry entry(byte[] json) {
        try {
            AllowList.Entry raw = ReportJson.mapper().readValue(json, AllowList.Entry.class);
            return new AllowList.Entry(
                    raw.sha256(), Evidence.text(raw.reason()), Evidence.text(raw.addedBy()), raw.addedAt());
        } catch (IOException e) {
            throw new UncheckedIOException("an allow-list entry is not valid JSON", e);
        }
    }
}
