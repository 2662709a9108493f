package dev.prefilter.engine.sample;

import dev.prefilter.engine.model.Verdict;
import java.util.List;

/**
 * One flagged node as handed to a {@link SampleSink}.
 *
 * @param name the node's file name (or label)
 * @param path its path in the attachment tree, as in the report
 * @param detectedType the type detected from its bytes, or null when detection never ran
 * @param size bytes kept (less than the original when {@code truncated})
 * @param sha256 lower-case hex SHA-256 of the kept bytes, the same as in the report
 * @param verdict the worst verdict any of the node's own findings carries under the policy
 * @param codes the codes of the node's findings that are not clean under the policy
 * @param truncated whether a limit cut the node's bytes short
 */
public record Sample(
        String name,
        String path,
        String detectedType,
        long size,
        String sha256,
        Verdict verdict,
        List<String> codes,
        boolean truncated) {

    public Sample {
        codes = List.copyOf(codes);
    }
}
