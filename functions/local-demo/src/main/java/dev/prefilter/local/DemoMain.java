package dev.prefilter.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.local.env.LocalEventSource;
import dev.prefilter.local.env.LocalServers;
import dev.prefilter.local.env.MailDrop;
import dev.prefilter.local.mail.DemoMails;
import dev.prefilter.mailscan.SqsMailScanHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./prefilter demo [--keep] [--bench N] [--cold-start N] [--workdir DIR]}: the serverless
 * pipeline on this machine, no Docker, no AWS account. Prints the verdict table (read back from
 * the mails' S3 tags) and the quarantine queue; exits 1 if any demo mail missed its verdict.
 */
public final class DemoMain {

    private final PrintStream out;
    private final Path workDir;

    private DemoMain(PrintStream out, Path workDir) {
        this.out = out;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        boolean keep = false;
        int bench = 0;
        int coldStarts = 0;
        Path workDir = Path.of(System.getProperty("prefilter.demo.workdir", "target/demo"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keep" -> keep = true;
                case "--bench" -> bench = Integer.parseInt(args[++i]);
                case "--cold-start" -> coldStarts = Integer.parseInt(args[++i]);
                case "--workdir" -> workDir = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: prefilter demo [--keep] [--bench N] [--cold-start N] [--workdir DIR]");
                    return;
                }
                default -> {
                    System.err.println("prefilter demo: unknown option " + args[i]);
                    System.exit(64);
                }
            }
        }
        System.exit(new DemoMain(System.out, workDir).run(keep, bench, coldStarts));
    }

    private int run(boolean keep, int bench, int coldStarts) throws Exception {
        Files.createDirectories(workDir);
        Path functionLog = workDir.resolve("function.log");
        Path metricsLog = workDir.resolve("metrics.log");
        out.println("Starting local S3 (S3Mock, a child process) and SQS (ElasticMQ, in this JVM) on loopback...");
        long t0 = System.nanoTime();
        LocalServers servers = LocalServers.startLoopback(workDir);
        LocalPipeline pipeline = LocalPipeline.create(servers, "prefilter-local", Duration.ofSeconds(2), 3);
        try (PrintWriter log = appender(functionLog);
                PrintWriter metrics = appender(metricsLog)) {
            out.printf("  %s%n  ready in %.1f s%n", servers.description(), (System.nanoTime() - t0) / 1e9);
            var r = pipeline.resources();
            out.printf(
                    "Created as template.yaml declares them: bucket %s (versioned), intake queue + DLQ, quarantine FIFO queue + DLQ%n",
                    r.bucket());

            long initStart = System.nanoTime();
            SqsMailScanHandler handler = new SqsMailScanHandler(pipeline.service(
                    pipeline.s3(), pipeline.sqs(), Map.of(), line -> log.println(line), line -> metrics.println(line)));
            out.printf(
                    "Handler initialised in %d ms (engine, clients, warm-up scan); its JSON log: %s%n%n",
                    (System.nanoTime() - initStart) / 1_000_000, functionLog);
            LocalEventSource events = pipeline.eventSource(handler, Duration.ofSeconds(60), 5);
            MailDrop drop = pipeline.mailDrop();

            List<DemoMails.DemoMail> mails = DemoMails.all(r.incomingPrefix());
            List<MailDrop.Dropped> dropped = new ArrayList<>();
            for (DemoMails.DemoMail mail : mails) {
                dropped.add(drop.drop(mail.key(), mail.bytes()));
            }
            out.printf(
                    "Stored %d mails under s3://%s/%s and sent their S3 notifications to the intake queue; delivering...%n%n",
                    mails.size(), r.bucket(), r.incomingPrefix());
            events.drain(Duration.ofSeconds(120));
            boolean ok = new DemoOutput(out, pipeline).verdictTable(mails);
            new DemoOutput(out, pipeline).quarantine();

            if (bench > 0) {
                new Benchmark(out, pipeline, drop, events).latency(bench);
            }
            if (coldStarts > 0) {
                new Benchmark(out, pipeline, drop, events).coldStart(coldStarts, workDir);
            }
            if (keep) {
                keepRunning(pipeline, dropped);
            }
            return ok ? 0 : 1;
        } finally {
            pipeline.close();
            servers.close();
        }
    }

    private void keepRunning(LocalPipeline pipeline, List<MailDrop.Dropped> dropped) throws InterruptedException {
        var r = pipeline.resources();
        try {
            new DemoOutput(out, pipeline).quarantineCommands(dropped, workDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.printf("%nServers keep running (Ctrl-C to stop). Endpoints for the AWS CLI or the review tool:%n");
        out.printf("  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1%n");
        out.printf("  S3:  %s   bucket %s%n", pipeline.servers().s3(), r.bucket());
        out.printf("  SQS: %s%n", pipeline.servers().sqs());
        out.printf(
                "       quarantine %s%n       quarantine DLQ %s%n       intake %s%n       intake DLQ %s%n",
                r.quarantineQueueUrl(), r.quarantineDlqUrl(), r.intakeQueueUrl(), r.intakeDlqUrl());
        out.printf(
                "  aws --endpoint-url %s s3 ls s3://%s --recursive%n",
                pipeline.servers().s3(), r.bucket());
        out.printf(
                "  aws --endpoint-url %s sqs receive-message --queue-url %s --message-attribute-names All%n",
                pipeline.servers().sqs(), r.quarantineQueueUrl());
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            pipeline.servers().close();
        }));
        stop.await();
    }

    private static PrintWriter appender(Path file) throws IOException {
        return new PrintWriter(
                Files.newBufferedWriter(
                        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                true);
    }

    static Verdict verdictOf(JsonNode report) {
        return Verdict.parse(report.path("verdict").asText());
    }

    static JsonNode json(byte[] bytes) throws IOException {
        return ReportJson.mapper().readTree(bytes);
    }

    static <T> List<T> list(Iterable<T> items) {
        List<T> all = new ArrayList<>();
        items.forEach(all::add);
        return all;
    }
}
