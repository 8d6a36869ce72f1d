package dev.ramp.sim.apiserver;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A kubeconfig whose cluster, context and user are all named {@value #NAME}. */
final class SandboxKubeconfig {
  static final String NAME = "ramp-sandbox";

  private SandboxKubeconfig() {}

  static void write(Path file, String serverUrl, Map<String, String> extensions) {
    Config config = new ConfigBuilder()
        .withApiVersion("v1").withKind("Config")
        .addNewCluster().withName(NAME).withNewCluster().withServer(serverUrl).endCluster()
        .endCluster()
        .addNewContext().withName(NAME).withNewContext()
        .withCluster(NAME).withUser(NAME).withNamespace("default")
        .addNewExtension().withName(NAME).withExtension(extensions).endExtension()
        .endContext().endContext()
        .addNewUser().withName(NAME).withNewUser().endUser().endUser()
        .withCurrentContext(NAME)
        .build();
    try {
      Files.writeString(file, new KubernetesSerialization().asYaml(config));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kubeconfig " + file, e);
    }
  }
}
