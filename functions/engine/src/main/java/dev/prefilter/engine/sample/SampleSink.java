package dev.prefilter.engine.sample;

import dev.prefilter.engine.content.Content;
import java.io.IOException;

/**
 * Where the bytes of flagged attachments go (a sandbox's intake, a folder, an S3 prefix). The
 * engine calls it after scoring, once per distinct flagged node, while the node's spooled bytes
 * still exist; the scanned input itself is never handed over, since the caller already has it.
 * A failure here is the caller's, not the mail's: it leaves {@code ScanEngine.scan} as a
 * {@link SampleSinkException} so that the caller can retry, instead of becoming a finding.
 */
@FunctionalInterface
public interface SampleSink {

    void accept(Sample sample, Content content) throws IOException;
}
