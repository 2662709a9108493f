package dev.prefilter.it.support;

import dev.prefilter.local.env.LocalServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** One S3Mock and one ElasticMQ for the whole test JVM (S3Mock takes seconds to start); each test class makes its own bucket and queues. */
public final class SharedServers {

    private static LocalServers loopback;

    private SharedServers() {}

    public static synchronized LocalServers loopback() {
        if (loopback == null) {
            try {
                loopback = LocalServers.startLoopback(Path.of(System.getProperty("prefilter.it.workdir", "target/it")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalServers started = loopback;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return loopback;
    }
}
