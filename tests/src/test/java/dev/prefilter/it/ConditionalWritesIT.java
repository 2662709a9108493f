package dev.prefilter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prefilter.it.support.SharedServers;
import dev.prefilter.local.env.LocalClients;
import dev.prefilter.mailscan.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The guarantee everything create-only rests on, held against the local S3 of the default run:
 * of eight writers racing to create the same key with {@code If-None-Match: *}, exactly one
 * succeeds and the others get 412 (or 409), round after round. S3 gives this by itself; S3Mock
 * gets it from the write gate in front of it.
 */
class ConditionalWritesIT {

    @Test
    void exactly_one_of_eight_racing_create_only_writes_succeeds() throws Exception {
        try (S3Client s3 = LocalClients.s3(SharedServers.loopback().s3(), AwsClients.httpClient())) {
            String bucket = "it-conditional-" + UUID.randomUUID().toString().substring(0, 8);
            s3.createBucket(b -> b.bucket(bucket));
            int writers = 8;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                for (int round = 0; round < 20; round++) {
                    String key = "race/" + round;
                    CyclicBarrier together = new CyclicBarrier(writers);
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (int i = 0; i < writers; i++) {
                        int n = i;
                        results.add(pool.submit(() -> {
                            together.await();
                            try {
                                s3.putObject(
                                        p -> p.bucket(bucket).key(key).ifNoneMatch("*"),
                                        RequestBody.fromString("writer " + n));
                                return true;
                            } catch (S3Exception e) {
                                if (e.statusCode() == 412 || e.statusCode() == 409) {
                                    return false;
                                }
                                throw e;
                            }
                        }));
                    }
                    int created = 0;
                    for (Future<Boolean> r : results) {
                        created += r.get() ? 1 : 0;
                    }
                    assertEquals(1, created, "round " + round);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
