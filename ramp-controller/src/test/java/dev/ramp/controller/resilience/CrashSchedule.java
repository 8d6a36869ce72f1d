package dev.ramp.controller.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the controller processes of one run die. A rollout's reconcile writes its actions
 * (ReplicaSets, Services, routes, AnalysisRuns) and then, once, the rollout's status; an
 * AnalysisRun's reconcile writes only the run's status. The proxy sees these writes, so a crash
 * point is "right after the k-th action write of a rollout reconcile", "right after a rollout
 * status write" or "right after an AnalysisRun status write". The write itself reaches the API
 * server; the controller never learns the answer.
 *
 * <p>With {@link #afterActionWrite}, each reconcile of the run (counted by the rollout status
 * writes that ended the ones before it) is killed at the point once; the process that replaces
 * the dead one redoes it, and is killed only in a later one. A controller killed at the same
 * point of the same reconcile forever would make no progress, and no real crash loop is that
 * precise.
 */
final class CrashSchedule {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NEVER = -1;
  private static final int AFTER_ROLLOUT_STATUS = -2;
  private static final int AFTER_RUN_STATUS = -3;

  private final int afterActionWrite;
  private final Set<Integer> stepsWritten = new TreeSet<>();
  private final Set<Integer> stepsCrashedAt = new TreeSet<>();
  private int reconcile;
  private int crashedReconcile = -1;
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

  /** The most action writes one rollout reconcile made. */
  synchronized int longestReconcile() {
    return longestReconcile;
  }

  /** How many AnalysisRun status writes there were. */
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
      case AFTER_RUN_STATUS -> "a crash after each AnalysisRun status write";
      default -> "a crash after action write " + afterActionWrite + " of each reconcile";
    };
  }

  /** The proxy policy for a newly started controller process. */
  ApiProxy.Policy forNewProcess() {
    return new ApiProxy.Policy() {
      private int writes;

      @Override
      public ApiProxy.Fault before(ApiProxy.Call call) {
        return ApiProxy.Fault.NONE;
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
          if (path.contains("/rollouts/") && path.endsWith("/status")) {
            writes = 0;
            reconcile++;
            int step = step(call.body());
            stepsWritten.add(step);
            return afterActionWrite == AFTER_ROLLOUT_STATUS && crash(step);
          }
          if (path.endsWith("/status")) {
            runStatusWrites++;
            return afterActionWrite == AFTER_RUN_STATUS && crash(null);
          }
          writes++;
          longestReconcile = Math.max(longestReconcile, writes);
          if (writes == afterActionWrite && crashedReconcile != reconcile) {
            crashedReconcile = reconcile;
            return crash(null);
          }
          return false;
        }
      }
    };
  }

  private boolean crash(Integer step) {
    crashes++;
    if (step != null) {
      stepsCrashedAt.add(step);
    }
    return true;
  }

  /** The step index in a status write (a JSON patch whose last operation sets the status). */
  private static int step(String patch) {
    try {
      JsonNode operations = JSON.readTree(patch);
      return operations.get(operations.size() - 1).path("value").path("currentStepIndex")
          .asInt(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
