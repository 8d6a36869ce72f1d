package dev.ramp.notifications;

/**
 * The release a message is about, as the services that need more than the text use it (a
 * PagerDuty dedup key, a Grafana annotation's tags, a Slack thread).
 *
 * @param revision the updated revision's pod-template-hash
 * @param healthy the rollout is healthy again (PagerDuty resolves an incident it opened)
 * @param problem the trigger reports a problem (abort, degraded, failed analysis): PagerDuty
 *     opens an incident, Grafana tags it
 */
public record Release(
    String namespace, String rollout, String uid, String revision, boolean healthy,
    boolean problem) {}
