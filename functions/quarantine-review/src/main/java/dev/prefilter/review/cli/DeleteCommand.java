package dev.prefilter.review.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = {
            "Delete a quarantined mail: the record moves to deleted and the mail is tagged prefilter-review=deleted",
            "(it stays held). Report and samples are kept; the mail's version is removed only with --purge."
        })
final class DeleteCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    QuarantineCommand root;

    @Parameters(paramLabel = "ID", description = "record id, or its first 6+ hex digits")
    String id;

    @Option(names = "--reason", required = true, description = "why (kept in the audit trail)")
    String reason;

    @Option(names = "--purge", description = "also remove the mail's version from the bucket (cannot be undone)")
    boolean purge;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ActionPrinter.print(
                root.service().delete(id, reason, root.actor(), purge),
                spec.commandLine().getOut());
        return 0;
    }
}
