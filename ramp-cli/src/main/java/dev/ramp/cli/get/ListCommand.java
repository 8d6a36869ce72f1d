package dev.ramp.cli.get;

import picocli.CommandLine.Command;

/** {@code list rollouts}, {@code list experiments}. */
@Command(name = "list", mixinStandardHelpOptions = true,
    subcommands = {ListRolloutsCommand.class, ListExperimentsCommand.class},
    description = "List rollouts or experiments.")
public final class ListCommand {}
