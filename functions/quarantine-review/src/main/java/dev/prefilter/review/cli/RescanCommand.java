package dev.prefilter.review.cli;

import dev.prefilter.review.QuarantineService;
import dev.prefilter.review.RescanResult;
import dev.prefilter.review.ReviewError;
import dev.prefilter.review.ReviewException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "rescan",
        mixinStandardHelpOptions = true,
        description = {
            "Scan quarantined mails again, here, with the function's own code, under the stack's policy (--stack),",
            "the built-in one, or --policy FILE. A new policy or engine writes a new report beside the old one and",
            "adds a 'rescanned' event to the record; a verdict that rises is announced on the quarantine queue, one",
            "that drops to clean is noted in the record (the mail stays held until released).",
            "--prefix P --batch creates one S3 Batch Operations job that re-scans every mail under P in the",
            "function instead (AWS only; needs --stack)."
        })
final class RescanCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    QuarantineCommand root;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "record ids (or their first 6+ hex digits)")
    List<String> ids = List.of();

    @Option(names = "--held", description = "every held mail")
    boolean held;

    @Option(names = "--since", converter = Dates.class, description = "with --held or --batch: received since")
    Instant since;

    @Option(names = "--prefix", description = "with --batch: the key prefix of the mails (e.g. incoming/)")
    String prefix;

    @Option(names = "--batch", description = "create an S3 Batch Operations job over --prefix (AWS only)")
    boolean batch;

    @Option(names = "--policy", paramLabel = "FILE", description = "scoring-policy file laid over the built-in policy")
    Path policy;

    @Option(names = "--reason", required = true, description = "why (kept in the audit trail)")
    String reason;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (batch) {
            if (prefix == null || !ids.isEmpty() || held) {
                throw new ReviewException(
                        ReviewError.USAGE, "--batch takes --prefix P (and --since), no ids, no --held");
            }
            QuarantineService service = root.service(policy);
            String job = service.rescanBatch(
                    prefix,
                    since,
                    reason,
                    root.actor(),
                    root.clients().accountId(),
                    root.clients().s3Control());
            out.println("created S3 Batch Operations job " + job + " over " + Screen.text(prefix, 200)
                    + "; follow it with: aws s3control describe-job --account-id <account> --job-id " + job);
            return 0;
        }
        if (held == !ids.isEmpty()) {
            throw new ReviewException(ReviewError.USAGE, "give record ids, or --held (optionally with --since)");
        }
        QuarantineService service = root.service(policy);
        String actor = root.actor();
        out.println("re-scanning under policy " + service.rescanPolicy());
        List<RescanResult> results =
                held ? service.rescanHeld(since, reason, actor) : service.rescan(ids, reason, actor);
        for (RescanResult r : results) {
            out.printf(
                    "%s  %-9s %s -> %s (score %d)%s%n",
                    r.id().substring(0, 12),
                    r.status(),
                    r.verdictBefore(),
                    r.verdictAfter() == null ? "-" : r.verdictAfter(),
                    r.score(),
                    r.announced()
                            ? "  announced: the verdict rose"
                            : ("clean".equals(r.verdictAfter()) && !"clean".equals(r.verdictBefore())
                                    ? "  dropped to clean: still held until released"
                                    : ""));
        }
        out.printf("(%d re-scanned)%n", results.size());
        return 0;
    }
}
