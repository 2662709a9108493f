package dev.prefilter.engine.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The headers of the scanned mail worth keeping, decoded (RFC 2047) to Unicode. */
@JsonPropertyOrder({"from", "to", "cc", "subject", "date", "messageId"})
public record MailHeaders(
        String from, List<String> to, List<String> cc, String subject, String date, String messageId) {}
