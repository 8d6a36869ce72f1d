package dev.ramp.cli.get;

import picocli.CommandLine.Command;

/** {@code get rollout NAME}, {@code get experiment NAME}. */
@Command(name = "get", mixinStandardHelpOptions = true,
    subcommands = {GetRolloutCommand.class, GetExperimentCommand.class},
    description = "Show one rollout or experiment in detail.")
public final class GetCommand {}
