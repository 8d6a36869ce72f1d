/**
 * Notifications: which triggers fire for a rollout, which subscriptions want them, the templates
 * rendered for each service, and their delivery, recorded in the Rollout so that each is sent
 * once across restarts. One class per service behind {@link
 * dev.ramp.notifications.NotificationService}.
 */
package dev.ramp.notifications;
