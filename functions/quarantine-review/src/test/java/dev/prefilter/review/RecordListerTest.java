package dev.prefilter.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.mailscan.quarantine.QuarantineKeys;
import dev.prefilter.mailscan.quarantine.QuarantineRecord;
import dev.prefilter.mailscan.quarantine.QuarantineRecords;
import dev.prefilter.mailscan.quarantine.RecordEvent;
import dev.prefilter.mailscan.quarantine.RecordState;
import dev.prefilter.mailscan.quarantine.RecordSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordListerTest {

    private final MemoryStore store = new MemoryStore();
    private final QuarantineKeys keys = new QuarantineKeys("prefilter/");
    private final QuarantineRecords records = new QuarantineRecords(store, "b", keys);
    private ExecutorService readers;
    private RecordLister lister;

    @BeforeEach
    void start() {
        readers = Executors.newFixedThreadPool(4);
        lister = new RecordLister(store, "b", keys, readers);
    }

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    /** A record quarantined at {@code at}, moved to {@code state}; its id sorts opposite to its time. */
    private void record(String id, String at, RecordState state, String subject) {
        ObjectNode message = ReportJson.mapper().createObjectNode();
        message.putObject("mail").put("from", "a@example.com").put("subject", subject);
        message.putObject("object")
                .put("bucket", "b")
                .put("key", "incoming/" + id)
                .put("versionId", "v");
        RecordEvent first = new RecordEvent(
                0,
                RecordEvent.QUARANTINED,
                at,
                "fn",
                null,
                null,
                "held",
                null,
                "suspicious",
                40,
                "s" + id,
                "p",
                "e",
                "r",
                null,
                message);
        records.append(id, first);
        List<RecordEvent> events = new ArrayList<>(List.of(first));
        if (state != RecordState.HELD) {
            events.add(RecordEvent.action(
                    1,
                    state == RecordState.RELEASED ? RecordEvent.RELEASED : RecordEvent.DELETED,
                    at,
                    "alice",
                    "r",
                    RecordState.HELD,
                    state,
                    "suspicious",
                    null));
        }
        records.index(new QuarantineRecord(id, events, Set.of()));
    }

    private List<String> ids(ListQuery query) {
        return lister.list(query).stream().map(RecordSummary::id).toList();
    }

    @Test
    void states_are_merged_newest_first_and_since_and_limit_stop_the_listing() {
        record("aaaaaa01", "2026-11-20T10:00:00Z", RecordState.HELD, "oldest");
        record("aaaaaa02", "2026-11-21T10:00:00Z", RecordState.RELEASED, "second");
        record("aaaaaa03", "2026-11-22T10:00:00Z", RecordState.HELD, "third");
        record("aaaaaa04", "2026-11-23T10:00:00Z", RecordState.DELETED, "fourth");
        record("aaaaaa05", "2026-11-24T10:00:00Z", RecordState.HELD, "newest");
        List<RecordState> all = Arrays.asList(RecordState.values());

        assertEquals(List.of("aaaaaa05", "aaaaaa03", "aaaaaa01"), ids(ListQuery.held()));
        assertEquals(
                List.of("aaaaaa05", "aaaaaa04", "aaaaaa03", "aaaaaa02", "aaaaaa01"),
                ids(new ListQuery(all, null, null, null, null, null, 0)));
        assertEquals(List.of("aaaaaa05", "aaaaaa04"), ids(new ListQuery(all, null, null, null, null, null, 2)));
        assertEquals(
                List.of("aaaaaa05", "aaaaaa04", "aaaaaa03"),
                ids(new ListQuery(all, null, Instant.parse("2026-11-22T10:00:00Z"), null, null, null, 0)),
                "since is inclusive");
        assertEquals(
                List.of("aaaaaa02"), ids(new ListQuery(all, null, null, null, "SECOND", null, 0)), "subject, any case");
    }
}
