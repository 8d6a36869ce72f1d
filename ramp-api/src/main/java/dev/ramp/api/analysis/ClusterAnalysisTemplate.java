package dev.ramp.api.analysis;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** An AnalysisTemplate shared by all namespaces. */
@Group("ramp.dev")
@Version("v1alpha1")
@Kind("ClusterAnalysisTemplate")
@Plural("clusteranalysistemplates")
@Singular("clusteranalysistemplate")
@ShortNames("cat")
public class ClusterAnalysisTemplate extends CustomResource<AnalysisTemplateSpec, Void> {}
