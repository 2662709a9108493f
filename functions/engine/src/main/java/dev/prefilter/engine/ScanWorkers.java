package dev.prefilter.engine;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that run scans: daemon threads (a stuck parser never keeps a CLI from exiting) with a
 * large stack (deeply nested documents recurse in third-party parsers), created on demand.
 */
final class ScanWorkers {

    private static final long STACK_BYTES = 16L << 20;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(null, task, "prefilter-scan-" + COUNTER.incrementAndGet(), STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    });

    private ScanWorkers() {}

    static <T> Future<T> submit(Callable<T> task) {
        return POOL.submit(task);
    }

    /** How long past its budget a scan may take to wind down by itself: 10 %, between 2 and 10 seconds. */
    static Duration grace(Duration budget) {
        long tenth = budget.toMillis() / 10;
        return Duration.ofMillis(Math.max(2_000, Math.min(10_000, tenth)));
    }
}
