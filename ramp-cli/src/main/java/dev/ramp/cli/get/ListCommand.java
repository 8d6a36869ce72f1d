package dev.ramp.cli.get;

import picocli.CommandLine.Command;

/** {@code list rollouts}. */
@Command(name = "list", mixinStandardHelpOptions = true, subcommands = ListRolloutsCommand.class,
    description = "List rollouts.")
public final class ListCommand {}
