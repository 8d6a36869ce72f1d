package dev.ramp.cli.cluster;

import dev.ramp.cli.CliException;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which cluster and namespace a command talks to, chosen as kubectl chooses them: the kubeconfig
 * from {@code --kubeconfig}, else {@code $KUBECONFIG}, else {@code ~/.kube/config}.
 */
public final class KubeOptions {
  /** A CLI gives up quickly: fabric8's default retries would hide an unreachable API for ~2 min. */
  private static final int RETRIES = 2;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME",
      description = "Kubeconfig context (default: the current context).")
  String context;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "Namespace (default: the context's namespace, else default).")
  String namespace;

  /** The API server's URL once connected, for messages about it. */
  private String server;

  public Cluster connect() {
    Config config = config();
    config.setRequestRetryBackoffLimit(RETRIES);
    server = config.getMasterUrl();
    String ns = namespace != null ? namespace
        : config.getNamespace() != null ? config.getNamespace() : "default";
    return new Cluster(new KubernetesClientBuilder().withConfig(config).build(), ns);
  }

  /** The API server's URL, or null before {@link #connect()}. */
  public String server() {
    return server;
  }

  private Config config() {
    Config config;
    if (kubeconfig != null) {
      if (!Files.isReadable(kubeconfig)) {
        throw new CliException("kubeconfig " + kubeconfig + " does not exist or is not readable");
      }
      try {
        config = Config.fromKubeconfig(context, kubeconfig.toFile());
      } catch (KubernetesClientException e) {
        throw new CliException("kubeconfig " + kubeconfig + " cannot be read: " + e.getMessage());
      }
    } else {
      config = Config.autoConfigure(context);
    }
    // fabric8 falls back to the current context when the one asked for does not exist.
    if (context != null && !contextNames(config).contains(context)) {
      throw new CliException("context \"" + context + "\" not found in the kubeconfig (contexts: "
          + String.join(", ", contextNames(config)) + ")");
    }
    return config;
  }

  private static List<String> contextNames(Config config) {
    return config.getContexts() == null ? List.of()
        : config.getContexts().stream().map(NamedContext::getName).toList();
  }
}
