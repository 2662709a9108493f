package dev.prefilter.engine.score;

import java.util.Optional;

/**
 * Attachments an operator has declared harmless by their SHA-256 (a company's own macro template
 * that keeps being flagged). Findings on an allowed node and below it stay in the report, as
 * {@code info} with the entry under the evidence key {@value #EVIDENCE_KEY}, and count for nothing.
 */
@FunctionalInterface
public interface AllowList {

    String EVIDENCE_KEY = "allowList";

    AllowList NONE = sha256 -> Optional.empty();

    /** Why a hash is allowed, who allowed it and when (ISO-8601). */
    record Entry(String sha256, String reason, String addedBy, String addedAt) {}

    /** @param sha256 lower-case hex */
    Optional<Entry> find(String sha256);
}
