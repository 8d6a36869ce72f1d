package dev.ramp.cli.actions;

import dev.ramp.api.analysis.AnalysisRun;
import picocli.CommandLine.Command;

/** {@code terminate analysisrun NAME}. */
@Command(name = "analysisrun", aliases = {"analysisruns", "ar"}, mixinStandardHelpOptions = true,
    description = "Stop an analysis run: it ends Successful with the message \"terminated\".")
final class TerminateAnalysisRunCommand extends TerminateAction<AnalysisRun> {
  TerminateAnalysisRunCommand() {
    super("analysisrun", AnalysisRun.class);
  }

  @Override
  String phase(AnalysisRun run) {
    return run.getStatus() == null ? null : run.getStatus().phase;
  }
}
