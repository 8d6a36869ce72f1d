package dev.ramp.engine.experiment;

import dev.ramp.api.experiment.ExperimentStatus;
import dev.ramp.engine.RolloutEvent;
import java.time.Duration;
import java.util.List;

/**
 * An experiment's decision: the status to write, the actions to apply first, the Events to
 * record after, and when to decide again at the latest (null: on the next change).
 */
public record ExperimentPlan(ExperimentStatus status, List<ExperimentAction> actions,
    List<RolloutEvent> events, Duration requeueAfter) {}
