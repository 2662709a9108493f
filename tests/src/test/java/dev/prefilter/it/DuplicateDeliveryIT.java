package dev.prefilter.it;

import dev.prefilter.it.support.SharedServers;
import dev.prefilter.local.env.LocalServers;

/** {@link DuplicateDeliveryFlows} on S3Mock and ElasticMQ, on loopback. */
class DuplicateDeliveryIT extends DuplicateDeliveryFlows {

    @Override
    protected LocalServers servers() {
        return SharedServers.loopback();
    }
}
