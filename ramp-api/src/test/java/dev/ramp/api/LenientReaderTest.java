package dev.ramp.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class LenientReaderTest {
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  private Rollout read(String spec, String status) {
    return serialization.unmarshal("{\"apiVersion\":\"ramp.dev/v1alpha1\",\"kind\":\"Rollout\","
        + "\"metadata\":{\"name\":\"x\"},\"spec\":" + spec
        + (status == null ? "" : ",\"status\":" + status) + "}", Rollout.class);
  }

  @Test
  void aValueOfTheWrongTypeBecomesAnUnreadableSpecNamingTheField() {
    Rollout rollout = read("{\"replicas\":\"three\",\"strategy\":{\"canary\":{}}}", null);
    assertThat(rollout.getSpec().unreadable).isEqualTo("spec.replicas: \"three\" is not an integer");
  }

  @Test
  void nestedFieldsAreNamedWithTheirPath() {
    Rollout rollout = read("{\"strategy\":{\"canary\":{\"steps\":[{\"setWeight\":10},"
        + "{\"setWeight\":\"ten\"}]}}}", null);
    assertThat(rollout.getSpec().unreadable)
        .isEqualTo("spec.strategy.canary.steps[1].setWeight: \"ten\" is not an integer");
  }

  @Test
  void anObjectWhereAnObjectIsExpectedIsNamedToo() {
    Rollout rollout = read("{\"strategy\":\"canary please\"}", null);
    assertThat(rollout.getSpec().unreadable)
        .isEqualTo("spec.strategy: \"canary please\" is not an object");
  }

  @Test
  void unknownFieldsAreIgnoredAndAGoodSpecReadsNormally() {
    Rollout rollout = read("{\"replicas\":3,\"someFutureField\":1,\"strategy\":{\"canary\":{}}}",
        "{\"phase\":\"Healthy\",\"abort\":true}");
    assertThat(rollout.getSpec().unreadable).isNull();
    assertThat(rollout.getSpec().replicas).isEqualTo(3);
    assertThat(rollout.getStatus().phase).isEqualTo("Healthy");
    assertThat(rollout.getStatus().abort).isTrue();
  }

  @Test
  void anUnreadableStatusSaysSo() {
    Rollout rollout = read("{}", "{\"currentStepIndex\":\"two\"}");
    assertThat(rollout.getStatus().unreadable)
        .isEqualTo("status.currentStepIndex: \"two\" is not an integer");
  }
}
