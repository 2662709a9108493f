package dev.prefilter.review.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.review.RecordDetails;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "One quarantined mail's whole story: headers, verdict and why, the attachment tree with shortcut command",
            "lines, macro lines, the passwords that opened archives, indicators, and the state history."
        })
final class ShowCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    QuarantineCommand root;

    @Parameters(paramLabel = "ID", description = "record id, or its first 6+ hex digits")
    String id;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text, or json (the record's events and the report)")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RecordDetails details = root.service().show(id);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            ObjectNode doc = ReportJson.mapper().createObjectNode();
            doc.put("id", details.record().id());
            doc.put("state", details.record().state().label());
            doc.set("events", ReportJson.mapper().valueToTree(details.record().events()));
            doc.set("report", details.report());
            out.println(ReportJson.pretty(doc));
            return 0;
        }
        new StoryPrinter(out).print(details);
        return 0;
    }
}
