package dev.ramp.cli.get;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LiveOutputTest {
  private final StringWriter written = new StringWriter();

  @Test
  void onATerminalEachFrameIsDrawnOverThePreviousOne() {
    LiveOutput live = new LiveOutput(new PrintWriter(written), true);

    live.show("a", "one\ntwo\n");
    live.show("a", "one\ntwo\n");
    live.show("a", "uno\n");

    // cleared once; then: home, each line cleared to its end, the rest of the screen cleared
    assertThat(written.toString()).isEqualTo("\033[2J\033[Hone\033[K\ntwo\033[K\n\033[J"
        + "\033[Huno\033[K\n\033[J");
  }

  @Test
  void elsewhereAFrameIsPrintedOnlyWhenWhatItShowsChanged() {
    LiveOutput live = new LiveOutput(new PrintWriter(written), false);

    live.show("state 1", "frame at 10s\n");
    live.show("state 1", "frame at 11s\n");
    live.show("state 2", "frame at 12s\n");

    assertThat(written.toString()).isEqualTo("frame at 10s\n\nframe at 12s\n");
  }
}
