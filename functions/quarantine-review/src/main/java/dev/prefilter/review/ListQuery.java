package dev.prefilter.review;

import dev.prefilter.mailscan.quarantine.RecordState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Which records to list, newest first. Null fields do not filter.
 *
 * @param states the states to list (the index is per state)
 * @param since only records quarantined at or after this instant: the listing stops there
 * @param from a case-insensitive part of the From header
 * @param subject a case-insensitive part of the subject
 * @param sha256 only records with this flagged attachment (read from the by-sha256 index)
 * @param limit at most this many rows; 0 for all
 */
public record ListQuery(
        List<RecordState> states,
        String verdict,
        Instant since,
        String from,
        String subject,
        String sha256,
        int limit) {

    public ListQuery {
        states = states == null || states.isEmpty() ? List.of(RecordState.HELD) : List.copyOf(states);
        from = from == null ? null : from.toLowerCase(Locale.ROOT);
        subject = subject == null ? null : subject.toLowerCase(Locale.ROOT);
        sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
    }

    public static ListQuery held() {
        return new ListQuery(List.of(RecordState.HELD), null, null, null, null, null, 0);
    }

    /** Whether everything but the index position (state, time) matches. */
    boolean matches(dev.prefilter.mailscan.quarantine.RecordSummary s) {
        return (verdict == null || verdict.equals(s.verdict()))
                && (from == null
                        || (s.from() != null
                                && s.from().toLowerCase(Locale.ROOT).contains(from)))
                && (subject == null
                        || (s.subject() != null
                                && s.subject().toLowerCase(Locale.ROOT).contains(subject)))
                && (sha256 == null || s.sha256().contains(sha256));
    }
}
