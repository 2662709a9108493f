package dev.prefilter.mailscan.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.mailscan.S3ObjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A quarantined mail: its events in order, and what they add up to. The state is the last
 * action's; verdict, score, policy, engine and report are the last scan's.
 *
 * @param finished the sequence numbers of actions whose follow-up steps all completed
 */
public record QuarantineRecord(String id, List<RecordEvent> events, Set<Integer> finished) {

    public QuarantineRecord {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a record has at least its first event");
        }
        events = List.copyOf(events);
        finished = Set.copyOf(finished);
    }

    public RecordEvent first() {
        return events.get(0);
    }

    public RecordEvent last() {
        return events.get(events.size() - 1);
    }

    public int nextSeq() {
        return last().seq() + 1;
    }

    public Instant quarantinedAt() {
        return Instant.parse(first().at());
    }

    public RecordState state() {
        return RecordState.parse(last().stateAfter());
    }

    public RecordEvent lastScan() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).isScan()) {
                return events.get(i);
            }
        }
        throw new IllegalStateException("record " + id + " has no scan");
    }

    /** The most recent state change by an administrator, if any. */
    public Optional<RecordEvent> lastAction() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (!events.get(i).isScan()) {
                return Optional.of(events.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<RecordEvent> scan(String scanId) {
        return events.stream()
                .filter(e -> e.isScan() && scanId.equals(e.scanId()))
                .findFirst();
    }

    public String verdict() {
        return lastScan().verdictAfter();
    }

    /** The quarantine message of the last scan: headers, reasons, flagged attachments, object and report. */
    public JsonNode message() {
        return lastScan().message();
    }

    public S3ObjectRef mail() {
        JsonNode o = first().message().path("object");
        return new S3ObjectRef(
                o.path("bucket").asText(),
                o.path("key").asText(),
                o.path("versionId").asText(null),
                o.path("size").asLong(-1));
    }

    public RecordSummary summary() {
        JsonNode m = message();
        JsonNode reason = m.path("reasons").path(0);
        List<String> hashes = new ArrayList<>();
        m.path("attachments").forEach(a -> hashes.add(a.path("sha256").asText()));
        S3ObjectRef mail = mail();
        return new RecordSummary(
                id,
                first().at(),
                state().label(),
                verdict(),
                lastScan().scoreAfter() == null ? 0 : lastScan().scoreAfter(),
                m.path("mail").path("from").asText(null),
                m.path("mail").path("subject").asText(null),
                reason.isMissingNode()
                        ? null
                        : reason.path("code").asText() + " @ "
                                + reason.path("path").asText(),
                lastScan().policy(),
                mail.bucket(),
                mail.key(),
                mail.versionId(),
                List.copyOf(hashes));
    }
}
