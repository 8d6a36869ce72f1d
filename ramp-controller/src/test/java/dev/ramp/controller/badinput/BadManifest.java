package dev.ramp.controller.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One file of the bad-input corpus ({@code src/test/resources/bad-input/}): a hostile or
 * malformed manifest (with whatever it needs beside it), a comment saying what is wrong with it,
 * and a line saying what a user must see:
 *
 * <ul>
 *   <li>{@code # Expect rejected: <text>}: the API server refuses it by the CRD's schema;
 *   <li>{@code # Expect InvalidSpec: <text>}: the schema lets it through, and Ramp marks the
 *       Rollout of the same name as the file InvalidSpec with a message containing the text;
 *   <li>{@code # Expect on release: <text>}: what is wrong only shows once a new revision of
 *       that Rollout is released, which is then aborted with a message containing the text.
 * </ul>
 *
 * The word {@code ONE_MEBIBYTE} stands for 1 MiB of x's, so that huge values need no huge files.
 */
record BadManifest(String name, String whatIsWrong, Outcome outcome, String message,
    List<JsonNode> documents) {
  static final String ONE_MEBIBYTE = "x".repeat(1 << 20);

  enum Outcome { REJECTED, INVALID_SPEC, ABORTED_ON_RELEASE }

  private static final Pattern EXPECT =
      Pattern.compile("^# Expect (rejected|InvalidSpec|on release): (.+)$", Pattern.MULTILINE);
  private static final YAMLMapper YAML = new YAMLMapper();

  static List<BadManifest> corpus() {
    try (Stream<Path> files = Files.list(Path.of(BadManifest.class.getResource("/bad-input")
        .toURI()))) {
      return files.sorted().map(BadManifest::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BadManifest read(Path file) {
    try {
      String text = Files.readString(file);
      String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      Matcher expect = EXPECT.matcher(text);
      if (!expect.find()) {
        throw new IllegalStateException(file.getFileName() + " says nothing about what a user"
            + " must see (# Expect rejected|InvalidSpec|on release: ...)");
      }
      StringBuilder comment = new StringBuilder();
      for (String line : text.lines().takeWhile(l -> l.startsWith("# ")).toList()) {
        if (!line.startsWith("# Expect ")) {
          comment.append(line.substring(2)).append(' ');
        }
      }
      Outcome outcome = switch (expect.group(1)) {
        case "rejected" -> Outcome.REJECTED;
        case "InvalidSpec" -> Outcome.INVALID_SPEC;
        default -> Outcome.ABORTED_ON_RELEASE;
      };
      return new BadManifest(name, comment.toString().trim(), outcome, expect.group(2).trim(), documents(text.replace("ONE_MEBIBYTE", ONE_MEBIBYTE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> documents(String yaml) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        JsonNode document = it.nextValue();
        if (document != null && document.isObject()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  /** The manifests of the corpus with this outcome. */
  static List<BadManifest> expecting(List<BadManifest> corpus, Outcome outcome) {
    return corpus.stream().filter(m -> m.outcome() == outcome).toList();
  }

  /** The documents of Ramp's own kinds, which the CRD schemas check. */
  Stream<JsonNode> rampDocuments() {
    return documents.stream()
        .filter(d -> d.path("apiVersion").asText().startsWith("ramp.dev/"));
  }

  @Override
  public String toString() {
    return name;
  }
}
