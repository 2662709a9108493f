package dev.prefilter.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.local.mail.DemoMails;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.model.Message;

/** Reads the pipeline's outputs back from the local servers and prints them. */
final class DemoOutput {

    private final PrintStream out;
    private final LocalPipeline pipeline;

    DemoOutput(PrintStream out, LocalPipeline pipeline) {
        this.out = out;
        this.pipeline = pipeline;
    }

    /** One row per mail from its S3 tags and report; true when every mail reached at least its expected verdict. */
    boolean verdictTable(List<DemoMails.DemoMail> mails) {
        String bucket = pipeline.resources().bucket();
        out.printf("%-11s %5s  %-40s %s%n", "VERDICT", "SCORE", "MAIL (s3 key)", "TOP REASON");
        boolean ok = true;
        for (DemoMails.DemoMail mail : mails) {
            Map<String, String> tags =
                    pipeline.s3().getObjectTagging(t -> t.bucket(bucket).key(mail.key())).tagSet().stream()
                            .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
            String verdict = tags.getOrDefault("prefilter-verdict", "(none)");
            String reason = topReason(bucket, mail.key());
            out.printf("%-11s %5s  %-40s %s%n", verdict, tags.getOrDefault("prefilter-score", "-"), mail.key(), reason);
            boolean reached = !verdict.equals("(none)")
                    && Verdict.parse(verdict).ordinal()
                            >= Verdict.parse(mail.expectedAtLeast()).ordinal();
            if (!reached) {
                out.printf("  !! expected at least %s for %s%n", mail.expectedAtLeast(), mail.description());
                ok = false;
            }
        }
        out.println();
        return ok;
    }

    private String topReason(String bucket, String key) {
        var object = pipeline.s3().headObject(h -> h.bucket(bucket).key(key));
        var ref = new dev.prefilter.mailscan.S3ObjectRef(bucket, key, object.versionId(), object.contentLength());
        try {
            JsonNode report = DemoMain.json(pipeline.s3()
                    .getObjectAsBytes(g -> g.bucket(bucket)
                            .key(dev.prefilter.mailscan.LambdaConfig.fromEnvironment(
                                            pipeline.resources().functionEnvironment())
                                    .reportKey(ref)))
                    .asByteArray());
            JsonNode first = report.path("reasons").path(0);
            return first.isMissingNode()
                    ? "-"
                    : first.path("code").asText() + " @ " + first.path("path").asText();
        } catch (NoSuchKeyException e) {
            return "(no report)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every message on the quarantine queue, left visible for the next reader. */
    void quarantine() {
        var r = pipeline.resources();
        Set<String> seen = new HashSet<>();
        out.printf("Quarantine queue %s:%n", r.quarantineQueueUrl());
        for (int round = 0; round < 5; round++) {
            List<Message> messages = pipeline.sqs()
                    .receiveMessage(m -> m.queueUrl(r.quarantineQueueUrl())
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(0)
                            .messageAttributeNames("All"))
                    .messages();
            for (Message m : messages) {
                if (seen.contains(m.messageId())) {
                    continue;
                }
                seen.add(m.messageId());
                try {
                    JsonNode body = DemoMain.json(m.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.printf(
                            "- %s (score %s, attributes verdict=%s score=%s): \"%s\" from %s%n",
                            body.path("verdict").asText(),
                            body.path("score").asText(),
                            m.messageAttributes().get("verdict").stringValue(),
                            m.messageAttributes().get("score").stringValue(),
                            body.path("mail").path("subject").asText(),
                            body.path("mail").path("from").asText());
                    out.printf(
                            "    mail   s3://%s/%s (version %s)%n    report s3://%s/%s%n",
                            body.path("object").path("bucket").asText(),
                            body.path("object").path("key").asText(),
                            body.path("object").path("versionId").asText(),
                            body.path("report").path("bucket").asText(),
                            body.path("report").path("key").asText());
                    for (JsonNode reason : body.path("reasons")) {
                        out.printf(
                                "    reason %-32s %s%n",
                                reason.path("code").asText(),
                                reason.path("path").asText());
                    }
                    for (JsonNode a : body.path("attachments")) {
                        out.printf(
                                "    sample %s  %s  sha256 %s%n           -> s3://%s/%s%n",
                                a.path("path").asText(),
                                a.path("type").asText(),
                                a.path("sha256").asText(),
                                a.path("sample").path("bucket").asText(),
                                a.path("sample").path("key").asText());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (messages.stream().allMatch(m -> seen.contains(m.messageId())) && round > 0) {
                break;
            }
        }
        out.printf("(%d messages)%n", seen.size());
    }

    /** What to try with the administrators' tool against these servers, with the ids of the demo's own records. */
    void quarantineCommands(List<dev.prefilter.local.env.MailDrop.Dropped> dropped, java.nio.file.Path workDir)
            throws IOException {
        var r = pipeline.resources();
        var config = dev.prefilter.mailscan.LambdaConfig.fromEnvironment(r.functionEnvironment());
        var records = new dev.prefilter.mailscan.quarantine.QuarantineRecords(
                new dev.prefilter.mailscan.S3OutputStore(pipeline.s3()), r.bucket(), config.keys());
        List<dev.prefilter.mailscan.quarantine.QuarantineRecord> held = dropped.stream()
                .map(d -> records.find(d.object().mailId()))
                .flatMap(java.util.Optional::stream)
                .toList();
        out.printf("%nReview the quarantine in another terminal (./prefilter quarantine --help for everything):%n");
        out.printf("  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1%n");
        out.printf(
                "  export PREFILTER_S3_ENDPOINT_URL=%s PREFILTER_SQS_ENDPOINT_URL=%s%n",
                pipeline.servers().s3(), pipeline.servers().sqs());
        out.printf("  export PREFILTER_BUCKET=%s PREFILTER_ACTOR=you@example.org%n", r.bucket());
        out.printf(
                "  export PREFILTER_QUARANTINE_QUEUE_URL=%s PREFILTER_RELEASE_QUEUE_URL=%s%n",
                r.quarantineQueueUrl(), r.releaseQueueUrl());
        out.printf("  ./prefilter quarantine list%n");
        if (held.isEmpty()) {
            return;
        }
        String first = held.get(0).id().substring(0, 12);
        String last = held.get(held.size() - 1).id().substring(0, 12);
        out.printf("  ./prefilter quarantine show %s%n", first);
        out.printf("  ./prefilter quarantine release %s --reason \"checked with the sender by phone\"%n", first);
        out.printf("  ./prefilter quarantine delete %s --reason \"confirmed phishing\"%n", last);
        out.printf("  ./prefilter quarantine audit%n");
        held.get(0).summary().sha256().stream()
                .findFirst()
                .ifPresent(sha ->
                        out.printf("  ./prefilter quarantine allow --sha256 %s --reason \"our own template\"%n", sha));
        out.printf("  ./prefilter quarantine export-iocs --format stix%n");
        // a policy that no longer counts executables and name tricks: the statement mail drops to clean on re-scan
        java.nio.file.Path policy = workDir.resolve("lenient-policy.json").toAbsolutePath();
        java.nio.file.Files.writeString(
                policy,
                "{\"name\":\"lenient\",\"rules\":{\"type.executable\":{\"verdict\":\"clean\",\"weight\":0},"
                        + "\"name.*\":{\"verdict\":\"clean\",\"weight\":0}}}\n");
        out.printf("  ./prefilter quarantine rescan --held --reason \"trying a lenient policy\" --policy %s%n", policy);
        out.printf(
                "  aws --endpoint-url %s sqs receive-message --queue-url %s   # the release queue%n",
                pipeline.servers().sqs(), r.releaseQueueUrl());
    }
}
