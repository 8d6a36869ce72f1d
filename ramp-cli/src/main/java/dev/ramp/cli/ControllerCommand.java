package dev.ramp.cli;

import dev.ramp.controller.RampOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs Ramp's controller against the cluster of the current kubeconfig. */
@Command(mixinStandardHelpOptions = true, name = "controller",
    description = "Run the Ramp controller against the cluster of the current kubeconfig.")
final class ControllerCommand implements Callable<Integer> {
  private static final String CRD = "rollouts.ramp.dev";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-n", "--namespace"}, split = ",",
      description = "Namespaces to watch (repeat or comma-separate); all when absent.")
  List<String> namespaces = List.of();

  @Override
  public Integer call() throws InterruptedException {
    KubernetesClient client = new KubernetesClientBuilder().build();
    String problem = checkCluster(client);
    if (problem != null) {
      spec.commandLine().getErr().println(problem);
      client.close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (RampOperator operator =
        RampOperator.start(client, Clock.systemUTC(), new LinkedHashSet<>(namespaces))) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      spec.commandLine().getOut().println("Ramp controller running against "
          + client.getMasterUrl() + (namespaces.isEmpty() ? " (all namespaces)"
              : " (namespaces " + String.join(", ", namespaces) + ")") + ". Ctrl-C stops it.");
      stopped.await();
    } finally {
      client.close();
    }
    return 0;
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
      if (client.apiextensions().v1().customResourceDefinitions().withName(CRD).get() == null) {
        return "The Rollout CRD (" + CRD + ") is not installed in " + client.getMasterUrl()
            + ". Install it with: kubectl apply -f deploy/crds/";
      }
      return null;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return null; // not allowed to look at CRDs: let the controller find out
      }
      return "Cannot reach the Kubernetes API at " + client.getMasterUrl() + " (" + rootCause(e)
          + "). Check your kubeconfig (KUBECONFIG or ~/.kube/config).";
    }
  }
}
