package dev.prefilter.review.cli;

import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.review.AuditLog;
import dev.prefilter.review.AuditRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "The audit trail, oldest first: every release, delete, rescan and allow-list change, with who, when,",
            "why, and the state and verdict before and after. Here --actor filters by who acted."
        })
final class AuditCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    QuarantineCommand root;

    @Option(names = "--since", converter = Dates.class, description = "2026-11-26, 2026-11-26T09:30:00Z, 7d or 12h")
    Instant since;

    @Option(names = "--id", description = "one record (its full id or first digits) or allow-listed hash")
    String id;

    @Option(names = "--limit", defaultValue = "0", description = "entries at most, 0 for all")
    int limit;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<AuditRecord> entries = root.service()
                .audit(new AuditLog.Query(since, root.actor, id == null ? null : id.toLowerCase(), limit));
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(ReportJson.pretty(entries));
            return 0;
        }
        out.printf("%-24s %-14s %-28s %-12s %-22s %s%n", "AT (UTC)", "ACTION", "ACTOR", "SUBJECT", "CHANGE", "REASON");
        for (AuditRecord a : entries) {
            String change = a.stateBefore() == null
                    ? "-"
                    : a.stateBefore() + "->" + a.stateAfter() + " " + a.verdictBefore() + "->" + a.verdictAfter();
            out.printf(
                    "%-24s %-14s %s %-12s %-22s %s%n",
                    a.at(),
                    a.action(),
                    Screen.cell(a.actor(), 28),
                    a.subject().length() > 12 ? a.subject().substring(0, 12) : a.subject(),
                    change,
                    Screen.text(a.reason(), 300));
        }
        out.printf("(%d entries)%n", entries.size());
        return 0;
    }
}
