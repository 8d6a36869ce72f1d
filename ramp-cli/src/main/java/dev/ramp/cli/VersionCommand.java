package dev.ramp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print Ramp's version.")
final class VersionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println("ramp " + version());
    return 0;
  }

  static String version() {
    String version = VersionCommand.class.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }

  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ramp " + version()};
    }
  }
}
