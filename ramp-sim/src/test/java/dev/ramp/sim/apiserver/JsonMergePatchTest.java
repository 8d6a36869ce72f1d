package dev.ramp.sim.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sandbox's {@code application/merge-patch+json} is RFC 7386: the RFC's own examples, and
 * its rules checked on generated objects and patches (nested objects, arrays of named objects as
 * Kubernetes has them, nulls, fields no schema knows).
 */
class JsonMergePatchTest {
  private static final int GENERATED = 300;
  /** Few keys, so that patches often meet the target's keys; with keys a strategic merge reads. */
  private static final List<String> KEYS = List.of("a", "b", "name", "image", "env", "replicas",
      "unknownField", "$patch", "ключ", "");

  @ParameterizedTest(name = "{0} patched with {1}")
  @CsvSource(delimiter = '|', value = {
      // RFC 7386, Appendix A
      "{\"a\":\"b\"}             | {\"a\":\"c\"}                    | {\"a\":\"c\"}",
      "{\"a\":\"b\"}             | {\"b\":\"c\"}                    | {\"a\":\"b\",\"b\":\"c\"}",
      "{\"a\":\"b\"}             | {\"a\":null}                     | {}",
      "{\"a\":\"b\",\"b\":\"c\"} | {\"a\":null}                     | {\"b\":\"c\"}",
      "{\"a\":[\"b\"]}           | {\"a\":\"c\"}                    | {\"a\":\"c\"}",
      "{\"a\":\"c\"}             | {\"a\":[\"b\"]}                  | {\"a\":[\"b\"]}",
      "{\"a\":{\"b\":\"c\"}}     | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
      "{\"a\":[{\"b\":\"c\"}]}   | {\"a\":[1]}                      | {\"a\":[1]}",
      "[\"a\",\"b\"]             | [\"c\",\"d\"]                    | [\"c\",\"d\"]",
      "{\"a\":\"b\"}             | [\"c\"]                          | [\"c\"]",
      "{\"a\":\"foo\"}           | null                             | null",
      "{\"a\":\"foo\"}           | \"bar\"                          | \"bar\"",
      "{\"e\":null}              | {\"a\":1}                        | {\"e\":null,\"a\":1}",
      "[1,2]                     | {\"a\":\"b\",\"c\":null}         | {\"a\":\"b\"}",
      "{}                        | {\"a\":{\"bb\":{\"ccc\":null}}}  | {\"a\":{\"bb\":{}}}",
      // RFC 7386, section 3
      "{\"title\":\"Goodbye!\",\"author\":{\"givenName\":\"John\",\"familyName\":\"Doe\"},"
          + "\"tags\":[\"example\",\"sample\"],\"content\":\"This will be unchanged\"}"
          + " | {\"title\":\"Hello!\",\"phoneNumber\":\"+01-123-456-7890\","
          + "\"author\":{\"familyName\":null},\"tags\":[\"example\"]}"
          + " | {\"title\":\"Hello!\",\"author\":{\"givenName\":\"John\"},\"tags\":[\"example\"],"
          + "\"content\":\"This will be unchanged\",\"phoneNumber\":\"+01-123-456-7890\"}",
      // a list of named objects is replaced whole, not merged by name as by a strategic patch
      "{\"c\":[{\"name\":\"a\",\"image\":\"1\"},{\"name\":\"b\",\"image\":\"1\"}]}"
          + " | {\"c\":[{\"name\":\"a\",\"image\":\"2\"}],\"$patch\":\"x\"}"
          + " | {\"c\":[{\"name\":\"a\",\"image\":\"2\"}],\"$patch\":\"x\"}",
  })
  void followsTheExamplesOfRfc7386(String target, String patch, String result) {
    assertThat(mergePatch(read(target), read(patch))).isEqualTo(read(result));
  }

  @Test
  void keepsTheOrderOfTheTargetsFieldsAndAddsNewOnesAtTheEnd() {
    assertThat(mergePatch(read("{\"z\":1,\"a\":2,\"m\":3}"), read("{\"n\":4,\"a\":5,\"m\":null}"))
        .toString()).isEqualTo("{\"z\":1,\"a\":5,\"n\":4}");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void followsRfc7386OnGeneratedObjectsAndPatches(long seed) {
    Random random = new Random(seed);
    JsonNode target = random.nextInt(10) == 0 ? value(random, 2) : object(random, 3);
    JsonNode patch = random.nextInt(10) == 0 ? value(random, 2) : patchOf(random, target, 3);
    JsonNode targetBefore = target.deepCopy();
    JsonNode patchBefore = patch.deepCopy();

    JsonNode once = mergePatch(target, patch);

    assertFollowsRfc7386(target, patch, once, "");
    assertThat(mergePatch(once, patch)).as("the same patch applied twice").isEqualTo(once);
    assertThat(target).as("the target, after the patch").isEqualTo(targetBefore);
    assertThat(patch).as("the patch, after it was applied").isEqualTo(patchBefore);
  }

  static LongStream seeds() {
    return LongStream.range(0, GENERATED);
  }

  /** RFC 7386, section 2, as properties of the result. */
  private static void assertFollowsRfc7386(JsonNode target, JsonNode patch, JsonNode result,
      String path) {
    if (!patch.isObject()) {
      assertThat(result).as("%s: a patch that is not an object replaces the target", path)
          .isEqualTo(patch);
      return;
    }
    assertThat(result).as("%s: the result of an object patch", path).isInstanceOf(ObjectNode.class);
    JsonNode base = target.isObject() ? target : Json.MAPPER.createObjectNode();
    patch.fields().forEachRemaining(field -> {
      String at = path + "/" + field.getKey();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        assertThat(result.has(field.getKey())).as("%s: null removes the key", at).isFalse();
      } else if (value.isObject()) {
        assertFollowsRfc7386(base.path(field.getKey()), value, result.get(field.getKey()), at);
      } else {
        assertThat(result.get(field.getKey())).as("%s: replaced by the patch's value (an array"
            + " whole)", at).isEqualTo(value);
      }
    });
    base.fields().forEachRemaining(field -> {
      if (!patch.has(field.getKey())) {
        assertThat(result.get(field.getKey())).as("%s/%s: not in the patch, kept", path,
            field.getKey()).isEqualTo(field.getValue());
      }
    });
    result.fieldNames().forEachRemaining(key -> assertThat(base.has(key) || patch.has(key))
        .as("%s/%s: in the target or the patch", path, key).isTrue());
  }

  /** A patch for the target: some of its keys removed, replaced or patched deeper, some new. */
  private static ObjectNode patchOf(Random random, JsonNode target, int depth) {
    ObjectNode patch = Json.MAPPER.createObjectNode();
    List<String> keys = new ArrayList<>();
    target.fieldNames().forEachRemaining(keys::add);
    keys.addAll(KEYS);
    for (int i = random.nextInt(5); i > 0; i--) {
      String key = keys.get(random.nextInt(keys.size()));
      int kind = random.nextInt(4);
      if (kind == 0) {
        patch.putNull(key);
      } else if (kind == 1 && depth > 0) {
        patch.set(key, patchOf(random, target.path(key), depth - 1));
      } else if (kind == 2) {
        patch.set(key, namedObjects(random));
      } else {
        patch.set(key, value(random, depth));
      }
    }
    return patch;
  }

  private static ObjectNode object(Random random, int depth) {
    ObjectNode object = Json.MAPPER.createObjectNode();
    for (int i = random.nextInt(6); i > 0; i--) {
      String key = KEYS.get(random.nextInt(KEYS.size()));
      object.set(key, random.nextInt(4) == 0 ? namedObjects(random) : value(random, depth));
    }
    return object;
  }

  /** A list as Kubernetes has them: objects told apart by their name (containers, env). */
  private static ArrayNode namedObjects(Random random) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (int i = random.nextInt(4); i > 0; i--) {
      list.addObject().put("name", KEYS.get(random.nextInt(3))).set("image", value(random, 0));
    }
    return list;
  }

  private static JsonNode value(Random random, int depth) {
    switch (random.nextInt(depth > 0 ? 9 : 7)) {
      case 0:
        return Json.MAPPER.nullNode();
      case 1:
        return Json.MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
      case 2:
        return Json.MAPPER.getNodeFactory().numberNode(random.nextInt(2001) - 1000);
      case 3:
        return Json.MAPPER.getNodeFactory().numberNode(random.nextLong());
      case 4:
        return Json.MAPPER.getNodeFactory().numberNode(random.nextInt(10_000) / 8.0);
      case 5:
      case 6:
        return Json.MAPPER.getNodeFactory().textNode(text(random));
      case 7:
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(value(random, depth - 1));
        }
        return array;
      default:
        return object(random, depth - 1);
    }
  }

  /** Text with what JSON must escape, and letters beyond ASCII and beyond 16 bits. */
  private static String text(Random random) {
    String[] pieces = {"demo:v2", "\"", "\\", "\n", "\u0001", "é", "日本", "\uD83D\uDE80", " "};
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(4); i > 0; i--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  /** The patch sent to the sandbox's API server as {@code application/merge-patch+json}. */
  private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    Headers headers = Headers.builder().add("Content-Type", Patches.MERGE_PATCH).build();
    RecordedRequest request = new RecordedRequest("HTTP/1.1", HttpMethod.PATCH,
        "/apis/ramp.dev/v1alpha1/namespaces/default/rollouts/checkout", headers,
        new Buffer(Json.bytes(patch)));
    return Patches.of(new ApiRequest(request), true).apply(target);
  }

  private static JsonNode read(String json) {
    return Json.read(json.getBytes(StandardCharsets.UTF_8));
  }
}
