package dev.prefilter.review;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One administrator's action ({@code prefilter.audit/1}), kept create-only under the audit prefix.
 *
 * @param subject the record id, or the SHA-256 for allow-list actions
 */
@JsonPropertyOrder({
    "schema",
    "at",
    "actor",
    "action",
    "subject",
    "reason",
    "stateBefore",
    "stateAfter",
    "verdictBefore",
    "verdictAfter",
    "detail"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditRecord(
        String schema,
        String at,
        String actor,
        String action,
        String subject,
        String reason,
        String stateBefore,
        String stateAfter,
        String verdictBefore,
        String verdictAfter,
        String detail) {

    public static final String SCHEMA = "prefilter.audit/1";
}
