package dev.ramp.cli.actions;

import picocli.CommandLine.Command;

/** {@code set image}: changes to a rollout's pod template. */
@Command(name = "set", mixinStandardHelpOptions = true, subcommands = SetImageCommand.class,
    description = "Change the pod template of a rollout (which starts an update).")
public final class SetCommand {}
