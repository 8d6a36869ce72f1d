package dev.ramp.controller.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Log lines as JSON, one object per line: {@code time}, {@code level}, {@code logger},
 * {@code thread}, {@code message}, the rollout's {@code namespace}, {@code rollout} and
 * {@code revision} when the line is about one, and {@code exception} with its stack trace.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final JsonFactory JSON = new JsonFactory();
  private static final List<String> ROLLOUT_FIELDS = List.of(RolloutLogContext.NAMESPACE,
      RolloutLogContext.ROLLOUT, RolloutLogContext.REVISION);

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("time", event.getInstant().toString());
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("logger", event.getLoggerName());
      json.writeStringField("thread", event.getThreadName());
      json.writeStringField("message", event.getFormattedMessage());
      Map<String, String> context = event.getMDCPropertyMap();
      for (String field : ROLLOUT_FIELDS) {
        if (context.get(field) != null) {
          json.writeStringField(field, context.get(field));
        }
      }
      IThrowableProxy exception = event.getThrowableProxy();
      if (exception != null) {
        json.writeStringField("exception", ThrowableProxyUtil.asString(exception));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line.write('\n');
    return line.toByteArray();
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
