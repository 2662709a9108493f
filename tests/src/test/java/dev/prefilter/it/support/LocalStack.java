package dev.prefilter.it.support;

import dev.prefilter.local.env.LocalServers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack (S3 and SQS) for the LocalStack variants of the flows; they run only where a Docker engine is. */
public final class LocalStack {

    public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

    private LocalStack() {}

    public static LocalStackContainer container() {
        return new LocalStackContainer(IMAGE).withServices("s3", "sqs");
    }

    public static LocalServers servers(LocalStackContainer container) {
        return LocalServers.external(
                container.getEndpoint(), container.getEndpoint(), "LocalStack at " + container.getEndpoint());
    }
}
