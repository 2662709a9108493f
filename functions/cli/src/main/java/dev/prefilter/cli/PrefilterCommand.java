package dev.prefilter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code prefilter}: the entry point people and checks use. */
@Command(name = "prefilter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Serverless e-mail attachment pre-filter: explainable verdicts for mails and attachments.",
        subcommands = {ScanCommand.class, CommandLine.HelpCommand.class})
public final class PrefilterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        CommandLine commandLine = new CommandLine(new PrefilterCommand());
        commandLine.setExitCodeExceptionMapper(e -> ExitCodes.ERROR);
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE));
        return commandLine.execute(args);
    }
}
