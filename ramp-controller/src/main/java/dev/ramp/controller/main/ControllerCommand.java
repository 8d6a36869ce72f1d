package dev.ramp.controller.main;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.ClusterAnalysisTemplate;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.controller.RampOperator;
import dev.ramp.controller.client.ControllerClient;
import dev.ramp.controller.config.ControllerConfig;
import dev.ramp.controller.config.InvalidConfigException;
import dev.ramp.controller.config.NotificationSettings;
import dev.ramp.controller.config.Setting;
import dev.ramp.controller.logging.Logging;
import dev.ramp.controller.observability.ControllerEndpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Runs Ramp's controller against the cluster of the current kubeconfig: the main of the
 * controller's own jar (and of its container image), and {@code ramp controller} of the CLI.
 */
@Command(mixinStandardHelpOptions = true, name = "controller",
    modelTransformer = ControllerCommand.SettingOptions.class,
    description = "Run the Ramp controller against the cluster of the current kubeconfig"
        + " (in a pod: its service account). Each option can also be set by the environment"
        + " variable named after it; the option wins.")
public final class ControllerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerCommand.class);
  /**
   * The kinds the controller watches: an informer on a kind whose CRD is missing never syncs,
   * so each one's CRD must be installed before it starts (the rollouts' reconciler watches
   * Experiments too, so none of them is optional).
   */
  private static final List<Class<? extends HasMetadata>> KINDS = List.of(Rollout.class,
      AnalysisRun.class, AnalysisTemplate.class, ClusterAnalysisTemplate.class, Experiment.class);
  /** Exit code for bad settings, as picocli's for a bad command line. */
  private static final int INVALID_SETTINGS = 2;
  /** Exit code when the controller cannot start, as picocli's for a failed command. */
  private static final int CANNOT_START = 1;
  /** Exit code after losing leadership: Kubernetes restarts the pod, which rejoins. */
  private static final int LOST_LEADERSHIP = 1;

  @CommandLine.Spec CommandSpec spec;

  /** The options are the controller's settings, declared once in {@link Setting}. */
  static final class SettingOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
      for (Setting setting : Setting.values()) {
        OptionSpec.Builder option = OptionSpec.builder(setting.flag())
            .description(setting.description() + " Env: " + setting.env() + ".");
        if (setting.valueLabel() == null) {
          // a switch: "--leader-election" alone is true; "--leader-election=false" also works
          option.arity("0..1").fallbackValue("true").paramLabel("true|false")
              .type(String.class);
        } else {
          option.paramLabel(setting.valueLabel()).type(String.class);
        }
        command.addOption(option.build());
      }
      return command;
    }
  }

  @Override
  public Integer call() {
    ControllerConfig config;
    NotificationSettings notifications;
    try {
      config = ControllerConfig.read(flags(), System.getenv());
      notifications = NotificationSettings.read(flags(), System.getenv());
    } catch (InvalidConfigException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return INVALID_SETTINGS;
    }
    Logging.use(config.logFormat());
    PrometheusMeterRegistry registry = ControllerEndpoints.newRegistry();
    try (KubernetesClient client =
        ControllerClient.create(Config.autoConfigure(null), config, registry)) {
      String problem = checkCluster(client);
      if (problem != null) {
        throw new CannotStart(problem);
      }
      return run(client, config, notifications, registry);
    } catch (CannotStart e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CANNOT_START;
    }
  }

  /** The options given, by name, as the strings typed. */
  private Map<String, String> flags() {
    Map<String, String> flags = new HashMap<>();
    for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
      flags.put(option.longestName(), String.valueOf((Object) option.getValue()));
    }
    return flags;
  }

  private int run(KubernetesClient client, ControllerConfig config,
      NotificationSettings notifications, PrometheusMeterRegistry registry) {
    RampOperator operator = RampOperator.create(client, Clock.systemUTC(), config, registry,
        notifications);
    // On SIGTERM the operator stops in order (reconciles under way finish) before the JVM ends.
    Runtime.getRuntime().addShutdownHook(new Thread(operator::close, "ramp-shutdown"));
    try (operator; ControllerEndpoints endpoints = endpoints(config, registry, operator)) {
      start(operator);
      // logged rather than printed, so that JSON logs stay all JSON
      LOG.info("Ramp controller running against {} ({}); metrics and probes on port {}",
          client.getMasterUrl(), config.namespaces().isEmpty() ? "all namespaces"
              : "namespaces " + String.join(", ", config.namespaces()), endpoints.port());
      if (operator.awaitStop() == RampOperator.Stop.LEADERSHIP_LOST) {
        LOG.warn("Lost leadership: stopped, exiting so that this instance rejoins as a follower");
        return LOST_LEADERSHIP;
      }
      return 0;
    }
  }

  private static void start(RampOperator operator) {
    try {
      operator.start();
    } catch (OperatorException e) {
      throw new CannotStart("the controller could not start: " + rootCause(e));
    }
  }

  private static ControllerEndpoints endpoints(ControllerConfig config,
      PrometheusMeterRegistry registry, RampOperator operator) {
    try {
      return ControllerEndpoints.start(config.port(), registry, operator::alive, operator::ready);
    } catch (UncheckedIOException e) {
      throw new CannotStart(e.getMessage());
    }
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /** Why the controller cannot run against this cluster, or null when it can. */
  private static String checkCluster(KubernetesClient client) {
    try {
      List<Class<? extends HasMetadata>> missing = new ArrayList<>();
      for (Class<? extends HasMetadata> kind : KINDS) {
        if (client.apiextensions().v1().customResourceDefinitions()
            .withName(HasMetadata.getFullResourceName(kind)).get() == null) {
          missing.add(kind);
        }
      }
      return missing.isEmpty() ? null : notInstalled(missing, client);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return null; // not allowed to look at CRDs: let the controller find out
      }
      return "Cannot reach the Kubernetes API at " + client.getMasterUrl() + " (" + rootCause(e)
          + "). Check your kubeconfig (KUBECONFIG or ~/.kube/config).";
    }
  }

  /**
   * "The Experiment CRD (experiments.ramp.dev) is not installed in ...", naming every missing
   * one. Helm installs a chart's CRDs on the first install only, so an upgrade that brings a new
   * kind leaves its CRD out: the same command installs it.
   */
  private static String notInstalled(List<Class<? extends HasMetadata>> missing,
      KubernetesClient client) {
    List<String> kinds = missing.stream().map(HasMetadata::getKind).toList();
    String names = missing.stream().map(HasMetadata::getFullResourceName)
        .collect(Collectors.joining(", "));
    boolean one = missing.size() == 1;
    String which = one ? kinds.get(0) : String.join(", ", kinds.subList(0, kinds.size() - 1))
        + " and " + kinds.get(kinds.size() - 1);
    return "The " + which + (one ? " CRD (" : " CRDs (") + names + (one ? ") is" : ") are")
        + " not installed in " + client.getMasterUrl() + ". Install " + (one ? "it" : "them")
        + " with: kubectl apply -f deploy/crds/ (Helm installs a chart's CRDs on a first"
        + " install only, not on an upgrade)";
  }

  /** Why the controller cannot start, said in one line without a stack trace. */
  private static final class CannotStart extends RuntimeException {
    CannotStart(String message) {
      super(message);
    }
  }

  /** The main of ramp-controller.jar. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ControllerCommand()).setCommandName("ramp-controller")
        .execute(args));
  }
}
