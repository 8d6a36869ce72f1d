package dev.ramp.cli.lint;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lint FILE...}: Ramp's manifests checked offline. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = {"Check Rollout, AnalysisTemplate and ClusterAnalysisTemplate manifests offline:"
        + " against their CRD schema, as the API server would, then as Ramp's controller would"
        + " (steps, selectors, CEL conditions). The ConfigMap ramp-notifications is checked too"
        + " (services, templates, triggers), and the Rollouts' subscription annotations against"
        + " it. Other kinds are skipped.",
        "Exits 1 when a file has a problem, 0 when all are clean."})
public final class LintCommand implements Callable<Integer> {
  private static final String STDIN = "-";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*",
      description = "YAML files, with any number of documents; - for standard input.")
  List<String> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ManifestLinter linter = new ManifestLinter();
    boolean clean = true;
    // all read first: a Rollout's subscriptions are checked against the notifications
    // ConfigMap in whichever file it is
    List<Input> inputs = files.stream().map(LintCommand::read).toList();
    inputs.stream().filter(i -> i.yaml() != null)
        .forEach(i -> linter.readNotifications(i.yaml()));
    for (Input input : inputs) {
      String name = input.name();
      if (input.yaml() == null) {
        out.println(name + ": cannot be read: " + input.unreadable());
        clean = false;
        continue;
      }
      ManifestLinter.Result result = linter.lint(name, input.yaml());
      result.notes().forEach(out::println);
      result.problems().forEach(out::println);
      if (result.problems().isEmpty()) {
        out.println(name + ": ok (" + result.documents() + " document"
            + (result.documents() == 1 ? "" : "s") + ")");
      }
      clean &= result.problems().isEmpty();
    }
    out.flush();
    return clean ? 0 : 1;
  }

  /** A file's text, or why it could not be read. */
  private record Input(String name, String yaml, String unreadable) {}

  private static Input read(String file) {
    String name = file.equals(STDIN) ? "stdin" : file;
    try {
      return new Input(name, file.equals(STDIN)
          ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(file)), null);
    } catch (IOException e) {
      return new Input(name, null,
          e instanceof NoSuchFileException ? "no such file" : e.getMessage());
    }
  }
}
