package dev.prefilter.review;

import dev.prefilter.mailscan.MailProcessor;
import dev.prefilter.mailscan.MailSource;
import dev.prefilter.mailscan.S3ObjectRef;
import dev.prefilter.mailscan.quarantine.QuarantineRecord;
import dev.prefilter.mailscan.quarantine.QuarantineRecords;
import dev.prefilter.mailscan.quarantine.RecordEvent;
import dev.prefilter.mailscan.quarantine.RecordState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Release and delete: a state change, then its follow-up steps. The change is the record event
 * under the next number, created only: of two administrators acting at once exactly one creates
 * it, and the other is told who acted and when. The steps after it (audit record, review tag,
 * release message or purge, index, finished marker) each repeat harmlessly, so an action that
 * failed half-way is finished by running it again: the run finds its own unfinished change and
 * completes the steps instead of changing the state twice.
 */
final class RecordActions {

    /** An unfinished change by someone else is taken over after this long: its author has given up. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final QuarantineRecords records;
    private final AuditLog audit;
    private final MailSource mails;
    private final S3Client s3;
    private final ReleasePublisher releases;
    private final Clock clock;

    RecordActions(
            QuarantineRecords records,
            AuditLog audit,
            MailSource mails,
            S3Client s3,
            ReleasePublisher releases,
            Clock clock) {
        this.records = records;
        this.audit = audit;
        this.mails = mails;
        this.s3 = s3;
        this.releases = releases;
        this.clock = clock;
    }

    ActionResult release(QuarantineRecord record, String reason, String actor) {
        return change(record, RecordEvent.RELEASED, RecordState.RELEASED, reason, actor, null);
    }

    ActionResult delete(QuarantineRecord record, String reason, String actor, boolean purge) {
        return change(record, RecordEvent.DELETED, RecordState.DELETED, reason, actor, purge);
    }

    private static boolean allowed(RecordState from, RecordState to) {
        return switch (to) {
            case RELEASED -> from == RecordState.HELD;
            case DELETED -> from == RecordState.HELD || from == RecordState.RELEASED;
            case HELD -> false;
        };
    }

    private ActionResult change(
            QuarantineRecord start, String type, RecordState target, String reason, String actor, Boolean purge) {
        QuarantineRecord record = start;
        for (int attempt = 0; attempt < 20; attempt++) {
            if (record.state() == target) {
                RecordEvent done = record.lastAction().orElseThrow();
                boolean finished = record.finished().contains(done.seq());
                boolean mine = actor.equals(done.actor());
                if (!finished && (mine || abandoned(done))) {
                    return followUp(record, done, true);
                }
                if (mine) {
                    return result(record, done, false, true);
                }
                throw new ReviewException(
                        ReviewError.LOST_RACE,
                        "already " + type + " by " + done.actor() + " at " + done.at() + " (reason: " + done.reason()
                                + "); nothing done");
            }
            RecordState from = record.state();
            if (!allowed(from, target)) {
                String by = record.lastAction()
                        .map(e -> " (" + e.type() + " by " + e.actor() + " at " + e.at() + ")")
                        .orElse("");
                throw new ReviewException(
                        ReviewError.NOT_ALLOWED,
                        "record " + record.id() + " is " + from.label() + by + "; " + verbOf(type) + " is allowed from "
                                + (target == RecordState.RELEASED ? "held" : "held or released") + " only");
            }
            RecordEvent event = RecordEvent.action(
                    record.nextSeq(),
                    type,
                    clock.instant()
                            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                            .toString(),
                    actor,
                    reason,
                    from,
                    target,
                    record.verdict(),
                    purge);
            if (records.append(record.id(), event)) {
                List<RecordEvent> events = new ArrayList<>(record.events());
                events.add(event);
                return followUp(new QuarantineRecord(record.id(), events, record.finished()), event, false);
            }
            // another writer took this event number: read what it did, then decide again
            record = records.find(record.id()).orElseThrow();
            RecordEvent winner = record.events().stream()
                    .filter(e -> e.seq() == event.seq())
                    .findFirst()
                    .orElseThrow();
            if (type.equals(winner.type()) && !actor.equals(winner.actor())) {
                throw new ReviewException(
                        ReviewError.LOST_RACE,
                        "lost the race: " + type + " by " + winner.actor() + " at " + winner.at() + " (reason: "
                                + winner.reason() + "); nothing done");
            }
        }
        throw new ReviewException(ReviewError.FAILED, "record " + start.id() + " kept changing; try again");
    }

    private boolean abandoned(RecordEvent change) {
        return Instant.parse(change.at()).plus(ABANDONED_AFTER).isBefore(clock.instant());
    }

    private static String verbOf(String type) {
        return type.equals(RecordEvent.RELEASED) ? "release" : "delete";
    }

    /** The steps after the state change, each of which repeats harmlessly; the marker comes last. */
    private ActionResult followUp(QuarantineRecord record, RecordEvent change, boolean resumed) {
        RecordState before = RecordState.parse(change.stateBefore());
        RecordState after = RecordState.parse(change.stateAfter());
        audit.write(
                new AuditRecord(
                        AuditRecord.SCHEMA,
                        change.at(),
                        change.actor(),
                        verbOf(change.type()),
                        record.id(),
                        change.reason(),
                        before.label(),
                        after.label(),
                        change.verdictBefore(),
                        change.verdictAfter(),
                        Boolean.TRUE.equals(change.purge()) ? "purge" : null),
                Integer.toString(change.seq()));
        S3ObjectRef mail = record.mail();
        tagIfPresent(mail, after);
        if (after == RecordState.RELEASED) {
            releases.publish(ReleaseMessage.of(record, change));
        }
        if (Boolean.TRUE.equals(change.purge())) {
            s3.deleteObject(d -> d.bucket(mail.bucket()).key(mail.key()).versionId(mail.versionId()));
        }
        records.index(record);
        records.unindex(record, before);
        records.markFinished(record.id(), change.seq());
        return result(record, change, resumed, false);
    }

    private void tagIfPresent(S3ObjectRef mail, RecordState state) {
        try {
            mails.tag(mail, Map.of(MailProcessor.TAG_REVIEW, state.label()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            // purged by an earlier run of this deletion: there is nothing left to tag
        }
    }

    private static ActionResult result(
            QuarantineRecord record, RecordEvent change, boolean resumed, boolean alreadyDone) {
        return new ActionResult(
                record.id(),
                change.type(),
                change.seq(),
                change.at(),
                change.actor(),
                change.reason(),
                change.stateBefore(),
                change.stateAfter(),
                change.verdictAfter(),
                resumed,
                alreadyDone);
    }
}
