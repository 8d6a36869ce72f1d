package dev.ramp.controller.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the controller processes of one run die. A rollout's reconcile writes its actions
 * (ReplicaSets, Services, routes, AnalysisRuns, Experiments) and then, once, the rollout's
 * status; an experiment's reconcile writes its own actions (the ReplicaSets, Services and
 * AnalysisRuns it owns) and then the experiment's status; an AnalysisRun's reconcile writes only
 * the run's status. The proxy sees these writes, so a crash point is "right after the k-th
 * action write of a reconcile", "right after a rollout status write" or "right after an
 * AnalysisRun or Experiment status write". The write itself reaches the API server; the
 * controller never learns the answer.
 *
 * <p>With {@link #afterActionWrite}, each reconcile of the run is killed at the point once: right
 * after its k-th action write, or, when it has fewer, right after its last (its status write
 * never goes out). The process that replaces the dead one redoes it, and is killed only in a
 * later one. A controller killed at the same point of the same reconcile forever would make no
 * progress, and no real crash loop is that precise. The reconcilers of a rollout and of its
 * experiment run at the same time and their writes interleave, so each write is counted in the
 * reconcile of the object it is for (an object that an experiment owns: the experiment's;
 * anything else: the rollout's), and each object's reconciles are told apart by its status
 * writes.
 */
final class CrashSchedule {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NEVER = -1;
  private static final int AFTER_ROLLOUT_STATUS = -2;
  private static final int AFTER_RUN_STATUS = -3;
  private static final String ROLLOUT = "the rollout";

  private final int afterActionWrite;
  private final Set<Integer> stepsWritten = new TreeSet<>();
  private final Set<Integer> stepsCrashedAt = new TreeSet<>();
  /** The paths of the objects an experiment owns, and whose they are. */
  private final Map<String, String> experimentObjects = new HashMap<>();
  /** For each reconciled object, how many of its reconciles ended with a status write. */
  private final Map<String, Integer> reconciles = new HashMap<>();
  /** "object reconcile": the reconciles killed at the crash point. */
  private final Set<String> crashedReconciles = new HashSet<>();
  private int longestReconcile;
  private int runStatusWrites;
  private int crashes;

  private CrashSchedule(int afterActionWrite) {
    this.afterActionWrite = afterActionWrite;
  }

  static CrashSchedule never() {
    return new CrashSchedule(NEVER);
  }

  static CrashSchedule afterEachRolloutStatusWrite() {
    return new CrashSchedule(AFTER_ROLLOUT_STATUS);
  }

  static CrashSchedule afterEachRunStatusWrite() {
    return new CrashSchedule(AFTER_RUN_STATUS);
  }

  static CrashSchedule afterActionWrite(int k) {
    return new CrashSchedule(k);
  }

  /** The most action writes one reconcile made. */
  synchronized int longestReconcile() {
    return longestReconcile;
  }

  /** How many AnalysisRun and Experiment status writes there were. */
  synchronized int runStatusWrites() {
    return runStatusWrites;
  }

  /** The step indexes (-1 for none) of the rollout statuses written. */
  synchronized Set<Integer> stepsWritten() {
    return Set.copyOf(stepsWritten);
  }

  /** The step indexes (-1 for none) of the rollout statuses a controller died right after. */
  synchronized Set<Integer> stepsCrashedAt() {
    return Set.copyOf(stepsCrashedAt);
  }

  synchronized int crashes() {
    return crashes;
  }

  /** A short name for the crash point, usable in a namespace. */
  String name() {
    return switch (afterActionWrite) {
      case NEVER -> "uninterrupted";
      case AFTER_ROLLOUT_STATUS -> "status";
      case AFTER_RUN_STATUS -> "runstatus";
      default -> "action" + afterActionWrite;
    };
  }

  @Override
  public String toString() {
    return switch (afterActionWrite) {
      case NEVER -> "no crash";
      case AFTER_ROLLOUT_STATUS -> "a crash after each rollout status write";
      case AFTER_RUN_STATUS -> "a crash after each AnalysisRun or Experiment status write";
      default -> "a crash after action write " + afterActionWrite
          + " (or the last) of each reconcile";
    };
  }

  /** The proxy policy for a newly started controller process. */
  ApiProxy.Policy forNewProcess() {
    return new ApiProxy.Policy() {
      /** This process's action writes in the reconcile under way, by reconciled object. */
      private final Map<String, Integer> writes = new HashMap<>();

      @Override
      public ApiProxy.Fault before(ApiProxy.Call call) {
        synchronized (CrashSchedule.this) {
          if (call.method().equals("POST")) {
            // noted before the create goes out: it may reach the API server, its answer never
            // come back, and the object be written to by the next process
            experimentOwning(call.body())
                .ifPresent(experiment -> experimentObjects.put(created(call), experiment));
          }
          String object = reconciled(call);
          int written = writes.getOrDefault(object, 0);
          boolean endsShortReconcile = object != null && written > 0
              && written < afterActionWrite;
          return endsShortReconcile && crashOnce(object) ? new ApiProxy.Fault.Die()
              : ApiProxy.Fault.NONE;
        }
      }

      @Override
      public boolean dieAfter(ApiProxy.Call call, int status) {
        String path = call.resource();
        boolean done = status >= 200 && status < 300;
        // Events are written after the status, and are not state.
        if (!call.isWrite() || !done || path.contains("/events")) {
          return false;
        }
        synchronized (CrashSchedule.this) {
          String object = reconciled(call);
          if (object != null) {
            writes.remove(object);
            reconciles.merge(object, 1, Integer::sum);
          }
          if (path.contains("/rollouts/") && path.endsWith("/status")) {
            int step = step(call.body());
            stepsWritten.add(step);
            return afterActionWrite == AFTER_ROLLOUT_STATUS && crash(step);
          }
          if (path.endsWith("/status")) {
            runStatusWrites++;
            return afterActionWrite == AFTER_RUN_STATUS && crash(null);
          }
          String owner = experimentObjects.getOrDefault(
              call.method().equals("POST") ? created(call) : path, ROLLOUT);
          int written = writes.merge(owner, 1, Integer::sum);
          longestReconcile = Math.max(longestReconcile, written);
          return written == afterActionWrite && crashOnce(owner);
        }
      }
    };
  }

  /**
   * The object whose reconcile a status write ends (the rollout, or an experiment), null for any
   * other request.
   */
  private static String reconciled(ApiProxy.Call call) {
    String path = call.resource();
    if (!call.isWrite() || !path.endsWith("/status")) {
      return null;
    }
    if (path.contains("/rollouts/")) {
      return ROLLOUT;
    }
    String[] parts = path.split("/");
    return path.contains("/experiments/") ? "experiment " + parts[parts.length - 2] : null;
  }

  /** Crashes in the object's reconcile under way, unless it was crashed in already. */
  private boolean crashOnce(String object) {
    return crashedReconciles.add(object + " " + reconciles.getOrDefault(object, 0))
        && crash(null);
  }

  private boolean crash(Integer step) {
    crashes++;
    if (step != null) {
      stepsCrashedAt.add(step);
    }
    return true;
  }

  /** The path of the object a create makes. */
  private static String created(ApiProxy.Call create) {
    return create.resource() + "/" + read(create.body()).path("metadata").path("name").asText();
  }

  /** The experiment that owns the object created with this body, if one does. */
  private static Optional<String> experimentOwning(String body) {
    for (JsonNode owner : read(body).path("metadata").path("ownerReferences")) {
      if (owner.path("kind").asText().equals("Experiment")) {
        return Optional.of("experiment " + owner.path("name").asText());
      }
    }
    return Optional.empty();
  }

  /** The step index in a status write (a JSON patch whose last operation sets the status). */
  private static int step(String patch) {
    JsonNode operations = read(patch);
    return operations.get(operations.size() - 1).path("value").path("currentStepIndex")
        .asInt(-1);
  }

  private static JsonNode read(String json) {
    try {
      return json.isBlank() ? JSON.missingNode() : JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
