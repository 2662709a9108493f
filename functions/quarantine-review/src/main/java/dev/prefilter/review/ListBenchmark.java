package dev.prefilter.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.mailscan.S3OutputStore;
import dev.prefilter.mailscan.quarantine.QuarantineKeys;
import dev.prefilter.mailscan.quarantine.QuarantineRecords;
import dev.prefilter.mailscan.quarantine.RecordEvent;
import dev.prefilter.mailscan.quarantine.RecordState;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Measures {@code list} over many held records: a bucket of its own on the given (local) S3,
 * filled with records exactly as the function writes them (create-only first event, index entry,
 * by-sha256 entry), then each listing timed over several rounds. A benchmark, not a test.
 */
public final class ListBenchmark {

    private final S3Client s3;
    private final SqsClient sqs;
    private final PrintWriter out;

    public ListBenchmark(S3Client s3, SqsClient sqs, PrintWriter out) {
        this.s3 = s3;
        this.sqs = sqs;
        this.out = out;
    }

    public void run(int records, int rounds) throws Exception {
        String bucket = "prefilter-bench-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
        ReviewConfig config = ReviewConfig.local(bucket, null, null, null);
        QuarantineRecords writer =
                new QuarantineRecords(new S3OutputStore(s3), bucket, new QuarantineKeys(config.outputPrefix()));
        long start = System.nanoTime();
        fill(writer, bucket, records);
        out.printf(
                "wrote %d held records (event, index entry, by-sha256 entry each) into s3://%s in %.1f s%n",
                records, bucket, (System.nanoTime() - start) / 1e9);
        try (QuarantineService service = new QuarantineService(config, s3, sqs, Clock.systemUTC())) {
            measure(
                    "list (newest 50, the default)",
                    rounds,
                    () -> service.list(new ListQuery(List.of(RecordState.HELD), null, null, null, null, null, 50))
                            .size());
            measure(
                    "list --since 7d (the newest 50 of them)",
                    rounds,
                    () -> service.list(new ListQuery(
                                    List.of(RecordState.HELD),
                                    null,
                                    Instant.now().minus(Duration.ofDays(7)),
                                    null,
                                    null,
                                    null,
                                    50))
                            .size());
            measure(
                    "list --limit 0 (all " + records + " rows)",
                    3,
                    () -> service.list(new ListQuery(List.of(RecordState.HELD), null, null, null, null, null, 0))
                            .size());
        }
    }

    private void fill(QuarantineRecords writer, String bucket, int records) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Random random = new Random(42);
            Instant now = Instant.now();
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                String id = sha(random);
                String sha = sha(random);
                Instant at = now.minus(Duration.ofMinutes(random.nextInt(30 * 24 * 60)));
                int n = i;
                writes.add(pool.submit(() -> {
                    RecordEvent first = event(bucket, id, sha, at, n);
                    writer.recordScan(id, first).record().ifPresent(writer::index);
                    return null;
                }));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static RecordEvent event(String bucket, String id, String sha, Instant at, int n) {
        ObjectNode message = ReportJson.mapper().createObjectNode();
        message.put("schema", "prefilter.quarantine/1").put("scanId", id).put("verdict", "suspicious");
        message.put("score", 40).put("policy", "default-1@000000000000").put("scannedAt", at.toString());
        message.putArray("reasons")
                .addObject()
                .put("code", "type.shortcut")
                .put("path", "mail-" + n + ".eml > documents.zip > Invoice.pdf.lnk")
                .put("severity", "high")
                .put("verdict", "suspicious")
                .put("weight", 40);
        ObjectNode mail = message.putObject("mail");
        mail.put("from", "Shipping " + n + " <noreply" + n + "@example.net>");
        mail.putArray("to").add("buyer@example.org");
        mail.put("subject", "Your documents " + n).put("messageId", "<" + n + "@example.net>");
        message.putObject("object")
                .put("bucket", bucket)
                .put("key", "incoming/bench/" + n + ".eml")
                .put("versionId", "v" + n)
                .put("size", 20_000);
        message.putObject("report").put("bucket", bucket).put("key", "prefilter/reports/" + id + "/x.json");
        message.putArray("attachments")
                .addObject()
                .put("name", "Invoice.pdf.lnk")
                .put("path", "mail-" + n + ".eml > documents.zip > Invoice.pdf.lnk")
                .put("sha256", sha);
        return new RecordEvent(
                0,
                null,
                at.toString(),
                "benchmark",
                null,
                null,
                null,
                null,
                "suspicious",
                40,
                id,
                "default-1@000000000000",
                "prefilter-engine/0.1",
                "prefilter/reports/" + id + "/x.json",
                null,
                message);
    }

    private void measure(String what, int rounds, Supplier<Integer> list) {
        int rows = list.get(); // warm-up: class loading, connections
        long[] millis = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            rows = list.get();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        out.printf(
                Locale.ROOT,
                "  %-52s %4d rows  median %5d ms  p90 %5d ms  (%d rounds)%n",
                what,
                rows,
                millis[rounds / 2],
                millis[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.9) - 1)],
                rounds);
        out.flush();
    }

    private static String sha(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
