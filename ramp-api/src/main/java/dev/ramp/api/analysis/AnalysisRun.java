package dev.ramp.api.analysis;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One analysis of one revision: its metrics measured over time, and the verdict. */
@Group("ramp.dev")
@Version("v1alpha1")
@Kind("AnalysisRun")
@Plural("analysisruns")
@Singular("analysisrun")
@ShortNames("ar")
public class AnalysisRun extends CustomResource<AnalysisRunSpec, AnalysisRunStatus>
    implements Namespaced {}
