package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static dev.ramp.engine.gates.GateAnswer.Verdict.NO;
import static dev.ramp.engine.gates.GateAnswer.Verdict.NOT_YET;
import static dev.ramp.engine.gates.GateAnswer.Verdict.ROLLBACK;
import static dev.ramp.engine.gates.GateAnswer.Verdict.YES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.engine.gates.GateAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gates and hooks through the engine: at each point a gate holds the traffic where it is until
 * it says yes, a no or a timeout aborts, and the hooks run around the release. The test plays
 * the outside systems ({@link World#gates}), answering as the controller would report them.
 */
class GatesTest {
  /** Reads as the Kubernetes client does: unknown fields are left aside. */
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** What each outside system answers now, by gate or hook name ("rollback": the hook). */
  private final Map<String, GateAnswer.Verdict> verdicts = new HashMap<>();
  private final Map<String, String> reasons = new HashMap<>();
  /** Every question asked, by gate or hook name. */
  private final List<String> asked = new ArrayList<>();

  @Test
  void aReleaseGateHoldsEveryStepUntilItSaysYes() {
    World world = releasing("""
        gates:
          - {name: change-freeze, url: "http://change.example/approve", at: [release],
             comment: "ignored by Ramp"}
        steps: [{setWeight: 20}, {pause: {}}]
        """);
    answer("change-freeze", NOT_YET, "change freeze until 18:00");

    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.router().canaryWeight()).isZero();
    assertThat(world.status().message).isEqualTo("Waiting for gate change-freeze at step 1/3"
        + " (gate change-freeze before the release): change freeze until 18:00");
    assertThat(gate(world, "change-freeze").phase).isEqualTo("Waiting");
    assertThat(reasons(world)).containsSubsequence("RolloutUpdated", "GateWaiting")
        .doesNotContain("GateApproved");

    answer("change-freeze", YES, "approved by the change board");
    world.advance(Duration.ofSeconds(30)); // asked again after the default interval
    world.runUntilStable();

    assertThat(world.router().canaryWeight()).isEqualTo(20);
    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(gate(world, "change-freeze").phase).isEqualTo("Approved");
    assertThat(reasons(world)).containsSubsequence("GateWaiting", "GateApproved",
        "RolloutStepCompleted");
  }

  @Test
  void aWeightIncreaseGateHoldsTheWeightReachedUntilItSaysYes() {
    World world = releasing("""
        gates: [{name: load-check, url: "http://load.example", at: [weightIncrease]}]
        steps: [{setWeight: 20}, {pause: {duration: 1m}}, {setWeight: 50}]
        """);
    answer("load-check", YES, "");
    world.setImage("demo:v2");
    world.runUntilStable();
    assertThat(world.router().canaryWeight()).isEqualTo(20);

    answer("load-check", NOT_YET, "503 Service Unavailable");
    world.advance(Duration.ofMinutes(1));
    world.runUntilStable();

    assertThat(world.router().canaryWeight()).isEqualTo(20);
    assertThat(world.status().message).startsWith("Waiting for gate load-check at step 4/5"
        + " (gate load-check before the weight rises)");

    answer("load-check", YES, "");
    world.advance(Duration.ofSeconds(30));
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.router().canaryWeight()).isZero();
    assertThat(asked).containsExactly("load-check", "load-check", "load-check");
  }

  @Test
  void aPromotionGateKeepsTheStableRevisionUntilItSaysYes() {
    World world = releasing("""
        gates: [{name: sign-off, url: "http://sign.example", at: [promotion], interval: 1m}]
        steps: [{setWeight: 40}]
        """);
    String v1 = world.status().stableRevision;
    answer("sign-off", NOT_YET, "no sign-off yet");
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.status().stableRevision).isEqualTo(v1);
    assertThat(world.router().canaryWeight()).isEqualTo(40);

    answer("sign-off", YES, "signed off");
    world.advance(Duration.ofSeconds(59));
    world.runUntilStable();
    assertThat(asked).as("asked once a minute").containsExactly("sign-off");
    assertThat(world.status().stableRevision).isEqualTo(v1);

    world.advance(Duration.ofSeconds(1));
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().stableRevision).isNotEqualTo(v1);
  }

  @Test
  void aNoAbortsWithTheGatesReason() {
    World world = releasing("""
        gates: [{name: change-freeze, url: "http://change.example", at: [weightIncrease]}]
        steps: [{setWeight: 20}, {setWeight: 60}]
        """);
    answer("change-freeze", YES, "");
    world.setImage("demo:v2");
    world.reconcile();
    world.reconcile();
    answer("change-freeze", NOT_YET, "");
    world.runUntilStable();
    assertThat(world.router().canaryWeight()).isEqualTo(20);
    answer("change-freeze", NO, "release window closed");
    world.advance(Duration.ofSeconds(30));
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(world.status().abortMessage).startsWith("Rollout aborted: gate change-freeze"
        + " denied revision " + world.status().updatedRevision + ": release window closed");
    assertThat(world.router().canaryWeight()).isZero();
    assertThat(world.status().gates).extracting(g -> g.point + " " + g.phase)
        .containsExactly("weightIncrease Approved", "weightIncrease Denied");
    assertThat(reasons(world)).containsSubsequence("GateDenied", "RolloutAborted");
  }

  @Test
  void noYesWithinTheTimeoutAborts() {
    World world = releasing("""
        gates: [{name: change-freeze, url: "http://change.example", at: [release],
                 timeout: 30m}]
        steps: [{setWeight: 20}]
        """);
    answer("change-freeze", NOT_YET, "unreachable: connection refused");
    world.setImage("demo:v2");
    world.runUntilStable();
    world.advance(Duration.ofMinutes(29));
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Progressing");
    assertThat(world.plans.get(world.plans.size() - 1).requeueAfter())
        .isLessThanOrEqualTo(Duration.ofMinutes(1));

    world.advance(Duration.ofMinutes(1));
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(world.status().abortMessage).startsWith("Rollout aborted: gate change-freeze"
        + " gave no yes within 30m (last answer: unreachable: connection refused)");
    assertThat(world.router().canaryWeight()).isZero();
    assertThat(reasons(world)).containsSubsequence("GateTimedOut", "RolloutAborted");
  }

  @Test
  void aGateStepWaitsWhereItStands() {
    World world = releasing("""
        gates: [{name: qa, url: "http://qa.example"}]
        steps:
          - setWeight: 30
          - gate: {name: qa}
          - gate: {name: smoke, url: "http://smoke.example", interval: 10s}
          - setWeight: 60
        """);
    answer("qa", NOT_YET, "testing");
    world.setImage("demo:v2");
    world.runUntilStable();
    assertThat(world.router().canaryWeight()).isEqualTo(30);
    assertThat(world.status().message).startsWith("Waiting for gate qa at step 2/4 (gate qa)");

    answer("qa", YES, "");
    answer("smoke", NOT_YET, "");
    world.advance(Duration.ofSeconds(30));
    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(2);
    assertThat(world.router().canaryWeight()).isEqualTo(30);

    answer("smoke", YES, "");
    world.advance(Duration.ofSeconds(10));
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
  }

  @Test
  void aFailingPreReleaseHookStopsTheReleaseBeforeAnyTrafficMoves() {
    World world = releasing("""
        hooks:
          preRelease: [{name: migrate, url: "http://migrate.example"}]
        steps: [{setWeight: 20}]
        """);
    answer("migrate", NO, "HTTP 500: schema migration failed");
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(world.status().abortMessage).startsWith("Rollout aborted: pre-release hook"
        + " migrate failed: HTTP 500: schema migration failed");
    assertThat(world.plans).allSatisfy(plan -> assertThat(plan.actions())
        .noneMatch(a -> a instanceof Action.SetTrafficWeight w && w.weight() > 0));
    assertThat(reasons(world)).containsSubsequence("HookStarted", "HookFailed",
        "RolloutAborted");
  }

  @Test
  void theRollbackHookAbortsWithTheCallersReason() {
    World world = releasing("""
        hooks:
          rollback: {url: "http://pager.example/rollback", interval: 15s}
        steps: [{setWeight: 20}, {pause: {}}]
        """);
    answer("rollback", NOT_YET, "carry on");
    world.setImage("demo:v2");
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Paused");

    answer("rollback", ROLLBACK, "error budget burnt (incident 4711)");
    world.advance(Duration.ofSeconds(15));
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(world.status().abortMessage).startsWith("Rollout aborted: the rollback hook"
        + " asked to roll back: error budget burnt (incident 4711)");
    assertThat(world.router().canaryWeight()).isZero();
    assertThat(reasons(world)).containsSubsequence("RollbackRequested", "RolloutAborted");
  }

  @Test
  void aPostReleaseHookIsCalledOnceAfterCompletion() {
    World world = releasing("""
        hooks:
          postRelease: [{name: announce, url: "http://chat.example/released"}]
        steps: [{setWeight: 50}]
        """);
    answer("announce", YES, "");
    world.setImage("demo:v2");
    world.runUntilStable();
    world.advance(Duration.ofMinutes(5));
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(asked).containsExactly("announce");
    assertThat(gate(world, "announce").phase).isEqualTo("Succeeded");
    assertThat(gate(world, "announce").revision).isEqualTo(world.status().stableRevision);
    assertThat(reasons(world)).containsSubsequence("RolloutCompleted", "HookSucceeded");
  }

  @Test
  void aBlueGreenPromotionGateKeepsTheActiveServiceUntilItSaysYes() throws Exception {
    Rollout rollout = Fixtures.blueGreen("checkout", 2, "demo:v1");
    BlueGreenStrategy strategy = YAML.readValue("""
        activeService: checkout-active
        previewService: checkout-preview
        gates: [{name: sign-off, url: "http://sign.example", at: [promotion]}]
        """, BlueGreenStrategy.class);
    rollout.getSpec().strategy.blueGreen = strategy;
    World world = new World(rollout);
    world.addService("checkout-active");
    world.addService("checkout-preview");
    world.gates = this::ask;
    world.runUntilStable();
    String v1 = world.status().stableRevision;
    answer("sign-off", NOT_YET, "");
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.service("checkout-active").pinnedHash()).isEqualTo(v1);
    assertThat(world.service("checkout-preview").pinnedHash()).isNotEqualTo(v1);
    assertThat(world.status().message).startsWith("Waiting for gate sign-off");

    answer("sign-off", YES, "");
    world.advance(Duration.ofSeconds(30));
    world.runUntilStable();
    assertThat(world.service("checkout-active").pinnedHash()).isNotEqualTo(v1);
  }

  /** A canary of 4 pods behind an HTTPRoute with these canary fields, deployed at demo:v1. */
  private World releasing(String canaryYaml) {
    Rollout rollout = rollout("checkout", 4, "demo:v1");
    try {
      rollout.getSpec().strategy.canary = YAML.readValue(canaryYaml, CanaryStrategy.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    World world = World.routed(rollout);
    world.gates = this::ask;
    world.runUntilStable();
    return world;
  }

  private void answer(String name, GateAnswer.Verdict verdict, String reason) {
    verdicts.put(name, verdict);
    reasons.put(name, reason);
  }

  private GateAnswer ask(GateStatus record) {
    String name = record.name == null ? "rollback" : record.name;
    if (!verdicts.containsKey(name)) {
      return null;
    }
    asked.add(name);
    return GateAnswer.to(record, verdicts.get(name), reasons.get(name));
  }

  private static GateStatus gate(World world, String name) {
    return world.status().gates.stream().filter(g -> name.equals(g.name)).findFirst()
        .orElseThrow();
  }

  private static List<String> reasons(World world) {
    return world.events.stream().map(RolloutEvent::reason).toList();
  }
}
