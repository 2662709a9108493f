package dev.prefilter.review.cli;

import dev.prefilter.engine.score.AllowList;
import dev.prefilter.review.AllowResult;
import dev.prefilter.review.ReviewError;
import dev.prefilter.review.ReviewException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "allow",
        mixinStandardHelpOptions = true,
        description = {
            "Allow-list an attachment by its SHA-256, for the recurring false positive (a company's own macro",
            "template). From the next scan on (the function reloads the list within a minute), findings on that",
            "attachment and inside it stay in the report as info, with this entry as evidence, and count for nothing.",
            "",
            "Senders are deliberately not offered: the From address of a mail is chosen by whoever sends it, so a",
            "sender allow-list would let any attacker through who writes a trusted name into it."
        },
        subcommands = {AllowCommand.ListEntries.class, AllowCommand.Remove.class})
final class AllowCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    QuarantineCommand root;

    @Option(names = "--sha256", description = "the attachment's SHA-256 (as show and the report print it)")
    String sha256;

    @Option(names = "--reason", description = "why (kept with the entry and in the audit trail)")
    String reason;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (sha256 == null || reason == null) {
            throw new ReviewException(
                    ReviewError.USAGE, "allow --sha256 H --reason TEXT (or: allow list, allow remove H --reason TEXT)");
        }
        AllowResult result = root.service().allow(sha256, reason, root.actor());
        PrintWriter out = spec.commandLine().getOut();
        if (result.changed()) {
            out.println("allow-listed " + result.entry().sha256() + " (" + Screen.text(reason, 300) + ")");
        } else {
            out.println("nothing to do: you allow-listed " + result.entry().sha256() + " at "
                    + result.entry().addedAt());
        }
        return 0;
    }

    static void print(List<AllowList.Entry> entries, PrintWriter out) {
        out.printf("%-64s  %-24s %-28s %s%n", "SHA-256", "ADDED (UTC)", "BY", "REASON");
        for (AllowList.Entry e : entries) {
            out.printf(
                    "%-64s  %-24s %s %s%n",
                    e.sha256(), e.addedAt(), Screen.cell(e.addedBy(), 28), Screen.text(e.reason(), 200));
        }
        out.printf("(%d entries)%n", entries.size());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The allow-list.")
    static final class ListEntries implements Callable<Integer> {
        @CommandLine.ParentCommand
        AllowCommand allow;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            print(allow.root.service().allowed(), spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Take a hash off the allow-list.")
    static final class Remove implements Callable<Integer> {
        @CommandLine.ParentCommand
        AllowCommand allow;

        @Parameters(paramLabel = "SHA256")
        String sha256;

        @Option(names = "--reason", required = true, description = "why (kept in the audit trail)")
        String reason;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            AllowResult result = allow.root.service().disallow(sha256, reason, allow.root.actor());
            spec.commandLine()
                    .getOut()
                    .println("removed " + result.entry().sha256() + " from the allow-list (added by "
                            + Screen.text(result.entry().addedBy(), 200) + " at "
                            + result.entry().addedAt() + ")");
            return 0;
        }
    }
}
