package dev.prefilter.review;

import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.mailscan.OutputStore;
import dev.prefilter.mailscan.quarantine.QuarantineKeys;
import dev.prefilter.mailscan.quarantine.RecordState;
import dev.prefilter.mailscan.quarantine.RecordSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Lists records newest first from the per-state index: key listings (1,000 keys per request)
 * that stop at the "since" boundary, then the matching rows' summaries, read in parallel in
 * batches until the limit is reached. A record's history and report are never read.
 */
final class RecordLister {

    private static final int BATCH = 64;

    private final OutputStore store;
    private final String bucket;
    private final QuarantineKeys keys;
    private final ExecutorService readers;

    RecordLister(OutputStore store, String bucket, QuarantineKeys keys, ExecutorService readers) {
        this.store = store;
        this.bucket = bucket;
        this.keys = keys;
        this.readers = readers;
    }

    /** An index entry: its key orders it; state and id come from where it is. */
    private record Entry(String key, String order, RecordState state) {}

    List<RecordSummary> list(ListQuery query) {
        List<Entry> entries = query.sha256() == null ? indexed(query) : bySha256(query);
        List<RecordSummary> rows = new ArrayList<>();
        for (int start = 0; start < entries.size(); start += BATCH) {
            List<Entry> batch = entries.subList(start, Math.min(entries.size(), start + BATCH));
            List<Future<Optional<RecordSummary>>> reads = new ArrayList<>();
            for (Entry e : batch) {
                reads.add(readers.submit(() -> store.read(bucket, e.key()).map(RecordLister::summary)));
            }
            for (Future<Optional<RecordSummary>> read : reads) {
                Optional<RecordSummary> row = await(read);
                if (row.isPresent() && query.matches(row.get())) {
                    rows.add(row.get());
                    if (query.limit() > 0 && rows.size() >= query.limit()) {
                        return rows;
                    }
                }
            }
        }
        return rows;
    }

    private List<Entry> indexed(ListQuery query) {
        List<Entry> all = new ArrayList<>();
        for (RecordState state : query.states()) {
            String prefix = keys.index(state);
            String boundary = query.since() == null ? null : keys.indexBoundary(state, query.since());
            String after = null;
            listing:
            while (true) {
                OutputStore.Page page = store.list(bucket, prefix, after, 1000);
                for (String key : page.keys()) {
                    if (boundary != null && key.compareTo(boundary) >= 0) {
                        break listing;
                    }
                    all.add(new Entry(key, key.substring(prefix.length()), state));
                }
                if (page.next() == null) {
                    break;
                }
                after = page.next();
            }
        }
        all.sort(Comparator.comparing(Entry::order));
        return all;
    }

    /** Records holding the attachment, found through the by-sha256 index, in the states asked for. */
    private List<Entry> bySha256(ListQuery query) {
        String prefix = keys.bySha256(query.sha256());
        Set<String> positions = new LinkedHashSet<>();
        String after = null;
        do {
            OutputStore.Page page = store.list(bucket, prefix, after, 1000);
            page.keys().forEach(k -> positions.add(k.substring(prefix.length())));
            after = page.next();
        } while (after != null);
        List<Entry> entries = new ArrayList<>();
        for (String position : positions) {
            for (RecordState state : query.states()) {
                String key = keys.index(state) + position + ".json";
                String boundary = query.since() == null ? null : keys.indexBoundary(state, query.since());
                if (boundary == null || key.compareTo(boundary) < 0) {
                    entries.add(new Entry(key, position, state));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::order));
        return entries;
    }

    private static RecordSummary summary(byte[] json) {
        try {
            return ReportJson.mapper().readValue(json, RecordSummary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("an index entry is not valid JSON", e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReviewException(ReviewError.FAILED, "interrupted while reading the index", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ReviewException(ReviewError.FAILED, "reading the index failed", e.getCause());
        }
    }
}
