package dev.prefilter.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.mailscan.quarantine.QuarantineRecord;

/**
 * Everything {@code show} tells about one record.
 *
 * @param report the last scan's full report ({@code prefilter.report/1}), or null when it cannot be read
 */
public record RecordDetails(QuarantineRecord record, JsonNode report) {}
