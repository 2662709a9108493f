package dev.prefilter.review;

import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.mailscan.OutputStore;
import dev.prefilter.mailscan.quarantine.QuarantineKeys;
import dev.prefilter.mailscan.quarantine.RecordState;
import dev.prefilter.mailscan.quarantine.RecordSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Lists records newest first from the per-state index: the states' key listings merged, each read
 * a page at a time and only as far as needed (the "since" boundary ends it; with no filter on the
 * rows, a page of {@code limit} keys is enough), then the rows' summaries read in parallel in
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
        Iterator<Entry> entries =
                query.sha256() == null ? merged(query) : bySha256(query).iterator();
        boolean everyRowCounts = query.verdict() == null && query.from() == null && query.subject() == null;
        List<RecordSummary> rows = new ArrayList<>();
        while (entries.hasNext()) {
            int wanted = query.limit() > 0 && everyRowCounts ? Math.min(BATCH, query.limit() - rows.size()) : BATCH;
            List<Future<Optional<RecordSummary>>> reads = new ArrayList<>();
            while (entries.hasNext() && reads.size() < wanted) {
                Entry e = entries.next();
                reads.add(readers.submit(() -> store.read(bucket, e.key()).map(RecordLister::summary)));
            }
            for (Future<Optional<RecordSummary>> read : reads) {
                // an entry removed since it was listed reads as empty and is skipped
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

    /** The states' index listings merged newest first, each read a page at a time only as far as needed. */
    private Iterator<Entry> merged(ListQuery query) {
        boolean everyRowCounts = query.verdict() == null && query.from() == null && query.subject() == null;
        int pageSize = query.limit() > 0 && everyRowCounts ? Math.min(1000, query.limit()) : 1000;
        PriorityQueue<Cursor> cursors =
                new PriorityQueue<>(Comparator.comparing((Cursor c) -> c.peek().order()));
        for (RecordState state : query.states()) {
            Cursor cursor = new Cursor(
                    state,
                    keys.index(state),
                    query.since() == null ? null : keys.indexBoundary(state, query.since()),
                    pageSize);
            if (cursor.peek() != null) {
                cursors.add(cursor);
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !cursors.isEmpty();
            }

            @Override
            public Entry next() {
                Cursor cursor = cursors.poll();
                if (cursor == null) {
                    throw new NoSuchElementException();
                }
                Entry entry = cursor.take();
                if (cursor.peek() != null) {
                    cursors.add(cursor);
                }
                return entry;
            }
        };
    }

    /** One state's index, listed page by page up to the "since" boundary. */
    private final class Cursor {
        private final RecordState state;
        private final String prefix;
        private final String boundary;
        private final int pageSize;
        private final Deque<String> page = new ArrayDeque<>();
        private String after;
        private boolean exhausted;

        Cursor(RecordState state, String prefix, String boundary, int pageSize) {
            this.state = state;
            this.prefix = prefix;
            this.boundary = boundary;
            this.pageSize = pageSize;
        }

        Entry peek() {
            if (page.isEmpty() && !exhausted) {
                OutputStore.Page next = store.list(bucket, prefix, after, pageSize);
                for (String key : next.keys()) {
                    if (boundary != null && key.compareTo(boundary) >= 0) {
                        exhausted = true;
                        break;
                    }
                    page.add(key);
                }
                after = next.next();
                exhausted |= after == null;
            }
            String key = page.peek();
            return key == null ? null : new Entry(key, key.substring(prefix.length()), state);
        }

        Entry take() {
            Entry e = peek();
            page.poll();
            return e;
        }
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
