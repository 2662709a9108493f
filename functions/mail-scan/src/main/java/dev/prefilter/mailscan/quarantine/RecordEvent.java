package dev.prefilter.mailscan.quarantine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry in a record's history, stored create-only under its sequence number: whoever creates
 * number N made the N-th change, and a writer that finds N taken has lost the race to it.
 *
 * @param type {@code quarantined} (the first scan that was not clean), {@code rescanned},
 *     {@code released} or {@code deleted}
 * @param at when, ISO-8601
 * @param actor who: the function for scans, the administrator's identity for actions
 * @param reason why (actions only)
 * @param message for scans: the quarantine message of that scan ({@code prefilter.quarantine/1})
 * @param purge for deletions: whether the mail's version is removed too
 */
@JsonPropertyOrder({
    "seq",
    "type",
    "at",
    "actor",
    "reason",
    "stateBefore",
    "stateAfter",
    "verdictBefore",
    "verdictAfter",
    "scoreAfter",
    "scanId",
    "policy",
    "engine",
    "reportKey",
    "purge",
    "message"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordEvent(
        int seq,
        String type,
        String at,
        String actor,
        String reason,
        String stateBefore,
        String stateAfter,
        String verdictBefore,
        String verdictAfter,
        Integer scoreAfter,
        String scanId,
        String policy,
        String engine,
        String reportKey,
        Boolean purge,
        JsonNode message) {

    public static final String QUARANTINED = "quarantined";
    public static final String RESCANNED = "rescanned";
    public static final String RELEASED = "released";
    public static final String DELETED = "deleted";

    @JsonIgnore
    public boolean isScan() {
        return QUARANTINED.equals(type) || RESCANNED.equals(type);
    }

    /** The state change of an administrator's action, made by whoever created this sequence number. */
    public static RecordEvent action(
            int seq,
            String type,
            String at,
            String actor,
            String reason,
            RecordState before,
            RecordState after,
            String verdict,
            Boolean purge) {
        return new RecordEvent(
                seq,
                type,
                at,
                actor,
                reason,
                before.label(),
                after.label(),
                verdict,
                verdict,
                null,
                null,
                null,
                null,
                null,
                purge,
                null);
    }
}
