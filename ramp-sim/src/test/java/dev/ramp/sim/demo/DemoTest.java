package dev.ramp.sim.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code ramp demo} end to end, with each source of analysis: its story, summary and report. */
class DemoTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Demo.Analysis.class)
  void theHealthyReleaseIsPromotedAndTheAnalysisSendsTheBadOneBack(Demo.Analysis analysis)
      throws IOException {
    assumeTrue(analysis != Demo.Analysis.PROMETHEUS || LocalPrometheus.installed(),
        "prometheus not installed: the demo's Prometheus analysis needs it (.ci/run installs it)");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Path report = dir.resolve("report.html");

    boolean ok = Demo.run(new Demo.Options(100, Duration.ofMillis(300), analysis, report,
        new PrintStream(printed, true, StandardCharsets.UTF_8), false));

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(ok).as(output).isTrue();
    assertThat(output).containsPattern("v2 healthy +promoted")
        .containsPattern("v3 bad: 25% errors +rolled back")
        .containsPattern("It was stopped by: Rollout aborted: analysis run checkout-\\w+"
            + "-background failed: metric errors failed");
    // Without a traffic router the canary's share is its share of the pods (1 of 11 here), so the
    // share of requests it served varies around 9% from run to run; the weight is the promise.
    Matcher share = Pattern.compile("The bad release never got more than ([0-9]+)% of the traffic"
        + " \\(its first step's weight is 10%\\) and served ([0-9.]+)% of the requests")
        .matcher(output);
    assertThat(share.find()).as(output).isTrue();
    assertThat(Integer.parseInt(share.group(1))).isLessThanOrEqualTo(10);
    assertThat(Double.parseDouble(share.group(2))).isBetween(1.0, 20.0);
    String html = Files.readString(report);
    assertThat(html).contains("<svg", "v3 bad: 25% errors: rolled back")
        .doesNotContain("http://", "https://");
  }
}
