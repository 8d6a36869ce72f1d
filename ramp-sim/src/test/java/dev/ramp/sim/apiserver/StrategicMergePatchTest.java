package dev.ramp.sim.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {
  @Test
  void mergesListsOfNamedObjectsByName() {
    assertThat(strategic(
        "{\"c\":[{\"name\":\"a\",\"image\":\"1\"},{\"name\":\"b\",\"image\":\"1\"}]}",
        "{\"c\":[{\"name\":\"b\",\"image\":\"2\"},{\"name\":\"new\",\"image\":\"3\"}]}"))
        .isEqualTo("{\"c\":[{\"name\":\"a\",\"image\":\"1\"},{\"name\":\"b\",\"image\":\"2\"},"
            + "{\"name\":\"new\",\"image\":\"3\"}]}");
  }

  @Test
  void deletesElementsAndDropsDirectives() {
    assertThat(strategic("{\"env\":[{\"name\":\"A\"},{\"name\":\"B\"}],\"x\":{\"y\":1}}",
        "{\"$retainKeys\":[\"env\"],\"env\":[{\"$patch\":\"delete\",\"name\":\"A\"}],"
            + "\"x\":{\"$patch\":\"merge\",\"z\":2}}"))
        .isEqualTo("{\"env\":[{\"name\":\"B\"}],\"x\":{\"y\":1,\"z\":2}}");
  }

  @Test
  void takesTheMergeKeyAndOrderFromSetElementOrder() {
    assertThat(strategic("{\"ports\":[{\"port\":80,\"targetPort\":1},{\"port\":90}]}",
        "{\"$setElementOrder/ports\":[{\"port\":90},{\"port\":80}],"
            + "\"ports\":[{\"port\":80,\"targetPort\":2}]}"))
        .isEqualTo("{\"ports\":[{\"port\":90},{\"port\":80,\"targetPort\":2}]}");
  }

  @Test
  void replacesListsWithoutAMergeKey() {
    assertThat(strategic("{\"args\":[\"a\",\"b\"],\"ports\":[{\"port\":80},{\"port\":90}]}",
        "{\"args\":[\"c\"],\"ports\":[{\"port\":81},{\"$patch\":\"delete\",\"port\":90}]}"))
        .isEqualTo("{\"args\":[\"c\"],\"ports\":[{\"port\":81}]}");
  }

  private static String strategic(String target, String patch) {
    return StrategicMergePatch.apply(read(target), read(patch)).toString();
  }

  private static JsonNode read(String json) {
    return Json.read(json.getBytes(StandardCharsets.UTF_8));
  }
}
