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
        + " (steps, selectors, CEL conditions). Other kinds are skipped.",
        "Exits 1 when a file has a problem, 0 when all are clean."})
public final class LintCommand implements Callable<Integer> {
  private static final String STDIN = "-";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*",
      description = "YAML files, with any number of documents; - for standard input.")
  List<String> files;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ManifestLinter linter = new ManifestLinter();
    boolean clean = true;
    for (String file : files) {
      String name = file.equals(STDIN) ? "stdin" : file;
      String yaml;
      try {
        yaml = file.equals(STDIN) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
            : Files.readString(Path.of(file));
      } catch (IOException e) {
        out.println(name + ": cannot be read: "
            + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
        clean = false;
        continue;
      }
      ManifestLinter.Result result = linter.lint(name, yaml);
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
}
