package dev.ramp.controller;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.controller.logging.Logging;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What the process logs while this is open, as the controller writes it with JSON logs. */
final class CapturedLogs implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private final Logger root;

  CapturedLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    appender.setContext(context);
    appender.setEncoder(Logging.jsonEncoder(context));
    appender.setOutputStream(out);
    appender.start();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
  }

  String text() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Each line, parsed: a line that is not one JSON object fails the test. */
  List<JsonNode> lines() {
    return text().lines().map(line -> {
      try {
        return JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
    }).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
