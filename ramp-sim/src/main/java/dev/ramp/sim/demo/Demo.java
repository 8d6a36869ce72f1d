package dev.ramp.sim.demo;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.sim.Sandbox;
import dev.ramp.sim.traffic.RevisionTraffic;
import dev.ramp.sim.traffic.TrafficSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code ramp demo}: a sandbox, a sample service rolled out with Ramp, a healthy release that
 * goes all the way and a bad one that is sent back, told as it happens and summed up at the end.
 */
public final class Demo {
  private static final String NAMESPACE = "default";
  private static final String NAME = "checkout";
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(75);
  private static final Duration SAMPLE = Duration.ofMillis(250);

  /** Where the demo's analysis reads the error rate from. */
  public enum Analysis {
    /** A Prometheus of this machine, scraping the sandbox. */
    PROMETHEUS,
    /** The sandbox's own JSON endpoint, through the web provider. */
    WEB;

    /** Prometheus when it is installed, the web endpoint otherwise. */
    public static Analysis available() {
      return LocalPrometheus.installed() ? PROMETHEUS : WEB;
    }
  }

  /**
   * @param rps requests per second the service receives
   * @param report where to write the HTML report
   * @param live redraw one progress line in place (a terminal) instead of printing lines
   */
  public record Options(int rps, Duration readyDelay, Analysis analysis, Path report,
      PrintStream out, boolean live) {}

  private final Options options;
  private final PrintStream out;
  private Sandbox sandbox;

  private Demo(Options options) {
    this.options = options;
    this.out = options.out();
  }

  /**
   * Runs the story; true when it went as it should: the good release promoted, the bad one sent
   * back without ever getting more than its first step's weight.
   */
  public static boolean run(Options options) {
    return new Demo(options).run();
  }

  private boolean run() {
    out.println("Starting a sandbox: an API server, Ramp's controller, simulated pods and "
        + options.rps() + " requests/s of simulated users...");
    try (Sandbox started = Sandbox.start(new Sandbox.Options(0, null, options.readyDelay(),
        options.rps(), 42));
        LocalPrometheus prometheus = options.analysis() == Analysis.PROMETHEUS
            ? LocalPrometheus.start(started.statsUrl().replace("http://", "")) : null) {
      sandbox = started;
      out.println("  API " + sandbox.apiUrl() + ", metrics " + sandbox.metricsUrl());
      String address = prometheus != null ? prometheus.url() : sandbox.statsUrl();
      out.println("  Analysis: Ramp's judge, comparing the new version's errors with the stable"
          + " one's, from " + (prometheus != null
          ? "Prometheus at " + address + " (scraping the sandbox)"
          : "the sandbox's JSON endpoint (prometheus is not installed)"));
      out.println();
      Release first = new Release("v1 first deploy", "example/checkout:v1", 0.005);
      deploy(first, address);
      Release good = new Release("v2 healthy", "example/checkout:v2", 0.005);
      Release bad = new Release("v3 bad: 25% errors", "example/checkout:v3", 0.25);
      ship(good);
      ship(bad);
      List<Release> releases = List.of(first, good, bad);
      Summary.print(out, releases, canaryWeight());
      DemoReport.write(options.report(), releases);
      out.println();
      out.println("Report with weight and error rate over time: " + options.report());
      return good.outcome == Release.Outcome.PROMOTED
          && bad.outcome == Release.Outcome.ROLLED_BACK
          && bad.maxWeight() <= canaryWeight();
    }
  }

  /** Creates the analysis template and the Rollout, and follows the first deploy. */
  private void deploy(Release release, String address) {
    out.println("Deploying " + release.image + " (a first deploy has nothing to compare with: no"
        + " steps)");
    String template = options.analysis() == Analysis.PROMETHEUS
        ? "/demo/judge-prometheus.yaml" : "/demo/judge-web.yaml";
    client().resources(AnalysisTemplate.class).load(stream(manifest(template))).create();
    client().resources(Rollout.class).load(stream(manifest("/demo/checkout.yaml")
        .replace("${ADDRESS}", address))).create();
    follow(release, null);
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String manifest(String path) {
    try (InputStream in = Demo.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Changes the image (and the simulated error rate) and follows the rollout to its end. */
  private void ship(Release release) {
    String stable = rollout().get().getStatus().stableRevision;
    out.println();
    out.println("Shipping " + release.image + " (" + release.name + ")");
    rollout().patch(PatchContext.of(PatchType.JSON), "["
        + "{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\""
        + release.image + "\"},{\"op\":\"replace\",\"path\":\"/spec/template/metadata/annotations/"
        + "sandbox.ramp.dev~1error-rate\",\"value\":\"" + release.errorRate + "\"}]");
    follow(release, stable);
  }

  /** Samples the rollout and its traffic until the release is promoted, rolled back or late. */
  private void follow(Release release, String previous) {
    Instant start = Instant.now();
    TrafficSimulator traffic = sandbox.traffic();
    RevisionTraffic old = previous == null ? null : traffic.traffic(NAMESPACE, NAME, previous);
    long oldStart = old == null ? 0 : old.requests();
    long oldFailuresStart = old == null ? 0 : old.failures();
    ProgressLine progress = new ProgressLine(out, options.live());
    RampEvents events = new RampEvents(client(), NAMESPACE, NAME);
    long lastNew = 0;
    long lastAll = 0;
    while (release.outcome == null) {
      sleep(SAMPLE);
      Rollout rollout = rollout().get();
      var status = rollout.getStatus();
      double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
      if (status == null || status.updatedRevision == null
          || status.updatedRevision.equals(previous)) {
        continue;
      }
      release.revision = status.updatedRevision;
      RevisionTraffic fresh = traffic.traffic(NAMESPACE, NAME, release.revision);
      long oldRequests = old == null ? 0 : old.requests() - oldStart;
      long oldFailures = old == null ? 0 : old.failures() - oldFailuresStart;
      release.newRequests = fresh.requests();
      release.newFailures = fresh.failures();
      release.allRequests = release.newRequests + oldRequests;
      long deltaNew = release.newRequests - lastNew;
      long deltaAll = release.allRequests - lastAll;
      lastNew = release.newRequests;
      lastAll = release.allRequests;
      release.samples.add(new Release.Sample(seconds,
          status.canary == null || status.canary.weight == null ? 0 : status.canary.weight,
          deltaAll == 0 ? 0 : 100.0 * deltaNew / deltaAll,
          release.newFailureRate(),
          oldRequests == 0 ? 0 : 100.0 * oldFailures / oldRequests));
      events.fresh().forEach(event -> progress.event("Ramp: " + event));
      progress.show(release, rollout);
      release.outcome = outcome(rollout, previous, seconds);
      if (release.outcome == Release.Outcome.ROLLED_BACK) {
        release.note = status.message;
      }
    }
    release.took = Duration.between(start, Instant.now());
    progress.done(release, rollout().get());
  }

  private static Release.Outcome outcome(Rollout rollout, String previous, double seconds) {
    var status = rollout.getStatus();
    if ("Aborted".equals(status.phase)) {
      return Release.Outcome.ROLLED_BACK;
    }
    if ("Healthy".equals(status.phase) && status.stableRevision.equals(status.updatedRevision)
        && !status.stableRevision.equals(previous)) {
      return previous == null ? Release.Outcome.DEPLOYED : Release.Outcome.PROMOTED;
    }
    return seconds > RELEASE_TIMEOUT.toSeconds() ? Release.Outcome.TIMED_OUT : null;
  }

  /** The weight of the first step: the share of users a bad release should reach at most. */
  private double canaryWeight() {
    return rollout().get().getSpec().strategy.canary.steps.get(0).setWeight;
  }

  private Resource<Rollout> rollout() {
    return client().resources(Rollout.class).inNamespace(NAMESPACE).withName(NAME);
  }

  private KubernetesClient client() {
    return sandbox.client();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
