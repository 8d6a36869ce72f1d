package dev.ramp.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORParser;

/**
 * CBOR (RFC 8949) as Smithy's RPC v2 CBOR protocol uses it
 * (smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html, "Shape serialization"):
 * structures and maps as maps, lists as arrays, timestamps as tag 1 over epoch seconds. Read
 * into and written from plain maps, lists, strings, numbers, booleans and {@link Instant}s, with
 * the CBOR reader and writer the AWS SDK itself carries.
 */
public final class Cbor {
  private static final CBORFactory FACTORY = new CBORFactory();
  private static final int EPOCH_SECONDS = 1;

  private Cbor() {}

  /** The value a body holds; an empty body is an empty structure. */
  public static Object read(byte[] body) {
    if (body.length == 0) {
      return Map.of();
    }
    try (CBORParser parser = (CBORParser) FACTORY.createParser(body)) {
      parser.nextToken();
      return value(parser);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator generator = (CBORGenerator) FACTORY.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Object value(CBORParser parser) throws IOException {
    boolean timestamp = parser.getCurrentTag() == EPOCH_SECONDS;
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          map.put(name, value(parser));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(parser));
        }
        return list;
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        if (timestamp) {
          double seconds = parser.getDoubleValue();
          return Instant.ofEpochMilli(Math.round(seconds * 1000));
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
          return parser.getLongValue();
        }
        return parser.getDoubleValue();
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return parser.getBooleanValue();
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("CBOR " + token + " is not in Smithy's data model");
    }
  }

  private static void write(CBORGenerator generator, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName(String.valueOf(entry.getKey()));
        write(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object item : list) {
        write(generator, item);
      }
      generator.writeEndArray();
    } else if (value instanceof Instant instant) {
      generator.writeTag(EPOCH_SECONDS);
      generator.writeNumber(instant.toEpochMilli() / 1000.0);
    } else if (value instanceof Double number) {
      generator.writeNumber(number);
    } else if (value instanceof Number number) {
      generator.writeNumber(number.longValue());
    } else if (value instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else if (value == null) {
      generator.writeNull();
    } else {
      generator.writeString(value.toString());
    }
  }
}
