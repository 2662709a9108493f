package dev.prefilter.mailscan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.prefilter.engine.model.Verdict;
import java.util.List;

/**
 * A flagged attachment as the quarantine message lists it, with where its bytes are kept
 * (null when the per-mail sample cap was reached before it).
 */
@JsonPropertyOrder({"name", "path", "type", "size", "sha256", "verdict", "codes", "truncated", "sample"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredSample(
        String name,
        String path,
        String type,
        long size,
        String sha256,
        Verdict verdict,
        List<String> codes,
        Boolean truncated,
        Location sample) {

    public record Location(String bucket, String key) {}
}
