package dev.prefilter.it;

import dev.prefilter.it.support.LocalStack;
import dev.prefilter.local.env.LocalServers;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

/** {@link MailPipelineFlows} on LocalStack; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class MailPipelineLocalStackIT extends MailPipelineFlows {

    @Container
    static final LocalStackContainer LOCALSTACK = LocalStack.container();

    @Override
    protected LocalServers servers() {
        return LocalStack.servers(LOCALSTACK);
    }
}
