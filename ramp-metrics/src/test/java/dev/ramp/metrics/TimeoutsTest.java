package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {
  private static final Duration DEFAULT = Duration.ofSeconds(10);

  @Test
  void readsSecondsAndTheShortForms() throws MeasurementException {
    assertThat(Timeouts.parse(null, DEFAULT)).isEqualTo(DEFAULT);
    assertThat(Timeouts.parse(new IntOrString(5), DEFAULT)).isEqualTo(Duration.ofSeconds(5));
    assertThat(Timeouts.parse(new IntOrString("5"), DEFAULT)).isEqualTo(Duration.ofSeconds(5));
    assertThat(Timeouts.parse(new IntOrString("30s"), DEFAULT)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Timeouts.parse(new IntOrString("250ms"), DEFAULT)).isEqualTo(Duration.ofMillis(250));
    assertThat(Timeouts.parse(new IntOrString("2m"), DEFAULT)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void rejectsOtherFormsAndZero() {
    for (String text : new String[] {"1h", "1m30s", "1.5s", "-1", "0", "soon"}) {
      assertThatThrownBy(() -> Timeouts.parse(new IntOrString(text), DEFAULT))
          .hasMessage("timeout \"" + text
              + "\" is not a positive duration: write 10 (seconds), 10s, 500ms or 1m");
    }
  }

  @Test
  void formatsAsAPersonWritesIt() {
    assertThat(Timeouts.format(Duration.ofMillis(300))).isEqualTo("300ms");
    assertThat(Timeouts.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(Timeouts.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Timeouts.format(Duration.ofMinutes(2))).isEqualTo("2m");
  }
}
