package dev.ramp.cli.get;

import picocli.CommandLine.Command;

/** {@code get rollout NAME}. */
@Command(name = "get", mixinStandardHelpOptions = true, subcommands = GetRolloutCommand.class,
    description = "Show one rollout in detail.")
public final class GetCommand {}
