package dev.ramp.engine;

import dev.ramp.api.analysis.AnalysisPhase;
import java.util.List;

/**
 * An Experiment owned by the rollout, made for an experiment step.
 *
 * @param revision the revision being rolled out when it was made
 * @param step the index of its experiment step
 * @param phase its phase (Pending until it has one)
 * @param retired true once Ramp ended it (it is then never used again); false for one a person
 *     terminated
 * @param templates its templates as its status reports them (none before its first status)
 */
public record RolloutExperimentView(String name, String revision, int step, AnalysisPhase phase,
    String message, boolean retired, List<Template> templates) {

  /** An experiment whose status reports no template yet. */
  public RolloutExperimentView(String name, String revision, int step, AnalysisPhase phase,
      String message, boolean retired) {
    this(name, revision, step, phase, message, retired, List.of());
  }

  /**
   * One template of the experiment.
   *
   * @param service its Service, or null when it has none
   * @param availableReplicas its pods that are available
   */
  public record Template(String name, String service, int availableReplicas) {}
}
