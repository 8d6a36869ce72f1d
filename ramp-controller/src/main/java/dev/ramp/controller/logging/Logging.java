package dev.ramp.controller.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.ramp.controller.config.LogFormat;
import org.slf4j.LoggerFactory;

/** Switches the log format of the running process (logback.xml sets up text). */
public final class Logging {
  private Logging() {}

  public static void use(LogFormat format) {
    if (format == LogFormat.TEXT
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.iteratorForAppenders().forEachRemaining(appender -> {
      if (appender instanceof OutputStreamAppender<ILoggingEvent> output) {
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();
        output.stop();
        output.setEncoder(encoder);
        output.start();
      }
    });
  }
}
