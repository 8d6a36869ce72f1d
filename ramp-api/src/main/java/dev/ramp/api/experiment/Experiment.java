package dev.ramp.api.experiment;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Versions run side by side for a while, as Argo Rollouts' Experiment: one ReplicaSet (and
 * optionally a Service) per template, and analyses judging them.
 */
@Group("ramp.dev")
@Version("v1alpha1")
@Kind("Experiment")
@Plural("experiments")
@Singular("experiment")
@ShortNames("exp")
public class Experiment extends CustomResource<ExperimentSpec, ExperimentStatus>
    implements Namespaced {
  @Override
  protected ExperimentStatus initStatus() {
    return new ExperimentStatus();
  }
}
