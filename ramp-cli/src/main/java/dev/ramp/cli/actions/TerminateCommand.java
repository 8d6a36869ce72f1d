package dev.ramp.cli.actions;

import picocli.CommandLine.Command;

/** {@code terminate analysisrun NAME}, {@code terminate experiment NAME}. */
@Command(name = "terminate", mixinStandardHelpOptions = true,
    subcommands = {TerminateAnalysisRunCommand.class, TerminateExperimentCommand.class},
    description = "End an analysis run or an experiment now: it ends Successful with the message"
        + " \"terminated\".")
public final class TerminateCommand {}
