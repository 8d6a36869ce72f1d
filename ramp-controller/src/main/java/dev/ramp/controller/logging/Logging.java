package dev.ramp.controller.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
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
        output.stop();
        output.setEncoder(jsonEncoder(context));
        output.start();
      }
    });
  }

  /**
   * Logback's JSON lines: {@code timestamp}, {@code level}, {@code loggerName},
   * {@code threadName}, {@code formattedMessage}, the rollout ({@link RolloutLogContext}) in
   * {@code mdc} and {@code throwable}. Not the message's pattern and arguments apart: the line
   * says what happened once, and objects passed as arguments are not serialized.
   */
  public static JsonEncoder jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}
