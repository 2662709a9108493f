package dev.prefilter.local.env;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An S3 endpoint and an SQS endpoint: S3Mock and ElasticMQ on loopback, or servers someone else
 * runs (LocalStack in a container). Closing stops what this object started.
 */
public final class LocalServers implements AutoCloseable {

    private final URI s3;
    private final URI sqs;
    private final String description;
    private final AutoCloseable[] owned;

    private LocalServers(URI s3, URI sqs, String description, AutoCloseable... owned) {
        this.s3 = s3;
        this.sqs = sqs;
        this.description = description;
        this.owned = owned;
    }

    /**
     * S3Mock behind an {@link S3WriteGate} (so that conditional writes are atomic per key, as on S3)
     * and ElasticMQ; {@link #s3()} is the gate.
     */
    public static LocalServers startLoopback(Path workDir) throws IOException {
        S3MockProcess s3 = S3MockProcess.start(S3MockProcess.locateJar(), workDir, Duration.ofSeconds(180));
        try {
            S3WriteGate gate = S3WriteGate.start(s3.endpoint());
            ElasticMqServer sqs = ElasticMqServer.start();
            return new LocalServers(
                    gate.endpoint(),
                    sqs.endpoint(),
                    "S3Mock (child process " + s3.pid() + ") at " + s3.endpoint() + " behind its write gate at "
                            + gate.endpoint() + ", ElasticMQ (in this JVM) at " + sqs.endpoint(),
                    sqs,
                    gate,
                    s3);
        } catch (IOException | RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    public static LocalServers external(URI s3, URI sqs, String description) {
        return new LocalServers(s3, sqs, description);
    }

    public URI s3() {
        return s3;
    }

    public URI sqs() {
        return sqs;
    }

    public String description() {
        return description;
    }

    /** Stops every server this object started, each even when stopping another failed (no orphaned child process). */
    @Override
    public void close() {
        IllegalStateException failure = null;
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not stop a local server", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
