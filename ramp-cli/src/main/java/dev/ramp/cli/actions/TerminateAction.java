package dev.ramp.cli.actions;

import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.cli.CliException;
import dev.ramp.cli.cluster.Cluster;
import dev.ramp.cli.cluster.KubeOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Ends one object that runs until told otherwise (an AnalysisRun, an Experiment) by setting
 * {@code spec.terminate: true}, as Argo Rollouts' plugin does; the controller then ends it
 * Successful with the message "terminated". Only {@code spec.terminate} is written, never Ramp's
 * {@code ramp.dev/retired} mark: a person's terminate stays a person's.
 */
abstract class TerminateAction<T extends HasMetadata> implements Callable<Integer> {
  private static final String TERMINATE = "{\"spec\":{\"terminate\":true}}";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin KubeOptions kube;

  @Parameters(index = "0", paramLabel = "NAME", description = "The analysis run or experiment.")
  String name;

  private final String kind;
  private final Class<T> type;

  TerminateAction(String kind, Class<T> type) {
    this.kind = kind;
    this.type = type;
  }

  /** Its {@code status.phase}, null before the controller wrote one. */
  abstract String phase(T object);

  @Override
  public Integer call() {
    try (Cluster cluster = kube.connect()) {
      Resource<T> resource = cluster.client().resources(type).inNamespace(cluster.namespace())
          .withName(name);
      T object = resource.get();
      if (object == null) {
        throw notFound(cluster);
      }
      String phase = phase(object);
      // Already ended: nothing to stop, and the phase it ended in is what it measured. Exit 0, as
      // Argo's plugin does, since what the person asked for (that it no longer runs) holds.
      String done = phase != null && AnalysisPhase.of(phase).completed()
          ? named() + " already ended " + phase + ": nothing to terminate"
          : terminate(resource, cluster);
      spec.commandLine().getOut().println(done);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  private String terminate(Resource<T> resource, Cluster cluster) {
    try {
      resource.patch(PatchContext.of(PatchType.JSON_MERGE), TERMINATE);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) { // deleted since it was read
        throw notFound(cluster);
      }
      throw e;
    }
    return named() + " terminated: it ends Successful with the message \"terminated\"";
  }

  /** {@code experiment "checkout-2-1"}: how every line names the object. */
  private String named() {
    return kind + " \"" + name + "\"";
  }

  private CliException notFound(Cluster cluster) {
    return new CliException(named() + " not found in namespace \"" + cluster.namespace() + "\"");
  }
}
