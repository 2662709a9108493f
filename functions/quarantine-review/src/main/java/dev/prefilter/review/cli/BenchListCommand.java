package dev.prefilter.review.cli;

import dev.prefilter.review.ListBenchmark;
import dev.prefilter.review.ReviewError;
import dev.prefilter.review.ReviewException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench-list",
        mixinStandardHelpOptions = true,
        description = {
            "Measure list over many held records on local servers (./prefilter demo --keep): creates a bucket of",
            "its own, writes the records as the function does, and times each kind of listing. Local servers only."
        })
final class BenchListCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    QuarantineCommand root;

    @Option(
            names = "--records",
            defaultValue = "2000",
            description = "held records to write (default ${DEFAULT-VALUE})")
    int records;

    @Option(
            names = "--rounds",
            defaultValue = "20",
            description = "timed rounds per listing (default ${DEFAULT-VALUE})")
    int rounds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!root.local()) {
            throw new ReviewException(
                    ReviewError.USAGE, "bench-list writes a bucket of test data: give the local S3 endpoint");
        }
        new ListBenchmark(
                        root.clients().s3(),
                        root.clients().sqs(),
                        spec.commandLine().getOut())
                .run(records, rounds);
        return 0;
    }
}
