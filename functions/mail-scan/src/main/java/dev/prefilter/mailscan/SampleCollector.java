package dev.prefilter.mailscan;

import dev.prefilter.engine.content.Content;
import dev.prefilter.engine.sample.Sample;
import dev.prefilter.engine.sample.SampleSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's {@link SampleSink} for one mail: stores each flagged attachment content-addressed
 * ({@code …/samples/sha256/<hash>}, create-only, so the same file from a thousand mails is one
 * object) and remembers what it stored for the quarantine message. Past the cap it lists the
 * attachment without storing it. One instance per mail; not shared.
 */
final class SampleCollector implements SampleSink {

    private final OutputStore store;
    private final String bucket;
    private final LambdaConfig config;
    private final List<StoredSample> flagged = new ArrayList<>();
    private int stored;

    SampleCollector(OutputStore store, String bucket, LambdaConfig config) {
        this.store = store;
        this.bucket = bucket;
        this.config = config;
    }

    @Override
    public void accept(Sample sample, Content content) {
        StoredSample.Location location = null;
        if (stored < config.maxSamples()) {
            String key = config.sampleKey(sample.sha256());
            store.putIfAbsent(bucket, key, "application/octet-stream", content.size(), content::openStream);
            stored++;
            location = new StoredSample.Location(bucket, key);
        }
        flagged.add(new StoredSample(
                sample.name(),
                sample.path(),
                sample.detectedType(),
                sample.size(),
                sample.sha256(),
                sample.verdict(),
                sample.codes(),
                sample.truncated() ? Boolean.TRUE : null,
                location));
    }

    List<StoredSample> flagged() {
        return List.copyOf(flagged);
    }
}
