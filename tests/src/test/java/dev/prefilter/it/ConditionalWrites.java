package dev.prefilter.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Whether a server lets exactly one of several racing create-only ({@code If-None-Match: *}) writes through. */
final class ConditionalWrites {

    private ConditionalWrites() {}

    static boolean atomic(S3Client s3, String bucket) throws Exception {
        int writers = 8;
        for (int round = 0; round < 5; round++) {
            String key = "conditional-write-probe/" + System.nanoTime();
            CyclicBarrier together = new CyclicBarrier(writers);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
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
                if (created != 1) {
                    return false;
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return true;
    }
}
