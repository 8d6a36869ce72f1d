package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.api.gates.Gate;
import dev.ramp.api.gates.Hooks;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.previewService) || self.previewService != self.activeService",
    message = "activeService and previewService must be different Services")
public class BlueGreenStrategy {
  @Required
  @JsonPropertyDescription("Service your users reach; Ramp pins its selector to the active"
      + " revision and switches it to the new one at promotion.")
  public String activeService;

  @JsonPropertyDescription("Service pinned to the new revision before promotion, for checks;"
      + " to the active revision otherwise.")
  public String previewService;

  @JsonPropertyDescription("Promote without a person once the new revision is ready and its"
      + " pre-promotion analysis passed. Defaults to true.")
  public Boolean autoPromotionEnabled;

  @Min(0)
  @JsonPropertyDescription("With auto-promotion: seconds to wait before promoting.")
  public Integer autoPromotionSeconds;

  @Min(1)
  @JsonPropertyDescription("Pods of the new revision before promotion; scaled to replicas"
      + " before the switch. Defaults to replicas.")
  public Integer previewReplicaCount;

  @Min(0)
  @JsonPropertyDescription("Seconds the previous revision keeps running after the switch, for"
      + " an instant switch back. Defaults to 30.")
  public Integer scaleDownDelaySeconds;

  @Min(0)
  @JsonPropertyDescription("Seconds an aborted or replaced new revision keeps running once the"
      + " Services moved away from it. Defaults to 30.")
  public Integer abortScaleDownDelaySeconds;

  @JsonPropertyDescription("Analysis of the new revision, through the preview Service, before"
      + " promotion; promotion waits for it to succeed.")
  public RolloutAnalysis prePromotionAnalysis;

  @JsonPropertyDescription("Analysis after the switch; when it fails the active Service"
      + " switches back to the previous revision and the rollout is aborted.")
  public RolloutAnalysis postPromotionAnalysis;

  @JsonPropertyDescription("Outside systems that must say yes at fixed points of a release.")
  public List<Gate> gates;

  @JsonPropertyDescription("Calls before and after a release, and a URL that can abort it.")
  public Hooks hooks;
}
