package dev.ramp.engine;

import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.experiment.ExperimentSpec;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.RouteMatch;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One idempotent change to the cluster. Applying the same action twice is harmless. */
public sealed interface Action {

  /**
   * Creates ReplicaSet {@code name} for revision {@code hash}: this template and size, and the
   * rollout's selector (both narrowed to the revision by its pod-template-hash label).
   */
  record CreateReplicaSet(String name, String hash, long revision, int replicas,
      PodTemplateSpec template, LabelSelector selector) implements Action {}

  record ScaleReplicaSet(String name, int replicas) implements Action {}

  /**
   * Makes the rollout the controller of ReplicaSet {@code name}, which it did not own, and
   * numbers it {@code revision}; its labels, and so its pods, stay as they are.
   */
  record AdoptReplicaSet(String name, long revision) implements Action {}

  /** Sets (or with a null deadline, removes) the scale-down deadline of a ReplicaSet. */
  record SetScaleDownDeadline(String name, Instant deadline) implements Action {}

  record SetRevision(String name, long revision) implements Action {}

  record DeleteReplicaSet(String name) implements Action {}

  /** Pins the selector of a Service to a pod-template-hash. */
  record PinService(String service, String hash) implements Action {}

  record DeletePod(String name) implements Action {}

  record ScaleDeployment(String name, int replicas) implements Action {}

  /** Creates AnalysisRun {@code name} analysing {@code revision} for {@code kind}. */
  record CreateAnalysisRun(String name, String revision, String kind, AnalysisRunSpec spec)
      implements Action {}

  /** Stops an AnalysisRun: it measures no more and is never used again. */
  record TerminateAnalysisRun(String name) implements Action {}

  /**
   * Tells AnalysisRun {@code name} the canary's weight (percent) now, after the router was given
   * it: its compare metrics then read their counters at once, closing the judge's batch.
   */
  record MarkCanaryWeight(String name, int weight) implements Action {}

  /** Creates Experiment {@code name} for the experiment step {@code step} of {@code revision}. */
  record CreateExperiment(String name, String revision, int step, ExperimentSpec spec)
      implements Action {}

  /**
   * Ends an Experiment the rollout no longer needs and marks it retired: it is never used
   * again.
   */
  record TerminateExperiment(String name) implements Action {}

  /** A change to the traffic router's objects; a router applies a plan's changes together. */
  sealed interface RouteChange extends Action {}

  /**
   * Gives the canary {@code weight} percent of the requests; routers that split by subset also
   * pin their stable and canary subsets to these revisions.
   */
  record SetTrafficWeight(int weight, String stableHash, String canaryHash)
      implements RouteChange {}

  /**
   * Gives each Service in {@code weights} (a canary's fresh baseline, an experiment's template)
   * that share of the requests (percent) as a backend beside the stable and the canary, taken
   * from the stable's share; the backends Ramp added before for Services not in it go.
   */
  record SetExtraWeights(Map<String, Integer> weights) implements RouteChange {
    public SetExtraWeights {
      weights = Collections.unmodifiableMap(new TreeMap<>(weights));
    }
  }

  /** Sends requests whose headers all match to the canary (replacing a route of this name). */
  record SetHeaderRoute(String name, List<HeaderMatch> match) implements RouteChange {}

  /** Mirrors {@code percentage} of the requests (matching one of {@code match}) to the canary. */
  record SetMirrorRoute(String name, int percentage, List<RouteMatch> match)
      implements RouteChange {}

  /**
   * Keeps the users the canary served on it: the canary's responses set the cookie
   * {@code cookieName=cookieValue} for {@code maxAge} seconds, and a route named {@code name}
   * sends the requests carrying it to the canary. {@link RemoveRoute} of the name undoes both.
   */
  record SetSessionAffinity(String name, String cookieName, String cookieValue, int maxAge)
      implements RouteChange {}

  /** Removes a header or mirror route Ramp made, or its session affinity. */
  record RemoveRoute(String name) implements RouteChange {}
}
