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

    public static LocalServers startLoopback(Path workDir) throws IOException {
        S3MockProcess s3 = S3MockProcess.start(S3MockProcess.locateJar(), workDir, Duration.ofSeconds(180));
        try {
            ElasticMqServer sqs = ElasticMqServer.start();
            return new LocalServers(
                    s3.endpoint(),
                    sqs.endpoint(),
                    "S3Mock (child process " + s3.pid() + ") at " + s3.endpoint() + ", ElasticMQ (in this JVM) at "
                            + sqs.endpoint(),
                    sqs,
                    s3);
        } catch (RuntimeException e) {
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

    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop a local server", e);
            }
        }
    }
}
