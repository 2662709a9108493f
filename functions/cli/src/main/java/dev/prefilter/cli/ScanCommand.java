package dev.prefilter.cli;

import dev.prefilter.engine.ScanEngine;
import dev.prefilter.engine.ScanRequest;
import dev.prefilter.engine.limits.ScanLimits;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import dev.prefilter.engine.report.ReportJson;
import dev.prefilter.engine.score.PolicyCheck;
import dev.prefilter.engine.score.ScoringPolicy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Scan .eml mails, bare attachments (scanned as a mail's single attachment) and folders (walked recursively).",
            "Nothing from an input is executed; temporary files are removed when each scan ends."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every input is clean",
            "1:the worst verdict is suspicious",
            "2:the worst verdict is malicious",
            "3:an input could not be read, or the scan failed to start",
            "64:wrong options or arguments"
        })
final class ScanCommand implements Callable<Integer> {

    enum Format {
        text,
        json,
        jsonl
    }

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description =
                    "text (a readable tree), json (one document, an array for several inputs) or jsonl (one report per line). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--policy", paramLabel = "FILE", description = "scoring policy file laid over the built-in default")
    Path policyFile;

    @Option(
            names = "--password",
            paramLabel = "P",
            description = "extra password to try on encrypted archives and documents (repeatable)")
    List<String> passwords = new ArrayList<>();

    @Option(
            names = "--time-budget",
            paramLabel = "SECONDS",
            description = "time budget per input (default: ${DEFAULT-VALUE})",
            defaultValue = "60")
    double timeBudgetSeconds;

    @Option(
            names = "--color",
            paramLabel = "WHEN",
            defaultValue = "auto",
            description = "auto, always or never (NO_COLOR is honoured)")
    String color;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "files or folders to scan")
    List<Path> paths;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScanEngine engine;
        try {
            engine = ScanEngine.builder()
                    .policy(policyFile == null ? ScoringPolicy.defaults() : ScoringPolicy.withOverrides(policyFile))
                    .limits(ScanLimits.DEFAULTS.withTimeBudget(Duration.ofMillis(Math.round(timeBudgetSeconds * 1000))))
                    .build();
        } catch (IllegalArgumentException e) {
            err.println("prefilter: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        PolicyCheck.warnings(engine.policy()).forEach(w -> err.println("prefilter: warning: policy " + w));
        List<String> problems = new ArrayList<>();
        List<InputFiles.Input> inputs = InputFiles.expand(paths, problems);
        problems.forEach(p -> err.println("prefilter: " + Terminal.escape(p)));

        boolean colour = Terminal.colour(color);
        Progress progress = Progress.forInputs(inputs.size(), err);
        List<Report> forJson = new ArrayList<>();
        Verdict worst = Verdict.CLEAN;
        TextReport text = new TextReport(colour);
        for (int i = 0; i < inputs.size(); i++) {
            InputFiles.Input input = inputs.get(i);
            progress.update(i, input.label());
            Report report = engine.scan(request(input));
            worst = worst.atLeast(report.verdict());
            switch (format) {
                case jsonl -> out.println(ReportJson.compact(report));
                case json -> forJson.add(report);
                case text -> text.render(report, out);
            }
            out.flush();
        }
        progress.done();
        if (format == Format.json) {
            out.println(ReportJson.pretty(forJson.size() == 1 ? forJson.get(0) : forJson));
        }
        out.flush();
        if (!problems.isEmpty()) {
            return ExitCodes.ERROR;
        }
        return ExitCodes.of(worst);
    }

    private ScanRequest request(InputFiles.Input input) {
        String name = input.path().getFileName().toString();
        boolean mail = name.toLowerCase(Locale.ROOT).endsWith(".eml");
        ScanRequest.Source source = () -> Files.newInputStream(input.path());
        ScanRequest request =
                mail ? ScanRequest.mail(input.label(), name, source) : ScanRequest.file(input.label(), name, source);
        return request.withPasswords(passwords);
    }
}
