package dev.ramp.api.analysis;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** How to measure a revision: arguments and metrics, used by rollouts to create AnalysisRuns. */
@Group("ramp.dev")
@Version("v1alpha1")
@Kind("AnalysisTemplate")
@Plural("analysistemplates")
@Singular("analysistemplate")
@ShortNames("at")
public class AnalysisTemplate extends CustomResource<AnalysisTemplateSpec, Void>
    implements Namespaced {}
