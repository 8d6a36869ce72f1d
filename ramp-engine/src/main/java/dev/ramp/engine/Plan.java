package dev.ramp.engine;

import dev.ramp.api.RolloutStatus;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of one decision: apply {@code actions} in order, write {@code status}, then record
 * {@code events}.
 *
 * @param requeueAfter when to look again even if nothing changes, or null
 */
public record Plan(
    RolloutStatus status, List<Action> actions, List<RolloutEvent> events, Duration requeueAfter) {}
