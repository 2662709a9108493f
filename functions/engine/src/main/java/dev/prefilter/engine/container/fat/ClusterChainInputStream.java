package dev.prefilter.engine.container.fat;

import dev.prefilter.engine.container.io.BulkInputStream;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Streams up to {@code length} bytes along a cluster chain. A chain that ends early, reaches a
 * free or bad cluster, leaves the volume or comes back to a cluster it already passed stops the
 * stream; {@link #problem()} then says why.
 */
final class ClusterChainInputStream extends BulkInputStream {

    private final ByteSource source;
    private final FatBootSector boot;
    private final FatTable fat;
    private final Set<Long> seen = new HashSet<>();
    private long cluster;
    private int inCluster;
    private long remaining;
    private String problem;

    ClusterChainInputStream(ByteSource source, FatBootSector boot, FatTable fat, long firstCluster, long length) {
        this.source = source;
        this.boot = boot;
        this.fat = fat;
        this.cluster = firstCluster;
        this.remaining = length;
        if (length > 0 && !boot.validCluster(firstCluster)) {
            problem = "its first cluster " + firstCluster + " is not a data cluster";
            remaining = 0;
        } else {
            seen.add(firstCluster);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        try {
            if (inCluster == boot.clusterSize() && !advance()) {
                return -1;
            }
            int n = (int) Math.min(Math.min(length, remaining), boot.clusterSize() - inCluster);
            source.readFully(boot.clusterOffset(cluster) + inCluster, buffer, offset, n);
            inCluster += n;
            remaining -= n;
            return n;
        } catch (ContainerFormatException e) {
            stop(e.getMessage());
            return -1;
        }
    }

    private boolean advance() throws IOException, ContainerFormatException {
        long next = fat.next(cluster);
        if (next == FatTable.END) {
            stop("its cluster chain ends " + remaining + " bytes before its recorded size");
            return false;
        }
        if (next == FatTable.BROKEN) {
            stop("its cluster chain reaches a free, bad or out-of-range cluster after cluster " + cluster);
            return false;
        }
        if (!seen.add(next)) {
            stop("its cluster chain loops back to cluster " + next);
            return false;
        }
        cluster = next;
        inCluster = 0;
        return true;
    }

    private void stop(String why) {
        problem = why;
        remaining = 0;
    }

    /** Why the stream ended before its length, or null. */
    String problem() {
        return problem;
    }
}
