package dev.prefilter.it;

import dev.prefilter.it.support.SharedServers;
import dev.prefilter.local.env.LocalServers;

/** {@link FaultInjectionFlows} on S3Mock and ElasticMQ, on loopback. */
class FaultInjectionIT extends FaultInjectionFlows {

    @Override
    protected LocalServers servers() {
        return SharedServers.loopback();
    }
}
