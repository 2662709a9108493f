package dev.prefilter.review.cli;

import dev.prefilter.review.Ioc;
import dev.prefilter.review.IocFormats;
import dev.prefilter.review.ListQuery;
import dev.prefilter.review.ReviewError;
import dev.prefilter.review.ReviewException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "export-iocs",
        mixinStandardHelpOptions = true,
        description = {
            "Indicators of the selected records (ids, or the same filters as list): flagged attachments' SHA-256,",
            "URLs, domains and IP addresses the analyzers named, shortcut tracker machine ids and MAC addresses.",
            "As CSV, JSON, or a STIX 2.1 bundle of indicators (machine ids as notes)."
        })
final class ExportIocsCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    QuarantineCommand root;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "record ids; none: every record the filters select")
    List<String> ids = List.of();

    @Option(
            names = "--state",
            defaultValue = "all",
            description = "held, released, deleted or all (default ${DEFAULT-VALUE})")
    ListCommand.StateFilter state;

    @Option(names = "--verdict", description = "suspicious or malicious")
    String verdict;

    @Option(names = "--since", converter = Dates.class, description = "2026-11-26, 2026-11-26T09:30:00Z, 7d or 12h")
    Instant since;

    @Option(names = "--format", defaultValue = "csv", description = "csv, json or stix (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Ioc> iocs = ids.isEmpty()
                ? root.service().iocs(new ListQuery(ListCommand.states(state), verdict, since, null, null, null, 0))
                : root.service().iocs(ids);
        String text = switch (format) {
            case "csv" -> IocFormats.csv(iocs);
            case "json" -> IocFormats.json(iocs, Instant.now());
            case "stix" -> IocFormats.stix(iocs, Instant.now());
            default -> throw new ReviewException(ReviewError.USAGE, "--format is csv, json or stix");
        };
        if (output != null) {
            Files.writeString(output, text, StandardCharsets.UTF_8);
            spec.commandLine().getErr().println("wrote " + iocs.size() + " indicators to " + output);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
