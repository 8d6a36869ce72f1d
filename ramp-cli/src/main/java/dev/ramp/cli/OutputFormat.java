package dev.ramp.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/** {@code -o json|yaml}: what a command shows, for programs instead of people. */
public final class OutputFormat {
  public enum Format { json, yaml }

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "Print as json or yaml instead of text.")
  Format format;

  /** True when a format was asked for. */
  public boolean structured() {
    return format != null;
  }

  /** The value as one JSON or YAML document (YAML documents start with "---"). */
  public String render(Object value) {
    try {
      return format == Format.json ? JSON.writeValueAsString(value) + "\n"
          : YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
