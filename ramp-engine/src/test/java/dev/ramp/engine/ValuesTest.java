package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramp.engine.spec.Durations;
import dev.ramp.engine.spec.Percentages;
import dev.ramp.engine.workload.PodTemplates;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Durations, percentages and template hashes as written in manifests. */
class ValuesTest {

  @Test
  void durationsAcceptSecondsAndGoStyleStrings() {
    assertThat(Durations.parse(new IntOrString(45))).isEqualTo(Duration.ofSeconds(45));
    assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> Durations.parse("5 minutes"))
        .hasMessage("\"5 minutes\" is not a duration (write 30, 30s, 5m or 1h30m)");
    assertThat(Durations.format(Duration.ofSeconds(3725))).isEqualTo("1h2m5s");
  }

  @Test
  void negativeAndEndlessDurationsAreRefused() {
    assertThatThrownBy(() -> Durations.parse(new IntOrString(-30)))
        .hasMessage("duration -30 is negative");
    assertThatThrownBy(() -> Durations.parse("-1m30s")).hasMessage("duration -1m30s is negative");
    assertThatThrownBy(() -> Durations.parse("1000000000000000h"))
        .hasMessage("\"1000000000000000h\" is longer than 292 years");
    assertThatThrownBy(() -> Durations.parse("99999999999999999999"))
        .hasMessage("\"99999999999999999999\" is longer than 292 years");
    assertThat(Durations.parse("2000000h")).isEqualTo(Duration.ofHours(2_000_000));
  }

  @Test
  void percentagesRoundLikeDeployments() {
    assertThat(Percentages.resolve(new IntOrString("25%"), "0", 10, true)).isEqualTo(3);
    assertThat(Percentages.resolve(new IntOrString("25%"), "0", 10, false)).isEqualTo(2);
    assertThat(Percentages.resolve(null, "25%", 4, true)).isEqualTo(1);
    assertThat(Percentages.resolve(new IntOrString(2), "0", 10, true)).isEqualTo(2);
  }

  @Test
  void theTemplateHashIgnoresRampsOwnLabelAndChangesWithTheImage() {
    PodTemplateSpec v1 = template("checkout", "demo:v1");
    String hash = PodTemplates.hash(v1);
    assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");

    PodTemplateSpec labelled = Json.copy(v1);
    labelled.getMetadata().getLabels().put("rollouts-pod-template-hash", hash);
    assertThat(PodTemplates.hash(labelled)).isEqualTo(hash);
    assertThat(PodTemplates.same(v1, labelled)).isTrue();

    assertThat(PodTemplates.hash(template("checkout", "demo:v2"))).isNotEqualTo(hash);
  }

  @Test
  void templatesAreTheSameWhateverDefaultsTheApiServerFilledIn() {
    PodTemplateSpec written = template("checkout", "demo:v1");
    written.getSpec().getContainers().get(0).setPorts(List.of(new ContainerPortBuilder()
        .withContainerPort(8080).build()));
    written.getSpec().getContainers().get(0).setReadinessProbe(new ProbeBuilder()
        .withNewHttpGet().withPath("/ready").withPort(new IntOrString(8080)).endHttpGet()
        .build());
    PodTemplateSpec readBack = Json.copy(written);
    readBack.getSpec().setRestartPolicy("Always");
    readBack.getSpec().setDnsPolicy("ClusterFirst");
    readBack.getSpec().setSchedulerName("default-scheduler");
    readBack.getSpec().setTerminationGracePeriodSeconds(30L);
    readBack.getSpec().setSecurityContext(new PodSecurityContext());
    Container container = readBack.getSpec().getContainers().get(0);
    container.setImagePullPolicy("IfNotPresent");
    container.setTerminationMessagePath("/dev/termination-log");
    container.setTerminationMessagePolicy("File");
    container.setResources(new ResourceRequirements());
    container.getPorts().get(0).setProtocol("TCP");
    container.getReadinessProbe().getHttpGet().setScheme("HTTP");
    container.getReadinessProbe().setTimeoutSeconds(1);
    container.getReadinessProbe().setPeriodSeconds(10);
    container.getReadinessProbe().setSuccessThreshold(1);
    container.getReadinessProbe().setFailureThreshold(3);

    assertThat(PodTemplates.same(written, readBack)).isTrue();

    PodTemplateSpec pulledAlways = Json.copy(readBack);
    pulledAlways.getSpec().getContainers().get(0).setImagePullPolicy("Always");
    assertThat(PodTemplates.same(written, pulledAlways)).as("a value other than the default")
        .isFalse();
    PodTemplateSpec latest = template("checkout", "demo");
    PodTemplateSpec latestReadBack = Json.copy(latest);
    latestReadBack.getSpec().getContainers().get(0).setImagePullPolicy("Always");
    assertThat(PodTemplates.same(latest, latestReadBack)).as("an image without a tag").isTrue();
  }
}
