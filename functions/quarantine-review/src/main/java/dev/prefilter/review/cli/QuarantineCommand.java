package dev.prefilter.review.cli;

import dev.prefilter.review.AwsFailures;
import dev.prefilter.review.QuarantineService;
import dev.prefilter.review.ReviewClients;
import dev.prefilter.review.ReviewConfig;
import dev.prefilter.review.ReviewError;
import dev.prefilter.review.ReviewException;
import dev.prefilter.review.StackOutputs;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code ./prefilter quarantine …}: the administrators' commands. Parsing and printing only; the work is {@link QuarantineService}'s. */
@Command(
        name = "prefilter quarantine",
        mixinStandardHelpOptions = true,
        description = {
            "Review the quarantine: list and show held mails, release or delete them with a reason, scan them again,",
            "allow-list attachments, export indicators, read the audit trail.",
            "",
            "Where the quarantine is: --stack NAME (the deployed template's outputs), or --bucket/--queue/--release-queue,",
            "or PREFILTER_STACK, PREFILTER_BUCKET, PREFILTER_QUARANTINE_QUEUE_URL, PREFILTER_RELEASE_QUEUE_URL,",
            "PREFILTER_OUTPUT_PREFIX, PREFILTER_AWS_ENDPOINT_URL (or PREFILTER_S3_ENDPOINT_URL and",
            "PREFILTER_SQS_ENDPOINT_URL), PREFILTER_ACTOR. Credentials and region: the standard AWS chains."
        },
        subcommands = {
            ListCommand.class,
            ShowCommand.class,
            ReleaseCommand.class,
            DeleteCommand.class,
            RescanCommand.class,
            AllowCommand.class,
            ExportIocsCommand.class,
            AuditCommand.class,
            BenchListCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (or nothing left to do)",
            "3:another failure (a service error, a broken record)",
            "10:unknown record id (or a prefix naming several)",
            "11:the action is not allowed from the record's state",
            "12:someone else made the change first (a lost race): who and when are printed",
            "13:access denied: the missing IAM action is printed",
            "14:an endpoint could not be reached",
            "64:wrong options or arguments"
        })
public final class QuarantineCommand implements Runnable {

    @Option(names = "--stack", scope = ScopeType.INHERIT, description = "CloudFormation stack to read the outputs of")
    String stack;

    @Option(names = "--bucket", scope = ScopeType.INHERIT, description = "output bucket (reports, records)")
    String bucket;

    @Option(names = "--output-prefix", scope = ScopeType.INHERIT, description = "output prefix (default prefilter/)")
    String prefix;

    @Option(
            names = "--queue",
            scope = ScopeType.INHERIT,
            description = "quarantine queue URL (re-scans announce on it)")
    String queue;

    @Option(names = "--release-queue", scope = ScopeType.INHERIT, description = "release queue URL")
    String releaseQueue;

    @Option(
            names = "--endpoint-url",
            scope = ScopeType.INHERIT,
            description = "one endpoint for S3 and SQS (LocalStack)")
    URI endpoint;

    @Option(
            names = "--s3-endpoint-url",
            scope = ScopeType.INHERIT,
            description = "the S3 endpoint, when S3 and SQS are two servers (./prefilter demo --keep)")
    URI s3Endpoint;

    @Option(names = "--sqs-endpoint-url", scope = ScopeType.INHERIT, description = "the SQS endpoint")
    URI sqsEndpoint;

    @Option(names = "--region", scope = ScopeType.INHERIT, description = "AWS region (default: the standard chain)")
    String region;

    @Option(
            names = "--actor",
            scope = ScopeType.INHERIT,
            description = "who acts, for the audit trail (default: the caller's ARN from STS GetCallerIdentity)")
    String actor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Map<String, String> env = System.getenv();
    private ReviewClients clients;
    private QuarantineService service;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(args, out, err, System.getenv()));
    }

    /** Runs one command line; {@code env} stands in for the process environment (tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        QuarantineCommand root = new QuarantineCommand();
        root.env = env;
        CommandLine line = new CommandLine(root);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Exception translated = e instanceof software.amazon.awssdk.core.exception.SdkException sdk
                    ? AwsFailures.translate(sdk)
                    : e;
            ReviewException failure = translated instanceof ReviewException r
                    ? r
                    : new ReviewException(
                            ReviewError.FAILED,
                            translated.getClass().getSimpleName() + ": " + translated.getMessage(),
                            translated);
            cmd.getErr().println("prefilter quarantine: " + Screen.text(failure.getMessage(), 2000));
            return failure.error().exitCode();
        });
        line.setExitCodeExceptionMapper(e -> ReviewError.USAGE.exitCode());
        line.getCommandSpec().exitCodeOnInvalidInput(ReviewError.USAGE.exitCode());
        try {
            return line.execute(args);
        } finally {
            root.close();
        }
    }

    private Optional<URI> endpoint(URI specific, String specificVariable) {
        return Optional.ofNullable(specific)
                .or(() -> variable(specificVariable))
                .or(() -> Optional.ofNullable(endpoint))
                .or(() -> variable("PREFILTER_AWS_ENDPOINT_URL"));
    }

    private Optional<URI> variable(String name) {
        return Optional.ofNullable(env.get(name)).filter(s -> !s.isBlank()).map(URI::create);
    }

    ReviewConfig config() {
        Optional<URI> endpointUri = endpoint(s3Endpoint, "PREFILTER_S3_ENDPOINT_URL");
        String stackName = stack != null ? stack : env.get("PREFILTER_STACK");
        if (stackName != null && !stackName.isBlank()) {
            return StackOutputs.read(clients().cloudFormation(), stackName, endpointUri);
        }
        return new ReviewConfig(
                first(bucket, env.get("PREFILTER_BUCKET")),
                first(prefix, env.get("PREFILTER_OUTPUT_PREFIX")),
                first(queue, env.get("PREFILTER_QUARANTINE_QUEUE_URL")),
                first(releaseQueue, env.get("PREFILTER_RELEASE_QUEUE_URL")),
                endpointUri,
                null,
                Optional.empty(),
                Optional.empty());
    }

    private static String first(String option, String variable) {
        return option != null ? option : (variable == null || variable.isBlank() ? null : variable);
    }

    /** Whether S3 is a local server (an endpoint on this machine), where bench-list may create a bucket. */
    boolean local() {
        return endpoint(s3Endpoint, "PREFILTER_S3_ENDPOINT_URL")
                .map(u -> "127.0.0.1".equals(u.getHost()) || "localhost".equals(u.getHost()))
                .orElse(false);
    }

    synchronized ReviewClients clients() {
        if (clients == null) {
            clients = new ReviewClients(
                    endpoint(s3Endpoint, "PREFILTER_S3_ENDPOINT_URL"),
                    endpoint(sqsEndpoint, "PREFILTER_SQS_ENDPOINT_URL"),
                    region);
        }
        return clients;
    }

    /** The service, with the policy file laid over the stack's (or the built-in) policy for re-scans. */
    synchronized QuarantineService service(Path policyFile) {
        if (service == null) {
            ReviewConfig config = config();
            if (policyFile != null) {
                try {
                    config = config.withPolicyJson(Files.readString(policyFile, StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new ReviewException(ReviewError.USAGE, "cannot read policy file " + policyFile + ": " + e);
                }
            }
            service = new QuarantineService(config, clients().s3(), clients().sqs(), Clock.systemUTC());
        }
        return service;
    }

    QuarantineService service() {
        return service(null);
    }

    String actor() {
        if (actor != null && !actor.isBlank()) {
            return actor.strip();
        }
        String variable = env.get("PREFILTER_ACTOR");
        if (variable != null && !variable.isBlank()) {
            return variable.strip();
        }
        try {
            return clients().callerArn();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new ReviewException(
                    ReviewError.USAGE,
                    "cannot tell who you are (STS GetCallerIdentity failed: " + e.getMessage() + "); give --actor NAME",
                    e);
        }
    }

    private void close() {
        if (service != null) {
            service.close();
        }
        if (clients != null) {
            clients.close();
        }
    }
}
