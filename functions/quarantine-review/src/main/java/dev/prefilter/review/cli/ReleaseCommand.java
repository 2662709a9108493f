package dev.prefilter.review.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "release",
        mixinStandardHelpOptions = true,
        description = {
            "Release a held mail: the record moves to released, the mail is tagged prefilter-review=released (the",
            "bucket policy stops holding it), and one message goes to the release queue for delivery.",
            "Run it again after a failure: it finishes what the first run started and releases nothing twice."
        })
final class ReleaseCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    QuarantineCommand root;

    @Parameters(paramLabel = "ID", description = "record id, or its first 6+ hex digits as list shows")
    String id;

    @Option(names = "--reason", required = true, description = "why (kept in the audit trail)")
    String reason;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ActionPrinter.print(
                root.service().release(id, reason, root.actor()),
                spec.commandLine().getOut());
        return 0;
    }
}
