package dev.prefilter.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.local.env.LocalEventSource;
import dev.prefilter.local.env.MailDrop;
import dev.prefilter.local.mail.DemoMails;
import dev.prefilter.mailscan.LambdaConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The measurements: end-to-end latency per mail on the local pipeline, and the Lambda artifact's cold start. */
final class Benchmark {

    private final PrintStream out;
    private final LocalPipeline pipeline;
    private final MailDrop drop;
    private final LocalEventSource events;

    Benchmark(PrintStream out, LocalPipeline pipeline, MailDrop drop, LocalEventSource events) {
        this.out = out;
        this.pipeline = pipeline;
        this.drop = drop;
        this.events = events;
    }

    /**
     * One mail at a time, the four demo kinds in turn: from the start of the S3 upload, through the
     * notification on the intake queue, the receive and the invocation, to the handler's return
     * with tags, report and quarantine message written.
     */
    void latency(int count) {
        List<DemoMails.DemoMail> kinds = DemoMails.all("bench/");
        long[] millis = new long[count];
        for (int i = 0; i < count; i++) {
            DemoMails.DemoMail mail = kinds.get(i % kinds.size());
            String key = pipeline.resources().incomingPrefix() + "bench/" + i + "-"
                    + mail.key().substring("bench/".length());
            long start = System.nanoTime();
            drop.drop(key, mail.bytes());
            int delivered = 0;
            while (delivered == 0) {
                LocalEventSource.Poll poll = events.pollOnce(Duration.ofSeconds(1));
                if (poll.failed() > 0) {
                    throw new IllegalStateException("benchmark mail " + key + " failed");
                }
                delivered = poll.delivered();
            }
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        out.printf(
                "%nEnd-to-end latency over %d mails (upload, notification, receive, scan, tags, report, quarantine):%n",
                count);
        out.printf(
                "  median %d ms, p90 %d ms, p99 %d ms, max %d ms (first %d ms)%n",
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                sorted[sorted.length - 1],
                millis[0]);
    }

    /** Starts the Lambda artifact in new JVMs with the production constructor and times the first verdict. */
    void coldStart(int runs, Path workDir) throws IOException, InterruptedException {
        Path artifact =
                Path.of(System.getProperty("prefilter.lambda.jar", "../mail-scan/target/prefilter-mail-scan.jar"));
        Path probeClasses = Path.of(System.getProperty("prefilter.probe.classes", "target/classes"));
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException("the Lambda artifact is not at " + artifact.toAbsolutePath()
                    + "; build it with mvn -B -DskipTests package");
        }
        MailDrop.Dropped mail = drop.store(
                pipeline.resources().incomingPrefix() + "cold-start.eml", DemoMails.encryptedZipWithShortcut());
        Map<String, String> env = pipeline.resources().functionEnvironment();
        // the SDK's own service-specific endpoint variables: S3 and SQS are two servers here
        env.put("AWS_ENDPOINT_URL_S3", pipeline.servers().s3().toString());
        env.put("AWS_ENDPOINT_URL_SQS", pipeline.servers().sqs().toString());
        List<Long> totals = new ArrayList<>();
        out.printf(
                "%nCold start: new JVM (java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp %s) to first verdict, %d runs:%n",
                artifact.getFileName(), runs);
        for (int i = 0; i < runs; i++) {
            // each run reads the same mail version: delete the report so that the run scans instead of finding it done
            pipeline.s3()
                    .deleteObject(d -> d.bucket(pipeline.resources().bucket())
                            .key(LambdaConfig.fromEnvironment(
                                            pipeline.resources().functionEnvironment())
                                    .reportKey(mail.object())));
            ProcessBuilder pb = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Xshare:auto",
                    "-cp",
                    artifact.toAbsolutePath() + java.io.File.pathSeparator + probeClasses.toAbsolutePath(),
                    ColdStartProbe.class.getName(),
                    mail.object().bucket(),
                    mail.object().key(),
                    mail.object().versionId(),
                    Long.toString(mail.object().size()));
            pb.environment().putAll(env);
            pb.environment().put("AWS_REGION", "us-east-1");
            pb.environment().put("AWS_ACCESS_KEY_ID", "local");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "local");
            Path log = workDir.resolve("cold-start-" + i + ".log");
            Process p =
                    pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("cold-start probe failed; see " + log);
            }
            JsonNode result = null;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("{\"probe\"")) {
                    result = DemoMain.json(line.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (result == null) {
                throw new IllegalStateException("cold-start probe printed no result; see " + log);
            }
            totals.add(result.path("jvmToFirstVerdictMillis").asLong());
            out.printf(
                    "  run %d: JVM start to main %d ms, handler constructed (init) %d ms, first verdict %d ms, total %d ms%n",
                    i + 1,
                    result.path("jvmToMainMillis").asLong(),
                    result.path("initMillis").asLong(),
                    result.path("firstVerdictMillis").asLong(),
                    result.path("jvmToFirstVerdictMillis").asLong());
        }
        long[] sorted = totals.stream().mapToLong(Long::longValue).sorted().toArray();
        out.printf("  median new JVM to first verdict: %d ms%n", percentile(sorted, 50));
    }

    static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
