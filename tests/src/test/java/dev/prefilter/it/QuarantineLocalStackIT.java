package dev.prefilter.it;

import dev.prefilter.it.support.LocalStack;
import dev.prefilter.local.env.LocalServers;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

/** {@link QuarantineFlows} on LocalStack; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class QuarantineLocalStackIT extends QuarantineFlows {

    @Container
    static final LocalStackContainer LOCALSTACK = LocalStack.container();

    @Override
    protected LocalServers servers() {
        return LocalStack.servers(LOCALSTACK);
    }
}
