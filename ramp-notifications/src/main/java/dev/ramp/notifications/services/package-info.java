/**
 * The services a notification can go to besides the generic webhook: one class per {@code
 * service.<type>} of the notifications ConfigMap ({@code slack}, {@code teams}, {@code
 * pagerdutyv2}, {@code email}, {@code grafana}), each built from its entry and sending one
 * message to one recipient.
 */
package dev.ramp.notifications.services;
