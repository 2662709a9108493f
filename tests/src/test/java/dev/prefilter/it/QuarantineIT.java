package dev.prefilter.it;

import dev.prefilter.it.support.SharedServers;
import dev.prefilter.local.env.LocalServers;

/** {@link QuarantineFlows} on S3Mock (behind its write gate) and ElasticMQ, on loopback. */
class QuarantineIT extends QuarantineFlows {

    @Override
    protected LocalServers servers() {
        return SharedServers.loopback();
    }
}
