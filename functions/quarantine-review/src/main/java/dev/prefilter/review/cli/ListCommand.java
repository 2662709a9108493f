package dev.prefilter.review.cli;

import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.mailscan.quarantine.RecordState;
import dev.prefilter.mailscan.quarantine.RecordSummary;
import dev.prefilter.review.ListQuery;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description =
                "Quarantined mails, newest first: received, state, verdict, score, From, Subject, top reason, id.")
final class ListCommand implements Callable<Integer> {

    enum StateFilter {
        held,
        released,
        deleted,
        all
    }

    @CommandLine.ParentCommand
    QuarantineCommand root;

    @Option(
            names = "--state",
            defaultValue = "held",
            description = "held, released, deleted or all (default ${DEFAULT-VALUE})")
    StateFilter state;

    @Option(names = "--verdict", description = "suspicious, malicious, or clean (a re-scan dropped it to clean)")
    String verdict;

    @Option(names = "--since", converter = Dates.class, description = "2026-11-26, 2026-11-26T09:30:00Z, 7d or 12h")
    Instant since;

    @Option(names = "--from", description = "part of the From header, any case")
    String from;

    @Option(names = "--subject", description = "part of the subject, any case")
    String subject;

    @Option(names = "--sha256", description = "only mails with this flagged attachment")
    String sha256;

    @Option(names = "--limit", defaultValue = "50", description = "rows at most, 0 for all (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static List<RecordState> states(StateFilter filter) {
        return filter == StateFilter.all
                ? Arrays.asList(RecordState.values())
                : List.of(RecordState.parse(filter.name()));
    }

    @Override
    public Integer call() {
        ListQuery query = new ListQuery(states(state), verdict, since, from, subject, sha256, limit);
        List<RecordSummary> rows = root.service().list(query);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(ReportJson.pretty(rows));
            return 0;
        }
        print(rows, out);
        return 0;
    }

    static void print(List<RecordSummary> rows, PrintWriter out) {
        out.printf(
                "%-16s %-8s %-10s %5s  %-28s %-36s %-40s %s%n",
                "RECEIVED (UTC)", "STATE", "VERDICT", "SCORE", "FROM", "SUBJECT", "TOP REASON", "ID");
        for (RecordSummary r : rows) {
            out.printf(
                    "%-16s %-8s %-10s %5d  %s %s %s %s%n",
                    r.quarantinedAt().substring(0, 16).replace('T', ' '),
                    r.state(),
                    r.verdict(),
                    r.score(),
                    Screen.cell(r.from(), 28),
                    Screen.cell(r.subject(), 36),
                    Screen.cell(r.topReason(), 40),
                    r.id().substring(0, 12));
        }
        out.printf("(%d %s)%n", rows.size(), rows.size() == 1 ? "mail" : "mails");
    }
}
