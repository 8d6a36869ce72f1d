package dev.ramp.cli.notify;

import dev.ramp.api.Rollout;
import dev.ramp.api.notifications.Delivery;
import dev.ramp.cli.CliException;
import dev.ramp.cli.cluster.Cluster;
import dev.ramp.cli.cluster.KubeOptions;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfig;
import dev.ramp.notifications.SendResult;
import dev.ramp.notifications.Subscription;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code notify ROLLOUT --trigger T [--service S]}: sends the trigger's messages now, with the
 * rollout as it is, to the recipients its subscriptions name (or to the service alone), and
 * prints what each service answered. Nothing is recorded in the rollout.
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
    description = {"Send a test notification now: the trigger's messages, made from the"
        + " rollout as it is, to each subscription of the rollout to that trigger (with"
        + " --service, only that service's; to it alone if the rollout has none), through the"
        + " services of the ConfigMap and Secret ramp-notifications. Prints what each service"
        + " answered; records nothing.",
        "Exits 1 when a message could not be sent."})
public final class NotifyCommand implements Callable<Integer> {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin KubeOptions kube;

  @Parameters(index = "0", paramLabel = "ROLLOUT", description = "The rollout.")
  String name;

  @Option(names = "--trigger", required = true, paramLabel = "TRIGGER",
      description = "e.g. on-rollout-aborted.")
  String trigger;

  @Option(names = "--service", paramLabel = "SERVICE",
      description = "Only this service, as subscriptions name it.")
  String service;

  @Option(names = "--notifications-namespace", paramLabel = "NS", defaultValue = "ramp-system",
      description = "Where the ConfigMap and Secret ramp-notifications are (default:"
          + " ${DEFAULT-VALUE}).")
  String configNamespace;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean allSent = true;
    try (Cluster cluster = kube.connect()) {
      Rollout rollout = cluster.rollouts().get(name);
      ConfigMap configMap = cluster.client().configMaps().inNamespace(configNamespace)
          .withName(NotificationConfig.NAME).get();
      if (configMap == null) {
        throw new CliException("no ConfigMap " + NotificationConfig.NAME + " in namespace "
            + configNamespace + " (see --notifications-namespace)");
      }
      Secret secret = cluster.client().secrets().inNamespace(configNamespace)
          .withName(NotificationConfig.NAME).get();
      NotificationConfig config = NotificationConfig.read(configMap, secret,
          "namespace " + configNamespace,
          new HttpSend(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build()));
      for (Subscription subscription : subscriptions(rollout, config)) {
        for (NotificationConfig.Send send : config.sends(trigger, subscription.service())) {
          String to = subscription.service() + (subscription.recipient().isEmpty() ? ""
              : " " + subscription.recipient());
          if (send.problem() != null) {
            out.println(to + ": not sent: " + send.problem());
            allSent = false;
            continue;
          }
          SendResult result = config.outgoing(rollout,
                  delivery(rollout, subscription, send.template()), "", Map.of())
              .map(outgoing -> send.service().service().send(outgoing)).orElseThrow();
          out.println(to + ": " + (result instanceof SendResult.Delivered ? "sent"
              : "not sent") + ": " + result.message());
          allSent &= result instanceof SendResult.Delivered;
        }
      }
    }
    out.flush();
    return allSent ? 0 : 1;
  }

  /** The rollout's subscriptions to the trigger (of the service, when one is given). */
  private List<Subscription> subscriptions(Rollout rollout, NotificationConfig config) {
    List<Subscription> subscriptions = Subscription.of(Objects.requireNonNullElse(
            rollout.getMetadata().getAnnotations(), Map.of()), config).stream()
        .filter(s -> s.trigger().equals(trigger))
        .filter(s -> service == null || s.service().equals(service))
        .toList();
    if (!subscriptions.isEmpty()) {
      return subscriptions;
    }
    if (service == null) {
      throw new CliException("rollout \"" + name + "\" has no subscription to " + trigger
          + ": name a service with --service");
    }
    return List.of(new Subscription(trigger, service, ""));
  }

  /** A delivery of the trigger now: not recorded, so its id is its own. */
  private Delivery delivery(Rollout rollout, Subscription subscription, String template) {
    Delivery delivery = new Delivery();
    delivery.id = "test-" + UUID.randomUUID();
    delivery.trigger = trigger;
    delivery.template = template;
    delivery.service = subscription.service();
    delivery.recipient = subscription.recipient();
    var status = rollout.getStatus();
    delivery.revision = status == null ? "" : status.updatedRevision;
    delivery.step = status == null ? null : status.currentStepIndex;
    delivery.weight = status == null || status.canary == null ? null : status.canary.weight;
    delivery.verdict = status == null ? null
        : status.abortMessage != null ? status.abortMessage : status.message;
    return delivery;
  }
}
