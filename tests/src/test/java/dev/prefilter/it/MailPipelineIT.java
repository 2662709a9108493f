package dev.prefilter.it;

import dev.prefilter.it.support.SharedServers;
import dev.prefilter.local.env.LocalServers;

/** {@link MailPipelineFlows} on S3Mock and ElasticMQ, on loopback. */
class MailPipelineIT extends MailPipelineFlows {

    @Override
    protected LocalServers servers() {
        return SharedServers.loopback();
    }
}
